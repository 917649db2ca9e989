// Timestamp readers for every line format: pure, no ambient clock or zone (STYLE §8).
import type { LocalTime } from '../types';

/** What a format's time group yields: an absolute instant, or wall-clock fields to resolve later. */
export interface TimeReading {
  time: number | null;
  local: LocalTime | null;
  offsetMin: number | null;
}

export const MONTHS: Record<string, number> = {
  Jan: 1, Feb: 2, Mar: 3, Apr: 4, May: 5, Jun: 6, Jul: 7, Aug: 8, Sep: 9, Oct: 10, Nov: 11, Dec: 12,
};

const NONE: TimeReading = { time: null, local: null, offsetMin: null };

/** Zone abbreviations date(1) prints that are unambiguous. Others stay zone-less. */
const ZONE_ABBREV: Record<string, number> = { UTC: 0, GMT: 0, Z: 0, UCT: 0 };

/** Earliest and latest instant a line may carry: years 0001-9999 (a wider value is a bad value, not a time). */
export const MIN_TIME = -62135596800000;
export const MAX_TIME = 253402300799999;

/** True for an epoch-ms value every later stage can compute with and print (finite, years 0001-9999). */
export function validInstant(t: number): boolean {
  return Number.isFinite(t) && t >= MIN_TIME && t <= MAX_TIME;
}

/** True when wall-clock fields are in range (a second of 60 is a leap second). */
function validClock(month: number, day: number, hour: number, minute: number, second: number): boolean {
  return month >= 1 && month <= 12 && day >= 1 && day <= 31 && hour <= 23 && minute <= 59 && second <= 60;
}

/** `+08:00`, `+0800`, `-05`, `Z` -> minutes east of UTC; null for anything else, `+99:99` included. */
export function parseOffset(s: string): number | null {
  if (s === 'Z' || s === 'z') return 0;
  const m = /^([+-])(\d\d):?(\d\d)?$/.exec(s);
  if (!m || Number(m[2]) > 23 || Number(m[3] ?? 0) > 59) return null;
  const v = Number(m[2]) * 60 + Number(m[3] ?? 0);
  return m[1] === '-' ? -v : v;
}

/** Fraction digits (1-9) -> milliseconds. */
function fracMs(frac: string | undefined): number {
  if (!frac) return 0;
  return Math.floor(Number((frac + '000').slice(0, 3)));
}

/** Builds the instant for wall-clock fields with a known year and offset (NaN when out of range). */
export function instantOf(l: LocalTime, year: number, offsetMin: number): number {
  // not Date.UTC(year, ...): it reads years 0-99 as 1900-1999, so year 0001 would become 1901
  const d = new Date(0);
  d.setUTCFullYear(year, l.month - 1, l.day);
  d.setUTCHours(l.hour, l.minute, l.second, l.ms);
  return d.getTime() - offsetMin * 60_000;
}

/** A reading with an absolute instant, or NONE when the instant is out of range. */
function absolute(local: LocalTime, off: number): TimeReading {
  const t = instantOf(local, local.year!, off);
  return validInstant(t) ? { time: t, local: null, offsetMin: off } : NONE;
}

const RFC3339 = /^(\d{4})-(\d\d)-(\d\d)[T ](\d\d):(\d\d):(\d\d)(?:[.,](\d{1,9}))?(Z|z|[+-]\d\d(?::?\d\d)?)?$/;

/** RFC 3339 / ISO 8601 (logrus, etcd `ts`, reaper deletion timestamps, short-iso). */
export function readRfc3339(s: string): TimeReading {
  const m = RFC3339.exec(s);
  if (!m) return NONE;
  const local: LocalTime = {
    year: Number(m[1]), month: Number(m[2]), day: Number(m[3]),
    hour: Number(m[4]), minute: Number(m[5]), second: Number(m[6]), ms: fracMs(m[7]), offsetMin: null,
  };
  if (!validClock(local.month, local.day, local.hour, local.minute, local.second) || local.year === 0) return NONE;
  if (!m[8]) return { time: null, local, offsetMin: null };
  const off = parseOffset(m[8]);
  return off === null ? NONE : absolute(local, off);
}

