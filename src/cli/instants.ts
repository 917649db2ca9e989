// --since / --until values: an ISO date or date-time; without a zone it is read in --tz.
import { TZDate } from '@date-fns/tz';
import { CliError } from '../errors';

const INSTANT = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/;

/** Epoch ms of the option value, or a usage error naming the option. */
export function parseInstant(name: string, v: string, tz: string): number {
  const m = INSTANT.exec(v.trim());
  if (!m) throw new CliError(`rke2-outage: --${name} ${JSON.stringify(v)}: expected a date or date-time such as 2022-12-29T09:00:00Z or "2022-12-29 17:00"`);
  const [, y, mo, d, h = '0', mi = '0', s = '0', zone] = m;
  if (zone) {
    const off = zone === 'Z' ? 'Z' : zone.replace(/^([+-]\d{2})(\d{2})$/, '$1:$2');
    return Date.parse(`${y}-${mo}-${d}T${h.padStart(2, '0')}:${mi}:${s.padStart(2, '0')}${off}`);
  }
  return new TZDate(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s), tz).getTime();
}
