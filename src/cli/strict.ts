// --strict (DESIGN §8): exit 2 when an input was skipped, not read to the end, or when nothing at
// all was readable (a folder of system files, an empty pipe, text with no log line) — said in one line.
import type { InputSummary } from '../types';
import { CliError } from '../errors';

/** True when no input gave a single line the tool could read as a log line (lines of plain text are no log). */
export function nothingReadable(inputs: InputSummary[]): boolean {
  return inputs.every((i) => i.skipped || i.lines === 0 || i.parsed === 0);
}

/** Throws the usage error for --strict on an input with nothing readable. */
export function checkReadable(inputs: InputSummary[], skipped: number, strict: boolean): void {
  if (!strict || !nothingReadable(inputs)) return;
  const why = skipped ? ` (${skipped} input${skipped > 1 ? 's' : ''} skipped)` : '';
  throw new CliError(`rke2-outage: --strict: nothing readable in the input${why}`);
}

/** True when --strict must fail the run: a skipped input, or one with a read error or not read to its end (an archive stopped at its expansion budget). */
export function strictFails(inputs: InputSummary[], skipped: number): boolean {
  return skipped > 0 || inputs.some((i) => i.warnings.some((w) => /read error|stopped reading/.test(w)));
}
