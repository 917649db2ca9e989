// Generated bundles beyond the wording x layout matrix (scenario-matrix.test.ts): the wordings agree
// on one peer's loss, a server that never returns, year rollover, unpacked and nested bundles.
import { generate, type Expected } from '../support/generate';
import { TIMING, WORDINGS } from '../support/wording';
import { CLUSTER, observed, run, sortedPods, tempDir } from '../support/bundles';
import { untarTo } from '../support/archives';

jest.setTimeout(60_000);

const AT = '2023-11-22T09:13:37Z';

test('every wording finds the same start, stop and return of the same peer', async () => {
  const views = [];
  for (const wording of WORDINGS) {
    const dir = await tempDir(`cross-${wording}`);
    const { paths, expected } = await generate({ wording, layout: 'rancher', nodes: CLUSTER, dies: 'ecs-m2', at: AT, backAfter: 900 }, dir);
    const inc = (await run(paths)).incidents[0];
    const view = (e: Expected) => [e.peer.address, e.peer.node, e.start, e.milestones.tunnelStopped, e.milestones.peerBack];
    expect(view(observed(inc))).toEqual(view(expected!));
    views.push(view(observed(inc)));
  }
  // the survivors' etcd sees the streams break just before the tunnels do, and the peer active again first
  expect(Date.parse(String(views[0][2]))).toBeLessThan(Date.parse(AT));
  expect(Date.parse(String(views[0][3])) - Date.parse(AT)).toBe(TIMING['2022'].serverStopped * 1000);
  expect(Date.parse(String(views[0][4]))).toBeLessThan(Date.parse(AT) + 900_000);
  for (const v of views) expect(v).toEqual(views[0]);
});

test('a server that never comes back: no peerBack, pods force-deleted in the reaper band', async () => {
  const dir = await tempDir('never-back');
  const { paths, expected } = await generate({ wording: '2023', layout: 'cloudera', nodes: CLUSTER, dies: 'ecs-m1', at: AT, backAfter: null }, dir);
  const inc = (await run(paths)).incidents[0];
  expect(observed(inc)).toEqual(sortedPods(expected));
  expect(inc.milestones.peerBack).toBeNull();
  // the first reaper run more than 10 min after the deletion timestamp: 16m10s..26m10s after the death
  expect(inc.durations.interruption).toBeGreaterThanOrEqual(970);
  expect(inc.durations.interruption).toBeLessThanOrEqual(1570);
});

test('a bundle collected after New Year places December klog lines in the old year', async () => {
  const dir = await tempDir('rollover');
  const { paths, expected } = await generate({ wording: '2023', layout: 'rancher', nodes: CLUSTER, dies: 'ecs-m2', at: '2022-12-31T23:45:00Z', backAfter: 1200, zone: { offsetMin: 0, abbrev: 'UTC' } }, dir);
  const report = await run(paths);
  expect(observed(report.incidents[0])).toEqual(sortedPods(expected));
  // the controller-manager's klog lines carry no year; the bundle was collected on 1 January
  expect(report.incidents[0].milestones.nodeNotReady?.time).toMatch(/^2022-12-31T/);
  expect(report.findings.some((f) => f.code === 'reference-clock' && / Jan  1 /.test(f.message))).toBe(true);
});

test('Rancher bundles unpacked into folders give the same incident as the tarballs', async () => {
  const dir = await tempDir('unpacked');
  const { paths, expected } = await generate({ wording: '2023', layout: 'rancher', nodes: CLUSTER, dies: 'ecs-m3', at: AT, backAfter: 1100 }, dir);
  const out = await tempDir('unpacked-out');
  for (const p of paths) await untarTo(p, out);
  const report = await run([out]);
  expect(report.incidents).toHaveLength(1);
  expect(observed(report.incidents[0])).toEqual(sortedPods(expected));
  expect(report.inputs.every((i) => !i.path.includes('!'))).toBe(true);
});

test('Cloudera zip with each host packed as a nested .tar.gz: same incident, evidence names both levels', async () => {
  const dir = await tempDir('nested-cm');
  const { paths, expected } = await generate({ wording: '2022', layout: 'cloudera', nodes: CLUSTER, dies: 'ecs-m2', at: AT, backAfter: null, nested: true }, dir);
  const report = await run(paths);
  expect(observed(report.incidents[0])).toEqual(sortedPods(expected));
  expect(report.incidents[0].milestones.tunnelStopped?.evidence.path).toMatch(/\.zip!ecs-m\d\.tar\.gz!ecs-m\d\/process\/\d+-ecs-ECS_SERVER\/logs\/stderr\.log$/);
});
