// The CLI: main(argv, io) -> exit code (STYLE §13). Only runFromProcess touches `process`.
import yargs from 'yargs';
import type { Readable } from 'node:stream';
import { analyze, TOOL } from '../analyze';
import { DEFAULT_TIMING } from '../assemble/timing';
import { FORMAT_NAMES, RENDERERS, type FormatName } from '../render/registry';
import { validZone } from '../render/time';
import { checkFormats } from '../formats/validate';
import { checkRules } from '../rules/validate';
import type { Report, TimingModel } from '../types';
import { CliError } from './errors';
import { parseDuration } from './durations';
import { writeAtomic } from './output';

/** What main needs from the outside world; tests pass a fake. */
export interface Io {
  stdout: { write(s: string): unknown; isTTY?: boolean };
  stderr: { write(s: string): unknown; isTTY?: boolean };
  stdin: Readable & { isTTY?: boolean };
  env: Record<string, string | undefined>;
}

const EXAMPLES: Array<[string, string]> = [
  ['$0 ./support-bundle/', 'analyse every log under a folder (Cloudera process dirs, host folders)'],
  ['$0 stderr.log stderr.log.1.gz --format json', 'rotated and gzipped logs, JSON for scripts'],
  ['kubectl logs -n pod-reaper pod-reaper-27871940-469b7 | $0 -', 'pod-reaper output from a pipe'],
  ['$0 logs/ --host feng-ws2=10.113.207.142 --output report.txt', 'name an address, write to a file'],
];

function parser(argv: string[]) {
  return yargs(argv)
    .parserConfiguration({ 'unknown-options-as-args': false })
    .scriptName('rke2-outage')
    .usage('$0 [paths..]\n\nTells the story of each RKE2 / Cloudera ECS node outage in the given logs: which node died, when each survivor noticed, failover, eviction, pod-reaper force-deletes, recovery, with durations and file:line evidence.')
    .command('$0 [paths..]', 'analyse logs (files, folders, .gz; `-` or no path reads stdin)', (c) => c.positional('paths', { type: 'string', array: true, describe: 'log files, folders, .gz files; - for stdin' }))
    .command('rules', 'list the rule table (id, kind, versions, one example)')
    .option('format', { alias: 'f', choices: FORMAT_NAMES, default: 'table' as FormatName, describe: 'report format' })
    .option('output', { alias: 'o', type: 'string', describe: 'write the report to FILE (atomically) instead of stdout' })
    .option('tz', { type: 'string', default: 'UTC', describe: 'zone for displayed times (JSON stays UTC), e.g. Asia/Shanghai' })
    .option('node', { type: 'string', describe: 'node name for logs read from stdin (or files whose path names no node)' })
    .option('host', { type: 'string', array: true, default: [] as string[], describe: 'NAME=IP: name an address (repeatable)' })
    .option('year', { type: 'number', describe: 'year for year-less timestamps (journald short, klog) when the input has no dated line' })
    .option('gap', { type: 'string', default: '30m', describe: 'quiet gap that separates two outages of one peer' })
    .option('grace', { type: 'string', default: '40s', describe: 'node-monitor-grace-period (50s from Kubernetes 1.32)' })
    .option('toleration', { type: 'string', default: '300s', describe: 'not-ready / unreachable toleration seconds' })
    .option('termination-grace', { type: 'string', default: '30s', describe: 'pod termination grace period' })
    .option('reaper-period', { type: 'string', default: '10m', describe: 'pod-reaper CronJob period' })
    .option('reaper-threshold', { type: 'string', default: '10m', describe: 'pod-reaper: reap pods terminating longer than this' })
    .option('fail-on', { choices: ['incident', 'never'], default: 'never', describe: 'exit 1 when an incident is found (automation)' })
    .option('strict', { type: 'boolean', default: false, describe: 'exit 2 when any input was skipped or had read errors' })
    .example(EXAMPLES)
    .strictOptions()
    .help()
    .version(TOOL)
    .wrap(Math.min(110, process.stdout.columns || 100))
    .exitProcess(false)
    .fail((msg, err) => {
      throw err instanceof CliError ? err : new CliError(`rke2-outage: ${msg ?? err?.message}`);
    });
}

function timingFrom(a: Record<string, unknown>): TimingModel {
  const d = (k: string) => parseDuration(k, a[k] as string);
  return {
    ...DEFAULT_TIMING,
    gap: d('gap'), grace: d('grace'), toleration: d('toleration'), terminationGrace: d('termination-grace'),
    reaperPeriod: d('reaper-period'), reaperThreshold: d('reaper-threshold'),
  };
}

function hostsFrom(list: string[]): Array<[string, string]> {
  return list.map((h) => {
    const m = /^([^=\s]+)=([^=\s]+)$/.exec(h);
    if (!m) throw new CliError(`rke2-outage: --host ${JSON.stringify(h)}: expected NAME=IP`);
    return [m[1], m[2]] as [string, string];
  });
}

/** Start-up check of the shipped data (STYLE §3): a broken format or rule stops the tool. */
function checkData(): void {
  const errors = [...checkFormats(), ...checkRules()];
  if (errors.length) throw new CliError(`rke2-outage: internal rule/format error: ${errors[0]}`, 3);
}

function listRules(io: Io): number {
  const { RULES } = require('../rules/registry') as typeof import('../rules/registry');
  for (const r of RULES) io.stdout.write(`${r.id}\t${r.kind}\t${r.versions}\n    e.g. ${r.examples.match[0]}\n`);
  return 0;
}

/** Runs one invocation; returns the exit code. */
export async function main(argv: string[], io: Io): Promise<number> {
  let helpShown = false;
  try {
    const y = parser(argv);
    let helpText = '';
    const args = (await y.parseAsync(argv, {}, (_err, _a, out) => { if (out) { helpText = out; helpShown = true; } })) as Record<string, unknown>;
    void args;
    if (helpShown) { io.stdout.write(helpText + '\n'); return 0; }
    checkData();
    if ((args._ as string[])[0] === 'rules') return listRules(io);
    const tz = String(args.tz);
    if (!validZone(tz)) throw new CliError(`rke2-outage: --tz ${tz}: unknown time zone`);
    const paths = ((args.paths as string[] | undefined) ?? []).map(String);
    if (!paths.length && io.stdin.isTTY) throw new CliError('rke2-outage: no input: give paths, or pipe logs in (see --help)');
    const report: Report = await analyze(paths, {
      timing: timingFrom(args), hosts: hostsFrom(args.host as string[]), node: args.node as string | undefined,
      year: args.year as number | undefined, stdin: io.stdin,
    });
    const format = args.format as FormatName;
    const color = !args.output && !!io.stdout.isTTY && !('NO_COLOR' in io.env) && format === 'table';
    const text = RENDERERS[format](report, { tz, color });
    if (args.output) await writeAtomic(String(args.output), text);
    else io.stdout.write(text);
    for (const i of report.inputs) for (const w of i.warnings) io.stderr.write(`rke2-outage: warning: ${i.path}: ${w}\n`);
    const skipped = report.findings.filter((f) => f.code === 'input-skipped');
    for (const s of skipped) io.stderr.write(`rke2-outage: warning: ${s.message}\n`);
    if (args.strict && (skipped.length || report.inputs.some((i) => i.warnings.some((w) => /read error/.test(w))))) return 2;
    if (args['fail-on'] === 'incident' && report.incidents.length) return 1;
    return 0;
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
