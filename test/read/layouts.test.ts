// Layouts as data: every layout reads its own samples; identity applies them in order; folders
// that are not layout words name their node, as a guess a journald host overrides.
import { checkLayouts, LAYOUTS } from '../../src/read/layouts';
import { identify } from '../../src/read/identity';
import { readLines } from '../../src/read/memory';

const tunnel = (hms: string, ip: string) => `time="2023-11-22T${hms}+08:00" level=info msg="Stopped tunnel to ${ip}:9345"`;
const journal = (host: string, hms: string, ip: string) => `Nov 22 ${hms} ${host} rke2[988]: ${tunnel(hms, ip)}`;

test('every layout reads its samples as they say', () => {
  expect(checkLayouts()).toEqual([]);
  expect(new Set(LAYOUTS.map((l) => l.name)).size).toBe(LAYOUTS.length);
  for (const l of LAYOUTS) expect(l.samples.some((s) => s.expect !== null)).toBe(true);
});

test.each([
  ['cp-a/rke2.log', 'cp-a', 'folder name'],
  ['bundle/wk-b/stderr.log', 'wk-b', 'folder name'],
  ['support/srv-c/logs/rke2/rke2.log', 'srv-c', 'folder name'],
  ['worker3/agent/logs/stderr.log', 'worker3', 'folder name'],
  ['downloads/ticket-123/logs/rke2.log', null, null],
  ['var/log/pods/kube-system_etcd-m1_0123456789abcdef0123456789abcdef/etcd/0.log', 'm1', 'static pod name'],
  ['var/log/pods/cdp_impala-executor-000-0_0123456789abcdef0123456789abcdef/impalad/0.log', null, null],
  ['1546339005-scm-command-result-data.zip!ds04/process/1546338943-ecs-ECS_AGENT/logs/stderr.log', 'ds04', 'Cloudera Manager host folder'],
  ['case-99/pod-reaper/pod-reaper-27871780-tpwzm.log', null, null],
])('%s names node %s (%s)', (path, node, from) => {
  const id = identify(path);
  expect([id.node, id.nodeFrom]).toEqual([node, from]);
});

test('unrecognised folders are separate observers, each named after its folder', () => {
  const r = readLines(['cp-a', 'wk-b', 'srv-c'].map((d, i) => ({ path: `${d}/rke2.log`, lines: [tunnel(`17:13:5${i}`, '10.0.0.12')] })));
  expect(r.inputs.map((i) => i.node)).toEqual(['cp-a', 'wk-b', 'srv-c']);
  expect(new Set(r.events.map((e) => e.node))).toEqual(new Set(['cp-a', 'wk-b', 'srv-c']));
});

test('a journald host overrides a folder-name guess, never a layout folder', () => {
  const guessed = readLines([{ path: 'copy-of-node/rke2.log', lines: [journal('ecs-w1', '17:13:50', '10.0.0.12')] }]);
  expect(guessed.inputs[0].node).toBe('ecs-w1');
  const rancher = readLines([{ path: 'ecs-w2-2023-11-22_10_05_00/journald/rke2-agent', lines: [journal('ecs-w1', '17:13:50', '10.0.0.12')] }]);
  expect(rancher.inputs[0].node).toBe('ecs-w2');
});

test('inputs that name no node are their own observers and are listed once', () => {
  const r = readLines([{ path: 'a.log', lines: [tunnel('17:13:50', '10.0.0.12')] }, { path: 'b.log', lines: [tunnel('17:13:51', '10.0.0.12')] }]);
  expect(r.inputs.map((i) => i.node)).toEqual(['a.log', 'b.log']);
  const notes = r.notes.filter((n) => n.code === 'unnamed-inputs');
  expect(notes).toHaveLength(1);
  expect(notes[0].message).toContain('a.log, b.log');
  expect(notes[0].message).toContain('--node');
});
