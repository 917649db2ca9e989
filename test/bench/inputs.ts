// Benchmark inputs, generated once into a temp folder (never the repo) and reused while their
// size matches: one stretched stderr.log per size, its gzip, a multi-node Cloudera folder set, and
// the event-dense logs (dense.ts: a journal of reconnect loops, and one agent's loops for stdin).
import { copyFileSync, createReadStream, createWriteStream, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import { stretchLog } from './stretch';
import { denseLog, type DenseSize, type DenseStats, type DenseVariant } from './dense';

const FIXTURE = path.join(__dirname, '..', '..', '..', 'fixtures', 'ecs-server-down');

/** `100M`, `1G`, `512K` -> bytes. */
export function parseSize(s: string): number {
  const m = /^(\d+(?:\.\d+)?)([KMG]?)$/i.exec(s.trim());
  if (!m) throw new Error(`bad size ${JSON.stringify(s)} (expected e.g. 100M, 1G)`);
  return Math.round(+m[1] * { '': 1, K: 1e3, M: 1e6, G: 1e9 }[m[2].toUpperCase() as '' | 'K' | 'M' | 'G']);
}

/** The fixture's stderr.log files, one per node folder, sorted. */
export function fixtureLogs(): string[] {
  const out: string[] = [];
  const visit = (d: string) => {
    for (const n of readdirSync(d).sort()) {
      const p = path.join(d, n);
      if (statSync(p).isDirectory()) visit(p);
      else if (n === 'stderr.log') out.push(p);
    }
  };
  visit(FIXTURE);
  return out;
}

/** Stretches `fixture` into `out` unless a file of about that size is already there. */
function ensureStretched(fixture: string, bytes: number, out: string): void {
  if (existsSync(out) && Math.abs(statSync(out).size - bytes) < bytes * 0.05 + 100_000) return;
  mkdirSync(path.dirname(out), { recursive: true });
  stretchLog(readFileSync(fixture, 'utf8'), bytes, out + '.tmp');
  renameSync(out + '.tmp', out);
}

/** Gzips `src` into `out` as a stream (a 4 GB log never sits in memory); kept while newer than `src`. */
async function ensureGzip(src: string, out: string): Promise<void> {
  if (existsSync(out) && statSync(out).mtimeMs >= statSync(src).mtimeMs) return;
  await pipeline(createReadStream(src), createGzip({ level: 6 }), createWriteStream(out + '.tmp'));
  renameSync(out + '.tmp', out);
}

/** One stderr.log of `bytes` (the first server's fixture stretched) and its gzip. */
export async function singleLog(dir: string, label: string, bytes: number, gzip: boolean): Promise<{ plain: string; gz?: string }> {
  const plain = path.join(dir, `single-${label}`, 'stderr.log');
  ensureStretched(fixtureLogs()[0], bytes, plain);
  if (!gzip) return { plain };
  const gz = path.join(dir, `single-${label}-gz`, 'stderr.log.gz');
  mkdirSync(path.dirname(gz), { recursive: true });
  await ensureGzip(plain, gz);
  return { plain, gz };
}

/** Every fixture node's stderr.log stretched to `perNode` bytes in its Cloudera layout, plus pod-reaper logs. */
export function multiNode(dir: string, perNode: number): string {
  const root = path.join(dir, `multi-${perNode}`);
  for (const f of fixtureLogs()) ensureStretched(f, perNode, path.join(root, path.relative(FIXTURE, f)));
  const reaper = path.join(FIXTURE, 'pod-reaper');
  mkdirSync(path.join(root, 'pod-reaper'), { recursive: true });
  for (const n of readdirSync(reaper)) copyFileSync(path.join(reaper, n), path.join(root, 'pod-reaper', n));
  return root;
}

/** Total bytes of the regular files under `p` (uncompressed logs for plain inputs). */
export function bytesUnder(p: string): number {
  const st = statSync(p);
  if (!st.isDirectory()) return st.size;
  return readdirSync(p).reduce((n, c) => n + bytesUnder(path.join(p, c)), 0);
}

/** A dense log (dense.ts) named `name` in `dir`, generated unless the same one is there (its stats sit beside it). */
export function denseInput(dir: string, name: string, size: DenseSize, variant: DenseVariant): { path: string; stats: DenseStats } {
  const file = path.join(dir, name, variant === 'journald' ? 'journal.log' : 'stderr.log');
  const meta = file + '.json';
  const want = JSON.stringify({ size, variant });
  if (existsSync(file) && existsSync(meta)) {
    const m = JSON.parse(readFileSync(meta, 'utf8')) as { want: string; stats: DenseStats };
    if (m.want === want && statSync(file).size === m.stats.bytes) return { path: file, stats: m.stats };
  }
  mkdirSync(path.dirname(file), { recursive: true });
  const stats = denseLog(file + '.tmp', size, variant);
  renameSync(file + '.tmp', file);
  writeFileSync(meta, JSON.stringify({ want, stats }));
  return { path: file, stats };
}
