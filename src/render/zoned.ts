// Ticket times: always UTC, with the display zone (--tz) beside them when it is not UTC.
import { fmtClock, fmtTime } from './time';

/** `2022-12-29 09:13:37 UTC` or `2022-12-29 09:13:37 UTC (17:13:37 +08:00)`. */
export function utcWithZone(iso: string | null | undefined, tz: string): string {
  if (!iso) return '—';
  const utc = fmtTime(iso, 'UTC');
  return tz === 'UTC' ? utc : `${utc} (${fmtTime(iso, tz).slice(11)})`;
}

/** `09:13:37` or `09:13:37 (17:13:37)`: dense tables whose header names both zones. */
export function clockWithZone(iso: string | null | undefined, tz: string): string {
  if (!iso) return '—';
  return tz === 'UTC' ? fmtClock(iso, 'UTC') : `${fmtClock(iso, 'UTC')} (${fmtClock(iso, tz)})`;
}

/** Column header for clockWithZone cells. */
export function clockHeader(tz: string): string {
  return tz === 'UTC' ? 'UTC' : `UTC (${tz})`;
}
