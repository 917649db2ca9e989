// Test helper: several in-memory sources (lines per file; node and role from the path) through the
// read stage and assembly, the same path analyze() takes minus the file system.
import { readLines } from '../../src/read/memory';
import { assemble } from '../../src/assemble/assemble';
import { DEFAULT_TIMING } from '../../src/assemble/timing';
import type { Report } from '../../src/types';

/** Reads `files` (path -> lines) in order and assembles one report. */
export function runLines(files: Record<string, string[]>, hosts: Array<[string, string]> = []): Report {
  const read = readLines(Object.entries(files).map(([path, lines]) => ({ path, lines })));
  return assemble(read.events, read.inputs, { timing: DEFAULT_TIMING, tool: 'test', hosts: [...hosts, ...read.hosts], lags: read.lags, servers: read.servers });
}
