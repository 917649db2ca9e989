// Where a parsed line keeps its times, and the time fields another line of the same shape gets
// (the repeat fast path, memo.ts). Only for formats whose record is the same for two lines that
// differ in time digits alone: logrus, klog, zap JSON by `ts`, and journald / syslog-iso around
// them. The time fields are computed as parseLine computes them (format.ts parseWith, journald.ts
// nested); a line whose times read another way (unreadable, zone-less where the first had a zone)
// gets null and takes the full parse.
import type { LocalTime, LogRecord } from '../types';
import type { LineFormat } from '../formats/format';
import { FORMATS } from '../formats/registry';
import { PAYLOAD_FORMATS } from '../formats/payload';
import { prefixLag } from '../formats/journald';
import { readTime, validInstant, type TimeKind, type TimeReading } from '../formats/timestamps';

/** The time fields of a record: all that differs between two lines of one shape. */
export interface TimeFields { time: number | null; local: LocalTime | null; offsetMin: number | null; prefixLagMs?: number }

/** Time fields with the shape of each reading they came from (which of time and local it had). */
export interface Read { fields: TimeFields; shape: number }

/**
 * A line's time spans ([start, end) pairs, in order) and how to read new texts in their place.
 * A reading of another shape than `own` sends the parse another way (a time that no longer
 * reads, or reads without its zone): that line takes the full parse. Timings with one `kind`
 * read the same texts the same way.
 */
export interface Timing {
  spans: number[];
  kind: string;
  own: number;
  /** how each span's time is read, and where its two seconds digits are (-1: not at a fixed place) */
  kinds: TimeKind[];
  secs: number[];
  /** the time fields from each span's reading */
  combine(readings: TimeReading[]): Read;
}

/** The nested formats (journald.ts `nested`) and the kind of their prefix time. */
const PREFIXED: Record<string, TimeKind> = { journald: 'syslog', 'syslog-iso': 'rfc3339' };
const PLAIN = new Set(['logrus', 'klog']);

const withIndices = new Map<LineFormat, RegExp>();
/** The format's pattern with group indices ('d' flag): where its time and msg groups are. */
function indicesOf(f: LineFormat, line: string): Record<string, [number, number] | undefined> | null {
  let re = withIndices.get(f);
  if (!re) withIndices.set(f, (re = new RegExp(f.pattern.source, f.pattern.flags.replace('d', '') + 'd')));
  return re.exec(line)?.indices?.groups ?? null;
}

/** The first format of a list that sniffs the line: the one parseFirst tries first. */
const firstSniff = (formats: LineFormat[], line: string) => formats.find((f) => f.sniff.test(line)) ?? null;

/** A reading's shape: which of time and local it has (the parse takes another way when it differs). */
const shapeOf = (r: { time: number | null; local: LocalTime | null }) => (r.time === null ? 0 : 1) + (r.local === null ? 0 : 2);

/** One time inside a text: its span and how to read it (a format's time group, or zap's `ts`). */
interface Spot { at: number; end: number; kind: TimeKind }

/** Where the payload format `f` keeps its time in `text` (offset `base` in the line), or null. */
function spotOf(f: LineFormat, text: string, base: number): Spot | null {
  if (f.name === 'zap-json') {
    // the `ts` key, once, with a plain string value (JSON strings cannot hold a bare quote)
    const at = text.indexOf('"ts":"');
    if (at < 0 || text.indexOf('"ts":', at + 1) >= 0) return null;
    const end = text.indexOf('"', at + 6);
    if (end < 0 || text.slice(at + 6, end).includes('\\')) return null;
    return { at: base + at + 6, end: base + end, kind: 'rfc3339' };
  }
  if (!PLAIN.has(f.name) || f.build) return null;
  const t = indicesOf(f, text)?.time;
  return t ? { at: base + t[0], end: base + t[1], kind: f.time } : null;
}

/** The payload's time fields as its format sets them (parseWith, buildZap). */
function payloadFields(r: TimeReading): TimeFields {
  return { time: r.time, local: r.local, offsetMin: r.offsetMin };
}

