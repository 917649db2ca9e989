// Test helper: several in-memory sources (lines per file) through the scanner and assembly, the
// same path analyze() takes minus the file system.
import { SourceScanner } from '../../src/read/scanner';
import { assemble } from '../../src/assemble/assemble';
import { DEFAULT_TIMING } from '../../src/assemble/timing';
import { identify } from '../../src/read/identity';
import type { Event, InputSummary, Report, SourceLag } from '../../src/types';

/** Scans `files` (path -> lines) in order and assembles one report. */
export function runLines(files: Record<string, string[]>, hosts: Array<[string, string]> = []): Report {
  const events: Event[] = [];
  const inputs: InputSummary[] = [];
  const lags: SourceLag[] = [];
  let seq = 0;
  for (const [path, lines] of Object.entries(files)) {
    const s = new SourceScanner({ ...identify(path), mtime: null }, inputs.length);
    for (const l of lines) s.line(l);
    inputs.push(s.finish());
    const lag = s.prefixLag();
    if (lag) lags.push(lag);
    for (const e of s.events) { e.seq = seq++; events.push(e); }
  }
  return assemble(events, inputs, { timing: DEFAULT_TIMING, tool: 'test', hosts, lags });
}
