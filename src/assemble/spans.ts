// Runs stand for all their lines (DESIGN §9): a run from `time` to `until` has a line at least
// every RUN_GAP_MS in between. Questions such as "does a reconnect follow within a minute?" are
// asked of spans, not of single lines, so a run answers them as its lines would. A run joined
// across silences (runs.ts, past the budget) answers only where its lines are known to be.
import type { Event } from '../types';

interface Span { time: number; until: number; ev: Event }

/** Runs (and single lines) by key, searchable by time. */
export class SpanIndex {
  private byKey = new Map<string, Span[]>();
  /** per key: the latest `until` among the spans up to each index (spans sorted by start) */
  private reach = new Map<string, number[]>();

  add(key: string, ev: Event): void {
    if (ev.time === null) return;
    const l = this.byKey.get(key);
    const span = { time: ev.time, until: ev.until ?? ev.time, ev };
    if (l) l.push(span);
    else this.byKey.set(key, [span]);
    this.reach.delete(key);
  }

  private prepared(key: string): { spans: Span[]; reach: number[] } | null {
    const spans = this.byKey.get(key);
    if (!spans) return null;
    let reach = this.reach.get(key);
    if (!reach) {
      spans.sort((a, b) => a.time - b.time);
      reach = [];
      let m = -Infinity;
      for (const s of spans) reach.push((m = Math.max(m, s.until)));
      this.reach.set(key, reach);
    }
    return { spans, reach };
  }

  /**
   * True when a span of `key` other than `except` has a line in [from, to] (`strict`: in (from, to]):
   * it starts by `to` and reaches `from`; runs are dense, so they have a line in between.
   */
  has(key: string, from: number, to: number, strict = false, except?: Event): boolean {
    const p = this.prepared(key);
    if (!p) return false;
    let lo = 0;
    let hi = p.spans.length;
    while (lo < hi) { const mid = (lo + hi) >> 1; if (p.spans[mid].time <= to) lo = mid + 1; else hi = mid; }
    for (let k = lo - 1; k >= 0; k--) {
      if (strict ? p.reach[k] <= from : p.reach[k] < from) return false;
      const s = p.spans[k];
      if (s.ev !== except && (strict ? s.until > from : s.until >= from) && (!s.ev.gaps || placed(s, from, to, strict))) return true;
    }
    return false;
  }
}

/**
 * A run with silences (gaps) that overlaps the window: it has a line in it for certain when one of
 * its ends lies inside, or the window is at least as long as its longest silence. Else the lines
 * inside it are not placed in time: no line is claimed.
 */
function placed(s: Span, from: number, to: number, strict: boolean): boolean {
  if ((strict ? s.time > from : s.time >= from) || s.until <= to) return true;
  return to - from >= (s.ev.gapMs ?? Infinity);
}
