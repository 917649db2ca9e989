// `rke2-outage events [paths..]`: every classified event as NDJSON, in time order.
import { collect } from '../analyze';
import { eventRecords, renderEventLines } from '../render/events';
import { analyzeOptionsFrom, pathsFrom } from './analyzeOptions';
import type { Args, Io } from './io';
import { progressOn } from './progress';
import { redactIfAsked } from './redaction';
import { writeAtomic } from './output';

export async function runEvents(a: Args, io: Io): Promise<number> {
  const paths = pathsFrom(a, io);
  const progress = progressOn(io.stderr, io.now);
  let got: Awaited<ReturnType<typeof collect>>;
  try {
    got = await collect(paths, analyzeOptionsFrom(a, io, progress));
  } finally {
    progress.done();
  }
  const shown = await redactIfAsked({ records: eventRecords(got.events), skipped: got.skipped }, a);
  const text = renderEventLines(shown.records);
  if (a.output) await writeAtomic(String(a.output), text);
  else io.stdout.write(text);
  for (const s of shown.skipped) io.stderr.write(`rke2-outage: warning: ${s.path}: skipped (${s.reason})\n`);
  return 0;
}
