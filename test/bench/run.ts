// `npm run bench`: throughput (MB/s of uncompressed log) and peak RSS of the CLI against
// `grep -c -E <needles>` (and rg, lnav when installed) on the same generated inputs, same run.
// Env: BENCH_SIZES=100M,1G (add 4G for the flat-memory check), BENCH_RUNS=3, BENCH_RUNS_LARGE=1 (inputs
// over 2 GB, plain and gzipped), BENCH_NODE_SIZE=100M, BENCH_DIR=<tmp>/rke2-outage-bench (inputs are
// kept there between runs), BENCH_GZIP=1.
import { execSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { allNeedles } from '../../src/rules/needles';
import { RULES } from '../../src/rules/registry';
import { bytesUnder, multiNode, parseSize, singleLog } from './inputs';
import { has, measure, type Measured } from './measure';

const ROOT = path.join(__dirname, '..', '..', '..');
const BIN = path.join(ROOT, 'bin', 'rke2-outage');

interface Row { input: string; tool: string; mb: number; seconds: number; mbps: number; rssMB: number | null; cpuPercent: number | null; ratioToGrep: number | null; incidents?: number }

const q = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

function needlePattern(): string {
  return allNeedles(RULES).map((n) => n.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|');
}

/** The commands compared on one input; `gz` inputs are piped through zcat for the line tools. */
function commands(p: string, gz: boolean, dir: boolean): Array<[string, string]> {
  const pat = q(needlePattern());
  const src = gz ? `zcat ${q(p)} |` : '';
  const target = gz ? '' : dir ? `-r ${q(p)}` : q(p);
  const list: Array<[string, string]> = [
    ['rke2-outage', `node ${q(BIN)} ${q(p)} --format json`],
    // no redirect to /dev/null: GNU grep then stops at the first match
    ['grep -c -E', `${src} grep -c -E ${pat} ${target}`],
  ];
  if (has('rg')) list.push(['rg -c', `${src} rg -c ${pat} ${gz ? '' : q(p)}`]);
  if (has('lnav') && !dir) list.push(['lnav', `lnav -n -c ';SELECT count(*) FROM all_logs' ${q(p)} > /dev/null`]);
  return list;
}

function runCase(label: string, p: string, gz: boolean, dir: boolean, mb: number, runs: number): Row[] {
  const rows: Row[] = [];
  let grep: Measured | null = null;
  for (const [tool, cmd] of commands(p, gz, dir)) {
    const m = measure(cmd, runs);
    if (tool.startsWith('grep')) grep = m;
    const row: Row = { input: label, tool, mb, seconds: m.seconds, mbps: mb / m.seconds, rssMB: m.rssMB, cpuPercent: m.cpuPercent, ratioToGrep: null };
    if (tool === 'rke2-outage') row.incidents = (JSON.parse(m.stdout) as { incidents: unknown[] }).incidents.length;
    rows.push(row);
  }
  for (const r of rows) r.ratioToGrep = grep ? grep.seconds / r.seconds : null;
  return rows;
}

function table(rows: Row[]): string {
  const head = '| input | tool | MB | median s | MB/s | peak RSS MB | CPU % | × grep |\n|---|---|---:|---:|---:|---:|---:|---:|';
  const f = (n: number | null, d = 0) => (n === null ? '—' : n.toFixed(d));
  return [head, ...rows.map((r) => `| ${r.input} | ${r.tool} | ${f(r.mb)} | ${f(r.seconds, 2)} | ${f(r.mbps)} | ${f(r.rssMB)} | ${f(r.cpuPercent)} | ${f(r.ratioToGrep, 2)} |`)].join('\n');
}

async function main(): Promise<void> {
  const env = process.env;
  const sizes = (env.BENCH_SIZES ?? '100M,1G').split(',').filter(Boolean);
  const runs = Math.max(1, +(env.BENCH_RUNS ?? 3));
  // a 4 GB input takes a minute per tool and run: one run keeps the whole bench in reasonable time
  const runsLarge = Math.max(1, +(env.BENCH_RUNS_LARGE ?? 1));
  const dir = env.BENCH_DIR ?? path.join(os.tmpdir(), 'rke2-outage-bench');
  const gzip = env.BENCH_GZIP !== '0';
  const nodeSize = env.BENCH_NODE_SIZE ?? '100M';
  mkdirSync(dir, { recursive: true });
  const rows: Row[] = [];
  const say = (s: string) => process.stderr.write(s + '\n');
  for (const s of sizes) {
    say(`generating ${s} in ${dir} ...`);
    const bytes = parseSize(s);
    const { plain, gz } = await singleLog(dir, s, bytes, gzip);
    const mb = bytesUnder(plain) / 1e6;
    const n = bytes > 2e9 ? Math.min(runs, runsLarge) : runs;
    execSync(`cat ${q(plain)} > /dev/null`); // warm the page cache
    say(`running ${s} plain ...`);
    rows.push(...runCase(`${s} plain`, plain, false, false, mb, n));
    if (gz) { say(`running ${s} gz ...`); rows.push(...runCase(`${s} gz`, gz, true, false, mb, n)); }
  }
  if (nodeSize !== '0') {
    say(`generating multi-node set (${nodeSize} per node) ...`);
    const root = multiNode(dir, parseSize(nodeSize));
    const mb = bytesUnder(root) / 1e6;
    execSync(`cat $(find ${q(root)} -type f) > /dev/null`);
    say('running multi-node set ...');
    rows.push(...runCase(`multi-node ${nodeSize}/node`, root, false, true, mb, runs));
  }
  const machine = { cpu: os.cpus()[0]?.model ?? 'unknown', cores: os.cpus().length, memGB: Math.round(os.totalmem() / 1e9), node: process.version, grep: execSync('grep --version').toString().split('\n')[0] };
  const out = path.join(ROOT, 'bench-results');
  mkdirSync(out, { recursive: true });
  const result = { date: new Date().toISOString(), machine, runs, runsLarge, rows };
  writeFileSync(path.join(out, 'latest.json'), JSON.stringify(result, null, 2) + '\n');
  const md = `${table(rows)}\n\nMachine: ${machine.cpu}, ${machine.cores} cores, ${machine.memGB} GB, Node ${machine.node}, ${machine.grep}; median of ${runs} runs (${runsLarge} over 2 GB), warm cache.\n`;
  writeFileSync(path.join(out, 'latest.md'), md);
  process.stdout.write(md);
  // every generated input carries the seed outage: a run that misses it measured a broken scan
  for (const r of rows) {
    if (r.incidents === 0) { process.stderr.write(`bench: rke2-outage found no outage in ${r.input}\n`); process.exitCode = 1; }
  }
  const one = rows.find((r) => r.input === '1G plain' && r.tool === 'rke2-outage');
  if (one) process.stdout.write(`\ntargets on 1G plain: ≥ 0.5 × grep -> ${one.ratioToGrep?.toFixed(2)}; ≤ 150 MB RSS -> ${one.rssMB?.toFixed(0)} MB\n`);
}

main().catch((e) => {
  process.stderr.write(`bench failed: ${(e as Error).message}\n`);
  process.exitCode = 1;
});
