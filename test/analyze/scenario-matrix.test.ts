// Every release wording x every layout x {server dies and returns, server dies for good, agent dies
// and returns}: the report holds exactly the incidents the generator predicts, with its milestone
// times, and layouts carrying the same evidence agree with each other.
import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import { basename } from 'node:path';
import { DEFAULT_TIMING } from '../../src/assemble/timing';
import type { Report } from '../../src/types';
import { generate, type Expected, type Scenario } from '../support/generate';
import { GRACE, WORDINGS, type Wording } from '../support/wording';
import { LAYOUTS, type Layout } from '../support/layouts';
import { CLUSTER, expectedList, observedAll, run, tempDir } from '../support/bundles';

jest.setTimeout(60_000);

const AT = '2024-03-14T09:13:37Z';

/** The three deaths: the etcd leader returns, the agents' default server never does, an agent returns. */
const CASES: Record<string, Pick<Scenario, 'dies' | 'leader' | 'backAfter'>> = {
  'server dies and returns': { dies: 'ecs-m2', leader: 'ecs-m2', backAfter: 1500 },
  'server dies for good': { dies: 'ecs-m1', leader: 'ecs-m3', backAfter: null },
  'agent dies and returns': { dies: 'ecs-w1', backAfter: 1800 },
};

interface Seen { report: Report; expected: Expected | null }

describe.each(Object.entries(CASES))('%s', (name, c) => {
  describe.each(WORDINGS)('%s wording', (wording: Wording) => {
    // the tool run with the grace period of the cluster's Kubernetes (README: --grace 50s for 1.32+)
    const timing = { ...DEFAULT_TIMING, grace: GRACE[wording] };
    const seen = new Map<Layout, Seen>();

    test.each(LAYOUTS)('%s layout: the predicted incidents and milestones', async (layout) => {
      const dir = await tempDir(`${name.replace(/ /g, '-')}-${wording}-${layout}`);
      const { paths, expected } = await generate({ wording, layout, nodes: CLUSTER, at: AT, noise: 4, timing, ...c }, dir);
      const report = await run(paths, timing);
      expect(observedAll(report)).toEqual(expectedList(expected));
      expect(report.inputs.every((i) => i.warnings.every((w) => !/read error/.test(w)))).toBe(true);
      seen.set(layout, { report, expected });
    });

    test('layouts with the same evidence agree', () => {
      expect(LAYOUTS.every((l) => seen.has(l))).toBe(true);
      const got = (ls: Layout[]) => ls.map((l) => observedAll(seen.get(l)!.report)).filter((x) => x.length);
      const same = (ls: Layout[], pick: (e: Expected) => unknown[]) => {
        const views = got(ls).map((x) => x.map(pick));
        for (const v of views) expect(v).toEqual(views[0]);
        return views.length;
      };
      // the rke2 logs are in every layout; the reaper's output in Cloudera and flat; the static pods (etcd, apiserver, kcm) in Rancher and flat
      same(LAYOUTS, (e) => [e.milestones.tunnelStopped, e.milestones.loadBalancerFailover]);
      same(['cloudera', 'flat'], (e) => [e.milestones.podsTerminating, e.milestones.firstForceDelete, e.milestones.lastForceDelete, e.pods]);
      // a dead agent's start is estimated: from NotReady in Rancher bundles (no reaper output), from the deletion timestamps in flat ones
      const agent = String(c.dies).startsWith('ecs-w');
      const withPods = same(['rancher', 'flat'], (e) => [...(agent ? [] : [e.start]), e.milestones.firstSign, e.milestones.nodeNotReady, e.milestones.peerBack]);
      // ...and a 2025-wording controller-manager logs no NotReady event at default verbosity: then Rancher bundles show none
      expect(withPods).toBe(agent && seen.get('rancher')!.expected === null ? 1 : 2);
    });
  });
});

test('a dead server: etcd sees it first, the apiserver drops it, every observer follows', async () => {
  const dir = await tempDir('matrix-server-evidence');
  const { paths, expected } = await generate({ wording: '2023', layout: 'rancher', nodes: CLUSTER, at: AT, noise: 4, ...CASES['server dies and returns'] }, dir);
  const inc = (await run(paths)).incidents[0];
  expect(inc.milestones.firstSign?.evidence.path).toMatch(/podlogs\/kube-system-etcd-ecs-m\d$/);
  expect(inc.start).toBe(expected!.start);
  const kinds = new Set(inc.timeline.map((e) => e.kind));
  for (const k of ['etcd.peer-unreachable', 'etcd.leader-changed', 'apiserver.endpoints', 'etcd.peer-back']) expect(kinds).toContain(k);
  expect(inc.milestones.peerBack?.evidence.text).toContain('peer became active');
});

test('a dead agent: the servers\' session closes name nobody; the NotReady and the reaper tell the story', async () => {
  const dir = await tempDir('matrix-agent-flat');
  const { paths } = await generate({ wording: '2024', layout: 'flat', nodes: CLUSTER, at: AT, noise: 4, ...CASES['agent dies and returns'] }, dir);
  const report = await run(paths);
  expect(report.incidents).toHaveLength(1);
  const inc = report.incidents[0];
  expect(inc.milestones.firstSign).toBeNull();
  expect([inc.peer.address, inc.peer.node, inc.estimatedStart]).toEqual(['10.0.0.21', 'ecs-w1', true]);
  expect(inc.milestones.peerBack?.evidence.text).toMatch(/Password verified locally for node ecs-w1|Handling backend connection request \[ecs-w1\]/);
  expect(inc.findings.map((f) => f.code)).toContain('estimated-start');
});

test('Cloudera: a returning node writes a new process folder with a higher id; its own restart is not peerBack', async () => {
  for (const [dies, role] of [['ecs-m2', 'ECS_SERVER'], ['ecs-w1', 'ECS_AGENT']] as const) {
    const dir = await tempDir(`matrix-cm-${dies}`);
    const c = dies === 'ecs-m2' ? CASES['server dies and returns'] : CASES['agent dies and returns'];
    const { paths, expected } = await generate({ wording: '2022', layout: 'cloudera', nodes: CLUSTER, at: AT, noise: 4, ...c }, dir);
    const report = await run(paths);
    const folders = report.inputs.map((i) => new RegExp(`!${dies}/process/(\\d+)-ecs-${role}/logs/stderr\\.log$`).exec(i.path)).filter((m) => m).map((m) => Number(m![1]));
    expect(folders).toHaveLength(2);
    expect(folders[1]).toBeGreaterThan(folders[0]);
    const restart = report.inputs.find((i) => i.path.endsWith(`${folders[1]}-ecs-${role}/logs/stderr.log`))!;
    expect([restart.node, restart.role]).toEqual([dies, role === 'ECS_SERVER' ? 'server' : 'agent']);
    const inc = report.incidents[0];
    expect(inc.milestones.peerBack?.time ?? null).toBe(expected!.milestones.peerBack);
    expect(inc.milestones.peerBack?.node ?? null).not.toBe(dies);
    expect(inc.observers.filter((o) => o.node === dies)).toEqual([]);
  }
});

test('the same scenario writes the same bytes', async () => {
  const bytes = async (layout: Layout) => {
    const { paths } = await generate({ wording: '2024', layout, nodes: CLUSTER, at: AT, noise: 4, ...CASES['server dies and returns'] }, await tempDir(`same-${layout}`));
    return Promise.all(paths.map(async (p) => [basename(p), createHash('sha256').update(await fs.readFile(p)).digest('hex')]));
  };
  for (const layout of LAYOUTS) expect(await bytes(layout)).toEqual(await bytes(layout));
});
