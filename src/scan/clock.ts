// Reference clock of one source: resolves year-less / zone-less times from the nearest dated line,
// then the layout's year (bundle date, --year), and only as a flagged last resort the file's mtime.
import type { LocalTime, LogRecord } from '../types';
import { instantOf } from '../formats/timestamps';

interface Anchor { line: number; year: number; month: number; offsetMin: number }

/** What the clock needs from the source, decided before the first line. */
export interface ClockSeed {
  refYear: number | null;
  mtime: number | null;
}

/** A bundle's collection date (and zone when known): year-less lines are placed at or before it. */
export interface ClockReference {
  year: number;
  month: number;
  day: number;
  offsetMin: number | null;
}

export class SourceClock {
  private anchors: Anchor[] = [];
  private ref: ClockReference | null = null;
  readonly warnings = new Set<string>();

  constructor(private seed: ClockSeed) {}

  /** Sets the bundle's reference clock; may come after the lines (it is used when they resolve). */
  reference(ref: ClockReference | null): void {
    this.ref = ref;
  }

  /** The zone (minutes east of UTC) the file's own dated lines carry, if any. */
  knownOffset(): number | null {
    return this.lastOffset();
  }

  /** Learns year, month and zone from a line that carries an absolute time with an offset. */
  learn(rec: LogRecord, line: number): void {
    if (rec.time === null) return;
    const off = rec.offsetMin ?? this.lastOffset() ?? 0;
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

  /** Epoch ms for wall-clock fields at `line`, or null when no year can be had. */
  resolve(l: LocalTime, line: number): number | null {
    const a = this.nearest(line);
    let year = l.year;
    let offset = l.offsetMin ?? a?.offsetMin ?? this.ref?.offsetMin ?? null;
    if (year === null && a) {
      year = a.year;
      // Dec -> Jan rollover either way of the anchor
      if (a.month === 12 && l.month === 1) year += 1;
      else if (a.month === 1 && l.month === 12) year -= 1;
    }
    if (year === null && this.ref) {
      // logs end at collection: a month/day after the collection date belongs to the year before
      const after = l.month > this.ref.month || (l.month === this.ref.month && l.day > this.ref.day + 1);
      year = this.ref.year - (after ? 1 : 0);
    }
    if (year === null && this.seed.refYear !== null) year = this.seed.refYear;
    if (year === null && this.seed.mtime !== null) {
      year = new Date(this.seed.mtime).getUTCFullYear();
      this.warnings.add(`year taken from the file's modification time (${year}); pass --year to be sure`);
    }
    if (year === null) {
      this.warnings.add('year-less timestamps could not be placed: pass --year');
      return null;
    }
    if (offset === null) {
      offset = 0;
      this.warnings.add('zone of year-less timestamps unknown: read as UTC');
    }
    return instantOf(l, year, offset);
  }
}
