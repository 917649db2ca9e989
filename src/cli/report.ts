// The default command: analyse the inputs and render the report in the chosen format.
import { collect, reportFrom, type Collected } from '../analyze';
import { eventRecords } from '../render/events';
import { RENDERERS, type FormatName } from '../render/registry';
import type { Report } from '../types';
import { analyzeOptionsFrom, pathsFrom, zoneFrom } from './analyzeOptions';
import type { Args, Io } from './io';
import { progressOn } from './progress';
import { redactIfAsked } from './redaction';
import { writeAtomic } from './output';

export async function runReport(a: Args, io: Io): Promise<number> {
  const tz = zoneFrom(a);
  const paths = pathsFrom(a, io);
  const progress = progressOn(io.stderr, io.now);
  const opts = analyzeOptionsFrom(a, io, progress);
  let got: Collected;
  try {
    got = await collect(paths, opts);
  } finally {
    progress.done();
  }
  const report: Report = reportFrom(got, opts);
  // Pseudonyms are learnt from every event too, so they match `rke2-outage events --redact`.
  // Names that only a bundle's kubectl table gives are learnt too, so no original name survives.
  const shown = await redactIfAsked(report, a, a.redact || a['redact-map'] ? [eventRecords(got.events), got.hosts.map(([node]) => ({ node }))] : undefined);
  const format = a.format as FormatName;
  const color = !a.output && !!io.stdout.isTTY && !('NO_COLOR' in io.env) && format === 'table';
  const text = RENDERERS[format](shown, { tz, color });
  if (a.output) await writeAtomic(String(a.output), text);
  else io.stdout.write(text);
  for (const i of shown.inputs) for (const w of i.warnings) io.stderr.write(`rke2-outage: warning: ${i.path}: ${w}\n`);
  const skipped = shown.findings.filter((f) => f.code === 'input-skipped');
  for (const s of skipped) io.stderr.write(`rke2-outage: warning: ${s.message}\n`);
  if (a.strict && (skipped.length || report.inputs.some((i) => i.warnings.some((w) => /read error/.test(w))))) return 2;
  if (a['fail-on'] === 'incident' && report.incidents.length) return 1;
  return 0;
}
