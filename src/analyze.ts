// The pipeline wired end to end: paths -> sources (files, folders, archives) -> lines -> scanner ->
// assemble -> Report. Streams stay in sources/ and the reader; everything after the scanner is pure.
import type { Readable } from 'node:stream';
import type { Event, Finding, InputSummary, Report, Role, SourceLag, TimingModel } from './types';
import { walk } from './read/sources/walk';
import { InputReader } from './read/reader';
import { scanInParallel } from './read/parallel';
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
  /** an input starts: its path, index, the number of inputs, and its size when read as is (plain file) */
  onProgress?: (path: string, index: number, total: number, size: number | null) => void;
  /** bytes of the current input read so far, chunk by chunk (a single big file's progress) */
  onBytes?: (bytes: number) => void;
}

/** What reading the inputs produced, before assembly: every classified event and the coverage. */
export interface Collected {
  events: Event[];
  inputs: InputSummary[];
  skipped: Array<{ path: string; reason: string }>;
  /** NAME=IP pairs the inputs revealed (`kubectl get nodes -o wide` in a bundle) */
  hosts: Array<[string, string]>;
  /** what bundle inventory taught: reference clocks, node names */
  notes: Finding[];
  /** per-file gap between journald prefix and inner times, for the clock-skew finding */
  lags: SourceLag[];
}

/** True when the event lies in the --since/--until window (untimed events cannot be placed: kept). */
export function inWindow(e: Event, since?: number, until?: number): boolean {
  if (e.time === null) return true;
  return (since === undefined || e.time >= since) && (until === undefined || e.time < until);
}

/** Reads every source (archives member by member) into classified events and coverage lines. No path (or `-`) reads stdin. */
export async function collect(paths: string[], opts: AnalyzeOptions): Promise<Collected> {
  const list = paths.length ? paths : ['-'];
  const walked = await walk(list.filter((p) => p !== '-'));
  const stdin = list.includes('-') && opts.stdin ? 1 : 0;
  const total = walked.sources.length + stdin;
  const reader = new InputReader({ node: opts.node, role: opts.role, year: opts.year, onBytes: opts.onBytes });
  if (stdin) {
    opts.onProgress?.('<stdin>', 0, total, null);
    await reader.readStream('<stdin>', opts.stdin!);
  }
  const early = await scanInParallel(walked.sources, { node: opts.node, role: opts.role, year: opts.year }, (ref, i, n) => opts.onProgress?.(ref.path, i, n, null));
  for (const [n, ref] of walked.sources.entries()) {
    opts.onProgress?.(ref.path, n + stdin, total, ref.kind === 'file' ? ref.size ?? null : null);
    const done = early.get(ref);
    if (done) reader.adopt(ref.path, done);
    else await reader.readRef(ref);
  }
  const read = reader.finish();
  return {
    events: read.events.filter((e) => inWindow(e, opts.since, opts.until)),
    inputs: read.inputs,
    skipped: [...walked.skipped, ...read.skipped],
    hosts: read.hosts,
    // the same real file or folder reached twice was read once: said plainly, not a skip
    notes: [...walked.repeated.map((r): Finding => ({ code: 'repeated-input', severity: 'info', message: `${r.path}: not read again (${r.reason})` })), ...read.notes],
    lags: read.lags,
  };
}

/** Assembles what was collected; `--host` pairs come first, so an explicit name wins over the input's. */
export function reportFrom(got: Collected, opts: AnalyzeOptions): Report {
  const report = assemble(got.events, got.inputs, { timing: opts.timing, tool: TOOL, hosts: [...opts.hosts, ...got.hosts], skipped: got.skipped, lags: got.lags });
  report.findings.push(...got.notes);
  return report;
}

/** analyze(paths) -> Report. No path (or `-`) reads stdin. */
export async function analyze(paths: string[], opts: AnalyzeOptions): Promise<Report> {
  return reportFrom(await collect(paths, opts), opts);
}
