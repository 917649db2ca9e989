// Duration option values: `40s`, `10m`, `1h`, `1m30s` -> seconds. A bare number is refused: `--gap 5`
// could mean seconds or minutes, and a wrong guess silently changes every incident.
import { CliError } from '../errors';

export function parseDuration(name: string, v: string | number): number {
  const s = String(v).trim();
  const m = /^(?:(\d+)h)?(?:(\d+)m)?(?:(\d+(?:\.\d+)?)s)?$/.exec(s);
  if (/^\d+(?:\.\d+)?$/.test(s)) throw new CliError(`rke2-outage: --${name} ${s}: give a unit, e.g. ${s}s or ${s}m`);
  if (!m || s === '') throw new CliError(`rke2-outage: --${name} ${JSON.stringify(s)}: expected a duration such as 40s, 10m or 1h`);
  return Number(m[1] ?? 0) * 3600 + Number(m[2] ?? 0) * 60 + Number(m[3] ?? 0);
}
