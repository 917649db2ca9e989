// kubectl output (and journald markers) above the first dated line of a file take the nearest dated
// line below (DESIGN §4), through the per-line path and the chunk path alike.
import { scanBytes, scanLines, type One } from '../support/scanOne';
import { reportOf } from '../support/scan';

const iso = (t: number | null) => (t === null ? null : new Date(t).toISOString());
const info = { path: 'pod-reaper.log' };

// `kubectl logs -n pod-reaper pod-reaper-27871940-469b7` pasted bottom-up into a ticket: two runs
const REVERSED = [
  'pod "vault-0" force deleted',
  'warning: Immediate deletion does not wait for confirmation that the running resource has been terminated. The resource may continue to run on the cluster indefinitely.',
  'Thu Dec 29 09:40:02 UTC 2022 Force delete pod vault-0 in namespace vault-system with deletion timestamp: 2022-12-29T09:20:26Z',
  'pod "hiveserver2-0" force deleted',
  'warning: Immediate deletion does not wait for confirmation that the running resource has been terminated. The resource may continue to run on the cluster indefinitely.',
  'Thu Dec 29 09:40:02 UTC 2022 Force delete pod hiveserver2-0 in namespace compute-hive01 with deletion timestamp: 2022-12-29T09:20:25Z',
  'Thu Dec 29 09:40:01 UTC 2022 Starting pod-reaper [Reap older than: 10 minute(s)][Namespace regex: *UNKNOWN*]',
];

// the tail of a reaper log cut mid-run: the answers of the 09:30 run come before the 09:40 run
const CUT_TAIL = [
  'Error from server (NotFound): pods "impala-executor-000-0" not found',
  'Thu Dec 29 09:40:01 UTC 2022 Starting pod-reaper [Reap older than: 10 minute(s)][Namespace regex: *UNKNOWN*]',
  'Thu Dec 29 09:40:02 UTC 2022 Force delete pod hiveserver2-0 in namespace compute-hive01 with deletion timestamp: 2022-12-29T09:20:25Z',
  'warning: Immediate deletion does not wait for confirmation that the running resource has been terminated. The resource may continue to run on the cluster indefinitely.',
  'pod "hiveserver2-0" force deleted',
];

const byLine = (lines: string[]): One => scanLines(lines, info);
const byChunks = (lines: string[]): Promise<One> => scanBytes(lines, info);

const timesOf = (s: One) => s.events.map((e) => [e.evidence.line, e.kind, iso(e.time)]);

