// Which inputs the coverage table of a human report draws (DESIGN §7): all of them up to
// COVERAGE_ROWS; past that the inputs that gave events or warnings first (most events first),
// shown in input order, and one line totalling the rest. Input warnings are listed up to
// COVERAGE_WARNINGS. The JSON report always lists every input.
import type { InputSummary, Report } from '../types';
import { baseOf } from './notes';

/** Inputs drawn as rows at most; a bundle of 200,000 files gets a summary line, not 200,000 rows. */
export const COVERAGE_ROWS = 100;
/** Input warnings listed at most. */
export const COVERAGE_WARNINGS = 50;

export interface CoverageView {
  /** the folder every input path is under ('' when none), cut from the paths shown */
  base: string;
  rows: InputSummary[];
  /** the inputs not drawn, totalled; null when every input is a row */
  rest: { inputs: number; lines: number; parsed: number; events: number } | null;
  warnings: Array<{ path: string; text: string }>;
  /** warnings not listed */
  moreWarnings: number;
}

export function coverageOf(r: Report, rows = COVERAGE_ROWS, maxWarnings = COVERAGE_WARNINGS): CoverageView {
  const base = baseOf(r);
  const warnings: CoverageView['warnings'] = [];
  let moreWarnings = 0;
  for (const i of r.inputs) {
    for (const text of i.warnings) {
      if (warnings.length < maxWarnings) warnings.push({ path: i.path.slice(base.length), text });
      else moreWarnings++;
    }
  }
  if (r.inputs.length <= rows) return { base, rows: r.inputs, rest: null, warnings, moreWarnings };
  // the inputs that tell the story first: events, then warnings, then the most lines
  const rank = r.inputs.map((_, k) => k).sort((a, b) => {
    const x = r.inputs[a];
    const y = r.inputs[b];
    return y.events - x.events || y.warnings.length - x.warnings.length || y.lines - x.lines || a - b;
  });
  const keep = new Set(rank.slice(0, rows));
  const rest = { inputs: 0, lines: 0, parsed: 0, events: 0 };
  const shown: InputSummary[] = [];
  r.inputs.forEach((i, k) => {
    if (keep.has(k)) { shown.push(i); return; }
    rest.inputs++;
    rest.lines += i.lines;
    rest.parsed += i.parsed;
    rest.events += i.events;
  });
  return { base, rows: shown, rest, warnings, moreWarnings };
}

/** The line under a summarised table, in words every format shows as is. */
export function restLine(v: CoverageView): string | null {
  if (!v.rest) return null;
  const n = (x: number) => x.toLocaleString('en-US');
  const r = v.rest;
  return `… and ${n(r.inputs)} more input${r.inputs === 1 ? '' : 's'} (${n(r.lines)} lines, ${n(r.parsed)} parsed, ${n(r.events)} events) not drawn: the ${n(v.rows.length)} above gave the most events. The JSON report (-f json) lists every input.`;
}

/** The line after the listed warnings, when some were left out. */
export function moreWarningsLine(v: CoverageView): string | null {
  return v.moreWarnings ? `… and ${v.moreWarnings.toLocaleString('en-US')} more input warning${v.moreWarnings === 1 ? '' : 's'} (-f json lists them all).` : null;
}
