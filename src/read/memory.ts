// In-memory inputs through the same read stage as files (scanner, finish, bundle knowledge), minus
// streams: for tests and callers that already hold lines.
import type { Role } from '../types';
import { identify } from './identity';
import { InputReader, type ReadResult } from './reader';
import type { ReadOptions } from './scanLog';
import { SourceScanner } from './scanner';

/** One input held in memory: its path (names node, role and bundle as a file's would) and its lines. */
export interface MemoryInput {
  path: string;
  lines: string[];
  /** overrides what the path says */
  node?: string | null;
  role?: Role;
  /** reference year of a year-less file (as a bundle date would give) */
  year?: number;
}

/** Reads in-memory inputs in order, finished together: the plain result the file path gives. */
export function readLines(inputs: MemoryInput[], opts: ReadOptions = {}): ReadResult {
  const reader = new InputReader(opts);
  for (const m of inputs) {
    const id = identify(m.path);
    const info = { ...id, mtime: null, ...(m.node !== undefined ? { node: m.node, nodeFrom: m.node ? 'given' : null } : {}), ...(m.role ? { role: m.role } : {}), ...(m.year ? { refYear: m.year, refMonth: null } : {}) };
    const scanner = new SourceScanner(info, opts.runBudget);
    for (const l of m.lines) scanner.line(l);
    reader.adopt(m.path, { scanned: scanner.result(), table: null, failure: null, notText: null });
  }
  return reader.finish();
}
