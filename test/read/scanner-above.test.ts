// A line with no time of its own (journald's `-- Reboot --`, a NUL block) takes the recognised line
// right above it, not the last line a rule wanted: in a quiet log that can be hours earlier, and a
// reboot timed there falls outside its outage (the cause would read "crash").
import { scanBytes, scanLines } from '../support/scanOne';

// journald with rke2's own logrus lines (full dates) and klog lines (the journald prefix only)
const j = (hms: string, msg: string) => `Mar 14 ${hms} ecs-m1 rke2[1500]: time="2024-03-14T${hms}+08:00" level=info msg="${msg}"`;
const klog = (hms: string) => `Mar 14 ${hms} ecs-m1 rke2[1500]: I0314 ${hms}.003123    1500 trace.go:205] Trace[100003]: "List" url:/api/v1/namespaces/kube-system/configmaps (total time: 612ms):`;
const QUIET = [
  j('11:13:37', 'Starting rke2 v1.32.5+rke2r1 (5aac2aaf)'),
  j('11:13:57', 'Handling backend connection request [ecs-m2]'), // the last line a rule wants before the silence
  j('12:00:02', 'Saving etcd snapshot to /var/lib/rancher/rke2/server/db/snapshots/etcd-snapshot-ecs-m1-1710388802'),
  klog('17:09:24'), // the last write before the host went down
  '-- Reboot --',
  j('17:28:57', 'Starting rke2 v1.32.5+rke2r1 (5aac2aaf)'),
];

test.each([['per line', (l: string[]) => Promise.resolve(scanLines(l))], ['chunked', scanBytes]] as const)('%s: -- Reboot -- takes the time of the line above it, hours after the last candidate', async (_n, scan) => {
  const r = await scan(QUIET);
  const boot = r.events.find((e) => e.kind === 'node.reboot')!;
  expect([boot.evidence.line, new Date(boot.time!).toISOString()]).toEqual([5, '2024-03-14T09:09:24.000Z']);
  expect(r.events.filter((e) => e.kind === 'node.starting').map((e) => e.evidence.line)).toEqual([1, 6]);
});

test.each([['per line', (l: string[]) => Promise.resolve(scanLines(l))], ['chunked', scanBytes]] as const)('%s: a NUL block after a year-less klog line takes that line, not the last logrus line', async (_n, scan) => {
  const r = await scan([QUIET[0], QUIET[1], klog('17:09:24'), `${'\0'.repeat(4096)}${QUIET[5]}`]);
  const nul = r.events.find((e) => e.kind === 'node.nul-block')!;
  expect([nul.evidence.line, new Date(nul.time!).toISOString()]).toEqual([4, '2024-03-14T09:09:24.000Z']);
});

test('a marker right after a candidate line keeps that line\'s time (nothing skipped between)', () => {
  const r = scanLines([QUIET[0], QUIET[1], '-- Reboot --']);
  const boot = r.events.find((e) => e.kind === 'node.reboot')!;
  expect(new Date(boot.time!).toISOString()).toBe('2024-03-14T03:13:57.000Z');
});

test.each([['per line', (l: string[]) => Promise.resolve(scanLines(l))], ['chunked', scanBytes]] as const)('%s: in a paste of several journals, -- Reboot -- is the journal\'s above it', async (_n, scan) => {
  const w = (host: string, hms: string, msg: string) => j(hms, msg).replace('ecs-m1 rke2[1500]', `${host} rke2[1500]`);
  const r = await scan([
    w('ecs-m1', '17:13:30', 'Handling backend connection request [ecs-w1]'),
    w('ecs-m2', '17:13:31', 'Handling backend connection request [ecs-w1]'),
    `Mar 14 17:13:36 ecs-m2 systemd[1]: Stopped Rancher Kubernetes Engine v2 (server).`,
    '-- Reboot --',
    w('ecs-m2', '17:27:57', 'Starting rke2 v1.32.5+rke2r1 (5aac2aaf)'),
    w('ecs-m1', '17:28:10', 'Handling backend connection request [ecs-m2]'),
  ]);
  const boot = r.events.find((e) => e.kind === 'node.reboot')!;
  expect([boot.node, new Date(boot.time!).toISOString()]).toEqual(['ecs-m2', '2024-03-14T09:13:36.000Z']);
});
