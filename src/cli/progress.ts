// Progress on stderr for long runs, only on a terminal: silent for the first second, then one
// self-overwriting line per input, updated as a big input is read (by bytes, throttled); cleared
// at the end so the report stays clean. Paths are shown through a display function:
// terminal-safe by default, hidden under --redact (redaction.ts progressName).
import { termSafe } from '../render/escape';

export interface ProgressSink {
  write(s: string): unknown;
  isTTY?: boolean;
}

/** The callbacks collect() reports to, and `done` that clears the line. */
export interface Progress {
  /** an input starts; `size` is its byte count when known (a plain file), for a percentage */
  onProgress: (path: string, i: number, n: number, size?: number | null) => void;
  /** bytes of the current input read so far, one call per chunk */
  onBytes: (bytes: number) => void;
  done: () => void;
}

/** Widest progress line: narrower than an 80-column terminal. */
const WIDTH = 79;
/** Silent for this long: short runs never show a progress line. */
const QUIET_MS = 1000;
/** At most one redraw per this long while a big input is read. */
const REDRAW_MS = 250;
/** Bytes between two looks at the clock: keeps the per-chunk cost to an addition and a compare. */
const CLOCK_EVERY = 4 << 20;

/** Human byte count: 812 KB, 45.3 MB, 1.2 GB. */
export function fmtBytes(n: number): string {
  if (n < 1 << 20) return `${Math.round(n / 1024)} KB`;
  if (n < 1 << 30) return `${(n / (1 << 20)).toFixed(1)} MB`;
  return `${(n / (1 << 30)).toFixed(1)} GB`;
}

/** Returns the progress callbacks (no-ops off a terminal); `show` turns an input's path into what the line prints. */
export function progressOn(err: ProgressSink, now: () => number = Date.now, show: (path: string) => string = termSafe): Progress {
  if (!err.isTTY) return { onProgress: () => undefined, onBytes: () => undefined, done: () => undefined };
  const t0 = now();
  let shown = false;
  let cur = { path: '', i: 0, n: 0, size: null as number | null };
  let read = 0;
  let lookAt = CLOCK_EVERY;
  let drawnAt = -Infinity;
  const draw = (t: number) => {
    shown = true;
    drawnAt = t;
    const amount = !read ? '' : cur.size ? ` ${Math.min(100, Math.floor((read / cur.size) * 100))}% of ${fmtBytes(cur.size)}` : ` ${fmtBytes(read)} read`;
    const name = show(cur.path);
    const head = `reading ${cur.i + 1}/${cur.n}${name ? ' ' : ''}`;
    // the line must fit 80 columns, or the terminal wraps it and \r no longer overwrites it
    const room = Math.max(20, WIDTH - head.length - amount.length);
    const tail = name.length > room ? '…' + name.slice(-(room - 1)) : name;
    err.write(`\r\x1b[2K${head}${tail}${amount}`);
  };
  return {
    onProgress: (path, i, n, size = null) => {
      cur = { path, i, n, size };
      read = 0;
      lookAt = CLOCK_EVERY;
      const t = now();
      if (t - t0 >= QUIET_MS) draw(t);
    },
    onBytes: (bytes) => {
      read += bytes;
      if (read < lookAt) return;
      lookAt = read + CLOCK_EVERY;
      const t = now();
      if (t - t0 >= QUIET_MS && t - drawnAt >= REDRAW_MS) draw(t);
    },
    done: () => { if (shown) err.write('\r\x1b[2K'); },
  };
}
