// One benchmark case: the tools run on one input (same files, same run), measured, and compared
// with `grep -c -E` over every rule needle (and lnav when it is installed).
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { allNeedles } from '../../src/rules/needles';
import { RULES } from '../../src/rules/registry';
import { has, measure, type Measured } from './measure';

const ROOT = path.join(__dirname, '..', '..', '..');
const BIN = path.join(ROOT, 'bin', 'rke2-outage');

/** One measured tool on one input. */
export interface Row {
  input: string;
  tool: string;
  mb: number;
  seconds: number;
  mbps: number;
  rssMB: number | null;
  cpuPercent: number | null;
  ratioToGrep: number | null;
  /** rke2-outage's speed as a multiple of lnav's (lnav seconds / these seconds), when lnav ran */
  ratioToLnav: number | null;
  /** classified lines and runs (rke2-outage rows) */
  events?: number;
  runs?: number;
  incidents?: number;
}

/** How an input is given: a file or folder as a path, a .gz through zcat for the line tools, or a file piped to stdin. */
export type Way = 'file' | 'dir' | 'gz' | 'stdin';

export const q = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

function needlePattern(): string {
  return allNeedles(RULES).map((n) => n.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|');
}

/** The commands compared on one input: [tool, shell command, kind of output]. */
function commands(p: string, way: Way): Array<[string, string, 'report' | 'events' | 'other']> {
  const pat = q(needlePattern());
  const bin = `node ${q(BIN)}`;
  const list: Array<[string, string, 'report' | 'events' | 'other']> = [];
  if (way === 'stdin') {
    list.push(['rke2-outage -', `cat ${q(p)} | ${bin} - --format json`, 'report']);
    list.push(['rke2-outage events -', `cat ${q(p)} | ${bin} events - > /dev/null`, 'events']);
  } else {
    list.push(['rke2-outage', `${bin} ${q(p)} --format json`, 'report']);
  }
  const src = way === 'gz' ? `zcat ${q(p)} |` : way === 'stdin' ? `cat ${q(p)} |` : '';
  const target = way === 'gz' || way === 'stdin' ? '' : way === 'dir' ? `-r ${q(p)}` : q(p);
  // no redirect to /dev/null: GNU grep then stops at the first match
  list.push(['grep -c -E', `${src} grep -c -E ${pat} ${target}`, 'other']);
  if (has('rg')) list.push(['rg -c', `${src} rg -c ${pat} ${way === 'dir' ? q(p) : target}`, 'other']);
  if (has('lnav') && way !== 'dir' && way !== 'gz') list.push(['lnav', `lnav -n -c ';SELECT count(*) FROM all_logs' ${q(p)} > /dev/null`, 'other']);
  return list;
}

/** Runs (untimed) `events --runs` to count the runs the read stage keeps for the input. */
function countRuns(p: string, way: Way): number {
  const cmd = way === 'stdin' ? `cat ${q(p)} | node ${q(BIN)} events --runs -` : `node ${q(BIN)} events --runs ${q(p)}`;
  const r = spawnSync('sh', ['-c', `${cmd} | wc -l`], { encoding: 'utf8' });
  return Number(r.stdout.trim());
}

/** Measures every tool on one input `runs` times; `count` also counts the runs kept (one more untimed run). */
export function runCase(label: string, p: string, way: Way, mb: number, runs: number, count = true): Row[] {
  const rows: Row[] = [];
  let grep: Measured | null = null;
  let lnav: Measured | null = null;
  const runCount = count ? countRuns(p, way) : undefined;
  for (const [tool, cmd, kind] of commands(p, way)) {
    const m = measure(cmd, runs);
    if (tool.startsWith('grep')) grep = m;
    if (tool === 'lnav') lnav = m;
    const row: Row = { input: label, tool, mb, seconds: m.seconds, mbps: mb / m.seconds, rssMB: m.rssMB, cpuPercent: m.cpuPercent, ratioToGrep: null, ratioToLnav: null };
    if (kind === 'report') {
      const r = JSON.parse(m.stdout) as { incidents: unknown[]; inputs: Array<{ events: number }> };
      row.incidents = r.incidents.length;
      row.events = r.inputs.reduce((n, i) => n + i.events, 0);
    }
    if (kind !== 'other') row.runs = runCount;
    rows.push(row);
  }
  const events = rows.find((r) => r.events !== undefined)?.events;
  for (const r of rows) {
    r.ratioToGrep = grep ? grep.seconds / r.seconds : null;
    r.ratioToLnav = lnav && r.tool.startsWith('rke2-outage') ? lnav.seconds / r.seconds : null;
    if (r.tool.startsWith('rke2-outage')) r.events ??= events;
  }
  return rows;
}
