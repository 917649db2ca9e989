// journald / syslog prefixes around an rke2 payload; the payload is parsed again and its time wins.
import type { LogRecord } from '../types';
import { blankRecord, type Groups, type LineFormat } from './format';
import { instantOf, readTime, type TimeKind, type TimeReading } from './timestamps';

/** A prefix lag near a multiple of 15 min is a zone difference (journalctl's zone is not the
 * process's); the rest is receive lag or clock skew. */
export function splitLag(lagMs: number): { zoneMin: number; residualMs: number } {
  const zoneMin = Math.round(lagMs / 900_000) * 15;
  return { zoneMin, residualMs: lagMs - zoneMin * 60_000 };
}

/** Prefix time minus the payload's time; a year-less prefix is read in the payload's year and zone. */
export function prefixLag(outer: TimeReading, innerTime: number, innerOffset: number | null): number | null {
  if (outer.time !== null) return outer.time - innerTime;
  if (!outer.local) return null;
  const off = innerOffset ?? 0;
  const wall = new Date(innerTime + off * 60_000);
  let year = wall.getUTCFullYear();
  const m = wall.getUTCMonth() + 1;
  if (m === 12 && outer.local.month === 1) year += 1;
  else if (m === 1 && outer.local.month === 12) year -= 1;
  return instantOf(outer.local, year, off) - innerTime;
}
import { parsePayload } from './payload';

const MONTH = '(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)';
const PROC = '(?<proc>[A-Za-z][\\w.@/-]{0,63})(?:\\[(?<pid>\\d{1,10})\\])?: (?<msg>.*)';

/** Wraps a prefix format: the inner payload's own time (logrus `time=`) wins over the prefix. */
export function nested(name: string, kind: TimeKind): (line: string, g: Groups) => LogRecord | null {
  return (_line, g) => {
    const outer = readTime(kind, g.time);
    const inner = parsePayload(g.msg ?? '');
    const rec = inner ?? blankRecord(name);
    if (inner) rec.fields.payload = inner.format;
    rec.format = name;
    rec.msg = inner ? inner.msg : g.msg ?? '';
    rec.host = g.host ?? null;
    rec.proc = g.proc ?? null;
    if (rec.time === null && rec.relSeconds === undefined) {
      rec.time = outer.time;
      rec.local = outer.local;
      rec.offsetMin = outer.offsetMin ?? rec.offsetMin;
    } else if (inner && inner.time !== null) {
      const lag = prefixLag(outer, inner.time, inner.offsetMin);
      if (lag !== null) rec.prefixLagMs = lag;
    }
    return rec;
  };
}

export const journald: LineFormat = {
  name: 'journald',
  description: 'journalctl short / short-precise: Mmm dd HH:MM:SS host ident[pid]: payload',
  sniff: new RegExp(`^${MONTH} [ \\d]\\d \\d\\d:`),
  pattern: new RegExp(`^(?<time>${MONTH} [ \\d]\\d \\d\\d:\\d\\d:\\d\\d(?:\\.\\d{1,6})?) (?<host>[^\\s\\[\\]:]{1,255}) ${PROC}$`),
  time: 'syslog',
  build: nested('journald', 'syslog'),
  samples: [
    {
      line: 'Dec 29 17:13:37 ecs-m1 rke2[1532]: time="2022-12-29T17:13:37+08:00" level=error msg="Remotedialer proxy error" error="websocket: close 1006 (abnormal closure): unexpected EOF"',
      expect: { time: '2022-12-29T09:13:37.000Z', host: 'ecs-m1', proc: 'rke2', level: 'error', msg: 'Remotedialer proxy error' },
    },
    { line: 'Apr 26 16:22:59 izcentos83-1 rke2[14625]: I0426 16:22:59.928958   14625 leaderelection.go:243] attempting to acquire leader lease kube-system/rke2...', expect: { host: 'izcentos83-1', level: 'I', msg: 'attempting to acquire leader lease kube-system/rke2...' } },
    { line: 'Jan  5 00:00:01 host1 systemd[1]: Started rke2-server.service.', expect: { host: 'host1', proc: 'systemd', msg: 'Started rke2-server.service.' } },
  ],
};

