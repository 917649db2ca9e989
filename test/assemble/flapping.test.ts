// A peer lost and back three times in 20 minutes (a bad switch port, not a crash): one incident
// with three cycles (DESIGN §6b), milestones from the first, `flapping` said once with the count;
// downtime, "came back" and OUTAGE ENDS run to the last return, the timeline lists every cycle.
import { reportOf } from '../support/scan';
import { renderMarkdown } from '../../src/render/markdown';
import { milestonesInOrder } from '../../src/render/timeline';
import { phasesOf } from '../../src/render/phases';
import { summaryOf } from '../../src/render/words';
import { journal, url, noRoute } from '../support/lines';

const D = '2023-11-22';
const P = '10.0.0.12';
const j = (hms: string, level: string, msg: string, extra = '') => journal('ecs-w1', 988, D, hms, level, msg, extra);
const lost = (hms: string, retry: string) => [
  j(hms, 'error', 'Remotedialer proxy error', `error="read tcp 10.0.0.21:44372->${P}:9345: i/o timeout"`),
  j(retry, 'info', 'Connecting to proxy', url(P)),
  j(retry, 'error', 'Failed to connect to proxy. Empty dialer response', noRoute(P)),
];
const removed = (hms: string) => [
  j(hms, 'info', `Removing server from load balancer rke2-agent-load-balancer: ${P}:9345`),
  j(hms, 'info', 'Updated load balancer rke2-agent-load-balancer server addresses -> [10.0.0.11:9345 10.0.0.13:9345] [default: 10.0.0.11:9345]'),
  j(hms, 'info', `Stopped tunnel to ${P}:9345`),
];
const added = (hms: string) => [
  j(hms, 'info', `Adding server to load balancer rke2-agent-load-balancer: ${P}:9345`),
  j(hms, 'info', 'Updated load balancer rke2-agent-load-balancer server addresses -> [10.0.0.11:9345 10.0.0.13:9345 10.0.0.12:9345] [default: 10.0.0.11:9345]'),
  j(hms, 'info', 'Connecting to proxy', url(P)),
];
const w1 = [
  j('16:00:00', 'info', 'Updated load balancer rke2-agent-load-balancer server addresses -> [10.0.0.11:9345 10.0.0.12:9345 10.0.0.13:9345] [default: 10.0.0.11:9345]'),
  ...lost('17:00:00', '17:00:05'), ...removed('17:00:17'), ...added('17:05:00'),
  ...lost('17:08:00', '17:08:05'), ...removed('17:08:16'), ...added('17:12:00'),
  ...lost('17:15:00', '17:15:05'), ...removed('17:15:18'), ...added('17:19:30'),
];

describe('a peer lost and back three times in 20 minutes', () => {
  const r = reportOf([{ path: 'ecs-w1/journal.log', node: 'ecs-w1', role: 'agent', lines: w1 }]);

  test('one incident with three cycles, each closed by its own recovery; down until the last return', () => {
    // peerBack stays the first recovery (09:05:00); downtime runs to the end, the third return
    expect(r.incidents.map((i) => [i.peer.address, i.start, i.durations.detect, i.milestones.peerBack?.time, i.durations.downtime, i.end])).toEqual([
      [P, '2023-11-22T09:00:00.000Z', 17, '2023-11-22T09:05:00.000Z', 1170, '2023-11-22T09:19:30.000Z'],
    ]);
    expect(r.incidents[0].cycles).toEqual([
      { lost: '2023-11-22T09:00:00.000Z', back: '2023-11-22T09:05:00.000Z' },
      { lost: '2023-11-22T09:08:00.000Z', back: '2023-11-22T09:12:00.000Z' },
      { lost: '2023-11-22T09:15:00.000Z', back: '2023-11-22T09:19:30.000Z' },
    ]);
  });

  test('flapping is said once, with the count and each loss as evidence', () => {
    const f = r.incidents[0].findings.filter((x) => x.code === 'flapping');
    expect(f).toHaveLength(1);
    expect(f[0].message).toContain('lost 3 times');
    expect(f[0].evidence).toHaveLength(3);
    expect(r.incidents[0].findings.map((x) => x.code)).not.toContain('transient-loss');
  });

  test('short outages raise no missing-reaper warning', () => {
    expect(r.incidents.flatMap((i) => i.findings.map((f) => f.code))).not.toContain('no-reaper-logs');
  });

  test('the observer saw it back first at the first recovery', () => {
    expect(r.incidents.map((i) => i.observers.map((o) => o.peerBack))).toEqual([['2023-11-22T09:05:00.000Z']]);
  });
});

