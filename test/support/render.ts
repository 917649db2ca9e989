// Exact line shapes for generated logs (messages.md §1): logrus text, journald short prefix, klog
// header, date(1), CRI prefix, Cloudera Manager launcher. Times are epoch ms; zones are minutes east.

/**
 * One line a node writes, before the layout decides its prefix. `unit` lines are another
 * process's journal entries in the unit's journal (systemd[1] about rke2-server.service), `marker`
 * lines are what journalctl prints between boots (`-- Reboot --`); neither is in a plain log file.
 * `nul` is a run of NUL bytes a power loss leaves in a text log (node-lifecycle.md §4): it has no
 * line break of its own, so the next line written follows it on the same line.
 */
export type GenLine =
  | { t: number; kind: 'logrus'; level: string; msg: string; fields?: Array<[string, string]> }
  | { t: number; kind: 'klog'; sev: 'I' | 'W' | 'E'; pid: number; src: string; msg: string }
  | { t: number; kind: 'raw'; text: string }
  | { t: number; kind: 'unit'; ident: string; text: string }
  | { t: number; kind: 'marker'; text: string }
  | { t: number; kind: 'nul'; bytes: number };

/** Lines a process writes to its own stderr or log file (no journal entries of other processes, no boot markers). */
export const inPlainFile = (l: GenLine): boolean => l.kind !== 'unit' && l.kind !== 'marker';

const MON = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const DAY = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const p2 = (n: number) => String(n).padStart(2, '0');

/** Wall-clock fields of `t` in a zone. */
export function wall(t: number, off: number): Date {
  return new Date(t + off * 60_000);
}

/** `+08:00` / `Z` as logrus prints the zone. */
export function rfcZone(off: number): string {
  if (off === 0) return 'Z';
  const a = Math.abs(off);
  return `${off < 0 ? '-' : '+'}${p2(Math.floor(a / 60))}:${p2(a % 60)}`;
}

/** logrus RFC 3339, whole seconds, host zone. */
export function rfc3339(t: number, off: number): string {
  const d = wall(t, off);
  return `${d.getUTCFullYear()}-${p2(d.getUTCMonth() + 1)}-${p2(d.getUTCDate())}T${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())}${rfcZone(off)}`;
}

/** logrus quoting: bare when every character is safe, else Go %q (JSON is close enough for ASCII). */
export function lq(v: string): string {
  return /^[A-Za-z0-9\-._/@^+]+$/.test(v) ? v : JSON.stringify(v);
}

export function logrusText(l: Extract<GenLine, { kind: 'logrus' }>, off: number): string {
  const fields = [...(l.fields ?? [])].sort((a, b) => (a[0] < b[0] ? -1 : 1)).map(([k, v]) => ` ${k}=${lq(v)}`).join('');
  return `time="${rfc3339(l.t, off)}" level=${l.level} msg=${lq(l.msg)}${fields}`;
}

/** klog header `Lmmdd hh:mm:ss.uuuuuu threadid file:line] msg` in the process's zone. */
export function klogText(l: Extract<GenLine, { kind: 'klog' }>, off: number): string {
  const d = wall(l.t, off);
  const us = String((l.t % 1000) * 1000 + 123).padStart(6, '0');
  return `${l.sev}${p2(d.getUTCMonth() + 1)}${p2(d.getUTCDate())} ${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())}.${us} ${String(l.pid).padStart(7)} ${l.src}] ${l.msg}`;
}

/** The line as the process wrote it (no journald prefix). */
export function bare(l: GenLine, off: number): string {
  if (l.kind === 'logrus') return logrusText(l, off);
  if (l.kind === 'klog') return klogText(l, off);
  if (l.kind === 'nul') return '\0'.repeat(l.bytes);
  return l.text;
}

/**
 * Lines as a text file holds them: a NUL run joins the line after it (the unwritten tail of the
 * last write reads back as zeros, the next boot appends right behind them). Returns the text and
 * the 1-based line number of each NUL run.
 */
