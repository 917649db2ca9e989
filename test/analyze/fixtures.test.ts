// The committed generated fixtures: a Rancher tarball set (2023 wording, server down and back) and a
// Cloudera diagnostic zip (2022 wording, Case #1's shape). Each must yield what its scenario predicts.
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { generate } from '../support/generate';
import { FIXTURE_SCENARIOS } from '../support/fixtures';
import { observed, run, sortedPods, tempDir } from '../support/bundles';
import { main } from '../../src/cli/main';
import { fakeIo } from '../support/cli';

const ROOT = path.join(__dirname, '../../fixtures');

async function filesOf(dir: string): Promise<string[]> {
  return (await fs.readdir(dir)).filter((n) => /\.(?:tar\.gz|zip)$/.test(n)).sort().map((n) => path.join(dir, n));
}

describe.each(Object.entries(FIXTURE_SCENARIOS))('fixtures/%s', (name, scenario) => {
  const dir = path.join(ROOT, name);

  beforeAll(async () => {
    if (!process.env.UPDATE_FIXTURES) return;
    for (const f of await filesOf(dir).catch(() => [])) await fs.rm(f);
    await generate(scenario, dir);
  });

  test('reports the peer, milestones and durations the scenario predicts', async () => {
    const { expected } = await generate(scenario, await tempDir(name));
    const report = await run([dir]);
    expect(report.incidents).toHaveLength(1);
    expect(observed(report.incidents[0])).toEqual(sortedPods(expected));
  });

  test('stays small', async () => {
    let total = 0;
    for (const f of await filesOf(dir)) total += (await fs.stat(f)).size;
    expect(total).toBeGreaterThan(0);
    expect(total).toBeLessThan(300 * 1024);
  });
});

test('the Rancher tarballs print node names, not only addresses', async () => {
  const io = fakeIo();
  expect(await main([path.join(ROOT, 'rancher-2023-server-down')], io)).toBe(0);
  const out = io.out();
  expect(out).toContain('192.168.8.142 (ds02)');
  expect(out).toMatch(/ds02-\d{4}-\d\d-\d\d_\d\d_\d\d_\d\d\.tar\.gz!ds02-/);
});
