// Realistic big logs from a real one: a fixture stderr.log is "stretched" to a target size by
// interleaving re-timed copies of its own quiet lines (logrus and klog) in time order, so its
// outage lines keep their real relative positions; about one line per thousand is a benign event.
import { closeSync, openSync, writeSync } from 'node:fs';
import { needleRegex } from '../../src/rules/needles';
import { RULES } from '../../src/rules/registry';

const LOGRUS = /^time="(\d{4})-(\d\d)-(\d\d)T(\d\d):(\d\d):(\d\d)([+-]\d\d):(\d\d)"/;
const KLOG = /^([IWEF])(\d\d)(\d\d) (\d\d):(\d\d):(\d\d)\.(\d{6})/;
/** Sprinkled events that change no outage story: agents connecting, unchanged LB lists, proxy dials. */
const BENIGN = /Handling backend connection request|Updating load balancer .* server addresses|Connecting to proxy/;

interface Template { kind: 'logrus' | 'klog'; rest: string }
interface FixtureLine { text: string; time: number | null }

/** Epoch ms of a logrus or klog line (klog borrows `year` and `offsetH`), or null. */
function timeOf(line: string, year: number, offsetH: number): number | null {
  let m = LOGRUS.exec(line);
  if (m) {
    const oh = +m[7];
    return Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6]) - (oh * 60 + (m[7][0] === '-' ? -1 : 1) * +m[8]) * 60_000;
  }
  m = KLOG.exec(line);
  if (m) return Date.UTC(year, +m[2] - 1, +m[3], +m[4], +m[5], +m[6]) - offsetH * 3_600_000;
  return null;
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** Formats a template at time `t` in the +08:00 zone of the fixtures. */
function render(tpl: Template, t: number, seq: number): string {
  const d = new Date(t + 8 * 3_600_000);
  const ymd = `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
  const hms = `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
  if (tpl.kind === 'logrus') return `time="${ymd}T${hms}+08:00"${tpl.rest}\n`;
  return `${tpl.rest[0]}${pad(d.getUTCMonth() + 1)}${pad(d.getUTCDate())} ${hms}.${pad(seq % 1_000_000, 6)}${tpl.rest.slice(1)}\n`;
}

function templateOf(line: string): Template | null {
  if (LOGRUS.test(line)) return { kind: 'logrus', rest: line.replace(LOGRUS, '') };
  const m = KLOG.exec(line);
  if (m) return { kind: 'klog', rest: m[1] + line.slice(m[0].length) };
  return null;
}

/** Writes `fixture` stretched to about `bytes` bytes into `out`; returns the bytes written. */
export function stretchLog(fixture: string, bytes: number, out: string): number {
  const needles = needleRegex(RULES);
  const year = +(/time="(\d{4})-/.exec(fixture)?.[1] ?? 2022);
  const lines: FixtureLine[] = [];
  let last: number | null = null;
  for (const text of fixture.split('\n').filter((l) => l.length > 0)) {
    const t = timeOf(text, year, 8);
    lines.push({ text, time: t ?? last });
    if (t !== null) last = t;
  }
  const quiet = lines.map((l) => l.text).filter((l) => !needles.test(l) && l.length < 1000).map(templateOf).filter((t): t is Template => t !== null);
  const events = lines.map((l) => l.text).filter((l) => needles.test(l) && BENIGN.test(l) && l.length < 1000).map(templateOf).filter((t): t is Template => t !== null);
  if (!quiet.length) throw new Error('fixture has no quiet logrus/klog lines to stretch');
  const times = lines.map((l) => l.time).filter((t): t is number => t !== null);
  const t0 = times[0];
  const t1 = times[times.length - 1];
  const fixtureBytes = Buffer.byteLength(fixture);
  const avg = quiet.reduce((n, q) => n + q.rest.length + 26, 0) / quiet.length;
  const count = Math.max(0, Math.round((bytes - fixtureBytes) / avg));

  const fd = openSync(out, 'w');
  let buf = '';
  let written = 0;
  const emit = (s: string) => {
    buf += s;
    if (buf.length >= 1 << 22) { written += writeSync(fd, buf); buf = ''; }
  };
  let fi = 0;
  let rnd = 12345;
  for (let k = 0; k < count; k++) {
    const t = t0 + Math.floor(((t1 - t0) * k) / count);
    while (fi < lines.length && (lines[fi].time ?? t0) <= t) emit(lines[fi++].text + '\n');
    rnd = (rnd * 1103515245 + 12345) & 0x7fffffff;
    const pool = k % 1000 === 999 && events.length ? events : quiet;
    emit(render(pool[rnd % pool.length], t, k));
  }
  while (fi < lines.length) emit(lines[fi++].text + '\n');
  written += writeSync(fd, buf);
  closeSync(fd);
  return written;
}
