// Year-less times across New Year (Dec 31 -> Jan 1) and per-file zones, through the scanner:
// journald short prefixes anchored by logrus `time=`, and klog files with only a reference date.
import { scanLines, type One } from '../support/scanOne';
import type { SourceInfo } from '../../src/types';

function scan(lines: string[], info: Partial<SourceInfo> = {}): { s: One; times: Array<[string, string | null]>; first: string | null; last: string | null; warnings: string[] } {
  const s = scanLines(lines, { path: 'x.log', node: 'ecs-m1', role: 'server', ...info });
  const sum = s.summary;
  return { s, times: s.events.map((e) => [e.rule, e.time === null ? null : new Date(e.time).toISOString()]), first: sum.firstTime, last: sum.lastTime, warnings: sum.warnings };
}

// A server's journal across New Year in +08:00: logrus lines carry the year and zone, the klog
// and prefix-only lines between them do not.
const JOURNAL = [
  'Jan 01 07:50:01 ecs-m1 rke2[1532]: time="2023-01-01T07:50:01+08:00" level=info msg="Handling backend connection request [ecs-w1]"',
  'Jan 01 07:55:02 ecs-m1 rke2[1532]: W0101 07:55:02.101734    1532 lease.go:233] Resetting endpoints for master service "kubernetes" to [10.0.0.11 10.0.0.13]',
  'Jan 01 07:55:03 ecs-m1 rke2[1532]: time="2023-01-01T07:55:03+08:00" level=info msg="Stopped tunnel to 10.0.0.12:9345"',
];

describe('journald short lines across New Year', () => {
  it('take year and zone from the nearest logrus line (Dec 31 before a Jan anchor is the year before)', () => {
    const { times } = scan([
      'Dec 31 23:59:50 ecs-m1 rke2[1532]: E1231 23:59:50.228541    1532 kubelet_node_status.go:540] "Error updating node status, will retry" err="context deadline exceeded"',
      ...JOURNAL,
    ]);
    expect(times).toEqual([
      ['kubelet.status-error', '2022-12-31T15:59:50.000Z'],
      ['tunnel.backend-connected', '2022-12-31T23:50:01.000Z'],
      ['apiserver.endpoints', '2022-12-31T23:55:02.000Z'],
      ['tunnel.stopped', '2022-12-31T23:55:03.000Z'],
    ]);
  });
  it('a Jan 1 klog line after a December anchor is the year after', () => {
    const { times } = scan([
      'Dec 31 23:59:58 ecs-m1 rke2[1532]: time="2022-12-31T23:59:58+08:00" level=info msg="Stopped tunnel to 10.0.0.12:9345"',
      'Jan 01 00:00:03 ecs-m1 rke2[1532]: W0101 00:00:03.000001    1532 lease.go:233] Resetting endpoints for master service "kubernetes" to [10.0.0.11]',
    ]);
    expect(times).toEqual([['tunnel.stopped', '2022-12-31T15:59:58.000Z'], ['apiserver.endpoints', '2022-12-31T16:00:03.000Z']]);
  });
});

// A controller-manager klog file (UTC static pod) with no dated line at all.
const KCM = [
  'I1231 23:54:10.413202       1 event.go:294] "Event occurred" object="ecs-m2" kind="Node" apiVersion="v1" type="Normal" reason="NodeNotReady" message="Node ecs-m2 status is now: NodeNotReady"',
  'I1231 23:59:10.002311       1 taint_manager.go:106] "NoExecuteTaintManager is deleting pod" pod="cdp/impala-executor-000-0"',
  'I0101 00:02:58.771002       1 node_lifecycle_controller.go:1096] Node ecs-m2 is healthy again, removing all taints',
];