/** Strict RFC 3339 to epoch ms, or null (used for values inside messages). */
export function rfc3339ToMs(s: string): number | null {
  return readRfc3339(s).time;
}

const SYSLOG = /^([A-Z][a-z]{2}) +(\d{1,2}) (\d\d):(\d\d):(\d\d)(?:\.(\d{1,6}))?$/;

/** journald `short` / syslog: `Dec 29 17:13:37[.123456]`, local time without year. */
export function readSyslog(s: string): TimeReading {
  const m = SYSLOG.exec(s);
  if (!m || !MONTHS[m[1]] || !validClock(MONTHS[m[1]], Number(m[2]), Number(m[3]), Number(m[4]), Number(m[5]))) return NONE;
  return {
    time: null, offsetMin: null,
    local: { year: null, month: MONTHS[m[1]], day: Number(m[2]), hour: Number(m[3]), minute: Number(m[4]), second: Number(m[5]), ms: fracMs(m[6]), offsetMin: null },
  };
}

const KLOG = /^(\d\d)(\d\d) (\d\d):(\d\d):(\d\d)(?:\.(\d{1,6}))?$/;

/** klog header `mmdd hh:mm:ss.uuuuuu`: local time without year or zone. */
export function readKlog(s: string): TimeReading {
  const m = KLOG.exec(s);
  if (!m) return NONE;
  const month = Number(m[1]);
  if (!validClock(month, Number(m[2]), Number(m[3]), Number(m[4]), Number(m[5]))) return NONE;
  return {
    time: null, offsetMin: null,
    local: { year: null, month, day: Number(m[2]), hour: Number(m[3]), minute: Number(m[4]), second: Number(m[5]), ms: fracMs(m[6]), offsetMin: null },
  };
}

const DATE1 = /^([A-Z][a-z]{2}) +(\d{1,2}) (\d\d):(\d\d):(\d\d) ([A-Za-z]{1,6}|[+-]\d{2,4}) (\d{4})$/;

/** date(1) default output without the weekday: `Dec 29 09:40:01 UTC 2022` (day space-padded). */
export function readDate1(s: string): TimeReading {
  const m = DATE1.exec(s);
  if (!m || !MONTHS[m[1]]) return NONE;
  const local: LocalTime = {
    year: Number(m[7]), month: MONTHS[m[1]], day: Number(m[2]),
    hour: Number(m[3]), minute: Number(m[4]), second: Number(m[5]), ms: 0, offsetMin: null,
  };
  if (!validClock(local.month, local.day, local.hour, local.minute, local.second) || local.year === 0) return NONE;
  const off = ZONE_ABBREV[m[6]] ?? parseOffset(m[6]);
  if (off === null || off === undefined) return { time: null, local, offsetMin: null };
  return absolute(local, off);
}

const CLF = /^(\d\d)\/([A-Z][a-z]{2})\/(\d{4}) (\d\d):(\d\d):(\d\d) ([+-]\d{4})$/;

/** Cloudera Manager launcher `[21/Oct/2020 14:56:56 +0000]` (common log format). */
export function readClf(s: string): TimeReading {
  const m = CLF.exec(s);
  if (!m || !MONTHS[m[2]]) return NONE;
  const local: LocalTime = {
    year: Number(m[3]), month: MONTHS[m[2]], day: Number(m[1]),
    hour: Number(m[4]), minute: Number(m[5]), second: Number(m[6]), ms: 0, offsetMin: null,
  };
  const off = parseOffset(m[7]);
  if (off === null || !validClock(local.month, local.day, local.hour, local.minute, local.second) || local.year === 0) return NONE;
  return absolute(local, off);
}

export type TimeKind = 'rfc3339' | 'syslog' | 'klog' | 'date1' | 'clf' | 'inherit' | 'none';

export const TIME_READERS: Record<Exclude<TimeKind, 'inherit' | 'none'>, (s: string) => TimeReading> = {
  rfc3339: readRfc3339,
  syslog: readSyslog,
  klog: readKlog,
  date1: readDate1,
  clf: readClf,
};

/** Reads a time group with the format's reader; inherit/none yield no time. */
export function readTime(kind: TimeKind, s: string | undefined): TimeReading {
  if (!s || kind === 'inherit' || kind === 'none') return NONE;
  return TIME_READERS[kind](s);
}
