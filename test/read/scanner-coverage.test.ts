// Coverage (InputSummary first/last time) of files whose lines are all year-less is the earliest
// and latest resolved time: months the hot path never parsed, and pastes in reverse order, included.
import { scanBytes, scanLines } from '../support/scanOne';
import type { SourceInfo } from '../../src/types';

const base: SourceInfo = { path: 'ecs-m1-2023-07-21_10_05_00/rke2/podlogs/kube-system-kube-controller-manager-ecs-m1', node: 'ecs-m1', role: 'server', nodeFrom: null, refYear: null, mtime: null };

async function coverage(lines: string[], info: Partial<SourceInfo>): Promise<{ first: string | null; last: string | null; events: Array<string | null> }> {
  const s = await scanBytes(lines, { ...base, ...info });
  const sum = s.summary;
  return { first: sum.firstTime, last: sum.lastTime, events: s.events.map((e) => (e.time === null ? null : new Date(e.time).toISOString())) };
}

// A controller-manager that ran from December to July: the only event is in December, the
// hot path parses no line of January-June, so no Dec -> Jan step is ever seen.
const LONG_RUN = [
  'I1212 02:00:00.120511       1 leaderelection.go:258] successfully acquired lease kube-system/kube-controller-manager',
  'I1225 15:02:17.413202       1 event.go:294] "Event occurred" object="ecs-w2" kind="Node" apiVersion="v1" type="Normal" reason="NodeNotReady" message="Node ecs-w2 status is now: NodeNotReady"',
  ...Array.from({ length: 40 }, (_, i) => `I0${1 + Math.floor(i / 7)}${String(10 + (i % 7)).padStart(2, '0')} 0${i % 10}:17:52.000001       1 cleaner.go:172] Cleaning CSR "csr-${i}x7kq" as it is more than 1h0m0s old and approved.`),
  'I0720 18:45:39.771002       1 cleaner.go:172] Cleaning CSR "csr-8x7kq" as it is more than 1h0m0s old and approved.',
];

// The same controller-manager log around New Year, pasted bottom-up into a ticket.
const REVERSED_NEW_YEAR = [
  'I0101 00:02:58.771002       1 node_lifecycle_controller.go:1096] Node ecs-m2 is healthy again, removing all taints',
  'I1231 23:59:10.002311       1 taint_manager.go:106] "NoExecuteTaintManager is deleting pod" pod="cdp/impala-executor-000-0"',
  'I1231 23:54:30.118822       1 controller_utils.go:185] "Recording status change event message for node" status="NodeNotReady" node="ecs-m2"',
  'I1231 23:54:10.413202       1 event.go:294] "Event occurred" object="ecs-m2" kind="Node" apiVersion="v1" type="Normal" reason="NodeNotReady" message="Node ecs-m2 status is now: NodeNotReady"',
];

describe('coverage of year-less files', () => {
  test('a bundle collected in July: December is the year before, the last line the latest', async () => {
    const c = await coverage(LONG_RUN, { refYear: 2023, refMonth: 7 });
    expect([c.first, c.last]).toEqual(['2022-12-12T02:00:00.120Z', '2023-07-20T18:45:39.771Z']);
    expect(c.events).toEqual(['2022-12-25T15:02:17.413Z']);
  });

  test('--year names the year the log starts in', async () => {
    const c = await coverage(LONG_RUN, { refYear: 2022, refMonth: null });
    expect([c.first, c.last]).toEqual(['2022-12-12T02:00:00.120Z', '2023-07-20T18:45:39.771Z']);
  });

  test('a reversed paste across New Year: Dec 31 is the earliest, Jan 1 the latest', async () => {
    const c = await coverage(REVERSED_NEW_YEAR, { refYear: 2023, refMonth: 1 });
    expect([c.first, c.last]).toEqual(['2022-12-31T23:54:10.413Z', '2023-01-01T00:02:58.771Z']);
    expect(c.events.filter((t): t is string => t !== null).sort()[0]).toBe('2022-12-31T23:54:10.413Z');
    // with --year 2022 (the year it starts in) the same paste reads the same
    const y = await coverage(REVERSED_NEW_YEAR, { refYear: 2022, refMonth: null });
    expect([y.first, y.last]).toEqual([c.first, c.last]);
  });

  test('first never after last, for forward and reversed files alike', async () => {
    for (const lines of [LONG_RUN, [...LONG_RUN].reverse(), REVERSED_NEW_YEAR, [...REVERSED_NEW_YEAR].reverse()]) {
      const c = await coverage(lines, { mtime: Date.UTC(2023, 6, 21) });
      expect(c.first! <= c.last!).toBe(true);
    }
  });
});

