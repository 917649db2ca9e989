// The pipeline wired end to end: paths -> sources -> lines -> scanner -> assemble -> Report.
// Streams stay in sources/; everything after the scanner is pure.
import type { Readable } from 'node:stream';
import type { Event, InputSummary, Report, Role, TimingModel } from './types';
import { walk, type SourceRef } from './sources/walk';
import { identify } from './sources/identity';
import { openSource, NotText } from './sources/open';
import { scanStream } from './sources/lines';
import { readInParallel, type ReadOptions } from './sources/parallel';
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
  onProgress?: (path: string) => void;
}

/** Reads one source into events and its coverage line; a read error becomes a warning. */
export async function readOne(ref: SourceRef, index: number, opts: ReadOptions & { stdin?: Readable }): Promise<{ summary: InputSummary; events: Event[] }> {
  const id = identify(ref.path === '-' ? '<stdin>' : ref.path);
  if (ref.path === '-') id.path = '<stdin>';
  if (opts.node && (ref.path === '-' || !id.node)) { id.node = opts.node; id.nodeFrom = '--node'; }
  if (opts.role && id.role === 'unknown') id.role = opts.role;
  if (opts.year) id.refYear = opts.year;
  const scanner = new SourceScanner({ ...id, mtime: ref.mtime }, index);
  let failure: string | null = null;
  let skipped = false;
  try {
    const stats = await scanStream(openSource(ref, opts.stdin), scanner);
    if (stats.cut) scanner.warnings.push(`${stats.cut} overlong line(s) cut at 64 KiB (line ${stats.cutLines.join(', ')})`);
  } catch (e) {
    if (e instanceof NotText) { skipped = true; failure = e.message; }
    else failure = `read error after line ${scanner.lines}: ${(e as Error).message}; the lines before it are analysed`;
  }
  const summary = scanner.finish();
  if (failure) summary.warnings.push(failure);
  if (skipped) summary.skipped = true;
  return { summary, events: scanner.events };
}

/** analyze(paths) -> Report. No path (or `-`) reads stdin. */
export async function analyze(paths: string[], opts: AnalyzeOptions): Promise<Report> {
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
  let seq = 0;
  const early = await readInParallel(refs, { node: opts.node, role: opts.role, year: opts.year });
  for (const ref of refs) {
    if (ref.kind === 'archive') {
      skipped.push({ path: ref.path, reason: 'archive members are not read yet (.tar, .tar.gz, .zip): extract it and pass the folder' });
      continue;
    }
    opts.onProgress?.(ref.path);
    const { summary, events: evs } = early.get(ref) ?? (await readOne(ref, inputs.length, opts));
    if (summary.skipped) { skipped.push({ path: summary.path, reason: summary.warnings.join('; ') }); continue; }
    for (const e of evs) { e.seq = seq++; e.source = inputs.length; }
    inputs.push(summary);
    events.push(...evs);
  }
  return assemble(events, inputs, { timing: opts.timing, tool: TOOL, hosts: opts.hosts, skipped });
}
