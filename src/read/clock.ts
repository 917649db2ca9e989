// Reference clock of one source, as plain data and pure functions: resolves year-less / zone-less
// times from the nearest dated line, then the layout's year (bundle date, --year), and only as a
// flagged last resort the file's mtime.
import type { LocalTime, LogRecord } from '../types';
import { instantOf } from '../formats/timestamps';
import { splitLag } from '../formats/journald';

export interface Anchor { line: number; year: number; month: number; offsetMin: number }

/** What the clock needs from the source, decided before the first line. */
export interface ClockSeed {
  refYear: number | null;
  /** month of a reference date taken at collection time (bundle date): `refYear` is then the
   * year at the end of the file, not at its start (`--year`) */
  refMonth?: number | null;
  mtime: number | null;
}

/** A bundle's collection date (systeminfo/date) and zone when known: set after the lines are read. */
export interface ClockReference {
  year: number;
  month: number;
  /** minutes east of UTC, or null when the bundle does not say */
  offsetMin: number | null;
}

/** A year-less time to resolve, with its 1-based line. */
export interface LocalAt { local: LocalTime; line: number }

/** Days into the year (31-day months): enough to order wall-clock times and measure steps. */
const dayOf = (l: LocalTime): number => (l.month - 1) * 31 + l.day - 1 + (l.hour * 3600 + l.minute * 60 + l.second) / 86400;

/** A step back in the calendar longer than this, in a file written forward, is a new year. */
const ROLL_DAYS = 62;

/** +1 when the year-less times mostly go forward in file order, -1 for a paste in reverse order. */
function direction(items: LocalAt[]): 1 | -1 {
  let fwd = 0;
  let back = 0;
  for (let i = 1; i < items.length; i++) {
    const d = dayOf(items[i].local) - dayOf(items[i - 1].local);
    // only short steps tell the order: a long one may cross New Year or skip unsampled months
    if (Math.abs(d) <= ROLL_DAYS) { if (d > 0) fwd++; else if (d < 0) back++; }
  }
  return back > fwd ? -1 : 1;
}

/**
 * Year offsets of a run in file order, relative to its first item: +1 at each step a forward file
 * takes back in the calendar by more than ROLL_DAYS (Dec -> Jan, or months unseen between two
 * sampled lines), -1 at each such step forward in a reversed paste (Jan -> Dec).
 */
function yearSteps(items: LocalAt[], dir: 1 | -1): number[] {
  const rel = [0];
  for (let i = 1; i < items.length; i++) {
    const d = dayOf(items[i].local) - dayOf(items[i - 1].local);
    rel.push(rel[i - 1] + (dir > 0 ? (d < -ROLL_DAYS ? 1 : 0) : (d > ROLL_DAYS ? -1 : 0)));
  }
  return rel;
}

/** What a source's dated lines taught: one anchor per (year, month, zone) run, in file order. Plain data. */
export type Anchors = Anchor[];

/** Learns year, month and zone from a line that carries an absolute time (appends to `anchors`). */
export function learnAnchor(anchors: Anchors, rec: LogRecord, line: number): void {
  if (rec.time === null) return;
  // the anchor zone is the prefix's: year-less lines of this file carry prefix times
  const zone = rec.prefixLagMs !== undefined ? splitLag(rec.prefixLagMs).zoneMin : 0;
  const off = (rec.offsetMin ?? lastOffset(anchors) ?? 0) + zone;
  const d = new Date(rec.time + off * 60_000);
  const a = { line, year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, offsetMin: off };
  const last = anchors[anchors.length - 1];
  // one anchor per (year, month, zone) run keeps memory bounded by the months a file spans
  if (!last || last.year !== a.year || last.month !== a.month || last.offsetMin !== a.offsetMin) anchors.push(a);
}

/** The zone (minutes east of UTC) the file's own dated lines carry, if any. */
export function lastOffset(anchors: Anchors): number | null {
  return anchors.length ? anchors[anchors.length - 1].offsetMin : null;
}

