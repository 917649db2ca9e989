// The yargs parser, built from the options table (options.ts): every option's type, alias, value
// name and help line come from there. A bare `-` (stdin) is kept: yargs would drop it.
import yargs from 'yargs';
import { TOOL } from '../analyze';
import { CliError } from '../errors';
import { OPTIONS, helpOf, type OptionSpec } from './options';

const EXAMPLES: Array<[string, string]> = [
  ['$0 ./support-bundle/', 'analyse every log under a folder (Cloudera process dirs, host folders)'],
  ['$0 ./extracted-rancher-tarball/ -o outage.md', 'a Markdown report to paste into the ticket (format from the name)'],
  ['$0 logs/ --redact -o outage.html', 'a self-contained HTML timeline, addresses and host names replaced'],
  ['$0 logs/ -f jira', 'Jira wiki markup for a Jira ticket'],
  ['$0 stderr.log stderr.log.1.gz --format json', 'rotated and gzipped logs, JSON for scripts'],
  ['kubectl logs -n pod-reaper pod-reaper-27871940-469b7 | $0 - bundle/', 'pod-reaper output from a pipe, with a bundle'],
  ['$0 events logs/ --since "2022-12-29 17:00" --tz Asia/Shanghai | jq .kind', 'every classified event as NDJSON'],
  ['$0 logs/ --host feng-ws2=10.113.207.142 --output report.txt', 'name an address, write to a file'],
];

/** Stands in for `-` while yargs parses (it drops a bare `-` from positionals). */
const STDIN = '\u0000stdin';

/** yargs settings for one option of the table. */
function yargsOption(spec: OptionSpec) {
  const base = { alias: spec.alias, describe: helpOf(spec), requiresArg: spec.type !== 'boolean', choices: spec.choices as string[] | undefined };
  if (spec.type === 'boolean') return { ...base, type: 'boolean' as const };
  if (spec.type === 'list') return { ...base, type: 'string' as const, array: true, nargs: 1 };
  return { ...base, type: 'string' as const };
}

/** One line from a yargs failure ("Invalid values:\n  Argument: ..."), missing values said plainly. */
function usageLine(msg: string | undefined, err: Error | undefined): CliError {
  if (err instanceof CliError) return err;
  const text = String(msg ?? err?.message).replace(/\s*\n\s*/g, ' ');
  return new CliError(`rke2-outage: ${text.replace(/^Not enough arguments following: (\S+)$/, (_m, n: string) => `${n.length === 1 ? '-' : '--'}${n} needs a value`)}`);
}

export function parser(argv: string[], columns: number | undefined) {
  let y = yargs(argv)
    .parserConfiguration({ 'unknown-options-as-args': false })
    .scriptName('rke2-outage')
    .usage('$0 [paths..]\n\nTells the story of each RKE2 / Cloudera ECS node outage in the given logs: which node died, when each survivor noticed, failover, eviction, pod-reaper force-deletes, recovery, with durations and file:line evidence.')
    .command('$0 [paths..]', 'analyse logs (files, folders, archives, .gz; `-` or no path reads stdin)', (c) => c.positional('paths', { type: 'string', array: true, describe: 'log files, folders, archives; - for stdin' }))
    .command('events [paths..]', 'every classified event as one JSON object per line (NDJSON), in time order', (c) => c.positional('paths', { type: 'string', array: true, describe: 'log files, folders, archives; - for stdin' }))
    .command('rules', 'list the rule table (id, kind, versions, one example); -f json for all examples');
  for (const [name, spec] of Object.entries(OPTIONS) as Array<[string, OptionSpec]>) y = y.option(name, yargsOption(spec));
  return y
    .example(EXAMPLES)
    .strictOptions()
    .help()
    .version(TOOL)
    .wrap(Math.min(110, columns || 100))
    .exitProcess(false)
    .fail((msg, err) => { throw usageLine(msg, err); });
}

/** Parses argv: the arguments, or the help / version text when asked for. */
export async function parseArgs(argv: string[], columns?: number): Promise<{ args: Record<string, unknown>; text: string }> {
  let text = '';
  const marked = argv.map((a) => (a === '-' ? STDIN : a));
  const args = (await parser(marked, columns).parseAsync(marked, {}, (_err, _a, out) => { if (out) text = out; })) as Record<string, unknown>;
  // `-` back in place, wherever yargs put it (a positional path, or an option's value)
  for (const [k, v] of Object.entries(args)) {
    if (v === STDIN) args[k] = '-';
    else if (Array.isArray(v)) args[k] = v.map((x) => (x === STDIN ? '-' : x));
  }
  return { args, text };
}
