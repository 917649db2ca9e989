// Bad inputs are made in a temp folder, never the repo, and run through the shared CLI driver.
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Run } from '../support/cli';

export const FIXTURE = path.join(__dirname, '..', '..', 'fixtures', 'ecs-server-down');
/** The first server's stderr.log of seed case #1: it alone shows the outage of 10.113.207.142. */
export const WS1 = path.join(FIXTURE, 'feng-ws1.sme-feng.athens.cloudera.com', 'process', '1546338947-ecs-ECS_SERVER', 'logs', 'stderr.log');
export const ws1Text = (): string => readFileSync(WS1, 'utf8');
export const PEER = '10.113.207.142';
export const START = '2022-12-29T09:13:37.000Z';

/** The shared driver, asking the report command for JSON (bad inputs are checked on the report's data). */
export { runJson as run, type Run } from '../support/cli';

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
