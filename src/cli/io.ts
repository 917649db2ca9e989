// What the CLI needs from the outside world; tests pass a fake.
import type { Readable } from 'node:stream';

export interface Io {
  stdout: { write(s: string): unknown; isTTY?: boolean };
  stderr: { write(s: string): unknown; isTTY?: boolean };
  stdin: Readable & { isTTY?: boolean };
  env: Record<string, string | undefined>;
  /** the clock progress is timed by (tests pass a fake); Date.now when absent */
  now?: () => number;
}

/** Parsed arguments as yargs hands them over. */
export type Args = Record<string, unknown>;
