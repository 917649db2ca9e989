// What the CLI needs from the outside world; tests pass a fake.
import type { Readable } from 'node:stream';

/** Where output goes: process.stdout, or a test's fake. A stream's `once` lets writers wait for `drain`. */
export interface Out { write(s: string): unknown; isTTY?: boolean; once?(event: 'drain' | 'close' | 'error', cb: () => void): unknown }

export interface Io {
  stdout: Out;
  stderr: { write(s: string): unknown; isTTY?: boolean };
  stdin: Readable & { isTTY?: boolean };
  env: Record<string, string | undefined>;
  /** the clock progress is timed by (tests pass a fake); Date.now when absent */
  now?: () => number;
}

/** Parsed arguments as yargs hands them over. */
export type Args = Record<string, unknown>;

/**
 * Writes one piece and, when the stream's buffer is full (write returned false), waits until it
 * drains: a writer of millions of lines holds at most one piece more than the stream's buffer.
 */
export async function writeDrained(out: Out, s: string): Promise<void> {
  if (out.write(s) !== false || !out.once) return;
  await new Promise<void>((resolve) => {
    // a closed pipe (| head) never drains: it ends the wait too
    let done = false;
    const end = () => { if (!done) { done = true; resolve(); } };
    out.once!('drain', end);
    out.once!('close', end);
    out.once!('error', end);
  });
}
