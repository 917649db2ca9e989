// Runs the CLI in-process (main(argv, io)) on generated bad inputs in a temp folder, never the repo.
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Readable } from 'node:stream';
import { main } from '../../src/cli/main';
import type { Report } from '../../src/types';

export const FIXTURE = path.join(__dirname, '..', '..', 'fixtures', 'ecs-server-down');
/** The first server's stderr.log of seed case #1: it alone shows the outage of 10.113.207.142. */
export const WS1 = path.join(FIXTURE, 'feng-ws1.sme-feng.athens.cloudera.com', 'process', '1546338947-ecs-ECS_SERVER', 'logs', 'stderr.log');
export const ws1Text = (): string => readFileSync(WS1, 'utf8');
export const PEER = '10.113.207.142';
export const START = '2022-12-29T09:13:37.000Z';

export interface Run { code: number; stdout: string; stderr: string; report: Report | null; ms: number }

/** `rke2-outage --format json <args>` with `stdin` as the piped input. */
export async function run(args: string[], stdin: Buffer | string = ''): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const input = Object.assign(Readable.from(stdin.length ? [Buffer.from(stdin)] : []), { isTTY: false });
  const t0 = Date.now();
  // the events command writes NDJSON only; the report command is asked for JSON
  const code = await main(args[0] === 'events' ? args : ['--format', 'json', ...args], {
    stdout: { write: (s: string) => (stdout += s) },
    stderr: { write: (s: string) => (stderr += s) },
    stdin: input,
    env: {},
  });
  let report: Report | null = null;
  // a report is one JSON document; `events` prints one per line (not a report)
  if (stdout.trim().startsWith('{')) try { report = JSON.parse(stdout) as Report; } catch { report = null; }
  return { code, stdout, stderr, report, ms: Date.now() - t0 };
}

/** A fresh temp folder, removed by `cleanup`. */
export function tempDir(): string {
  return mkdtempSync(path.join(os.tmpdir(), 'rke2-outage-bad-'));
}

export function cleanup(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

/** The incident about PEER, as the seed case tells it. */
export function outage(r: Run) {
  return r.report?.incidents.find((i) => i.peer.address === PEER) ?? null;
}

/** Deterministic pseudo-random bytes (a seeded LCG), so failures reproduce. */
export function randomBytes(n: number, seed = 1): Buffer {
  const b = Buffer.alloc(n);
  let x = seed >>> 0;
  for (let i = 0; i < n; i++) {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    b[i] = x >>> 24;
  }
  return b;
}

/** Lists files under a folder (for checking nothing was written). */
export function filesUnder(d: string): string[] {
  return readdirSync(d).flatMap((n) => (statSync(path.join(d, n)).isDirectory() ? filesUnder(path.join(d, n)) : [path.join(d, n)]));
}
