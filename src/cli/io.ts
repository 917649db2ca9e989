// What the CLI needs from the outside world; tests pass a fake.
import type { Readable } from 'node:stream';

export interface Io {
  stdout: { write(s: string): unknown; isTTY?: boolean };
  stderr: { write(s: string): unknown; isTTY?: boolean };
  stdin: Readable & { isTTY?: boolean };
  env: Record<string, string | undefined>;
}

/** Parsed arguments as yargs hands them over. */
export type Args = Record<string, unknown>;
