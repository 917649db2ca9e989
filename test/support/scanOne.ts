// One input through the real read path without streams: scanner -> finish (alone, or with a
// bundle's reference clock), the same code files take.
import { Readable } from 'node:stream';
import { SourceScanner } from '../../src/read/scanner';
import { scanStream } from '../../src/read/lines';
import { finishAlone } from '../../src/read/finish';
import type { ClockReference } from '../../src/read/clock';
import type { Event, InputSummary, SourceInfo, SourceLag } from '../../src/types';

export interface One { summary: InputSummary; events: Event[]; lag: SourceLag | null }

/** An input's info with defaults (no node, no role, no year). */
export const info = (over: Partial<SourceInfo> = {}): SourceInfo => ({ path: 'x.log', node: null, role: 'unknown', nodeFrom: null, refYear: null, mtime: null, ...over });

/** Lines fed one by one (the per-line path). */
export function scanLines(lines: string[], over: Partial<SourceInfo> = {}, ref: ClockReference | null = null): One {
  const s = new SourceScanner(info(over));
  for (const l of lines) s.line(l);
  const f = finishAlone(s.result(), {}, ref);
  return f;
}

/** The same lines as bytes through the chunked line stage (the hot path). */
export async function scanBytes(lines: string[], over: Partial<SourceInfo> = {}): Promise<One> {
  const s = new SourceScanner(info(over));
  await scanStream(Readable.from([Buffer.from(lines.join('\n') + '\n')]), s);
  return finishAlone(s.result());
}
