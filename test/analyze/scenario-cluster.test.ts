// Scenario matrix, issue 10 shapes (DESIGN §6b "Control plane windows", "Cause", "Estimated starts
// get corroborated"): every server down, two of three down, why the lost node went down (clean
// shutdown, reboot, crash with a NUL block, partition), and the reaper-only incident the survivors'
// logs corroborate. Each across the wordings and layouts it applies to, through the real analyze().
import type { Report } from '../../src/types';
import { generate, type Generated, type Scenario } from '../support/generate';
import { observedAll } from '../support/bundles';
import { WORDINGS } from '../support/wording';
import { ALL_LAYOUTS } from '../support/layouts';
import { AT, bundleDir, CLUSTER, CLUSTER3, codesOf, expectCause, expectedAll, FOLDERS, incidentFor, markdownOf, runShape, timingFor } from '../support/shapes';

jest.setTimeout(120_000);

const cross = <A, B>(as: A[], bs: B[]): Array<[A, B]> => as.flatMap((a) => bs.map((b): [A, B] => [a, b]));

interface Run { g: Generated; r: Report; dir: string }
async function shape(s: Omit<Scenario, 'nodes' | 'at'> & Partial<Scenario>): Promise<Run> {
  const dir = await bundleDir();
  const nodes = s.nodes ?? (s.layout === 'unnamed-folders' ? FOLDERS : CLUSTER);
  const g = await generate({ at: AT, noise: 4, timing: timingFor(s.wording), ownAddress: s.layout === 'unnamed-folders', ...s, nodes } as Scenario, dir);
  return { g, r: await runShape(g, dir, s.wording), dir };
}
const windowsOf = (r: Report) => (r.windows ?? []).map((w) => ({ kind: w.kind, start: w.start, end: w.end, peers: [...w.peers].sort() }));

// 12. All three servers shut down within 7 s, back 16-17 min later, seen by three agents, with and
// without etcd logs: a control-plane-down window from the loss of the last server to the first one
// back; the incidents inside it claim no failover, no OUTAGE MITIGATED, no eviction.
const ALL_DOWN = { nodes: CLUSTER3, dies: ['ecs-m1', 'ecs-m2', 'ecs-m3'], stagger: [0, 3, 7], backAfter: [960, 990, 1020] };
const ALL_DOWN_FORMS: Array<[string, Partial<Scenario>]> = [['rancher (etcd logs)', { layout: 'rancher' }], ['flat (etcd logs)', { layout: 'flat' }], ['flat without etcd logs', { layout: 'flat', omit: ['controlPlane'] }], ['cloudera', { layout: 'cloudera' }]];
const ALL_DOWN_CASES = cross(WORDINGS, ALL_DOWN_FORMS);
describe(`shape 12, all three servers down, three agents: ${ALL_DOWN_CASES.length} cases`, () => {
  describe.each(ALL_DOWN_CASES.map(([w, [name, form]]) => [w, name, form] as const))('%s wording, %s', (wording, _name, form) => {
    let x: Run;
    beforeAll(async () => { x = await shape({ wording, ...ALL_DOWN, ...form } as Scenario); });
    test('one incident per server, with the predicted milestones', () => {
      expect(observedAll(x.r)).toEqual(expectedAll(x.g));
    });
    test('a control-plane-down window from the last server lost to the first one back', () => {
      const want = x.g.report.windows.filter((w) => w.kind === 'control-plane-down');
      expect(windowsOf(x.r).filter((w) => w.kind === 'control-plane-down')).toEqual(want);
    });
    test('an etcd-quorum-lost window exactly when the servers\' etcd logs are in', () => {
      const want = x.g.report.windows.filter((w) => w.kind === 'etcd-quorum-lost').length;
      expect((x.r.windows ?? []).filter((w) => w.kind === 'etcd-quorum-lost')).toHaveLength(want);
    });
    test('the incident inside the window: no failover said, no OUTAGE MITIGATED, no eviction claimed', () => {
      const cp = x.g.report.windows.find((w) => w.kind === 'control-plane-down')!;
      const inside = x.g.report.incidents.filter((e) => e.start >= cp.start! && (cp.end === null || e.start <= cp.end!));
      expect(inside.length).toBeGreaterThan(0);
      for (const e of inside) {
        const inc = incidentFor(x.r, e)!;
        expect([inc.milestones.podsTerminating, codesOf(inc).filter((c) => c === 'no-reaper-logs' || c === 'eviction-unexpected')]).toEqual([null, []]);
        // the list of milestones the logs lack names "load balancer failed over" as missing: not a claim
        const md = markdownOf(x.r, inc).replace(/^Not in the logs: .*$/m, '');
        expect(md).not.toMatch(/OUTAGE MITIGATED|traffic failed over|load balancer failed over|failover phase/);
      }
    });
    test('the incidents lost before the window: a real failover, to the servers still up, overtaken when the control plane went down', () => {
      const cp = x.g.report.windows.find((w) => w.kind === 'control-plane-down')!;
      const before = x.g.report.incidents.filter((e) => e.start < cp.start!);
      expect(before.length).toBeGreaterThan(0);
      const ref = `W${(x.r.windows ?? []).findIndex((w) => w.kind === 'control-plane-down') + 1}`;
      for (const e of before) {
        const inc = incidentFor(x.r, e)!;
        const md = markdownOf(x.r, inc);
        expect(md).not.toContain('OUTAGE MITIGATED');
        const lb = inc.milestones.loadBalancerFailover;
        // a balancer that acted before the last server was lost failed over; one that acted after had no server left
        if (lb && lb.time < cp.start!) expect(md).toMatch(new RegExp(`traffic failed over in \\w+ \\(at [0-9:]+ UTC\\) to [^:]*: the control plane went down at ${cp.start!.slice(11, 19)} UTC \\(${ref}\\)`));
        if (lb && lb.time >= cp.start!) expect(md).toContain(`no server was left to fail over to: the control plane was down from ${cp.start!.slice(11, 19)} UTC (${ref})`);
        if (lb && lb.time < cp.start!) expect(md).not.toContain('no server was left to fail over to');
      }
    });
  });
});

