// The one CLI test driver: main(argv, io) in-process with a fake terminal. `fakeIo` is the
// terminal (stdout and stderr collected, stdin from a string, a buffer or any stream); `runCli`
// runs a command and returns what it wrote, its exit code and, when stdout is one JSON document,
// the report; `runJson` asks the report command for JSON (the bad-input suite's shape).
import { Readable } from 'node:stream';
import { main } from '../../src/cli/main';
import type { Io } from '../../src/cli/io';
import type { Report } from '../../src/types';

export interface FakeIo extends Io {
  out: () => string;
  err: () => string;
}

export interface TerminalOptions {
  /** what stdin holds: text, bytes, or a stream (a device); none: stdin is a terminal */
  stdin?: string | Buffer | Readable | null;
  env?: Record<string, string>;
  /** stdout and stderr are terminals (colours, progress, fitting) */
  tty?: boolean;
  /** only stderr is a terminal (the progress line) */
  ttyErr?: boolean;
  /** the clock progress is timed by */
  now?: () => number;
}

export function fakeIo(o: TerminalOptions = {}): FakeIo {
  let out = '';
  let err = '';
  const s = o.stdin ?? null;
  const stdin = (s instanceof Readable ? s : Readable.from(s === null || s.length === 0 ? [] : [Buffer.from(s)])) as Readable & { isTTY?: boolean };
  stdin.isTTY = s === null;
  return {
    stdout: { write: (x: string) => (out += x), isTTY: o.tty ?? false },
    stderr: { write: (x: string) => (err += x), isTTY: o.ttyErr ?? o.tty ?? false },
    stdin,
    env: o.env ?? {},
    ...(o.now ? { now: o.now } : {}),
    out: () => out,
    err: () => err,
  };
}

export interface Run { code: number; stdout: string; stderr: string; report: Report | null; ms: number }

/** `rke2-outage <argv>` in-process. */
export async function runCli(argv: string[], o: TerminalOptions = {}): Promise<Run> {
  // stdin is an empty pipe unless the test says otherwise (a terminal stdin with no paths is a usage error)
  const io = fakeIo({ ...o, stdin: o.stdin === undefined ? '' : o.stdin });
  const t0 = Date.now();
  const code = await main(argv, io);
  const stdout = io.out();
  let report: Report | null = null;
  // a report is one JSON document; `events` prints one per line (not a report)
  if (stdout.trim().startsWith('{')) try { report = JSON.parse(stdout) as Report; } catch { report = null; }
  return { code, stdout, stderr: io.err(), report, ms: Date.now() - t0 };
}

/** `rke2-outage --format json <args>` (events: as given) with `stdin` piped in. */
export function runJson(args: string[], stdin: Buffer | string | Readable = ''): Promise<Run> {
  return runCli(args[0] === 'events' ? args : ['--format', 'json', ...args], { stdin });
}

export const CASE1 = 'fixtures/ecs-server-down';
export const CASE2 = 'fixtures/ecs-agent-down';
