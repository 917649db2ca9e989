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

/** Month falls by half a year or more between two lines in file order: a new year began. */
const rolled = (prev: LocalTime, cur: LocalTime): boolean => prev.month - cur.month >= 6;

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

  private nearest(line: number): Anchor | null {
    let best: Anchor | null = null;
    for (const a of this.anchors) {
      if (!best || Math.abs(a.line - line) < Math.abs(best.line - line)) best = a;
    }
    return best;
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
   * reference date (the year at the end, collection time), `--year` (the year at the start) or,
   * flagged, the file's mtime (the end). Each Dec -> Jan step in the run moves the year by one.
   */
  private seedYears(items: LocalAt[]): Array<number | null> {
    const years: Array<number | null> = items.map(() => null);
    if (!items.length) return years;
    const { refYear, refMonth, mtime } = this.seed;
    if (refYear !== null && (refMonth === null || refMonth === undefined)) {
      let y = refYear;
      items.forEach((it, i) => {
        if (i > 0 && rolled(items[i - 1].local, it.local)) y += 1;
        years[i] = y;
      });
      return years;
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
    if (endYear === null) return years;
    const last = items[items.length - 1].local;
    // logs collected in January that end in December end in the year before
    let y = last.month > endMonth ? endYear - 1 : endYear;
    for (let i = items.length - 1; i >= 0; i--) {
      years[i] = y;
      if (i > 0 && rolled(items[i - 1].local, items[i].local)) y -= 1;
    }
    return years;
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
