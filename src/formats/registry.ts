// The format registry (STYLE §9): an explicit list, tried in order; one generic parser for all.
import type { LogRecord } from '../types';
import { parseFirst, type LineFormat } from './format';
import { logrus, logrusTty } from './logrus';
import { cri, journald, journaldBare, journaldMarker, shortIso } from './journald';
import { klog } from './klog';
import { zapJson } from './etcdJson';
import { cmLauncher, kubectl, reaper } from './reaper';
import { bare } from './bare';

export const FORMATS: LineFormat[] = [
  logrus, journald, reaper, klog, zapJson, cri, shortIso, journaldBare, kubectl, cmLauncher, journaldMarker, logrusTty,
];

/** One anchored alternation of every sniff: a line it rejects is unparsed at the cost of one test. */
export const ANY_SNIFF = new RegExp(FORMATS.map((f) => `(?:${f.sniff.source.replace(/^\^/, '')})`).join('|').replace(/^/, '^(?:') + ')');

const PASTE_PREFIX = /^(?:[ \t]{0,64}>){0,16}[ \t]{0,64}/;

/** Removes paste artifacts: BOM, CR, leading blanks and `> ` quoting. */
export function cleanLine(raw: string): string {
  let s = raw;
  if (s.charCodeAt(s.length - 1) === 13) s = s.slice(0, -1);
  const c = s.charCodeAt(0);
  if (c === 0xfeff) s = s.slice(1);
  const d = s.charCodeAt(0);
  if (d === 32 || d === 9 || d === 62) s = s.replace(PASTE_PREFIX, '');
  return s;
}

/** True when some format could recognise the (cleaned) line. */
export function sniffLine(line: string): boolean {
  return ANY_SNIFF.test(line);
}

// Sticky twins for the chunk scan: tried at a line start inside a whole chunk, no substring built.
const PREFIX_AT = new RegExp(PASTE_PREFIX.source.slice(1), 'y');
const SNIFF_AT = new RegExp(ANY_SNIFF.source.slice(1), 'y');
/** Line-end anchors or lookarounds would read past the line inside a chunk: then always slice. */
const STICKY_EXACT = !/\$|\(\?[=!<]|[(|:]\^/.test(ANY_SNIFF.source.slice(1));

/** sniffLine(cleanLine(s.slice(start, end))) without building the substring (the hot path). */
export function sniffAt(s: string, start: number, end: number): boolean {
  if (!STICKY_EXACT) return sniffLine(cleanLine(s.slice(start, end)));
  let p = start;
  if (s.charCodeAt(p) === 0xfeff) p++;
  const c = s.charCodeAt(p);
  if (c === 32 || c === 9 || c === 62) {
    PREFIX_AT.lastIndex = p;
    PREFIX_AT.test(s);
    p = PREFIX_AT.lastIndex;
  }
  SNIFF_AT.lastIndex = p;
  if (!SNIFF_AT.test(s)) return false;
  // a match that ran past the cleaned line end is re-checked on the line itself
  const cleanEnd = end > start && s.charCodeAt(end - 1) === 13 ? end - 1 : end;
  return SNIFF_AT.lastIndex <= cleanEnd || sniffLine(cleanLine(s.slice(start, end)));
}

/** parseLine(line) -> LogRecord | null: the first format whose sniff and pattern both accept it. */
export function parseLine(line: string): LogRecord | null {
  return parseFirst(FORMATS, line);
}

/** Formats tried only on needle-bearing lines that no format in FORMATS recognises. */
export const LAST_RESORT: LineFormat[] = [bare];

/** The last-resort parse of a line no regular format sniffs (message-only pastes). */
export function parseLastResort(line: string): LogRecord | null {
  return parseFirst(LAST_RESORT, line);
}
