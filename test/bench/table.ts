// The benchmark table (markdown) and the targets of issue 11 read from it.
import type { Row } from './cases';

const f = (n: number | null | undefined, d = 0) => (n === null || n === undefined ? '—' : n.toFixed(d));
const count = (n: number | undefined) => (n === undefined ? '—' : n.toLocaleString('en-US'));

/** One row per tool and input. */
export function table(rows: Row[]): string {
  const head = '| input | tool | MB | median s | MB/s | peak RSS MB | CPU % | events | runs | × grep | × lnav |\n|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|';
  const line = (r: Row) => `| ${r.input} | ${r.tool} | ${f(r.mb)} | ${f(r.seconds, 2)} | ${f(r.mbps)} | ${f(r.rssMB)} | ${f(r.cpuPercent)} | ${count(r.events)} | ${count(r.runs)} | ${f(r.ratioToGrep, 2)} | ${f(r.ratioToLnav, 2)} |`;
  return [head, ...rows.map(line), '', targets(rows)].join('\n');
}

/** The targets, each with the figure that decides it. */
function targets(rows: Row[]): string {
  const find = (input: RegExp, tool = 'rke2-outage') => rows.find((r) => input.test(r.input) && r.tool === tool);
  const out: string[] = [];
  const say = (what: string, r: Row | undefined, got: (r: Row) => string, ok: (r: Row) => boolean) => {
    if (r) out.push(`- ${what}: ${got(r)} ${ok(r) ? '(met)' : '(NOT met)'}`);
  };
  const sparse = find(/^1G plain$/);
  say('1 GB sparse ≥ 1.0 × grep, ≤ 150 MB', sparse, (r) => `${f(r.ratioToGrep, 2)} × grep, ${f(r.rssMB)} MB`, (r) => (r.ratioToGrep ?? 0) >= 1 && (r.rssMB ?? Infinity) <= 150);
  const dense = find(/^1G dense/);
  say('1 GB dense ≥ 100 MB/s and ≥ 0.15 × grep', dense, (r) => `${f(r.mbps)} MB/s, ${f(r.ratioToGrep, 2)} × grep`, (r) => r.mbps >= 100 && (r.ratioToGrep ?? 0) >= 0.15);
  for (const tool of ['rke2-outage -', 'rke2-outage events -']) {
    say(`stdin events, ${tool}: ≤ 200 MB`, find(/events on stdin/, tool), (r) => `${f(r.rssMB)} MB for ${count(r.events)} event lines`, (r) => (r.rssMB ?? Infinity) <= 200);
  }
  return out.length ? `Targets (issue 11):\n${out.join('\n')}` : '';
}
