// The CLI: main(argv, io) -> exit code (STYLE §13). Only runFromProcess wires in `process`;
// command bodies live in report.ts, events.ts and rules.ts.
import yargs from 'yargs';
import { TOOL } from '../analyze';
import { FORMAT_NAMES, type FormatName } from '../render/registry';
import { checkFormats } from '../formats/validate';
import { checkRules } from '../rules/validate';
import { checkLayouts } from '../read/layouts';
import { CliError } from '../errors';
import type { Io } from './io';
import { runReport } from './report';
import { runEvents } from './events';
import { renderRules } from './rules';

export type { Io };

const EXAMPLES: Array<[string, string]> = [
  ['$0 ./support-bundle/', 'analyse every log under a folder (Cloudera process dirs, host folders)'],
  ['$0 ./extracted-rancher-tarball/ --format markdown -o outage.md', 'a Markdown report to paste into the ticket'],
  ['$0 logs/ --format html --redact -o outage.html', 'a self-contained HTML timeline, addresses and host names replaced'],
  ['$0 stderr.log stderr.log.1.gz --format json', 'rotated and gzipped logs, JSON for scripts'],
  ['kubectl logs -n pod-reaper pod-reaper-27871940-469b7 | $0 -', 'pod-reaper output from a pipe'],
  ['$0 events logs/ --since "2022-12-29 17:00" --tz Asia/Shanghai | jq .kind', 'every classified event as NDJSON'],
  ['$0 logs/ --host feng-ws2=10.113.207.142 --output report.txt', 'name an address, write to a file'],
];

function parser(argv: string[]) {
  // every valued option needs its value: `--gap` alone must not silently mean the default
  return yargs(argv)
    .parserConfiguration({ 'unknown-options-as-args': false })
    .scriptName('rke2-outage')
    .usage('$0 [paths..]\n\nTells the story of each RKE2 / Cloudera ECS node outage in the given logs: which node died, when each survivor noticed, failover, eviction, pod-reaper force-deletes, recovery, with durations and file:line evidence.')
    .command('$0 [paths..]', 'analyse logs (files, folders, .gz; `-` or no path reads stdin)', (c) => c.positional('paths', { type: 'string', array: true, describe: 'log files, folders, .gz files; - for stdin' }))
    .command('events [paths..]', 'every classified event as one JSON object per line (NDJSON), in time order', (c) => c.positional('paths', { type: 'string', array: true, describe: 'log files, folders, .gz files; - for stdin' }))
    .command('rules', 'list the rule table (id, kind, versions, one example); --format json for all examples')
    .option('format', { requiresArg: true, alias: 'f', choices: FORMAT_NAMES, default: 'table' as FormatName, describe: 'report format' })
    .option('output', { requiresArg: true, alias: 'o', type: 'string', describe: 'write the report to FILE (atomically) instead of stdout' })
    .option('tz', { requiresArg: true, type: 'string', default: 'UTC', describe: 'zone for displayed times (JSON stays UTC), e.g. Asia/Shanghai' })
    .option('since', { requiresArg: true, type: 'string', describe: 'only events at or after this time (ISO; without a zone: in --tz)' })
    .option('until', { requiresArg: true, type: 'string', describe: 'only events before this time (ISO; without a zone: in --tz)' })
    .option('redact', { type: 'boolean', default: false, describe: 'replace addresses, host/node names and FQDNs with consistent pseudonyms' })
    .option('redact-map', { requiresArg: true, type: 'string', describe: 'write the private original -> pseudonym mapping to FILE (implies --redact)' })
    .option('node', { requiresArg: true, type: 'string', describe: 'node name for logs read from stdin (or files whose path names no node)' })
    .option('host', { requiresArg: true, type: 'string', array: true, nargs: 1, default: [] as string[], describe: 'NAME=IP: name an address (repeatable)' })
    .option('year', { requiresArg: true, type: 'number', describe: 'year for year-less timestamps (journald short, klog) when the input has no dated line' })
    .option('gap', { requiresArg: true, type: 'string', default: '30m', describe: 'quiet gap that separates two outages of one peer' })
    .option('grace', { requiresArg: true, type: 'string', default: '40s', describe: 'node-monitor-grace-period (50s from Kubernetes 1.32)' })
    .option('toleration', { requiresArg: true, type: 'string', default: '300s', describe: 'not-ready / unreachable toleration seconds' })
    .option('termination-grace', { requiresArg: true, type: 'string', default: '30s', describe: 'pod termination grace period' })
    .option('reaper-period', { requiresArg: true, type: 'string', default: '10m', describe: 'pod-reaper CronJob period' })
    .option('reaper-threshold', { requiresArg: true, type: 'string', default: '10m', describe: 'pod-reaper: reap pods terminating longer than this' })
    .option('fail-on', { requiresArg: true, choices: ['incident', 'never'], default: 'never', describe: 'exit 1 when an incident is found (automation)' })
    .option('runs', { type: 'boolean', default: false, describe: 'events: print repeated lines as runs (first, last, count) instead of every line' })
    .option('strict', { type: 'boolean', default: false, describe: 'exit 2 when any input was skipped or had read errors' })
    .example(EXAMPLES)
    .strictOptions()
    .help()
    .version(TOOL)
    .wrap(Math.min(110, process.stdout.columns || 100))
    .exitProcess(false)
    .fail((msg, err) => {
      // yargs spreads some messages over lines ("Invalid values:\n  Argument: ..."): one line is printed
      throw err instanceof CliError ? err : new CliError(`rke2-outage: ${String(msg ?? err?.message).replace(/\s*\n\s*/g, ' ').replace(/^Not enough arguments following: (\S+)$/, (_m, n: string) => `${n.length === 1 ? '-' : '--'}${n} needs a value`)}`);
    });
}

/** Start-up check of the shipped data (STYLE §3): a broken format, rule or layout stops the tool. */
function checkData(): void {
  const errors = [...checkFormats(), ...checkRules(), ...checkLayouts()];
  if (errors.length) throw new CliError(`rke2-outage: internal rule/format/layout error: ${errors[0]}`, 3);
}

/** Runs one invocation; returns the exit code. */
export async function main(argv: string[], io: Io): Promise<number> {
  try {
    let helpText = '';
    const args = (await parser(argv).parseAsync(argv, {}, (_err, _a, out) => { if (out) helpText = out; })) as Record<string, unknown>;
    if (helpText) { io.stdout.write(helpText + '\n'); return 0; }
    checkData();
    const command = (args._ as string[])[0];
    if (command === 'rules') { io.stdout.write(renderRules(args.format === 'json')); return 0; }
    if (command === 'events') return await runEvents(args, io);
    return await runReport(args, io);
  } catch (e) {
    if (e instanceof CliError) {
      io.stderr.write(e.message.split('\n')[0] + '\n');
      return e.exitCode;
    }
    io.stderr.write(`rke2-outage: internal error: ${(e as Error).stack ?? e}\n`);
    return 3;
  }
}

/** bin/ entry: wires the real process in and sets the exit code. */
export function runFromProcess(): void {
  // `rke2-outage ... | head` closes the pipe early: that is not an error
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw e;
  });
  main(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin, env: process.env }).then((code) => {
    process.exitCode = code;
  });
}
