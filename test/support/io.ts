// A fake terminal for main(argv, io): collects stdout/stderr, feeds stdin from a string.
import { Readable } from 'node:stream';
import type { Io } from '../../src/cli/main';

export interface FakeIo extends Io {
  out: () => string;
  err: () => string;
}

export function fakeIo(stdin: string | null = null, env: Record<string, string> = {}): FakeIo {
  let out = '';
  let err = '';
  const input = Readable.from(stdin === null ? [] : [Buffer.from(stdin)]) as Readable & { isTTY?: boolean };
  input.isTTY = stdin === null;
  return {
    stdout: { write: (s: string) => (out += s), isTTY: false },
    stderr: { write: (s: string) => (err += s), isTTY: false },
    stdin: input,
    env,
    out: () => out,
    err: () => err,
  };
}
