// Reference clock of one source: resolves year-less / zone-less times from the nearest dated line,
// then the layout's year (bundle date, --year), and only as a flagged last resort the file's mtime.
import type { LocalTime, LogRecord } from '../types';
import { instantOf } from '../formats/timestamps';
import { splitLag } from '../formats/journald';

interface Anchor { line: number; year: number; month: number; offsetMin: number }

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

export class SourceClock {
  private anchors: Anchor[] = [];
  private refZone: number | null = null;
  readonly warnings = new Set<string>();

  constructor(private seed: ClockSeed) {}

  /**
   * The bundle's reference clock, known only once the whole bundle is read: its date replaces the
   * folder-name date as the collection time (unless `keepYear`: --year wins), its zone places
   * year-less lines of files that carry no dated line.
   */
  reference(ref: ClockReference, keepYear = false): void {
    if (!keepYear) this.seed = { ...this.seed, refYear: ref.year, refMonth: ref.month };
    this.refZone = ref.offsetMin;
  }

  /** The zone (minutes east of UTC) the file's own dated lines carry, if any. */
  knownOffset(): number | null {
    return this.lastOffset();
  }

  /** Learns year, month and zone from a line that carries an absolute time with an offset. */
  learn(rec: LogRecord, line: number): void {
    if (rec.time === null) return;
    // the anchor zone is the prefix's: year-less lines of this file carry prefix times
    const zone = rec.prefixLagMs !== undefined ? splitLag(rec.prefixLagMs).zoneMin : 0;
    const off = (rec.offsetMin ?? this.lastOffset() ?? 0) + zone;
    const d = new Date(rec.time + off * 60_000);
    const a = { line, year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, offsetMin: off };
    const last = this.anchors[this.anchors.length - 1];
    // one anchor per (year, month, zone) run keeps memory bounded by the months a file spans
    if (!last || last.year !== a.year || last.month !== a.month || last.offsetMin !== a.offsetMin) this.anchors.push(a);
  }

  private lastOffset(): number | null {
    return this.anchors.length ? this.anchors[this.anchors.length - 1].offsetMin : null;
  }

  /** The anchor in force at `line`: the last one at or above it (a zone change below must not move it), else the first. */
  private nearest(line: number): Anchor | null {
    let best: Anchor | null = null;
    for (const a of this.anchors) {
      if (a.line <= line) best = a;
      else break;
    }
    return best ?? this.anchors[0] ?? null;
  }

  /** Year and zone from the anchor nearest to `line` (Dec -> Jan rollover either way of it). */
  private fromAnchor(l: LocalTime, line: number): { year: number | null; offset: number | null } {
    const a = this.nearest(line);
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
  private seedYears(items: LocalAt[]): Array<number | null> {
    if (!items.length) return [];
    const { refYear, refMonth, mtime } = this.seed;
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
      this.warnings.add(`year taken from the file's modification time (${endYear}); pass --year to be sure`);
    }
    if (endYear === null) return items.map(() => null);
    // logs collected in January that end in December end in the year before
    const y = items[latest].local.month > endMonth ? endYear - 1 : endYear;
    return rel.map((r) => y + r - rel[latest]);
  }

  /** Epoch ms for each year-less time (file order), or null where no year can be had. */
  resolveAll(items: LocalAt[]): Array<number | null> {
    const loose = items.filter((it) => it.local.year === null && !this.anchors.length);
    const seeded = this.seedYears(loose);
    const byItem = new Map(loose.map((it, i) => [it, seeded[i]]));
    return items.map((it) => {
      const fa = this.fromAnchor(it.local, it.line);
      const year = fa.year ?? byItem.get(it) ?? null;
      if (year === null) {
        this.warnings.add('year-less timestamps could not be placed: pass --year');
        return null;
      }
      let offset = fa.offset ?? this.refZone;
      if (offset === null) {
        offset = 0;
        this.warnings.add('zone of year-less timestamps unknown: read as UTC');
      }
      return instantOf(it.local, year, offset);
    });
  }

  /** Epoch ms for wall-clock fields at `line`, or null when no year can be had. */
  resolve(l: LocalTime, line: number): number | null {
    return this.resolveAll([{ local: l, line }])[0];
  }
}
