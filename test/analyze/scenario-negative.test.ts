// Negative controls of the scenario matrix (issue 9): inputs where nothing went down must give zero
// incidents, across the wordings and layouts: cluster start-ups, agents swapping their configured
// server at start-up, one node's own restart or reboot (its own log only), an agent restart the
// servers saw, single-node clusters, `debug: true` noise. And rolling upgrades: a server restarted
// quicker than the grace period, its own start-up in the input, is a restart (a `server-restart`
// note), not an incident: zero incidents (a blip without its own start-up stays `transient-loss`).
import * as path from 'node:path';
import type { Report } from '../../src/types';
import { analyze } from '../../src/analyze';
import { generate, type Generated, type Scenario } from '../support/generate';
import { observedAll } from '../support/bundles';
import { WORDINGS, type GenNode, type Wording } from '../support/wording';
import { ALL_LAYOUTS, type Layout } from '../support/layouts';
import { AT, bundleDir, CLUSTER, expectedAll, FOLDERS, runShape, timingFor } from '../support/shapes';

jest.setTimeout(120_000);

const cross = <A, B>(as: A[], bs: B[]): Array<[A, B]> => as.flatMap((a) => bs.map((b): [A, B] => [a, b]));
const clusterOf = (l: Layout) => (l === 'unnamed-folders' ? FOLDERS : CLUSTER);
const SOLO: GenNode[] = [{ name: 'cp-a', ip: '10.0.0.11', role: 'server' }];

async function gen(s: Omit<Scenario, 'at'>): Promise<{ g: Generated; dir: string }> {
  const dir = await bundleDir();
  return { g: await generate({ at: AT, noise: 4, timing: timingFor(s.wording), ownAddress: s.layout === 'unnamed-folders', ...s } as Scenario, dir), dir };
}
const zero = (r: Report) => expect([r.incidents.map((i) => `${i.peer.address ?? i.peer.node ?? '?'} ${i.start}`), r.windows ?? []]).toEqual([[], []]);

/** Every negative control: a name, the scenario, and (optionally) which files of it are given. */
type Control = [string, Wording, Layout, Omit<Scenario, 'at' | 'wording' | 'layout'>, ((g: Generated, dir: string) => string[]) | null];
const controls: Control[] = [];
for (const [w, l] of cross(WORDINGS, ALL_LAYOUTS)) {
  controls.push(['cluster start-up', w, l, { nodes: clusterOf(l), dies: [], backAfter: null }, null]);
  controls.push(['agents swap their configured server at start-up', w, l, { nodes: clusterOf(l), dies: [], backAfter: null, configured: '192.168.56.11' }, null]);
  controls.push(['debug: true noise', w, l, { nodes: clusterOf(l), dies: [], backAfter: null, debug: true }, null]);
  controls.push(['an agent restarted (30 s), seen by the servers', w, l, { nodes: clusterOf(l), dies: clusterOf(l)[3].name, backAfter: 30, deathKind: 'shutdown' }, null]);
  controls.push(['single-node cluster', w, l, { nodes: SOLO, dies: [], backAfter: null, ownAddress: true }, null]);
  controls.push(['single-node cluster rebooted', w, l, { nodes: SOLO, dies: 'cp-a', backAfter: 300, deathKind: l === 'rancher' || l === 'flat' ? 'reboot' : 'shutdown', ownAddress: true }, null]);
}
/** The restarted node's own files only: `<name>-rke2-<role>.log` (flat), `<name>/rke2.log` (host folders). */
const ownFiles = (name: string) => (g: Generated) => g.paths.filter((p) => path.basename(p).startsWith(`${name}-rke2-`) || path.basename(path.dirname(p)) === name);
for (const [w, l] of cross(WORDINGS, ['flat', 'unnamed-folders'] as Layout[])) {
  for (const who of [1, 3]) {
    const node = clusterOf(l)[who];
    controls.push([`${node.role} service restart (20 s), its own log only`, w, l, { nodes: clusterOf(l), dies: node.name, backAfter: 20, deathKind: 'shutdown' }, ownFiles(node.name)]);
    controls.push([`${node.role} reboot (2 min), its own log only`, w, l, { nodes: clusterOf(l), dies: node.name, backAfter: 120, deathKind: l === 'flat' ? 'reboot' : 'crash' }, ownFiles(node.name)]);
  }
}

