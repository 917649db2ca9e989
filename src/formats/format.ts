// A line format is data: a sniff, one pattern with named groups from a shared vocabulary, a time
// reader and sample lines that are checked at start-up (STYLE §1, §3). `parseWith` reads them all.
import type { LogRecord } from '../types';
import { readTime, validInstant, type TimeKind } from './timestamps';
import { parseLogfmt, readValue } from './logfmt';

/** Shared group names: time, host, proc, pid, level, msg, rest (key=value fields after msg). */
export type Groups = Partial<Record<'time' | 'host' | 'proc' | 'pid' | 'level' | 'msg' | 'rest', string>>;

export interface FormatSample {
  line: string;
  expect: Partial<Pick<LogRecord, 'level' | 'msg' | 'host' | 'proc'>> & { time?: string | null; fields?: Record<string, string> };
}

export interface LineFormat {
  name: string;
  description: string;
  /** cheap anchored test: a line no format sniffs is counted unparsed without further work */
  sniff: RegExp;
  /** full pattern, anchored; named groups from `Groups` */
  pattern: RegExp;
  time: TimeKind;
  /** how the text after `msg` (or msg itself) turns into fields */
  fields?: 'logfmt-rest' | 'klog-structured' | 'none';
  /** custom build step for formats a pattern cannot express (JSON, nested payloads) */
  build?: (line: string, g: Groups) => LogRecord | null;
  samples: FormatSample[];
}

/** An empty record for a format, for build steps. */
export function blankRecord(format: string): LogRecord {
  return { format, time: null, local: null, offsetMin: null, level: null, msg: '', fields: {}, host: null, proc: null };
}

/** Klog structured messages: `"Event occurred" object="x" ...` -> msg + fields. */
export function splitKlogStructured(rec: LogRecord): void {
  if (rec.msg.charCodeAt(0) !== 34) return;
  const { value, end } = readValue(rec.msg, 0);
  const rest = rec.msg.slice(end);
  rec.msg = value;
  parseLogfmt(rest, rec.fields);
}

/** True when every value of a record can be used by later stages (finite times in range). */
export function saneRecord(rec: LogRecord): boolean {
  if (typeof rec.msg !== 'string') return false;
  if (rec.time !== null && !validInstant(rec.time)) return false;
  if (rec.relSeconds !== undefined && !Number.isFinite(rec.relSeconds)) return false;
  if (rec.offsetMin !== null && !Number.isFinite(rec.offsetMin)) return false;
  if (rec.prefixLagMs !== undefined && !Number.isFinite(rec.prefixLagMs)) return false;
  return true;
}

/**
 * The one generic parser: pattern -> groups -> record. A line whose values are out of range (a
 * time past year 9999) or that makes a build step throw is no record: an unparsed line, never an
 * exception (issue 13).
 */
export function parseWith(f: LineFormat, line: string): LogRecord | null {
  try {
    const rec = parseUnchecked(f, line);
    return rec && saneRecord(rec) ? rec : null;
  } catch {
    return null;
  }
}

function parseUnchecked(f: LineFormat, line: string): LogRecord | null {
  const m = f.pattern.exec(line);
  if (!m) return null;
  const g = (m.groups ?? {}) as Groups;
  if (f.build) return f.build(line, g);
  const t = readTime(f.time, g.time);
  if (f.time !== 'inherit' && f.time !== 'none' && t.time === null && t.local === null) return null;
  const rec: LogRecord = {
    format: f.name, time: t.time, local: t.local, offsetMin: t.offsetMin,
    level: g.level ?? null, msg: g.msg ?? '', fields: {}, host: g.host ?? null, proc: g.proc ?? null,
  };
  if (f.time === 'inherit') rec.inheritsTime = true;
  if (f.fields === 'logfmt-rest' && g.rest) {
    parseLogfmt(g.rest, rec.fields);
    if (rec.fields.msg !== undefined) { rec.msg = rec.fields.msg; delete rec.fields.msg; }
  } else if (f.fields === 'klog-structured') {
    splitKlogStructured(rec);
  }
  return rec;
}

/** The first format of a list whose sniff and pattern both accept the line. */
export function parseFirst(formats: LineFormat[], line: string): LogRecord | null {
  for (const f of formats) {
    if (!f.sniff.test(line)) continue;
    const rec = parseWith(f, line);
    if (rec) return rec;
  }
  return null;
}
