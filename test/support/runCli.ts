// Drives main(argv, io) with a fake io and captures what it writes (shared by the render tests).
import { Readable } from 'node:stream';
import { main } from '../../src/cli/main';

export interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

export async function runCli(argv: string[], opts: { tty?: boolean; env?: Record<string, string> } = {}): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const stdin = Object.assign(Readable.from([]), { isTTY: false });
  const code = await main(argv, {
    stdout: { write: (s: string) => (stdout += s), isTTY: opts.tty ?? false },
    stderr: { write: (s: string) => (stderr += s), isTTY: opts.tty ?? false },
    stdin,
    env: opts.env ?? {},
  });
  return { code, stdout, stderr };
}

export const CASE1 = 'fixtures/ecs-server-down';
export const CASE2 = 'fixtures/ecs-agent-down';