export function plainText(ls: GenLine[], off: number): { text: string; nulLines: number[] } {
  const out: string[] = [];
  const nulLines: number[] = [];
  let pending = '';
  for (const l of ls) {
    if (!inPlainFile(l)) continue;
    if (l.kind === 'nul') { pending += bare(l, off); if (!nulLines.includes(out.length + 1)) nulLines.push(out.length + 1); continue; }
    out.push(pending + bare(l, off));
    pending = '';
  }
  // a NUL run at the very end is the file's last (unterminated) line
  return { text: out.join('\n') + (out.length ? '\n' : '') + pending, nulLines };
}

/** journalctl default `short`: `Mmm dd HH:MM:SS host ident[pid]: payload` (host zone, no year). */
export function journald(l: GenLine, off: number, host: string, pid: number): string {
  if (l.kind === 'marker') return l.text;
  const d = wall(l.t, off);
  const stamp = `${MON[d.getUTCMonth()]} ${String(d.getUTCDate()).padStart(2)} ${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())}`;
  if (l.kind === 'unit') return `${stamp} ${host} ${l.ident}: ${l.text}`;
  return `${stamp} ${host} rke2[${pid}]: ${bare(l, off)}`;
}

/** CRI container log prefix (/var/log/pods): full UTC instant with nanoseconds. */
export function cri(l: GenLine, stream: 'stdout' | 'stderr' = 'stderr'): string {
  const iso = new Date(l.t).toISOString().replace(/\.(\d{3})Z$/, '.$1456789Z');
  return `${iso} ${stream} F ${bare(l, 0)}`;
}

/** date(1) default output, e.g. `Wed Nov 22 17:50:00 CST 2023`. */
export function date1(t: number, off: number, abbrev: string): string {
  const d = wall(t, off);
  return `${DAY[d.getUTCDay()]} ${MON[d.getUTCMonth()]} ${String(d.getUTCDate()).padStart(2)} ${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())} ${abbrev} ${d.getUTCFullYear()}`;
}

/** journalctl header time, e.g. `Thu 2022-12-22 10:00:01 CST`. */
export function journalStamp(t: number, off: number, abbrev: string): string {
  const d = wall(t, off);
  return `${DAY[d.getUTCDay()]} ${d.getUTCFullYear()}-${p2(d.getUTCMonth() + 1)}-${p2(d.getUTCDate())} ${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())} ${abbrev}`;
}

/** The pod-reaper's `$(date)` prefix: always UTC in the CronJob container. */
export function reaperStamp(t: number): string {
  return date1(t, 0, 'UTC');
}

/** Cloudera Manager launcher header `[27/Dec/2022 13:04:02 +0800] pid MainThread redactor INFO ...`. */
export function cmLauncher(t: number, off: number, pid: number, text: string): string {
  const d = wall(t, off);
  const z = `${off < 0 ? '-' : '+'}${p2(Math.floor(Math.abs(off) / 60))}${p2(Math.abs(off) % 60)}`;
  return `[${p2(d.getUTCDate())}/${MON[d.getUTCMonth()]}/${d.getUTCFullYear()} ${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())} ${z}] ${pid} MainThread redactor     INFO     ${text}`;
}

/** Rancher collector folder stamp `YYYY-MM-DD_HH_MM_SS` (host-local). */
export function folderStamp(t: number, off: number): string {
  const d = wall(t, off);
  return `${d.getUTCFullYear()}-${p2(d.getUTCMonth() + 1)}-${p2(d.getUTCDate())}_${p2(d.getUTCHours())}_${p2(d.getUTCMinutes())}_${p2(d.getUTCSeconds())}`;
}

/** lumberjack backup time `2006-01-02T15-04-05.000` (UTC). */
export function lumberjackStamp(t: number): string {
  return new Date(t).toISOString().replace(/:/g, '-').replace(/Z$/, '');
}
