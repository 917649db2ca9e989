// `npm run bench`: throughput (MB/s of uncompressed log), peak RSS, events and runs of the CLI
// against `grep -c -E <needles>` (and rg, lnav when installed) on the same generated inputs, same
// run. Inputs: sparse stretched logs by size (and .gz), the multi-node set, a 1 GB event-dense
// journal (3 observers, 2 peers) and 10 million event lines on stdin (report and `events`).
// Env: BENCH_SIZES=100M,1G (add 4G for the flat-memory check), BENCH_RUNS=3, BENCH_RUNS_LARGE=1 (inputs
// over 2 GB, plain and gzipped), BENCH_NODE_SIZE=100M, BENCH_DENSE=1G (0 skips), BENCH_STDIN_EVENTS=10M
// (0 skips), BENCH_DIR=<tmp>/rke2-outage-bench (inputs are kept there between runs), BENCH_GZIP=1.
import { execSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { bytesUnder, denseInput, multiNode, parseSize, singleLog } from './inputs';
import { q, runCase, type Row } from './cases';
import { table } from './table';

const ROOT = path.join(__dirname, '..', '..', '..');

const load = () => os.loadavg().map((l) => l.toFixed(1)).join(' ');

async function main(): Promise<void> {
  const env = process.env;
  const sizes = (env.BENCH_SIZES ?? '100M,1G').split(',').filter(Boolean);
  const runs = Math.max(1, +(env.BENCH_RUNS ?? 3));
  // a 4 GB input takes a minute per tool and run: one run keeps the whole bench in reasonable time
  const runsLarge = Math.max(1, +(env.BENCH_RUNS_LARGE ?? 1));
  const dir = env.BENCH_DIR ?? path.join(os.tmpdir(), 'rke2-outage-bench');
  const gzip = env.BENCH_GZIP !== '0';
  const nodeSize = env.BENCH_NODE_SIZE ?? '100M';
  const dense = env.BENCH_DENSE ?? '1G';
  const stdinEvents = env.BENCH_STDIN_EVENTS ?? '10M';
  mkdirSync(dir, { recursive: true });
  const rows: Row[] = [];
  const say = (s: string) => process.stderr.write(s + '\n');
  const loadBefore = load();
  for (const s of sizes) {
    say(`generating ${s} in ${dir} ...`);
    const bytes = parseSize(s);
    const { plain, gz } = await singleLog(dir, s, bytes, gzip);
    const mb = bytesUnder(plain) / 1e6;
    const n = bytes > 2e9 ? Math.min(runs, runsLarge) : runs;
    execSync(`cat ${q(plain)} > /dev/null`); // warm the page cache
    say(`running ${s} plain ...`);
    rows.push(...runCase(`${s} plain`, plain, 'file', mb, n));
    if (gz) { say(`running ${s} gz ...`); rows.push(...runCase(`${s} gz`, gz, 'gz', mb, n, false)); }
  }
  if (dense !== '0') {
    say(`generating the ${dense} dense journal ...`);
    const d = denseInput(dir, `dense-${dense}`, { bytes: parseSize(dense) }, 'journald');
    execSync(`cat ${q(d.path)} > /dev/null`);
    say('running the dense journal ...');
    rows.push(...runCase(`${dense} dense (3 observers)`, d.path, 'file', d.stats.bytes / 1e6, runs));
  }
  if (stdinEvents !== '0') {
    say(`generating ${stdinEvents} event lines for stdin ...`);
    const d = denseInput(dir, `stdin-${stdinEvents}`, { events: parseSize(stdinEvents) }, 'logrus');
    say('running stdin (report and events) ...');
    rows.push(...runCase(`${stdinEvents} events on stdin`, d.path, 'stdin', d.stats.bytes / 1e6, 1));
  }
  if (nodeSize !== '0') {
    say(`generating multi-node set (${nodeSize} per node) ...`);
    const root = multiNode(dir, parseSize(nodeSize));
    const mb = bytesUnder(root) / 1e6;
    execSync(`cat $(find ${q(root)} -type f) > /dev/null`);
    say('running multi-node set ...');
    rows.push(...runCase(`multi-node ${nodeSize}/node`, root, 'dir', mb, runs));
  }
  const machine = { cpu: os.cpus()[0]?.model ?? 'unknown', cores: os.cpus().length, memGB: Math.round(os.totalmem() / 1e9), node: process.version, grep: execSync('grep --version').toString().split('\n')[0] };
  const out = path.join(ROOT, 'bench-results');
  mkdirSync(out, { recursive: true });
  const result = { date: new Date().toISOString(), machine, runs, runsLarge, load: { before: loadBefore, after: load() }, rows };
  writeFileSync(path.join(out, 'latest.json'), JSON.stringify(result, null, 2) + '\n');
  const md = `${table(rows)}\n\nMachine: ${machine.cpu}, ${machine.cores} cores, ${machine.memGB} GB, Node ${machine.node}, ${machine.grep}; median of ${runs} runs (${runsLarge} over 2 GB and on stdin), warm cache; load average ${loadBefore} before, ${result.load.after} after (1, 5, 15 min).\n`;
  writeFileSync(path.join(out, 'latest.md'), md);
  process.stdout.write(md);
  // every generated input carries an outage: a run that misses it measured a broken scan
  for (const r of rows) {
    if (r.incidents === 0) { process.stderr.write(`bench: rke2-outage found no outage in ${r.input}\n`); process.exitCode = 1; }
  }
}

main().catch((e) => {
  process.stderr.write(`bench failed: ${(e as Error).message}\n`);
  process.exitCode = 1;
});
