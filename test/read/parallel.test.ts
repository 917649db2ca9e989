// Worker-thread scanning gives the same sources as scanning one by one on the main thread, whole
// files and one file cut into parts alike. The workers run the built JavaScript (dist/, made by
// `npm ci` / `npm run build`).
import { createReadStream, existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { scanLog } from '../../src/read/scanLog';
import { finishAlone } from '../../src/read/finish';
import type { SourceRef } from '../../src/read/sources/walk';
import { stretchLog } from '../bench/stretch';
import { cleanup, FIXTURE, tempDir } from '../bad-input/harness';

const DIST = path.join(__dirname, '..', '..', 'dist', 'read', 'parallel.js');
const nodes = ['feng-ws1.sme-feng.athens.cloudera.com/process/1546338947-ecs-ECS_SERVER/logs/stderr.log', 'feng-ws4.sme-feng.athens.cloudera.com/process/1546338951-ecs-ECS_AGENT/logs/stderr.log'];

(existsSync(DIST) ? test : test.skip)('two 20 MB node logs: parallel scan equals sequential scan', async () => {
  const { scanInParallel, PARALLEL_MIN_BYTES } = require(DIST) as typeof import('../../src/read/parallel');
  const dir = tempDir();
  try {
    const refs: SourceRef[] = nodes.map((rel) => {
      const p = path.join(dir, rel);
      mkdirSync(path.dirname(p), { recursive: true });
      stretchLog(readFileSync(path.join(FIXTURE, rel), 'utf8'), 20e6, p);
      return { path: p, fsPath: p, kind: 'file', mtime: statSync(p).mtimeMs, size: statSync(p).size };
    });
    expect(refs.reduce((n, r) => n + statSync(r.fsPath).size, 0)).toBeGreaterThan(PARALLEL_MIN_BYTES);
    const par = await scanInParallel(refs, {});
    expect(par.size).toBe(2);
    for (const ref of refs) {
      const seq = await scanLog(ref.path, createReadStream(ref.fsPath), ref.mtime, {});
      const got = par.get(ref)!;
      const a = finishAlone(got.scanned!);
      const b = finishAlone(seq.scanned!);
      expect([a.summary, a.events, a.lag]).toEqual([b.summary, b.events, b.lag]);
      expect(b.events.length).toBeGreaterThan(50);
    }
  } finally {
    cleanup(dir);
  }
}, 60_000);

(existsSync(DIST) ? test : test.skip)('one 40 MB log cut into parts on both cores equals the sequential scan', async () => {
  const { scanInParallel } = require(DIST) as typeof import('../../src/read/parallel');
  const dir = tempDir();
  try {
    const p = path.join(dir, nodes[1]);
    mkdirSync(path.dirname(p), { recursive: true });
    stretchLog(readFileSync(path.join(FIXTURE, nodes[1]), 'utf8'), 40e6, p);
    const ref: SourceRef = { path: p, fsPath: p, kind: 'file', mtime: statSync(p).mtimeMs };
    const starts: number[] = [];
    const par = await scanInParallel([ref], {}, (_r, i) => starts.push(i), 8e6);
    const seq = await scanLog(ref.path, createReadStream(ref.fsPath), ref.mtime, {});
    // one file: progress hears it once, however many parts it was cut into
    expect(starts).toEqual([0]);
    const got = par.get(ref)!.scanned!;
    expect(got.lines).toBe(seq.scanned!.lines);
    expect(got).toEqual(seq.scanned);
    const a = finishAlone(got);
    const b = finishAlone(seq.scanned!);
    expect([a.summary, a.events, a.lag]).toEqual([b.summary, b.events, b.lag]);
  } finally {
    cleanup(dir);
  }
}, 60_000);

(existsSync(DIST) ? test : test.skip)('a file whose parts reach the run budget is left to one sequential read, which joins repeats across silences', async () => {
  const { scanInParallel } = require(DIST) as typeof import('../../src/read/parallel');
  const { writeFileSync } = require('node:fs') as typeof import('node:fs');
  const dir = tempDir();
  try {
    // 200 peers in rotation, one line a second, 40 MB: every line its own run below the budget
    const t0 = Date.UTC(2026, 0, 1);
    const lines = Array.from({ length: 330_000 }, (_, i) => `time="${new Date(t0 + i * 1000).toISOString().replace('.000', '')}" level=info msg="Connecting to proxy" url="wss://10.0.0.${(i % 200) + 1}:9345/v1-rke2/connect"`);
    const p = path.join(dir, 'stderr.log');
    writeFileSync(p, lines.join('\n') + '\n');
    const ref: SourceRef = { path: p, fsPath: p, kind: 'file', mtime: statSync(p).mtimeMs };
    expect((await scanInParallel([ref], { runBudget: 1000 }, undefined, 8e6)).size).toBe(0);
    const seq = finishAlone((await scanLog(ref.path, createReadStream(p), ref.mtime, { runBudget: 1000 })).scanned!);
    expect(seq.events).toHaveLength(1200);
    expect(seq.summary.events).toBe(330_000);
    // below the budget the parts merge as before
    expect((await scanInParallel([ref], { runBudget: 1e9 }, undefined, 8e6)).size).toBe(1);
  } finally {
    cleanup(dir);
  }
}, 120_000);
