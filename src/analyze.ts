// The pipeline wired end to end: paths -> sources (files, folders, archives) -> lines -> scanner ->
// assemble -> Report. Streams stay in sources/ and the reader; everything after the scanner is pure.
import type { Readable } from 'node:stream';
import type { Report, Role, TimingModel } from './types';
import { walk } from './sources/walk';
import { InputReader } from './reader';
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

/** analyze(paths) -> Report. No path (or `-`) reads stdin. */
export async function analyze(paths: string[], opts: AnalyzeOptions): Promise<Report> {
  const list = paths.length ? paths : ['-'];
  const walked = await walk(list.filter((p) => p !== '-'));
  const reader = new InputReader(opts);
  if (list.includes('-') && opts.stdin) await reader.readStream('<stdin>', opts.stdin);
  for (const ref of walked.sources) await reader.readRef(ref);
  const read = reader.finish();
  // --host pairs come first: an explicit name wins over what the input says
  const hosts = [...opts.hosts, ...read.hosts];
  const report = assemble(read.events, read.inputs, { timing: opts.timing, tool: TOOL, hosts, skipped: [...walked.skipped, ...read.skipped] });
  report.findings.push(...read.notes);
  return report;
}