export const shortIso: LineFormat = {
  name: 'syslog-iso',
  description: 'journalctl -o short-iso / rsyslog ISO prefix: 2024-06-13T17:21:12+0000 host ident[pid]: payload',
  sniff: /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\S* [^\s]+ [A-Za-z]/,
  pattern: new RegExp(`^(?<time>\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(?:[.,]\\d{1,9})?(?:Z|[+-]\\d\\d:?\\d\\d)?) (?<host>[^\\s\\[\\]:]{1,255}) ${PROC}$`),
  time: 'rfc3339',
  build: nested('syslog-iso', 'rfc3339'),
  samples: [
    { line: '2024-06-13T17:21:12.123+00:00 host rke2[9]: time="2024-06-13T17:21:12Z" level=info msg="Stopped tunnel to 10.0.0.12:9345"', expect: { time: '2024-06-13T17:21:12.000Z', host: 'host', msg: 'Stopped tunnel to 10.0.0.12:9345' } },
  ],
};

export const journaldBare: LineFormat = {
  name: 'journald-bare',
  description: 'journal line without date and host: rke2[1523]: payload',
  sniff: /^[A-Za-z][\w.@/-]{0,63}\[\d{1,10}\]: /,
  pattern: new RegExp(`^${PROC}$`),
  time: 'none',
  build: nested('journald-bare', 'none'),
  samples: [
    { line: 'rke2[1523]: time="2022-12-29T17:13:53+08:00" level=info msg="Stopped tunnel to 10.0.0.12:9345"', expect: { time: '2022-12-29T09:13:53.000Z', proc: 'rke2', msg: 'Stopped tunnel to 10.0.0.12:9345' } },
  ],
};

export const journaldMarker: LineFormat = {
  name: 'journald-marker',
  description: 'journalctl markers: -- Reboot --, -- Logs begin at ... --',
  sniff: /^-- /,
  pattern: /^-- (?<msg>.{1,300}) --$/,
  time: 'none',
  build: (_line, g) => {
    const rec = blankRecord('journald-marker');
    rec.msg = g.msg ?? '';
    rec.marker = /^(?:Reboot|Boot [0-9a-f]+)$/.test(rec.msg) ? 'reboot' : 'header';
    rec.inheritsTime = true;
    return rec;
  },
  samples: [
    { line: '-- Reboot --', expect: { msg: 'Reboot' } },
    { line: '-- Logs begin at Thu 2022-12-22 10:00:01 CST, end at Thu 2022-12-29 17:50:00 CST. --', expect: { msg: 'Logs begin at Thu 2022-12-22 10:00:01 CST, end at Thu 2022-12-29 17:50:00 CST.' } },
  ],
};

export const cri: LineFormat = {
  name: 'cri',
  description: 'CRI container log (/var/log/pods): <RFC3339Nano> stdout|stderr F|P payload',
  sniff: /^\d{4}-\d\d-\d\dT[0-9:.]+(?:Z|[+-]\d\d:?\d\d) std(?:out|err) [FP] /,
  pattern: /^(?<time>\d{4}-\d\d-\d\dT[0-9:.]{8,18}(?:Z|[+-]\d\d:?\d\d)) (?<proc>stdout|stderr) [FP] (?<msg>.*)$/,
  time: 'rfc3339',
  build: (line, g) => {
    const rec = nested('cri', 'rfc3339')(line, g);
    if (rec && rec.time === null && rec.local) {
      // klog payloads have no year: the CRI prefix carries the full instant
      const outer = readTime('rfc3339', g.time);
      rec.time = outer.time;
      rec.local = null;
    }
    if (rec) rec.proc = null;
    return rec;
  },
  samples: [
    { line: '2025-08-23T03:04:01.778777471Z stderr F W0823 03:04:01.778597       1 lease.go:265] Resetting endpoints for master service "kubernetes" to [172.30.1.2]', expect: { time: '2025-08-23T03:04:01.778Z', level: 'W', msg: 'Resetting endpoints for master service "kubernetes" to [172.30.1.2]' } },
  ],
};