/** The timing of a parsed line, or null when its format is not one the fast path knows. */
export function timingOf(line: string, rec: LogRecord): Timing | null {
  const f = firstSniff(FORMATS, line);
  if (!f || f.name !== rec.format) return null;
  const outerKind = PREFIXED[f.name];
  let spans: number[];
  let kinds: TimeKind[];
  let combine: (r: TimeReading[]) => Read;
  if (outerKind) {
    const g = indicesOf(f, line);
    if (!g?.time || !g.msg) return null;
    const msg = line.slice(g.msg[0], g.msg[1]);
    const inner = firstSniff(PAYLOAD_FORMATS, msg);
    // no payload format, or the one that parsed it: a payload that failed its own parse is not memoised
    if ((inner?.name ?? undefined) !== rec.fields.payload) return null;
    const spot = inner ? spotOf(inner, msg, g.msg[0]) : null;
    if (inner && !spot) return null;
    const outer = [g.time[0], g.time[1]];
    spans = spot ? [...outer, spot.at, spot.end] : outer;
    kinds = spot ? [outerKind, spot.kind] : [outerKind];
    combine = ([o, i]) => ({ fields: nestedFields(o, i ?? null), shape: shapeOf(o) + (i ? 4 * shapeOf(i) : 0) });
  } else {
    const spot = spotOf(f, line, 0);
    if (!spot) return null;
    spans = [spot.at, spot.end];
    kinds = [spot.kind];
    combine = ([r]) => ({ fields: payloadFields(r), shape: shapeOf(r) });
  }
  // the first line's own times must give its own record back, else the fast path stays off for it
  const texts = spansOf(line, spans);
  const own = combine(texts.map((t, k) => readTime(kinds[k], t)));
  const secs = texts.map((t, k) => secondsAt(kinds[k], t));
  return sameFields(own.fields, rec) ? { spans, kind: kinds.join('>') + (outerKind ? '>' : ''), own: own.shape, kinds, secs, combine } : null;
}

/** Where a time text keeps its two seconds digits, when the reader reads them there and nothing else depends on them. */
const SECONDS: Partial<Record<TimeKind, RegExp>> = {
  rfc3339: /^\d{4}-\d\d-\d\d[T ]\d\d:\d\d:(?=\d\d)/,
  syslog: /^[A-Z][a-z]{2} +\d{1,2} \d\d:\d\d:(?=\d\d)/,
};

function secondsAt(kind: TimeKind, text: string): number {
  const m = SECONDS[kind]?.exec(text);
  return m ? m[0].length : -1;
}

/**
 * The reading of a time text that differs from `r`'s only in its seconds digits, now `second`
 * (same minute: the instant moves by whole seconds, Date.UTC is linear in them).
 */
export function withSeconds(r: TimeReading, was: number, second: number): TimeReading {
  // as the full reading does: a second past 60 (a leap second) or an instant out of range is no time
  if (second > 60) return { time: null, local: null, offsetMin: null };
  if (r.time !== null) {
    const time = r.time + (second - was) * 1000;
    return validInstant(time) ? { time, local: null, offsetMin: r.offsetMin } : { time: null, local: null, offsetMin: null };
  }
  if (r.local) return { time: null, local: { ...r.local, second }, offsetMin: r.offsetMin };
  return r;
}

/** journald.ts `nested`: the payload's time wins; else the prefix's; the lag when both are there. */
function nestedFields(outer: TimeReading, inner: TimeReading | null): TimeFields {
  const f: TimeFields = inner ? payloadFields(inner) : { time: null, local: null, offsetMin: null };
  if (f.time === null) {
    f.time = outer.time;
    f.local = outer.local;
    f.offsetMin = outer.offsetMin ?? f.offsetMin;
  } else if (inner) {
    const lag = prefixLag(outer, inner.time!, inner.offsetMin);
    if (lag !== null) f.prefixLagMs = lag;
  }
  return f;
}

function spansOf(line: string, spans: number[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < spans.length; i += 2) out.push(line.slice(spans[i], spans[i + 1]));
  return out;
}

function sameFields(f: TimeFields, rec: LogRecord): boolean {
  const l = f.local;
  const r = rec.local;
  const sameLocal = l === r || (!!l && !!r && JSON.stringify(l) === JSON.stringify(r));
  return f.time === rec.time && f.offsetMin === rec.offsetMin && f.prefixLagMs === rec.prefixLagMs && sameLocal;
}
