// Display of instants in the chosen zone (JSON stays UTC). No ambient zone: UTC unless --tz.
import { format } from 'date-fns';
import { fmtDuration } from '../assemble/format';
import { TZDate } from '@date-fns/tz';

/** `2022-12-29 09:13:37 UTC` or, with a zone, `2022-12-29 17:13:37 +08:00`. */
export function fmtTime(iso: string | null | undefined, tz = 'UTC'): string {
  if (!iso) return '—';
  const d = new TZDate(Date.parse(iso), tz);
  return format(d, 'yyyy-MM-dd HH:mm:ss') + ' ' + (tz === 'UTC' ? 'UTC' : format(d, 'xxx'));
}

/** Time of day only, for dense tables: `09:13:37`. */
export function fmtClock(iso: string | null | undefined, tz = 'UTC'): string {
  if (!iso) return '—';
  return format(new TZDate(Date.parse(iso), tz), 'HH:mm:ss');
}

/** True when the zone name is one the runtime knows. */
export function validZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

/** Seconds between two ISO instants, signed, or null. */
export function offsetSeconds(from: string | null | undefined, to: string | null | undefined): number | null {
  if (!from || !to) return null;
  return (Date.parse(to) - Date.parse(from)) / 1000;
}

/** An offset from the start, signed: `+36s`, `-5s`, or `—`. */
export function signedDuration(s: number | null): string {
  return s === null ? '—' : (s < 0 ? '' : '+') + fmtDuration(s);
}
