// Every CLI option declared once (STYLE "options parsed once, typed"): yargs, the help text, the
// README check and the typed Options all come from this table. Timing defaults are read from
// DEFAULT_TIMING, never copied.
import { DEFAULT_TIMING } from '../assemble/timing';
import type { TimingModel } from '../types';

/** How a value is read: a duration (`40s`, `10m`) becomes seconds, a list repeats the option. */
export type OptionType = 'string' | 'boolean' | 'duration' | 'list' | 'year';

export interface OptionSpec {
  type: OptionType;
  alias?: string;
  /** the value's placeholder in help text */
  value?: string;
  help: string;
  example?: string;
  choices?: readonly string[];
  /** the timing-model field a duration option sets (its default comes from DEFAULT_TIMING) */
  timing?: keyof TimingModel;
  default?: boolean | string;
}

/** `30m`, `40s`, `1h`: a timing default as the user would type it. */
export function durationArg(seconds: number): string {
  if (seconds > 0 && seconds % 3600 === 0) return `${seconds / 3600}h`;
  if (seconds > 0 && seconds % 60 === 0) return `${seconds / 60}m`;
  return `${seconds}s`;
}

const timing = (field: keyof TimingModel, help: string, example: string): OptionSpec => ({ type: 'duration', value: 'DURATION', timing: field, help, example });

export const OPTIONS = {
  format: { type: 'string', alias: 'f', value: 'FORMAT', help: 'output format (default: table on a terminal, else from the --output file name)', example: '-f markdown' },
  output: { type: 'string', alias: 'o', value: 'FILE', help: 'write to FILE atomically; .html .md .json .ndjson .txt .jira pick the format unless -f says otherwise', example: '-o outage.html' },
  wide: { type: 'boolean', help: 'terminal table at full width, nothing cut (the default when stdout is not a terminal)', example: '--wide' },
  tz: { type: 'string', value: 'ZONE', default: 'UTC', help: 'zone shown beside UTC (JSON stays UTC)', example: '--tz Asia/Shanghai' },
  since: { type: 'string', value: 'TIME', help: 'only events at or after this time (ISO; without a zone: in --tz)', example: '--since 2022-12-29T09:00Z' },
  until: { type: 'string', value: 'TIME', help: 'only events before this time (ISO; without a zone: in --tz)', example: '--until "2022-12-29 18:00"' },
  redact: { type: 'boolean', default: false, help: 'replace addresses, host/node names and FQDNs with consistent pseudonyms', example: '--redact' },
  'redact-map': { type: 'string', value: 'FILE', help: 'write the private original -> pseudonym mapping to FILE (implies --redact)', example: '--redact-map map.json' },
  node: { type: 'string', value: 'NAME', help: 'node name for stdin, or for files whose path names no node', example: '--node feng-ws1' },
  host: { type: 'list', value: 'NAME=IP', help: 'name an address (repeatable)', example: '--host feng-ws2=10.113.207.142' },
  year: { type: 'year', value: 'YYYY', help: 'year for year-less timestamps (journald short, klog) when the input has no dated line', example: '--year 2022' },
  gap: timing('gap', 'quiet gap: loss evidence for one peer within it is one outage', '--gap 1h'),
  grace: timing('grace', 'node-monitor-grace-period (50s from Kubernetes 1.32)', '--grace 50s'),
  toleration: timing('toleration', 'not-ready / unreachable toleration', '--toleration 300s'),
  'termination-grace': timing('terminationGrace', 'pod termination grace period', '--termination-grace 30s'),
  'reaper-period': timing('reaperPeriod', 'pod-reaper CronJob period', '--reaper-period 10m'),
  'reaper-threshold': timing('reaperThreshold', 'pod-reaper: reap pods terminating longer than this', '--reaper-threshold 10m'),
  'fail-on': { type: 'string', value: 'WHEN', choices: ['incident', 'never'], default: 'never', help: 'exit 1 when an incident is found (automation)', example: '--fail-on incident' },
  runs: { type: 'boolean', default: false, help: 'events: print repeated lines as runs (first, last, count) instead of every line', example: 'events --runs' },
  strict: { type: 'boolean', default: false, help: 'exit 2 when an input was skipped, not read to the end, or nothing was readable', example: '--strict' },
} as const satisfies Record<string, OptionSpec>;

export type OptionName = keyof typeof OPTIONS;

/** The default of an option: its own, or for a timing option the model's, as typed on the command line. */
export function defaultOf(spec: OptionSpec): boolean | string | string[] | undefined {
  if (spec.timing) return durationArg(DEFAULT_TIMING[spec.timing]);
  if (spec.type === 'list') return [];
  return spec.default;
}

/** The help line of an option: what it does, its default, one example. */
export function helpOf(spec: OptionSpec): string {
  const d = defaultOf(spec);
  const shown = typeof d === 'string' ? ` [default: ${d}]` : '';
  return `${spec.help}${shown}${spec.example ? `, e.g. ${spec.example}` : ''}`;
}
