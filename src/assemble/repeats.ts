// The same evidence given twice (a bundle copied into two folders, overlapping rotated files):
// an event repeated by another source — same time, observer and line text — counts once.
import type { Event, Finding } from '../types';

export interface Repeats {
  kept: Event[];
  findings: Finding[];
}

/** Drops events that repeat an earlier source's event; one info finding per repeating source. */
export function dropRepeats(events: Event[], paths: string[]): Repeats {
  // time|until|count|node|rule -> the line text and the source that gave it first (a map of texts once
  // one key has several): the line text is not copied into a key per event (200,000 events made
  // 200,000 keys of the whole line, held through assembly's peak)
  const first = new Map<string, { text: string; src: number } | Map<string, number>>();
  const firstOf = (key: string, text: string, src: number): number | undefined => {
    const b = first.get(key);
    if (b === undefined) { first.set(key, { text, src }); return undefined; }
    if (!(b instanceof Map)) {
      if (b.text === text) return b.src;
      first.set(key, new Map([[b.text, b.src], [text, src]]));
      return undefined;
    }
    const seen = b.get(text);
    if (seen === undefined) b.set(text, src);
    return seen;
  };
  const kept: Event[] = [];
  const dropped = new Map<number, { of: Map<number, number>; example: Event }>();
  // input order (not arrival order, which worker threads make vary) decides which copy is kept
  const ordered = [...events].sort((a, b) => a.source - b.source || a.evidence.line - b.evidence.line);
  for (const e of ordered) {
    // two unnamed observers log the same line in the same second: only a true copy also has the same line number
    const src = firstOf(`${e.time ?? 'untimed'}|${e.until}|${e.count}|${e.node ?? `?${e.evidence.line}`}|${e.rule}`, e.evidence.text, e.source);
    if (src === undefined) { kept.push(e); continue; }
    if (src === e.source) { kept.push(e); continue; }
    let d = dropped.get(e.source);
    if (!d) dropped.set(e.source, (d = { of: new Map(), example: e }));
    d.of.set(src, (d.of.get(src) ?? 0) + 1);
  }
  const findings: Finding[] = [...dropped].map(([source, d]) => {
    const total = [...d.of.values()].reduce((a, b) => a + b, 0);
    const self = paths[source] ?? `input ${source}`;
    const of = [...d.of.keys()].map((s) => paths[s] ?? `input ${s}`);
    const message = of.length === 1 && of[0] === self
      ? `${self} was given twice: its ${total} event(s) are counted once.`
      : `${self} repeats ${total} event(s) already read from ${of.join(', ')} (same time, node and line): counted once.`;
    return {
      code: 'repeated-input', severity: 'info' as const,
      message,
      evidence: [d.example.evidence],
    };
  });
  return { kept, findings };
}
