// Which output formats each command has, and which one a run uses: -f, else the --output file's
// extension, else the command's default. A format the command does not have is a usage error.
import * as path from 'node:path';
import { FORMAT_NAMES } from '../render/registry';
import { CliError } from '../errors';
import type { Args } from './io';

export type Command = 'report' | 'events' | 'rules';

/** Formats per command, the first being the default. */
export const COMMAND_FORMATS: Record<Command, readonly string[]> = {
  report: [...FORMAT_NAMES, 'ndjson'],
  events: ['ndjson'],
  rules: ['table', 'json'],
};

/** File name endings that name a format (`-o outage.html`). */
export const EXTENSION_FORMATS: Record<string, string> = {
  '.html': 'html', '.htm': 'html', '.md': 'markdown', '.markdown': 'markdown', '.json': 'json',
  '.ndjson': 'ndjson', '.jsonl': 'ndjson', '.txt': 'table', '.text': 'table', '.jira': 'jira',
};

/** The format of this run; `-f` wins over the --output extension. */
export function formatFor(command: Command, a: Args): string {
  const formats = COMMAND_FORMATS[command];
  if (a.format !== undefined) {
    const f = String(a.format);
    if (formats.includes(f)) return f;
    const name = command === 'report' ? 'the report' : `\`${command}\``;
    throw new CliError(`rke2-outage: --format ${f}: ${name} is written as ${formats.join(', ')}`);
  }
  const byName = a.output ? EXTENSION_FORMATS[path.extname(String(a.output)).toLowerCase()] : undefined;
  return byName && formats.includes(byName) ? byName : formats[0];
}