/** The anchor in force at `line`: the last one at or above it (a zone change below must not move it), else the first. */
function nearest(anchors: Anchors, line: number): Anchor | null {
  let best: Anchor | null = null;
  for (const a of anchors) {
    if (a.line <= line) best = a;
    else break;
  }
  return best ?? anchors[0] ?? null;
}

/** Year and zone from the anchor nearest to `line` (Dec -> Jan rollover either way of it). */
function fromAnchor(anchors: Anchors, l: LocalTime, line: number): { year: number | null; offset: number | null } {
  const a = nearest(anchors, line);
  let year = l.year;
  if (year === null && a) {
    year = a.year;
    if (a.month === 12 && l.month === 1) year += 1;
    else if (a.month === 1 && l.month === 12) year -= 1;
  }
  return { year, offset: l.offsetMin ?? a?.offsetMin ?? null };
}

/**
 * Years for a run of year-less times in file order when no dated line anchors them: from the
 * reference date (the year of the latest line, collection time), `--year` (the year of the
 * earliest) or, flagged, the file's mtime (the latest). Year steps come from yearSteps.
 */
function seedYears(seed: ClockSeed, items: LocalAt[], warnings: Set<string>): Array<number | null> {
  if (!items.length) return [];
  const { refYear, refMonth, mtime } = seed;
  const dir = direction(items);
  const rel = yearSteps(items, dir);
  // the earliest line is the first of a forward file, the last of a reversed paste
  const earliest = dir > 0 ? 0 : items.length - 1;
  const latest = items.length - 1 - earliest;
  if (refYear !== null && (refMonth === null || refMonth === undefined)) {
    return rel.map((r) => refYear + r - rel[earliest]);
  }
  let endYear: number | null = null;
  let endMonth = 12;
  if (refYear !== null) { endYear = refYear; endMonth = refMonth ?? 12; }
  else if (mtime !== null) {
    const d = new Date(mtime);
    endYear = d.getUTCFullYear();
    endMonth = d.getUTCMonth() + 1;
    warnings.add(`year taken from the file's modification time (${endYear}); pass --year to be sure`);
  }
  if (endYear === null) return items.map(() => null);
  // logs collected in January that end in December end in the year before
  const y = items[latest].local.month > endMonth ? endYear - 1 : endYear;
  return rel.map((r) => y + r - rel[latest]);
}

/** Everything that places a source's year-less lines, decided once every input is read. */
export interface ClockPlan {
  seed: ClockSeed;
  /** the bundle's zone, for files that carry no dated line */
  refZone: number | null;
}

/** The clock plan of a source: its own seed, with a bundle's reference date and zone when it has one (`--year` wins over the date). */
export function planOf(seed: ClockSeed, ref: ClockReference | null, keepYear = false): ClockPlan {
  if (!ref) return { seed, refZone: null };
  return { seed: keepYear ? seed : { ...seed, refYear: ref.year, refMonth: ref.month }, refZone: ref.offsetMin };
}

/** Epoch ms for each year-less time (file order), or null where no year can be had; notes what was assumed in `warnings`. */
export function resolveLocals(anchors: Anchors, plan: ClockPlan, items: LocalAt[], warnings: Set<string>): Array<number | null> {
  const loose = items.filter((it) => it.local.year === null && !anchors.length);
  const seeded = seedYears(plan.seed, loose, warnings);
  const byItem = new Map(loose.map((it, i) => [it, seeded[i]]));
  return items.map((it) => {
    const fa = fromAnchor(anchors, it.local, it.line);
    const year = fa.year ?? byItem.get(it) ?? null;
    if (year === null) {
      warnings.add('year-less timestamps could not be placed: pass --year');
      return null;
    }
    let offset = fa.offset ?? plan.refZone;
    if (offset === null) {
      offset = 0;
      warnings.add('zone of year-less timestamps unknown: read as UTC');
    }
    return instantOf(it.local, year, offset);
  });
}

/** A stand-in instant for a year-less time, good for measuring short steps within one file (run spacing), never shown. */
export function provisional(l: LocalTime): number {
  return Date.UTC(l.year ?? 2000, l.month - 1, l.day, l.hour, l.minute, l.second, l.ms) - (l.offsetMin ?? 0) * 60_000;
}
