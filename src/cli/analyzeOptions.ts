// From parsed arguments to AnalyzeOptions: timing model (from the options table), NAME=IP pairs,
// time window, progress.
import type { AnalyzeOptions } from '../analyze';
import { DEFAULT_TIMING } from '../assemble/timing';
import { validZone } from '../render/time';
import type { TimingModel } from '../types';
import { CliError } from '../errors';
import { parseDuration } from './durations';
import { parseInstant } from './instants';
import { OPTIONS, type OptionSpec } from './options';
import type { Args, Io } from './io';

/** The timing model: every duration option of the table sets its field; unset ones keep DEFAULT_TIMING. */
export function timingFrom(a: Args): TimingModel {
  const t: TimingModel = { ...DEFAULT_TIMING };
  for (const [name, spec] of Object.entries(OPTIONS) as Array<[string, OptionSpec]>) {
    if (spec.timing && a[name] !== undefined) t[spec.timing] = parseDuration(name, a[name] as string);
  }
  return t;
}

export function hostsFrom(list: string[] | undefined): Array<[string, string]> {
  return (list ?? []).map((h) => {
    const m = /^([^=\s]+)=([^=\s]+)$/.exec(h);
    if (!m) throw new CliError(`rke2-outage: --host ${JSON.stringify(h)}: expected NAME=IP`);
    return [m[1], m[2]] as [string, string];
  });
}

/** The display zone, checked. */
export function zoneFrom(a: Args): string {
  const tz = String(a.tz ?? 'UTC');
  if (!validZone(tz)) throw new CliError(`rke2-outage: --tz ${tz}: unknown time zone`);
  return tz;
}

/** Input paths; no path and a terminal on stdin is a usage error, not a hang. */
export function pathsFrom(a: Args, io: Io): string[] {
  const paths = ((a.paths as string[] | undefined) ?? []).map(String);
  if (!paths.length && io.stdin.isTTY) throw new CliError('rke2-outage: no input: give paths, or pipe logs in (see --help)');
  return paths;
}

/** --year, checked: a four-digit year (a typo such as `--year 22` would place every line in year 22). */
export function yearFrom(a: Args): number | undefined {
  if (a.year === undefined) return undefined;
  const y = Number(a.year);
  if (!Number.isInteger(y) || y < 1970 || y > 2100) throw new CliError(`rke2-outage: --year${Number.isNaN(y) ? '' : ` ${y}`}: expected a four-digit year such as 2022`);
  return y;
}

export function analyzeOptionsFrom(a: Args, io: Io, progress?: Pick<AnalyzeOptions, 'onProgress' | 'onBytes'>): AnalyzeOptions {
  const tz = zoneFrom(a);
  const year = yearFrom(a);
  const since = a.since === undefined ? undefined : parseInstant('since', String(a.since), tz);
  const until = a.until === undefined ? undefined : parseInstant('until', String(a.until), tz);
  if (since !== undefined && until !== undefined && until <= since) throw new CliError('rke2-outage: --until must be later than --since');
  return {
    timing: timingFrom(a), hosts: hostsFrom(a.host as string[]), node: a.node as string | undefined,
    year, stdin: io.stdin, since, until, onProgress: progress?.onProgress, onBytes: progress?.onBytes,
  };
}