// A paste on stdin (`cat paste.txt | rke2-outage -`): journals of several hosts, then the reaper's
// output below them. Coverage ends at the last line read, never at the last event; each host's
// coverage ends at its own last line, however quiet its tail (lines no rule wants, never parsed).
const J = (host: string, hms: string, msg: string) => `Mar 14 ${hms} ${host} rke2[1500]: time="2024-03-14T${hms}+08:00" level=info msg="${msg}"`;
const quiet = (host: string, hms: string) => J(host, hms, 'Cluster-Http-Server 2024/03/14 http: TLS handshake error from 10.0.0.99:51234: EOF');
const lost = (host: string, hms: string) => J(host, hms, 'Stopped tunnel to 10.0.0.12:9345');
const REAPER = ['Thu Mar 14 09:40:01 UTC 2024 Starting pod-reaper [Reap older than: 10 minute(s)][Namespace regex: *UNKNOWN*]', 'Thu Mar 14 09:40:01 UTC 2024 processing namespace vault-system'];
const hostOf = (s: { summary: { hosts?: Array<{ node: string; lastTime: string | null }> } }) => Object.fromEntries((s.summary.hosts ?? []).map((h) => [h.node, h.lastTime]));

describe('coverage of a paste: the last line read, each host its own', () => {
  // host after host (journalctl of each node, concatenated), then the reaper output
  const CONCAT = [
    lost('ecs-m1', '17:13:53'), ...Array.from({ length: 30 }, (_, i) => quiet('ecs-m1', `18:0${Math.floor(i / 10)}:${String(10 + i).slice(-2)}`)), quiet('ecs-m1', '18:03:04'),
    lost('ecs-w1', '17:13:53'), quiet('ecs-w1', '17:20:00'), quiet('ecs-w1', '17:35:09'),
    lost('ecs-w2', '17:13:53'), quiet('ecs-w2', '18:04:27'),
    ...REAPER,
  ];
  // interleaved by time: every host's tail is quiet lines among the others'
  const INTERLEAVED = [
    lost('ecs-m1', '17:13:53'), lost('ecs-w1', '17:13:53'), lost('ecs-w2', '17:13:53'),
    quiet('ecs-w1', '17:35:09'), quiet('ecs-m1', '18:03:04'), quiet('ecs-w2', '18:04:27'),
    ...REAPER,
  ];

  test.each([['concatenated', CONCAT], ['interleaved', INTERLEAVED]])('%s: the input ends at the last journal line, not at the reaper lines below', async (_n, lines) => {
    for (const s of [await scanBytes(lines as string[], { path: '<stdin>' }), scanLines(lines as string[], { path: '<stdin>' })]) {
      expect(s.summary.lastTime).toBe('2024-03-14T10:04:27.000Z');
      expect(hostOf(s)).toEqual({ 'ecs-m1': '2024-03-14T10:03:04.000Z', 'ecs-w1': '2024-03-14T09:35:09.000Z', 'ecs-w2': '2024-03-14T10:04:27.000Z' });
    }
  });

  test('one host\'s journal with the reaper output below: the journal\'s last quiet line', async () => {
    const s = await scanBytes([lost('ecs-w1', '17:13:53'), quiet('ecs-w1', '17:20:00'), quiet('ecs-w1', '17:58:59'), ...REAPER], { path: '<stdin>' });
    expect(s.summary.lastTime).toBe('2024-03-14T09:58:59.000Z');
  });
});
