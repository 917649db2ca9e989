// The bytes of one nested zip kept in memory, counted against the run's NESTED_MEMORY (all levels
// together): one buffer of the size the outer header gave, or chunks when it gave none.
import { NESTED_MEMORY, type Budget } from './budget';

export class Held {
  private chunks: Buffer[] = [];
  private buf: Buffer | null = null;
  private used = 0;
  private counted = 0;

  constructor(private budget: Budget, private size?: number) {}

  /** Keeps `c`; false (nothing kept) when it would pass the memory for nested zips or the announced size. */
  add(c: Buffer): boolean {
    if (this.size !== undefined && this.used + c.length <= this.size) {
      if (!this.buf) {
        if (this.budget.buffered + this.size > NESTED_MEMORY) return false;
        this.buf = Buffer.allocUnsafe(this.size);
        this.count(this.size);
      }
      c.copy(this.buf, this.used);
      this.used += c.length;
      return true;
    }
    if (this.buf || this.budget.buffered + c.length > NESTED_MEMORY) return false;
    this.chunks.push(c);
    this.used += c.length;
    this.count(c.length);
    return true;
  }

  /** What was kept, as chunks to write elsewhere; the memory is released. */
  take(): Buffer[] {
    const out = this.buf ? [this.buf.subarray(0, this.used)] : this.chunks;
    this.buf = null;
    this.chunks = [];
    this.used = 0;
    this.release();
    return out;
  }

  /** The whole zip as one buffer (stays counted until release). */
  buffer(): Buffer {
    if (this.buf) return this.buf.subarray(0, this.used);
    const b = Buffer.concat(this.chunks);
    this.chunks = [b];
    return b;
  }

  release(): void {
    this.budget.buffered -= this.counted;
    this.counted = 0;
  }

  private count(n: number): void {
    this.counted += n;
    this.budget.buffered += n;
  }
}
