// Runs the pure stages (scanner -> assemble) over in-memory lines: no streams, no files.
import type { Event, Report, Role } from '../../src/types';
import { SourceScanner } from '../../src/read/scanner';
import { assemble } from '../../src/assemble/assemble';
import { DEFAULT_TIMING } from '../../src/assemble/timing';

export interface MemSource {
  path: string;
  node?: string | null;
  role?: Role;
  lines: string[];
  year?: number;
}

/** Scans each source and assembles one report, as analyze() does for files. */
export function reportOf(sources: MemSource[], hosts: Array<[string, string]> = [], timing = DEFAULT_TIMING): Report & { events: Event[] } {
  const events: Event[] = [];
  const inputs = sources.map((s, i) => {
    const sc = new SourceScanner({ path: s.path, node: s.node ?? null, role: s.role ?? 'unknown', nodeFrom: null, refYear: s.year ?? null, mtime: null }, i);
    for (const l of s.lines) sc.line(l);
    const sum = sc.finish();
    sc.events.forEach((e) => (e.seq = events.length + e.evidence.line));
    events.push(...sc.events);
    return sum;
  });
  return { ...assemble(events, inputs, { timing, tool: 'test', hosts }), events };
}

/** A logrus line at a +08:00 wall-clock time on 2022-12-29. */
export const at = (hms: string, level: string, msg: string, extra = '') =>
  `time="2022-12-29T${hms}+08:00" level=${level} msg="${msg}"${extra ? ' ' + extra : ''}`;
