// The read stage, one call: paths (files, folders, archives, `-` for stdin wherever it appears)
// -> every input scanned and finished -> plain data for assembly. Streams live here and below only.
import type { Readable } from 'node:stream';
import type { Finding } from '../types';
import { walk } from './sources/walk';
import { InputReader, type ReadResult } from './reader';
import { scanInParallel } from './parallel';
import type { ReadOptions } from './scanLog';
import { Spool, type Placed } from './spool';
import { relativePaths, relativeTo } from './relative';

export type { ReadResult, ReadOptions, Placed };

export interface ReadInputsOptions extends ReadOptions {
  stdin?: Readable;
  /** an input starts: its path, index, the number of inputs, and its size when read as is (plain file) */
  onProgress?: (path: string, index: number, total: number, size: number | null) => void;
}

/** Reads every input (archives member by member) into classified events and coverage lines. No path (or `-`) reads stdin. */
export async function readInputs(paths: string[], opts: ReadInputsOptions): Promise<ReadResult> {
  return (await readWith(paths, opts)).result;
}

/**
 * Reads every input like readInputs, and every classified line as well (not only runs), in time
 * order, with memory bounded by a disk spool: what `rke2-outage events` prints.
 */
export async function readMembers(paths: string[], opts: ReadInputsOptions): Promise<{ result: ReadResult; members: AsyncGenerator<Placed> }> {
  const spool = new Spool();
  const { result, reader } = await readWith(paths, { ...opts, spool });
  return { result, members: spool.sorted((input, run, st) => reader.memberTime(input, run, st)) };
}

async function readWith(paths: string[], opts: ReadInputsOptions): Promise<{ result: ReadResult; reader: InputReader }> {
  const list = paths.length ? paths : ['-'];
  const shown = relativeTo(list);
  const walked = await walk(list.filter((p) => p !== '-'));
  const stdin = list.includes('-') && opts.stdin ? 1 : 0;
  const total = walked.sources.length + stdin;
  const read: ReadOptions = { node: opts.node, role: opts.role, year: opts.year, runBudget: opts.runBudget };
  const reader = new InputReader({ ...read, onBytes: opts.onBytes, spool: opts.spool });
  if (stdin) {
    opts.onProgress?.('<stdin>', 0, total, null);
    await reader.readStream('<stdin>', opts.stdin!);
  }
  // the spool listens on the main thread only: with one, every input is read here
  const early = opts.spool ? new Map() : await scanInParallel(walked.sources, read, (ref, i, n) => opts.onProgress?.(shown(ref.path), i, n, null));
  for (const [n, ref] of walked.sources.entries()) {
    opts.onProgress?.(shown(ref.path), n + stdin, total, ref.kind === 'file' ? ref.size ?? null : null);
    const done = early.get(ref);
    if (done) reader.adopt(ref.path, done);
    else await reader.readRef(ref);
  }
  const result = reader.finish();
  // the same real file or folder reached twice was read once: said plainly, not a skip
  const repeated = walked.repeated.map((r): Finding => ({ code: 'repeated-input', severity: 'info', message: `${r.path}: not read again (${r.reason})` }));
  return { result: relativePaths({ ...result, skipped: [...walked.skipped, ...result.skipped], notes: [...repeated, ...result.notes] }, list), reader };
}
