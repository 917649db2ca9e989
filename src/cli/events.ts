// `rke2-outage events [paths..]` (and the report command with -f ndjson / -o FILE.ndjson): every
// classified event as NDJSON, in time order.
import { collect } from '../analyze';
import { eventRecords, renderEventLines } from '../render/events';
import { analyzeOptionsFrom, pathsFrom } from './analyzeOptions';
import { formatFor } from './formats';
import type { Args, Io } from './io';
import { progressOn } from './progress';
import { redactIfAsked } from './redaction';
import { writeAtomic } from './output';
import { checkReadable, strictFails } from './strict';

export async function runEvents(a: Args, io: Io): Promise<number> {
  formatFor('events', a);
  const paths = pathsFrom(a, io);
  const progress = progressOn(io.stderr, io.now);
  let got: Awaited<ReturnType<typeof collect>>;
  try {
    got = await collect(paths, analyzeOptionsFrom(a, io, progress));
  } finally {
    progress.done();
  }
  checkReadable(got.inputs, got.skipped.length, !!a.strict);
  // input warnings go through --redact too: they name paths, and paths name nodes
  const warnings = got.inputs.flatMap((i) => i.warnings.map((text) => ({ path: i.path, text })));
  const shown = await redactIfAsked({ records: eventRecords(got.events), skipped: got.skipped, warnings }, a);
  const text = renderEventLines(shown.records);
  if (a.output) await writeAtomic(String(a.output), text);
  else io.stdout.write(text);
  for (const w of shown.warnings) io.stderr.write(`rke2-outage: warning: ${w.path}: ${w.text}\n`);
  for (const s of shown.skipped) io.stderr.write(`rke2-outage: warning: ${s.path}: skipped (${s.reason})\n`);
  // --strict as for the report (DESIGN §8): a skipped input or one not read to the end fails the run
  if (a.strict && strictFails(got.inputs, got.skipped.length)) return 2;
  return 0;
}
