// Runs the pure stages (read -> assemble) over in-memory lines: no streams, no files.
import { Readable } from 'node:stream';
import type { Event, Report, Role } from '../../src/types';
import { gated } from '../../src/read/sources/open';
import { PerLine, scanStream } from '../../src/read/lines';
import { readLines } from '../../src/read/memory';
import { assemble } from '../../src/assemble/assemble';
import { DEFAULT_TIMING } from '../../src/assemble/timing';

export interface MemSource {
  path: string;
  node?: string | null;
  role?: Role;
  lines: string[];
  year?: number;
}

/** Reads each source (node and role as given, not from the path) and assembles one report, as analyze() does for files. */
export function reportOf(sources: MemSource[], hosts: Array<[string, string]> = [], timing = DEFAULT_TIMING): Report & { events: Event[] } {
  const read = readLines(sources.map((s) => ({ path: s.path, lines: s.lines, node: s.node ?? null, role: s.role ?? 'unknown', year: s.year })));
  return { ...assemble(read.events, read.inputs, { timing, tool: 'test', hosts: [...hosts, ...read.hosts], lags: read.lags, servers: read.servers }), events: read.events };
}

/** A logrus line at a +08:00 wall-clock time on 2022-12-29. */
export const at = (hms: string, level: string, msg: string, extra = '') =>
  `time="2022-12-29T${hms}+08:00" level=${level} msg="${msg}"${extra ? ' ' + extra : ''}`;

/** Lines of `bytes` cut into chunks of `size` bytes, through the text gate and the line splitter. */
export async function gatedLines(bytes: Buffer, size: number): Promise<string[]> {
  const chunks: Buffer[] = [];
  for (let i = 0; i < bytes.length; i += size) chunks.push(bytes.subarray(i, i + size));
  const out: string[] = [];
  await scanStream(gated(Readable.from(chunks)), new PerLine((l) => out.push(l)));
  return out;
}
