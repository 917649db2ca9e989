// Bundle knowledge that is not log lines: date(1) output as a reference clock, `kubectl get nodes
// -o wide`, the bundle key of a path, and which files are logs at all.
import { bundleKeyOf, folderRef, isNodesHeader, NodesTable, parseDateText } from '../../src/read/inventory';
import { fileKind } from '../../src/read/sources/kinds';
import { groupSkipped } from '../../src/read/sources/skips';
import { scanLines } from '../support/scanOne';
import type { ClockReference } from '../../src/read/clock';

describe('parseDateText (systeminfo/date)', () => {
  test.each([
    ['Wed Nov 22 17:50:00 CST 2023', { year: 2023, month: 11, day: 22, offsetMin: null }],
    ['Thu Dec 29 09:50:00 UTC 2022', { year: 2022, month: 12, day: 29, offsetMin: 0 }],
    ['Mon Jan  2 10:00:01 CET 2023', { year: 2023, month: 1, day: 2, offsetMin: 60 }],
    ['Thu 29 Dec 2022 05:50:00 PM +08', { year: 2022, month: 12, day: 29, offsetMin: 480 }],
    ['2024-10-20T17:50:00+08:00', { year: 2024, month: 10, day: 20, offsetMin: 480 }],
  ])('%s', (text, want) => {
    expect(parseDateText(text + '\n', 'date')).toMatchObject(want);
  });

  test('anything else is not a date', () => {
    expect(parseDateText('date: command not found\n', 'date')).toBeNull();
  });
});

test('kubectl get nodes -o wide: NAME and INTERNAL-IP, role from ROLES', () => {
  const t = new NodesTable();
  const out = [
    'NAME     STATUS     ROLES                       AGE   VERSION           INTERNAL-IP     EXTERNAL-IP   OS-IMAGE                               KERNEL-VERSION                 CONTAINER-RUNTIME',
    'ds01     Ready      control-plane,etcd,master   35d   v1.25.16+rke2r1   192.168.8.141   <none>        Red Hat Enterprise Linux 8.8 (Ootpa)   4.18.0-477.10.1.el8_8.x86_64   containerd://1.7.7-k3s1',
    'ds02     NotReady   control-plane,etcd,master   35d   v1.25.16+rke2r1   192.168.8.142   <none>        Red Hat Enterprise Linux 8.8 (Ootpa)   4.18.0-477.10.1.el8_8.x86_64   containerd://1.7.7-k3s1',
    'ds04     Ready      <none>                      35d   v1.25.16+rke2r1   192.168.8.144   <none>        Red Hat Enterprise Linux 8.8 (Ootpa)   4.18.0-477.10.1.el8_8.x86_64   containerd://1.7.7-k3s1',
  ];
  expect(isNodesHeader(out[0])).toBe(true);
  for (const l of out) t.line(l);
  expect(t.rows).toEqual([
    { name: 'ds01', address: '192.168.8.141', role: 'server' },
    { name: 'ds02', address: '192.168.8.142', role: 'server' },
    { name: 'ds04', address: '192.168.8.144', role: 'agent' },
  ]);
});

test('bundle key: the path through the Rancher <host>-<timestamp> folder, inside archives too', () => {
  expect(bundleKeyOf('in/ds03-2022-12-29_09_50_00.tar.gz!ds03-2022-12-29_09_50_00/journald/rke2-server')).toBe('in/ds03-2022-12-29_09_50_00.tar.gz!ds03-2022-12-29_09_50_00');
  expect(bundleKeyOf('x/ds03-2022-12-29_09_50_00/systeminfo/date')).toBe('x/ds03-2022-12-29_09_50_00');
  expect(bundleKeyOf('feng-ws1.example.com/process/1-ecs-ECS_SERVER/logs/stderr.log')).toBeNull();
  expect(folderRef('x/ds03-2023-01-02_00_10_00')).toMatchObject({ year: 2023, month: 1, day: 2, offsetMin: null });
});

test.each([
  ['b/ds01-2023-11-22_17_48_37/journald/rke2-server', 'log'],
  ['b.tar.gz!ds01-2023-11-22_17_48_37/rke2/agent-logs/kubelet-2022-12-29T09-13-37.123.log.gz', 'log'],
  ['b.tar.gz!ds01-2023-11-22_17_48_37/rke2/podlogs/kube-system_etcd-ds01_0f1e/etcd/0.log', 'log'],
  ['b.tar.gz!ds01-2023-11-22_17_48_37/systeminfo/date', 'date'],
  ['b.tar.gz!ds01-2023-11-22_17_48_37/rke2/kubectl/nodes', 'nodes'],
  ['b.tar.gz!ds01-2023-11-22_17_48_37/rke2/kubectl/events', 'skip'],
  ['b.tar.gz!ds01-2023-11-22_17_48_37/rke2/kubectl/poddescribe/kube-system', 'skip'],
  ['b.tar.gz!ds01-2023-11-22_17_48_37/networking/iptablessave', 'skip'],
  ['b.tar.gz!ds01-2023-11-22_17_48_37/rke2/pod-manifests/etcd.yaml', 'skip'],
  ['diag.zip!environment/env1/pods.json.gz', 'skip'],
  ['diag.zip!screenshot.PNG', 'skip'],
])('%s is %s', (p, kind) => {
  expect(fileKind(p).kind).toBe(kind);
});

describe('the bundle reference clock for year-less lines', () => {
  const scan = (lines: string[], ref: ClockReference) => {
    const s = scanLines(lines, { path: 'b/ds01-2023-01-02_08_00_00/journald/kube-controller-manager', node: 'ds01', role: 'server', refYear: 2023 }, ref);
    return s.events.map((e) => new Date(e.time!).toISOString());
  };
  const notReady = 'I1231 23:45:43.000123       1 event.go:294] "Event occurred" object="ds02" kind="Node" apiVersion="v1" type="Normal" reason="NodeNotReady" message="Node ds02 status is now: NodeNotReady"';

  test('December lines in a bundle collected in January belong to the year before', () => {
    expect(scan([notReady], { year: 2023, month: 1, offsetMin: 0 })).toEqual(['2022-12-31T23:45:43.000Z']);
  });

  test('the bundle zone applies when the file has no dated line', () => {
    expect(scan([notReady], { year: 2023, month: 1, offsetMin: 480 })).toEqual(['2022-12-31T15:45:43.000Z']);
  });
});

test('many non-logs of one folder are listed once, a few one by one', () => {
  const net = ['iptables', 'iptablessave', 'ipaddr', 'iproute', 'ss'].map((n) => ({ path: `b.tar.gz!ds01-x/networking/${n}`, reason: 'system or network information, not a log' }));
  const one = { path: 'b.tar.gz!ds01-x/rke2/pod-manifests/etcd.yaml', reason: 'manifest or configuration, not a log' };
  expect(groupSkipped([...net, one])).toEqual([
    { path: 'b.tar.gz!ds01-x/networking/* (5 files)', reason: 'system or network information, not a log' },
    one,
  ]);
});
