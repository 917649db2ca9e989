// The pipeline wired end to end: paths -> read (sources, lines, records, events: plain data) ->
// assemble -> Report. Streams stay in read/; everything after it is pure.
import type { Readable } from 'node:stream';
import type { Event, Report, Role, TimingModel } from './types';
import { readInputs, type ReadResult } from './read';
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
  /** runs an input keeps before repeats join their run across silences (read/runs.ts; tests set it) */
  runBudget?: number;
}

/** What reading the inputs produced, before assembly: every classified event and the coverage. */
export type Collected = ReadResult;

/** True when the event lies in the --since/--until window (untimed events cannot be placed: kept). */
export function inWindow(e: Event, since?: number, until?: number): boolean {
  if (e.time === null) return true;
  return (since === undefined || e.time >= since) && (until === undefined || e.time < until);
}

/** Reads every input and keeps the events of the --since/--until window. No path (or `-`) reads stdin. */
export async function collect(paths: string[], opts: AnalyzeOptions): Promise<Collected> {
  const read = await readInputs(paths, opts);
  return { ...read, events: read.events.filter((e) => inWindow(e, opts.since, opts.until)) };
}

/** Assembles what was collected; `--host` pairs come first, so an explicit name wins over the input's. */
export function reportFrom(got: Collected, opts: AnalyzeOptions): Report {
  const report = assemble(got.events, got.inputs, { timing: opts.timing, tool: TOOL, hosts: [...opts.hosts, ...got.hosts], skipped: got.skipped, lags: got.lags, until: opts.until, servers: got.servers });
  for (const n of got.notes) report.findings.push(n);
  return report;
}

/** analyze(paths) -> Report. No path (or `-`) reads stdin. */
export async function analyze(paths: string[], opts: AnalyzeOptions): Promise<Report> {
  return reportFrom(await collect(paths, opts), opts);
}
