// Duration option values: `40`, `40s`, `10m`, `1h`, `1m30s` -> seconds.
import { CliError } from '../errors';

export function parseDuration(name: string, v: string | number): number {
  if (typeof v === 'number' && Number.isFinite(v) && v >= 0) return v;
  const s = String(v).trim();
  if (/^\d+(?:\.\d+)?$/.test(s)) return Number(s);
  const m = /^(?:(\d+)h)?(?:(\d+)m)?(?:(\d+(?:\.\d+)?)s)?$/.exec(s);
  if (!m || s === '') throw new CliError(`rke2-outage: --${name} ${JSON.stringify(s)}: expected a duration such as 40s, 10m or 1h`);
  return Number(m[1] ?? 0) * 3600 + Number(m[2] ?? 0) * 60 + Number(m[3] ?? 0);
}
