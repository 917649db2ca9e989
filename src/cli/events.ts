// `rke2-outage events [paths..]` (and the report command with -f ndjson / -o FILE.ndjson): every
// classified line as NDJSON, in time order, streamed with memory bounded (a disk spool sorts
// them); `--runs` prints repeats as runs instead.
import { collect } from '../analyze';
import { readMembers } from '../read';
import { eventRecords, jsonLine, memberRecords, renderEventLines, type EventRecord } from '../render/events';
import type { Redactor } from '../redact/redactor';
import { clipEvidence } from '../render/evidence';
import { termSafe } from '../render/escape';
import type { InputSummary } from '../types';
import { analyzeOptionsFrom, pathsFrom } from './analyzeOptions';
import { formatFor } from './formats';
import { writeDrained, type Args, type Io } from './io';
import { progressOn } from './progress';
import { checkOutputArgs, progressName, runRedactor, writeRedactMap } from './redaction';
import { writeAtomic } from './output';
import { checkReadable, strictFails } from './strict';

/** Characters written at once to stdout or the output file (a piece ends at the line that passes it). */
const PIECE_CHARS = 64 * 1024;

/** NDJSON pieces of about PIECE_CHARS, each record redacted when asked, then its evidence cut. */
async function* pieces(records: AsyncIterable<EventRecord>, redactor: Redactor | null): AsyncGenerator<string> {
  let buf = '';
  for await (const r of records) {
    buf += jsonLine(clipEvidence(redactor ? redactor.apply(r) : r)) + '\n';
    if (buf.length >= PIECE_CHARS) { yield buf; buf = ''; }
  }
  if (buf) yield buf;
}

interface Said { inputs: InputSummary[]; warnings: Array<{ path: string; text: string }>; skipped: Array<{ path: string; reason: string }> }

/** `--runs`: the compact form, one record per run. */
async function printRuns(paths: string[], a: Args, io: Io, opts: ReturnType<typeof analyzeOptionsFrom>, done: () => void): Promise<Said> {
  let got: Awaited<ReturnType<typeof collect>>;
  try { got = await collect(paths, opts); } finally { done(); }
  checkReadable(got.inputs, got.skipped.length, !!a.strict);
  // input warnings go through --redact too: they name paths, and paths name nodes
  const warnings = got.inputs.flatMap((i) => i.warnings.map((text) => ({ path: i.path, text })));
  const red = runRedactor(a, got);
  const all = { records: eventRecords(got.events), skipped: got.skipped, warnings };
  const shown = red ? red.apply(all) : all;
  await writeRedactMap(a, red);
  const text = renderEventLines(clipEvidence(shown.records));
  if (a.output) await writeAtomic(String(a.output), text);
  else io.stdout.write(text);
  return { inputs: got.inputs, warnings: shown.warnings, skipped: shown.skipped };
}

/** Every line, streamed in time order. */
async function printLines(paths: string[], a: Args, io: Io, opts: ReturnType<typeof analyzeOptionsFrom>, done: () => void): Promise<Said> {
  let read: Awaited<ReturnType<typeof readMembers>>;
  try { read = await readMembers(paths, opts); } finally { done(); }
  const { result } = read;
  checkReadable(result.inputs, result.skipped.length, !!a.strict);
  // one redactor for the whole stream: it learns everything read (every run's lines) before the first line is written
  const redactor = runRedactor(a, result);
  const keep = (t: number | null) => t === null || ((opts.since === undefined || t >= opts.since) && (opts.until === undefined || t < opts.until));
  const out = pieces(memberRecords(result.events, read.members, keep), redactor);
  if (a.output) await writeAtomic(String(a.output), out);
  else for await (const piece of out) await writeDrained(io.stdout, piece);
  let warnings = result.inputs.flatMap((i) => i.warnings.map((text) => ({ path: i.path, text })));
  let skipped = result.skipped;
  if (redactor) {
    warnings = redactor.apply(warnings);
    skipped = redactor.apply(skipped);
  }
  await writeRedactMap(a, redactor);
  return { inputs: result.inputs, warnings, skipped };
}

export async function runEvents(a: Args, io: Io): Promise<number> {
  formatFor('events', a);
  const paths = pathsFrom(a, io);
  await checkOutputArgs(a);
  const progress = progressOn(io.stderr, io.now, progressName(a));
  const opts = analyzeOptionsFrom(a, io, progress);
  const said = await (a.runs ? printRuns : printLines)(paths, a, io, opts, () => progress.done());
  for (const w of said.warnings) io.stderr.write(`rke2-outage: warning: ${termSafe(w.path)}: ${termSafe(w.text)}\n`);
  for (const s of said.skipped) io.stderr.write(`rke2-outage: warning: ${termSafe(s.path)}: skipped (${termSafe(s.reason)})\n`);
  // --strict as for the report (DESIGN §8): a skipped input or one not read to the end fails the run
  if (a.strict && strictFails(said.inputs, said.skipped.length)) return 2;
  return 0;
}