// 13. Two of three servers down: an etcd-quorum-lost window when the servers log etcd (from the
// second loss to the first return), no control-plane-down window (one server stayed reachable).
const TWO_DOWN = { nodes: CLUSTER3, dies: ['ecs-m1', 'ecs-m2'], stagger: [0, 4], backAfter: [960, 1000] };
const TWO_DOWN_CASES = cross(WORDINGS, ['rancher', 'flat', 'cloudera'] as const);
describe(`shape 13, two of three servers down: ${TWO_DOWN_CASES.length} cases`, () => {
  describe.each(TWO_DOWN_CASES)('%s wording, %s layout', (wording, layout) => {
    let x: Run;
    beforeAll(async () => { x = await shape({ wording, layout, ...TWO_DOWN }); });
    test('one incident per lost server, with the predicted milestones', () => {
      expect(observedAll(x.r)).toEqual(expectedAll(x.g));
    });
    test('the windows: etcd-quorum-lost when etcd logs are in, never control-plane-down', () => {
      expect(windowsOf(x.r)).toEqual(x.g.report.windows);
    });
    test('the incidents in the etcd-quorum-lost window: failed over, but no OUTAGE MITIGATED: the API could not write until quorum returned', () => {
      const q = (x.r.windows ?? []).find((w) => w.kind === 'etcd-quorum-lost');
      const inWindow = q ? x.r.incidents.filter((i) => i.start <= (q.end ?? '~') && (i.end ?? '~') >= q.start) : [];
      if (!q) return;
      // both lost servers are lost during the window (the second one opens it)
      expect(inWindow.length).toBe(x.r.incidents.length);
      for (const inc of inWindow) {
        const md = markdownOf(x.r, inc);
        expect(md).not.toContain('OUTAGE MITIGATED');
        if (inc.milestones.loadBalancerFailover) expect(md).toMatch(/traffic failed over in \w+ \(at [0-9:]+ UTC\), but etcd (had )?lost quorum at [0-9:]+ UTC \(W1\): the API could not write until quorum returned/);
      }
    });
  });
});

