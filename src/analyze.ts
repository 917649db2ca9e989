// The pipeline wired end to end: paths -> sources -> lines -> scanner -> assemble -> Report.
// Streams stay in sources/; everything after the scanner is pure.
import type { Readable } from 'node:stream';
import type { Event, InputSummary, Report, Role, SourceLag, TimingModel } from './types';
import { walk, type SourceRef } from './sources/walk';
import { identify } from './sources/identity';
import { openSource, NotText } from './sources/open';
import { forEachLine } from './sources/lines';
import { SourceScanner } from './scan/scanner';
import { assemble } from './assemble/assemble';

export const TOOL = 'rke2-outage 0.1.0';

export interface AnalyzeOptions {
  timing: TimingModel;
  hosts: Array<[string, string]>;
  /** node name for stdin (`--node`) */
  node?: string;
  role?: Role;
  year?: number;
  stdin?: Readable;
  /** keep only events at or after / before these epoch ms (untimed events are kept) */
  since?: number;
  until?: number;
  onProgress?: (path: string, index: number, total: number) => void;
}

/** What reading the inputs produced, before assembly: every classified event and the coverage. */
export interface Collected {
  events: Event[];
  inputs: InputSummary[];
  skipped: Array<{ path: string; reason: string }>;
  /** per-file gap between journald prefix and inner times, for the clock-skew finding */
  lags: SourceLag[];
}

/** Reads one source into events and its coverage line; a read error becomes a warning. */
async function readOne(ref: SourceRef, index: number, opts: AnalyzeOptions): Promise<{ summary: InputSummary; events: Event[]; lag: SourceLag | null }> {
  const id = identify(ref.path === '-' ? '<stdin>' : ref.path);
  if (ref.path === '-') id.path = '<stdin>';
  if (opts.node && (ref.path === '-' || !id.node)) { id.node = opts.node; id.nodeFrom = '--node'; }
  if (opts.role && id.role === 'unknown') id.role = opts.role;
  if (opts.year) { id.refYear = opts.year; id.refMonth = null; }
  const scanner = new SourceScanner({ ...id, mtime: ref.mtime }, index);
  let failure: string | null = null;
  let skipped = false;
  try {
    const stats = await forEachLine(openSource(ref, opts.stdin), (l) => scanner.line(l));
    if (stats.cut) scanner.warnings.push(`${stats.cut} overlong line(s) cut at 64 KiB (line ${stats.cutLines.join(', ')})`);
  } catch (e) {
    if (e instanceof NotText) { skipped = true; failure = e.message; }
    else failure = `read error after line ${scanner.lines}: ${(e as Error).message}; the lines before it are analysed`;
  }
  const summary = scanner.finish();
  if (failure) summary.warnings.push(failure);
  if (skipped) summary.skipped = true;
  return { summary, events: scanner.events, lag: scanner.prefixLag() };
}

/** True when the event lies in the --since/--until window (untimed events cannot be placed: kept). */
export function inWindow(e: Event, since?: number, until?: number): boolean {
  if (e.time === null) return true;
  return (since === undefined || e.time >= since) && (until === undefined || e.time < until);
}

/** Reads every source into classified events and coverage lines. No path (or `-`) reads stdin. */
export async function collect(paths: string[], opts: AnalyzeOptions): Promise<Collected> {
  const list = paths.length ? paths : ['-'];
  const realPaths = list.filter((p) => p !== '-');
  const walked = await walk(realPaths);
  const refs: SourceRef[] = [];
  for (const p of list) {
    if (p === '-') refs.push({ path: '-', fsPath: '-', kind: 'file', mtime: null });
  }
  refs.push(...walked.sources);
  const skipped = [...walked.skipped];
  const inputs: InputSummary[] = [];
  const events: Event[] = [];
  const lags: SourceLag[] = [];
  let seq = 0;
  for (const [n, ref] of refs.entries()) {
    if (ref.kind === 'archive') {
      skipped.push({ path: ref.path, reason: 'archive members are not read yet (.tar, .tar.gz, .zip): extract it and pass the folder' });
      continue;
    }
    opts.onProgress?.(ref.path, n, refs.length);
    const { summary, events: evs, lag } = await readOne(ref, inputs.length, opts);
    if (summary.skipped) { skipped.push({ path: summary.path, reason: summary.warnings.join('; ') }); continue; }
    for (const e of evs) e.seq = seq++;
    inputs.push(summary);
    events.push(...evs.filter((e) => inWindow(e, opts.since, opts.until)));
    if (lag) lags.push(lag);
  }
  return { events, inputs, skipped, lags };
}

/** analyze(paths) -> Report. No path (or `-`) reads stdin. */
export async function analyze(paths: string[], opts: AnalyzeOptions): Promise<Report> {
  const { events, inputs, skipped, lags } = await collect(paths, opts);
  return assemble(events, inputs, { timing: opts.timing, tool: TOOL, hosts: opts.hosts, skipped, lags });
}
