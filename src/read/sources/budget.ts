// What one archive may cost, across every level of nesting: the bytes it expands to (a zip bomb
// stops with one clear warning) and the bytes of nested zips held in memory (past that they are
// spilled to a temp file). One Budget per input path given by the user or stdin.
import { Transform, type Readable, type TransformCallback } from 'node:stream';

/** An archive may always expand to this much, whatever its size. */
export const EXPAND_FLOOR = 256 << 20;
/** Past the floor, at most this many times the archive's own bytes (real logs compress 10-50x; deflate's limit is 1032x). */
export const EXPAND_RATIO = 200;
/** Nested zips held in memory at once, all levels together; a nested zip past it goes to a temp file. */
export const NESTED_MEMORY = 32 << 20;

/** The error a metered member ends with once the archive has expanded past its budget. */
export class ExpansionStop extends Error {}

export class Budget {
  /** bytes all members (and nested zips) expanded to so far */
  expanded = 0;
  /** bytes of nested zips held in memory now */
  buffered = 0;
  over = false;
  /** the member being read when the budget ran out (its lines before are analysed), if one was */
  stoppedIn: string | null = null;
  private warned = false;

  /** `root`: the archive as the user named it; `rawBytes`: its own bytes read (or its size). */
  constructor(readonly root: string, private rawBytes: () => number) {}

  limit(): number {
    return Math.max(EXPAND_FLOOR, EXPAND_RATIO * this.rawBytes());
  }

  /** Counts `n` expanded bytes; false once the archive is past its budget. */
  charge(n: number): boolean {
    this.expanded += n;
    if (!this.over && this.expanded > this.limit()) this.over = true;
    return !this.over;
  }

  /** The one warning, said once on the archive the user named. */
  warning(): string | null {
    if (!this.over || this.warned) return null;
    this.warned = true;
    const mb = (n: number) => (n < 1 << 20 ? `${Math.ceil(n / 1024)} KiB` : `${Math.round(n / (1 << 20))} MiB`);
    const inside = this.stoppedIn === null ? '' : ` in ${this.stoppedIn.startsWith(`${this.root}!`) ? this.stoppedIn.slice(this.root.length + 1) : this.stoppedIn} (its lines before are analysed)`;
    return `expands to more than ${mb(this.limit())} from ${mb(this.rawBytes())} (over ${EXPAND_RATIO} times its size: a zip bomb?): stopped reading it${inside}; the members before are analysed`;
  }

  /**
   * A member's bytes, counted; the member (`path`) fails with ExpansionStop once the budget is
   * spent. That failure is no warning of its own: the archive's one warning names the member.
   */
  meter(body: Readable, path?: string): Readable {
    const t = new Transform({
      transform: (c: Buffer, _e, cb: TransformCallback) => {
        if (this.charge(c.length)) return cb(null, c);
        if (path !== undefined) this.stoppedIn ??= path;
        cb(new ExpansionStop('archive expands past its budget (a zip bomb?): stopped reading'));
      },
    });
    body.on('error', (e) => t.destroy(e));
    t.on('close', () => { if (!body.readableEnded) body.destroy(); });
    return body.pipe(t);
  }
}

/** A stream that counts the bytes passing through it (an archive's own bytes, when its size is unknown). */
export function counted(body: Readable): { body: Readable; bytes: () => number } {
  let n = 0;
  const t = new Transform({ transform: (c: Buffer, _e, cb: TransformCallback) => { n += c.length; cb(null, c); } });
  body.on('error', (e) => t.destroy(e));
  t.on('close', () => { if (!body.readableEnded) body.destroy(); });
  return { body: body.pipe(t), bytes: () => n };
}