// 14-17. Why the lost server went down, from its own logs in the bundle (node-lifecycle.md §7):
// a clean shutdown (stop sequence; back or not), a reboot (stop sequence, boot marker, start-up), a
// crash (no stop sequence, a 4 KiB NUL block, then a start-up), a partition (it kept logging and
// lost every peer in turn; by majority, its own losses are no incidents of the peers).
const CAUSES: Array<[string, Partial<Scenario>, readonly Scenario['layout'][]]> = [
  ['shutdown, back 20 min later', { deathKind: 'shutdown', backAfter: 1200 }, ALL_LAYOUTS],
  ['shutdown, not back (host up, service stopped)', { deathKind: 'shutdown', backAfter: null }, ALL_LAYOUTS],
  ['reboot', { deathKind: 'reboot', backAfter: 900 }, ['rancher', 'flat']],
  ['reboot, every journal pasted on stdin, host after host', { deathKind: 'reboot', backAfter: 900, paste: 'concatenated', zone: { offsetMin: -300, abbrev: 'EST' } }, ['flat']],
  ['crash with a NUL block', { deathKind: 'crash', backAfter: 900 }, ['cloudera', 'unnamed-folders']],
  ['partition, healed after 10 min', { deathKind: 'partition', backAfter: 600 }, ALL_LAYOUTS],
  ['partition, not healed', { deathKind: 'partition', backAfter: null }, ALL_LAYOUTS],
];
const CAUSE_CASES = CAUSES.flatMap(([name, s, layouts]) => cross(WORDINGS, [...layouts]).map(([w, l]): [string, string, Scenario['layout'], Partial<Scenario>] => [name, w, l, s]));
describe(`shapes 14-17, the cause from the lost server's own logs: ${CAUSE_CASES.length} cases`, () => {
  describe.each(CAUSE_CASES)('%s, %s wording, %s layout', (_name, wording, layout, s) => {
    let x: Run;
    const nodes = layout === 'unnamed-folders' ? FOLDERS : CLUSTER;
    beforeAll(async () => { x = await shape({ wording: wording as Scenario['wording'], layout, dies: nodes[1].name, leader: nodes[0].name, ...s } as Scenario); });
    test('only the lost server\'s incident, with the predicted milestones', () => {
      expect(observedAll(x.r)).toEqual(expectedAll(x.g));
    });
    test('its cause, with the evidence of its own logs', () => {
      const e = x.g.report.incidents[0];
      expect(e.cause).toBeDefined();
      const inc = incidentFor(x.r, e);
      expect(inc).toBeDefined();
      expectCause(inc!, e.cause!, nodes[1].name);
    });
    test('the story says what the cause says: a partitioned node was cut off, not down; a node not back has no OUTAGE ENDS', () => {
      const inc = incidentFor(x.r, x.g.report.incidents[0])!;
      const md = markdownOf(x.r, inc);
      if (inc.cause?.kind === 'partition') {
        expect(md).not.toContain('went down');
        expect(md).toContain('was cut off from the cluster (unreachable, not down) from');
      }
      if (!inc.milestones.peerBack) expect(md).not.toContain('OUTAGE ENDS');
    });
  });
});

// 18. An agent dies for good; only the reaper names its pods; the servers' logs hold an unaddressed
// tunnel close at the estimated start and the nodes registered (backend connections, kubectl get
// nodes) name one node without logs of its own: the likely node, and no request for given logs.
const REAPER_CASES = cross(WORDINGS, [['flat without controller-manager', { layout: 'flat', omit: ['kcm'] }], ['cloudera', { layout: 'cloudera' }]] as Array<[string, Partial<Scenario>]>);
describe(`shape 18, a reaper-only incident corroborated by the survivors' logs: ${REAPER_CASES.length} cases`, () => {
  describe.each(REAPER_CASES.map(([w, [name, form]]) => [w, name, form] as const))('%s wording, %s', (wording, _name, form) => {
    let x: Run;
    beforeAll(async () => { x = await shape({ wording, dies: 'ecs-w1', backAfter: null, ...form } as Scenario); });
    test('one estimated incident with the reaper\'s pods', () => {
      expect(observedAll(x.r)).toEqual(expectedAll(x.g));
    });
    test('cause.likelyNode names the registered node without logs', () => {
      expect(x.r.incidents.map((i) => [i.cause?.kind, i.cause?.likelyNode])).toEqual([['unknown', 'ecs-w1']]);
    });
    test('the estimated-start finding asks for no logs that were given', () => {
      const f = x.r.incidents.flatMap((i) => i.findings).filter((x) => x.code === 'estimated-start');
      expect(f).toHaveLength(1);
      expect(f[0].message).not.toMatch(/rke2 logs/i);
    });
  });
});
