// Claims stay inside the evidence (DESIGN §6b): what a failover achieved read against the cluster
// windows (failoverOf), the markers it earns, the end marker only at a real return, and a
// partitioned node said to be cut off, not down. On the hand-made report (test/render/handmade.ts).
import type { ClusterWindow, Incident, Milestone } from '../../src/types';
import { failoverOf } from '../../src/render/windows';
import { markersOf } from '../../src/render/markers';
import { summaryOf } from '../../src/render/words';
import { milestonesInOrder } from '../../src/render/timeline';
import { phasesOf } from '../../src/render/phases';
import { renderTable } from '../../src/render/table';
import { handmadeReport } from './handmade';

const r = handmadeReport();
const [lostBefore, lostInside] = r.incidents;
const [cpDown, quorum] = r.windows!;
const t = (hms: string) => `2024-10-20T${hms}.000Z`;
const m = (time: string): Milestone => ({ time, node: null, evidence: { path: 'pod-reaper/pod-reaper.log', line: 8, text: 'Force delete pod x in namespace y' } });

describe('failoverOf', () => {
  test('a failover before the control-plane-down window: overtaken, to the server still up and when it was lost', () => {
    expect(failoverOf(lostBefore, r.windows, r.incidents)).toEqual({ kind: 'overtaken', at: t('09:00:05'), window: cpDown, to: [{ address: '10.0.0.11', lost: t('09:00:30') }] });
  });
  test('a balancer acting inside the window had no server left', () => {
    expect(failoverOf(lostInside, r.windows, r.incidents)).toEqual({ kind: 'no-server-left', at: t('09:00:31'), window: cpDown });
  });
  test('etcd without quorum (no control-plane-down): no-quorum, whether it failed over before or inside the window', () => {
    const q: ClusterWindow[] = [{ ...quorum, end: t('09:05:00') }];
    expect(failoverOf(lostBefore, q).kind).toBe('no-quorum');
    expect(failoverOf(lostInside, q).kind).toBe('no-quorum');
  });
  test('no window, or one the incident does not overlap: mitigated; no failover line: none', () => {
    expect(failoverOf(lostBefore, []).kind).toBe('mitigated');
    expect(failoverOf(lostBefore, [{ ...quorum, start: t('08:00:00'), end: t('08:10:00') }]).kind).toBe('mitigated');
    expect(failoverOf({ ...lostBefore, milestones: { ...lostBefore.milestones, loadBalancerFailover: null } }, r.windows).kind).toBe('none');
  });
});

describe('markers', () => {
  test('OUTAGE MITIGATED only for a failover that was mitigated', () => {
    expect(markersOf(lostBefore, []).loadBalancerFailover).toBe('OUTAGE MITIGATED');
    expect(markersOf(lostBefore, r.windows).loadBalancerFailover).toBeUndefined();
    expect(markersOf(lostInside, r.windows).loadBalancerFailover).toBeUndefined();
    expect(markersOf(lostBefore, [{ ...quorum, end: t('09:05:00') }]).loadBalancerFailover).toBeUndefined();
  });

  test('a node that never came back has no OUTAGE ENDS, not at its last pod force-deleted', () => {
    const notBack: Incident = { ...lostBefore, milestones: { ...lostBefore.milestones, firstForceDelete: m(t('09:00:50')), lastForceDelete: m(t('09:00:55')) } };
    expect(Object.values(markersOf(notBack, []))).not.toContain('OUTAGE ENDS');
    const text = renderTable({ ...r, windows: [], incidents: [notBack] }, { tz: 'UTC', color: false });
    expect(text).not.toContain('OUTAGE ENDS last pod force-deleted');
    expect(text).toContain('last pod force-deleted');
    // back after its pods were freed: the end is the last force-delete, as before
    const back: Incident = { ...notBack, end: t('09:01:00'), milestones: { ...notBack.milestones, peerBack: m(t('09:01:00')) } };
    expect(markersOf(back, []).lastForceDelete).toBe('OUTAGE ENDS');
  });
});

describe('milestones and phases inside a control-plane-down window', () => {
  test('the balancer\'s line is kept, labelled as no failover, and makes no failover phase', () => {
    expect(milestonesInOrder(lostInside, r.windows).find((p) => p.name === 'loadBalancerFailover')?.label).toBe('load balancer marked it failed (no server left)');
    expect(milestonesInOrder(lostInside).find((p) => p.name === 'loadBalancerFailover')?.label).toBe('load balancer failed over');
    expect(phasesOf(lostInside, r.windows).map((p) => p.name)).not.toContain('failover');
    expect(phasesOf(lostBefore, r.windows).map((p) => p.name)).toContain('failover');
  });
});

describe('a partition', () => {
  test('the story says cut off, from when to when, never "went down"', () => {
    const back = lostInside;
    const cut: Incident = { ...back, cause: { kind: 'partition', message: 'partition: ecs-m1 kept logging and lost its peers: it was cut off, not down.', evidence: [] } };
    const s = summaryOf(cut, 'UTC', []);
    expect(s).not.toContain('went down');
    expect(s).toContain('was cut off from the cluster (unreachable, not down) from 09:00:30 UTC to 09:05:00 UTC');
    expect(s).toContain('it was reachable again after 4m30s');
    const open = summaryOf({ ...lostBefore, cause: cut.cause }, 'UTC', []);
    expect(open).toContain('was cut off from the cluster (unreachable, not down) from 09:00:00 UTC until the logs end');
    expect(open).toContain('it was still cut off when the logs end (1m10s after the start)');
  });
});
