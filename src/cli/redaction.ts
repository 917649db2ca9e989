// --redact / --redact-map for every command. One Redactor per run (runRedactor) learns everything
// the inputs gave before any output is written, so the report, `events`, stderr warnings and the
// map all give a node the same pseudonym; the progress line, drawn before that, shows no path.
import type { Collected } from '../analyze';
import { Redactor, redact } from '../redact/redactor';
import { termSafe } from '../render/escape';
import type { Args } from './io';
import { hostsFrom } from './analyzeOptions';
import { checkOutputTarget, writeAtomic } from './output';

/** True when the run redacts (--redact, or --redact-map, which implies it). */
export function redacting(a: Args): boolean {
  return !!a.redact || !!a['redact-map'];
}

/**
 * The run's one redactor, or null without --redact: it learns every event, input, skipped path,
 * note, lag sample and kubectl name that `collect()` gave, and the --host names. Apply it to every
 * output of the run (`r.apply(report)`, `r.apply(records)`, `r.text(line)`), then writeRedactMap.
 */
export function runRedactor(a: Args, got: Collected): Redactor | null {
  if (!redacting(a)) return null;
  const r = new Redactor();
  for (const [n] of hostsFrom(a.host as string[])) r.addNode(n);
  for (const [n] of got.hosts) r.addNode(n);
  r.learn({ events: got.events, inputs: got.inputs, skipped: got.skipped, notes: got.notes, lags: got.lags, hosts: got.hosts });
  r.freeze();
  return r;
}

/** Writes the private mapping of `r` to the --redact-map file, atomically, when asked. */
export async function writeRedactMap(a: Args, r: Redactor | null): Promise<void> {
  if (r && a['redact-map']) await writeAtomic(String(a['redact-map']), JSON.stringify(r.mapping(), null, 2) + '\n');
}

/** How the progress line shows an input: made terminal-safe, or hidden under --redact (pseudonyms exist only once every input is read). */
export function progressName(a: Args): (path: string) => string {
  return redacting(a) ? () => '' : termSafe;
}

/** Refuses an --output that names an input or the --redact-map file (exit 2); see output.ts. */
export function checkOutputArgs(a: Args): Promise<void> {
  const inputs = ((a.paths as string[] | undefined) ?? []).map(String);
  return checkOutputTarget(a.output === undefined ? undefined : String(a.output), inputs, a['redact-map'] === undefined ? undefined : String(a['redact-map']));
}

/**
 * The value itself, or its redacted copy when --redact or --redact-map is given. Kept for the
 * current callers; new code uses runRedactor. It also checks --output (it runs before any write).
 */
export async function redactIfAsked<T>(value: T, a: Args, alsoSeen?: unknown): Promise<T> {
  await checkOutputArgs(a);
  if (!redacting(a)) return value;
  const names = hostsFrom(a.host as string[]).map(([n]) => n);
  const out = redact(value, names, alsoSeen);
  if (a['redact-map']) await writeAtomic(String(a['redact-map']), JSON.stringify(out.map, null, 2) + '\n');
  return out.value;
}
