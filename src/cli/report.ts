// The default command: analyse the inputs and render the report in the chosen format (-f, else the
// --output name, else the terminal table), fitted to the terminal unless --wide or not a terminal.
import { collect, reportFrom, type Collected } from '../analyze';
import { RENDERERS, type FormatName, type RenderOptions } from '../render/registry';
import type { Report } from '../types';
import { analyzeOptionsFrom, pathsFrom, zoneFrom } from './analyzeOptions';
import { formatFor } from './formats';
import type { Args, Io } from './io';
import { progressOn } from './progress';
import { checkOutputArgs, progressName, runRedactor, writeRedactMap } from './redaction';
import { clipEvidence } from '../render/evidence';
import { termSafe } from '../render/escape';
import { writeAtomic } from './output';
import { runEvents } from './events';
import { checkReadable, strictFails } from './strict';

/** Terminal width for the table: $COLUMNS, else the terminal's, else 80; null when --wide. */
export function widthFor(a: Args, io: Io): number | null {
  const toTerminal = !a.output && !!io.stdout.isTTY;
  const wide = a.wide === undefined ? !toTerminal : !!a.wide;
  if (wide) return null;
  const cols = Number(io.env.COLUMNS) || (io.stdout as { columns?: number }).columns || 80;
  return Math.max(40, cols);
}

export async function runReport(a: Args, io: Io): Promise<number> {
  const format = formatFor('report', a);
  if (format === 'ndjson') return runEvents({ ...a, format: undefined }, io);
  const tz = zoneFrom(a);
  const paths = pathsFrom(a, io);
  await checkOutputArgs(a);
  const progress = progressOn(io.stderr, io.now, progressName(a));
  const opts = analyzeOptionsFrom(a, io, progress);
  let got: Collected;
  try {
    got = await collect(paths, opts);
  } finally {
    progress.done();
  }
  checkReadable(got.inputs, got.skipped.length, !!a.strict);
  const report: Report = reportFrom(got, opts);
  // one redactor learns everything read (so `events --redact` gives the same pseudonyms), then evidence is cut: redact first, cut after
  const red = runRedactor(a, got);
  const shown = clipEvidence(red ? red.apply(report) : report);
  await writeRedactMap(a, red);
  const toTerminal = !a.output && !!io.stdout.isTTY;
  const ro: RenderOptions = { tz, color: toTerminal && !('NO_COLOR' in io.env) && format === 'table', width: widthFor(a, io) };
  const text = RENDERERS[format as FormatName](shown, ro);
  if (a.output) await writeAtomic(String(a.output), text);
  else io.stdout.write(text);
  // warnings once: the report on this terminal says them; a file or a pipe gets them on stderr too
  if (!toTerminal) {
    for (const i of shown.inputs) for (const w of i.warnings) io.stderr.write(`rke2-outage: warning: ${termSafe(i.path)}: ${termSafe(w)}\n`);
    for (const s of shown.findings.filter((f) => f.code === 'input-skipped')) io.stderr.write(`rke2-outage: warning: ${termSafe(s.message)}\n`);
  }
  if (a.strict && strictFails(report.inputs, report.findings.filter((f) => f.code === 'input-skipped').length)) return 2;
  if (a['fail-on'] === 'incident' && report.incidents.length) return 1;
  return 0;
}
