// `rke2-outage events [paths..]`: every classified line as NDJSON, in time order, streamed with
// memory bounded (a disk spool sorts them); `--runs` prints repeats as runs instead.
import { collect } from '../analyze';
import { readMembers } from '../read';
import { eventRecords, memberRecords, renderEventLines, type EventRecord } from '../render/events';
import { Redactor } from '../redact/redactor';
import { analyzeOptionsFrom, hostsFrom, pathsFrom } from './analyzeOptions';
import type { Args, Io } from './io';
import { progressOn } from './progress';
import { redactIfAsked } from './redaction';
import { writeAtomic } from './output';

/** Lines written at once to stdout or the output file. */
const BATCH = 2000;

/** NDJSON pieces of up to BATCH records, each redacted when asked. */
async function* pieces(records: AsyncIterable<EventRecord>, redactor: Redactor | null): AsyncGenerator<string> {
  let buf: string[] = [];
  for await (const r of records) {
    buf.push(JSON.stringify(redactor ? redactor.apply(r) : r));
    if (buf.length >= BATCH) { yield buf.join('\n') + '\n'; buf = []; }
  }
  if (buf.length) yield buf.join('\n') + '\n';
}

export async function runEvents(a: Args, io: Io): Promise<number> {
  const paths = pathsFrom(a, io);
  const progress = progressOn(io.stderr, io.now);
  const opts = analyzeOptionsFrom(a, io, progress);
  const redacting = !!(a.redact || a['redact-map']);
  let warnings: Array<{ path: string; text: string }>;
  let skipped: Array<{ path: string; reason: string }>;
  if (a.runs) {
    let got: Awaited<ReturnType<typeof collect>>;
    try { got = await collect(paths, opts); } finally { progress.done(); }
    warnings = got.inputs.flatMap((i) => i.warnings.map((text) => ({ path: i.path, text })));
    const shown = await redactIfAsked({ records: eventRecords(got.events), skipped: got.skipped, warnings }, a);
    ({ warnings, skipped } = shown);
    const text = renderEventLines(shown.records);
    if (a.output) await writeAtomic(String(a.output), text);
    else io.stdout.write(text);
  } else {
    let read: Awaited<ReturnType<typeof readMembers>>;
    try { read = await readMembers(paths, opts); } finally { progress.done(); }
    const { result } = read;
    // one redactor for the whole stream: it learns from the runs (every address and name of the input's events) first
    const redactor = redacting ? new Redactor() : null;
    if (redactor) {
      for (const [n] of hostsFrom(a.host as string[])) redactor.addNode(n);
      redactor.learn(eventRecords(result.events));
      redactor.learn(result.hosts.map(([node]) => ({ node })));
      redactor.freeze();
    }
    const keep = (t: number | null) => t === null || ((opts.since === undefined || t >= opts.since) && (opts.until === undefined || t < opts.until));
    const out = pieces(memberRecords(result.events, read.members, keep), redactor);
    if (a.output) await writeAtomic(String(a.output), out);
    else for await (const piece of out) io.stdout.write(piece);
    warnings = result.inputs.flatMap((i) => i.warnings.map((text) => ({ path: i.path, text })));
    skipped = result.skipped;
    if (redactor) {
      warnings = redactor.apply(warnings);
      skipped = redactor.apply(skipped);
      if (a['redact-map']) await writeAtomic(String(a['redact-map']), JSON.stringify(redactor.mapping(), null, 2) + '\n');
    }
  }
  for (const w of warnings) io.stderr.write(`rke2-outage: warning: ${w.path}: ${w.text}\n`);
  for (const s of skipped) io.stderr.write(`rke2-outage: warning: ${s.path}: skipped (${s.reason})\n`);
  // --strict as for the report (DESIGN §8): a skipped input or one not read to the end fails the run
  if (a.strict && (skipped.length || warnings.some((w) => /read error/.test(w.text)))) return 2;
  return 0;
}