// Real public pastes (test/data/real/SOURCES.md) in which nothing went down: start-ups, start-up
// swaps, clean stops, restarts, reboots, a crash-looping agent, several hosts concatenated.
const REAL_QUIET = [
  'k3s-9860-agent-startup-swap-2024', 'rke2-5775-agent-startup-swap-pager-cut-2024', 'k3s-11329-agent-startup-lb-states-2024',
  'rke2-251-agent-start-unnamed-lb-2020', 'rke2-csdn-agent-startup-kubelet-2023', 'rke2-csdn-agent-up-and-running-2023',
  'rke2-csdn-agent-crashloop-restart-2023', 'k3s-11480-start-after-reboot-2024', 'k3s-5669-start-after-reboot-catalog-2022',
  'rke2-8945-clean-stop-2025', 'rke2-629-clean-stop-2020', 'k3s-3536-clean-stop-2021', 'rke2-259-stop-restart-2020',
  'k3s-cn-locale-stop-start-2022', 'harvester-node02-agent-stop-server-start-2025', 'harvester-node04-stop-boot-marker-start-2025',
  'harvester-three-node-blocks-concatenated-2025', 'rke2-3711-server-rejoin-after-reboot-2022', 'k3s-12401-quoted-stop-and-lease-2025',
];
describe(`negative controls from real pastes, zero incidents: ${REAL_QUIET.length} cases`, () => {
  test.each(REAL_QUIET)('test/data/real/%s.log', async (name) => {
    zero(await analyze([path.join(__dirname, '../data/real', `${name}.log`)], { timing: timingFor('2024'), hosts: [] }));
  });
});

describe(`negative controls, zero incidents: ${controls.length} cases`, () => {
  test.each(controls)('%s: %s wording, %s layout', async (_name, wording, layout, s, only) => {
    const { g, dir } = await gen({ wording, layout, ...s });
    // the whole bundle of a restart does show it to the others; only its own files are given
    if (!only) expect(g.report.incidents).toEqual([]);
    const r = only ? await analyze(only(g, dir), { timing: timingFor(wording), hosts: [] }) : await runShape(g, dir, wording);
    if (only) expect(r.inputs.length).toBeGreaterThan(0);
    zero(r);
  });
});

// Rolling upgrade: each server's rke2 restarted in turn (20 s, 2 min apart), the static pods keep
// running, the others reconnect within seconds: zero incidents, no window, one `server-restart`
// note per server citing its own start-up.
const UPGRADE_CASES = cross(WORDINGS, ['rancher', 'cloudera', 'flat'] as Layout[]);
describe(`rolling upgrade of the servers, zero incidents, a restart note per server: ${UPGRADE_CASES.length} cases`, () => {
  describe.each(UPGRADE_CASES)('%s wording, %s layout', (wording, layout) => {
    let x: { g: Generated; r: Report };
    beforeAll(async () => {
      const { g, dir } = await gen({ wording, layout, nodes: CLUSTER, dies: ['ecs-m1', 'ecs-m2', 'ecs-m3'], stagger: [0, 120, 240], backAfter: 20, deathKind: 'shutdown' });
      x = { g, r: await runShape(g, dir, wording) };
    });
    test('zero incidents, as predicted, no window', () => {
      expect(x.g.report.incidents).toEqual([]);
      expect(observedAll(x.r)).toEqual(expectedAll(x.g));
      zero(x.r);
    });
    test('a server-restart note per server, citing its own start-up', () => {
      const notes = x.r.findings.filter((f) => f.code === 'server-restart');
      expect(notes.map((f) => f.message.split(' ')[0])).toEqual(['ecs-m1', 'ecs-m2', 'ecs-m3']);
      for (const f of notes) expect(f.evidence?.some((e) => /Starting rke2/.test(e.text))).toBe(true);
    });
  });
});
