// --redact / --redact-map for every command: rewrite the whole result before rendering, and
// write the private mapping (atomically) when asked.
import { redact } from '../redact/redactor';
import type { Args } from './io';
import { hostsFrom } from './analyzeOptions';
import { writeAtomic } from './output';

/** The value itself, or its redacted copy when --redact or --redact-map is given. */
export async function redactIfAsked<T>(value: T, a: Args, alsoSeen?: unknown): Promise<T> {
  if (!a.redact && !a['redact-map']) return value;
  const names = hostsFrom(a.host as string[]).map(([n]) => n);
  const out = redact(value, names, alsoSeen);
  if (a['redact-map']) await writeAtomic(String(a['redact-map']), JSON.stringify(out.map, null, 2) + '\n');
  return out.value;
}