describe('klog files with only a reference date', () => {
  it('bundle collected in January: the year is the end year, December lines the year before', () => {
    const { times, first, last } = scan(KCM, { refYear: 2023, refMonth: 1 });
    expect(times.map((t) => t[1])).toEqual(['2022-12-31T23:54:10.413Z', '2022-12-31T23:59:10.002Z', '2023-01-01T00:02:58.771Z']);
    expect([first, last]).toEqual(['2022-12-31T23:54:10.413Z', '2023-01-01T00:02:58.771Z']);
  });
  it('bundle collected in January whose log ends on Dec 31 stays in the year before', () => {
    const { times } = scan(KCM.slice(0, 2), { refYear: 2023, refMonth: 1 });
    expect(times.map((t) => t[1])).toEqual(['2022-12-31T23:54:10.413Z', '2022-12-31T23:59:10.002Z']);
  });
  it('--year names the year the log starts in', () => {
    const { times } = scan(KCM, { refYear: 2022, refMonth: null });
    expect(times.map((t) => t[1])).toEqual(['2022-12-31T23:54:10.413Z', '2022-12-31T23:59:10.002Z', '2023-01-01T00:02:58.771Z']);
  });
  it('the file mtime is a flagged last resort, read as the end of the log', () => {
    const { times, warnings } = scan(KCM, { mtime: Date.UTC(2023, 0, 1, 0, 30) });
    expect(times.map((t) => t[1])).toEqual(['2022-12-31T23:54:10.413Z', '2022-12-31T23:59:10.002Z', '2023-01-01T00:02:58.771Z']);
    expect(warnings.join(' ')).toMatch(/modification time/);
  });
  it('without any year the events stay untimed and the input says why', () => {
    const { times, warnings } = scan(KCM);
    expect(times.every((t) => t[1] === null)).toBe(true);
    expect(warnings.join(' ')).toMatch(/pass --year/);
  });
});

describe('per-file zones', () => {
  // the journald prefix (host zone, whole seconds) is read, not the inner klog time: the kubelet
  // may log in another zone than the host, the journal never does
  it('a journald prefix-only line takes the zone of the file\'s logrus offsets', () => {
    const { times } = scan([
      'Nov 22 17:13:37 ecs-w1 rke2[988]: time="2023-11-22T17:13:37-05:00" level=error msg="Remotedialer proxy error" error="websocket: close 1006 (abnormal closure): unexpected EOF"',
      'Nov 22 17:13:50 ecs-w1 kubelet[4012]: E1122 17:13:50.228541    4012 kubelet_node_status.go:540] "Error updating node status, will retry" err="context deadline exceeded"',
    ]);
    expect(times).toEqual([['tunnel.proxy-error', '2023-11-22T22:13:37.000Z'], ['kubelet.status-error', '2023-11-22T22:13:50.000Z']]);
  });
  it('a journal printed in another zone than the rke2 process: the prefix zone is learnt, not the payload\'s', () => {
    // rke2 runs with TZ=UTC, journalctl printed in +08:00: prefixes run exactly 8 h after time=
    const { s, times } = scan([
      'Nov 22 17:13:37 ecs-w1 rke2[988]: time="2023-11-22T09:13:37Z" level=error msg="Remotedialer proxy error" error="websocket: close 1006 (abnormal closure): unexpected EOF"',
      'Nov 22 17:13:50 ecs-w1 rke2[988]: E1122 17:13:50.228541     988 kubelet_node_status.go:540] "Error updating node status, will retry" err="context deadline exceeded"',
    ]);
    expect(times).toEqual([['tunnel.proxy-error', '2023-11-22T09:13:37.000Z'], ['kubelet.status-error', '2023-11-22T09:13:50.000Z']]);
    // a zone difference is not clock skew
    expect(s.lag!.medianMs).toBe(0);
  });
});

describe('the clock learns from the first full date, whether a rule wants its line or not', () => {
  test('a year-less first line, a full date on the second (a line no rule wants): the year comes from it, not the mtime', () => {
    const lines = [
      'Dec 29 17:10:00 ecs-m1 systemd[1]: Starting Rancher Kubernetes Engine v2 (server)...',
      'Dec 29 17:10:01 ecs-m1 rke2[1532]: time="2021-12-29T17:10:01+08:00" level=info msg="Reconciling bootstrap data between datastore and disk"',
      'Dec 29 17:13:50 ecs-m1 rke2[1532]: I1229 17:13:50.000000    1532 event.go:291] "Event occurred" object="ecs-w2" kind="Node" apiVersion="v1" type="Normal" reason="NodeNotReady" message="Node ecs-w2 status is now: NodeNotReady"',
    ];
    const r = scan(lines, { mtime: Date.parse('2024-03-01T00:00:00Z') });
    expect(r.warnings.filter((w) => /modification time/.test(w))).toEqual([]);
    expect(r.times.find(([rule]) => rule === 'kube.node-not-ready')?.[1]).toBe('2021-12-29T09:13:50.000Z');
    expect(r.last).toBe('2021-12-29T09:13:50.000Z');
  });
});