describe('kubectl lines before the first dated line', () => {
  test('a reversed paste: the first answer takes the force-delete below it', () => {
    const s = byLine(REVERSED);
    expect(timesOf(s)).toEqual([
      [1, 'reaper.deleted', '2022-12-29T09:40:02.000Z'],
      [3, 'reaper.force-delete', '2022-12-29T09:40:02.000Z'],
      [4, 'reaper.deleted', '2022-12-29T09:40:02.000Z'],
      [6, 'reaper.force-delete', '2022-12-29T09:40:02.000Z'],
      [7, 'reaper.run', '2022-12-29T09:40:01.000Z'],
    ]);
  });

  test('the chunk path gives the same times', async () => {
    expect(timesOf(await byChunks(REVERSED))).toEqual(timesOf(byLine(REVERSED)));
    expect(timesOf(await byChunks(CUT_TAIL))).toEqual(timesOf(byLine(CUT_TAIL)));
  });

  test('a log cut mid-run: the leading answer takes the next run\'s first line, later ones the line above', () => {
    const s = byLine(CUT_TAIL);
    const failed = s.events.find((e) => e.kind === 'reaper.failed');
    expect(failed && [failed.evidence.line, iso(failed.time)]).toEqual([1, '2022-12-29T09:40:01.000Z']);
    expect(s.events.filter((e) => e.kind === 'reaper.deleted').map((e) => iso(e.time))).toEqual(['2022-12-29T09:40:02.000Z']);
  });

  test('no event is left without time in the report, and the pods are settled', () => {
    const r = reportOf([{ path: 'pod-reaper.log', lines: REVERSED }]);
    expect(r.findings.map((f) => f.code)).not.toContain('events-without-time');
    expect(r.incidents.flatMap((i) => i.pods.map((p) => [p.name, p.outcome])).sort()).toEqual([['hiveserver2-0', 'deleted'], ['vault-0', 'deleted']]);
  });

  test('a journal excerpt opening on -- Reboot -- takes the first year-less line below it', () => {
    const s = scanLines([
      '-- Reboot --',
      'Dec 29 17:52:14 ecs-w2 systemd[1]: Starting Rancher Kubernetes Engine v2 (agent)...',
      'Dec 29 17:52:15 ecs-w2 rke2[1187]: time="2022-12-29T17:52:15+08:00" level=info msg="Starting rke2 agent v1.24.17+rke2r1 (5f7a4a1b)"',
    ], { path: 'journald/rke2-agent', node: 'ecs-w2', role: 'agent', refYear: 2022, refMonth: 12 });
    const reboot = s.events.find((e) => e.kind === 'node.reboot');
    expect(reboot && iso(reboot.time)).toBe('2022-12-29T09:52:14.000Z');
  });

  test('with no dated line anywhere the answers stay without time (and are reported so)', () => {
    const r = reportOf([{ path: 'pasted.txt', lines: REVERSED.filter((l) => !/^Thu /.test(l)) }]);
    expect(r.events.every((e) => e.time === null)).toBe(true);
    expect(r.findings.map((f) => f.code)).toContain('events-without-time');
  });
});

// Two runs of a reaper that was refused vault-0 at 09:30 and deleted it at 09:40.
const TWO_RUNS = [
  'Thu Dec 29 09:30:01 UTC 2022 Starting pod-reaper [Reap older than: 10 minute(s)][Namespace regex: *UNKNOWN*]',
  'Thu Dec 29 09:30:02 UTC 2022 Force delete pod vault-0 in namespace vault-system with deletion timestamp: 2022-12-29T09:20:26Z',
  'warning: Immediate deletion does not wait for confirmation that the running resource has been terminated. The resource may continue to run on the cluster indefinitely.',
  'Error from server (Forbidden): pods "vault-0" is forbidden: User "system:serviceaccount:pod-reaper:pod-reaper" cannot delete resource "pods" in API group "" in the namespace "vault-system"',
  'Thu Dec 29 09:40:01 UTC 2022 Starting pod-reaper [Reap older than: 10 minute(s)][Namespace regex: *UNKNOWN*]',
  'Thu Dec 29 09:40:02 UTC 2022 Force delete pod vault-0 in namespace vault-system with deletion timestamp: 2022-12-29T09:20:26Z',
  'warning: Immediate deletion does not wait for confirmation that the running resource has been terminated. The resource may continue to run on the cluster indefinitely.',
  'pod "vault-0" force deleted',
];

describe('kubectl lines of a reaper log pasted in reverse', () => {
  const byText = (s: One) => new Map(s.events.map((e) => [e.evidence.text, iso(e.time)]));
  test('each answer keeps the time of its own run (the dated line below it), not the next run\'s', async () => {
    const fwd = byText(byLine(TWO_RUNS));
    expect(fwd.get(TWO_RUNS[3])).toBe('2022-12-29T09:30:02.000Z');
    expect(byText(byLine([...TWO_RUNS].reverse()))).toEqual(fwd);
    expect(byText(await byChunks([...TWO_RUNS].reverse()))).toEqual(fwd);
  });
  test('a log in file order still takes the dated line above', () => {
    const s = byLine([...TWO_RUNS, 'Thu Dec 29 09:50:01 UTC 2022 Starting pod-reaper [Reap older than: 10 minute(s)][Namespace regex: *UNKNOWN*]']);
    expect(s.events.filter((e) => e.kind === 'reaper.deleted').map((e) => iso(e.time))).toEqual(['2022-12-29T09:40:02.000Z']);
  });
});