describe('a dial refused while the peer was booting is not the first sign of its next loss', () => {
  // ecs-m1's last dial is refused a moment after ecs-w1 saw the peer back; the peer fails again 10 min later
  const m1 = (hms: string, level: string, msg: string, extra = '') => journal('ecs-m1', 1532, D, hms, level, msg, extra);
  const r = reportOf([
    { path: 'ecs-w1/journal.log', node: 'ecs-w1', role: 'agent', lines: [w1[0], ...lost('17:00:00', '17:00:05'), ...removed('17:00:17'), ...added('17:05:00'), ...lost('17:15:00', '17:15:05'), ...removed('17:15:18')] },
    { path: 'ecs-m1/journal.log', node: 'ecs-m1', role: 'server', lines: [m1('16:00:00', 'info', 'Connecting to proxy', url(P)), m1('17:05:02', 'error', 'Failed to connect to proxy. Empty dialer response', `error="dial tcp ${P}:9345: connect: connection refused"`)] },
  ]);
  test('the second cycle starts at its own loss', () => {
    expect(r.incidents.map((i) => i.start)).toEqual(['2023-11-22T09:00:00.000Z']);
    expect(r.incidents[0].cycles!.map((c) => c.lost)).toEqual(['2023-11-22T09:00:00.000Z', '2023-11-22T09:15:00.000Z']);
  });
});

describe('a flapping peer in words and timelines: it ends at its last return', () => {
  const r = reportOf([{ path: 'ecs-w1/journal.log', node: 'ecs-w1', role: 'agent', lines: w1 }]);
  const inc = r.incidents[0];

  test('the story says it came back for good after the whole downtime, not after the first cycle', () => {
    expect(summaryOf(inc)).toContain('it was lost 3 times and came back for good after 19m30s');
    expect(summaryOf(inc)).not.toContain('came back after 5m00s');
  });

  test('the timeline lists each later loss and return; OUTAGE ENDS is the last return', () => {
    const rows = milestonesInOrder(inc).map((p) => [p.m.time.slice(11, 19), p.label, p.marker]);
    expect(rows.filter(([, l]) => /peer back|lost again/.test(String(l)))).toEqual([
      ['09:05:00', 'peer back (1 of 3)', null],
      ['09:08:00', 'lost again (2 of 3)', null],
      ['09:12:00', 'peer back (2 of 3)', null],
      ['09:15:00', 'lost again (3 of 3)', null],
      ['09:19:30', 'peer back (3 of 3)', 'OUTAGE ENDS'],
    ]);
    expect(rows.filter(([, , m]) => m === 'OUTAGE ENDS')).toHaveLength(1);
    const md = renderMarkdown(r, { tz: 'UTC', color: false });
    expect(md).toMatch(/\| 09:19:30 \| \+19m30s \| \*\*OUTAGE ENDS\*\* peer back \(3 of 3\) \|/);
  });

  test('the down phase runs to the last return', () => {
    expect(phasesOf(inc).filter((p) => p.name === 'down').map((p) => p.to)).toEqual(['2023-11-22T09:19:30.000Z']);
  });

  test('a last loss not closed: not back, downtime unknown', () => {
    const open = reportOf([{ path: 'ecs-w1/journal.log', node: 'ecs-w1', role: 'agent', lines: w1.slice(0, w1.length - 3) }]).incidents[0];
    expect([open.cycles?.length, open.end, open.durations.downtime]).toEqual([3, null, null]);
    expect(summaryOf(open)).toContain('it did not come back in the logs after its 3rd loss');
  });
});
