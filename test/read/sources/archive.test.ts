// Archives as customers send them, good and damaged: nested archives name their members with `!`,
// a corrupt or truncated member (or archive) is a warning and the rest is analysed, member names
// are labels only, non-log members are skipped with a reason.
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { gzipSync } from 'node:zlib';
import { generate } from '../../support/generate';
import { CLUSTER, observed, run, sortedPods, tempDir } from '../../support/bundles';
import { tarBuffer, writeBytes, zipBuffer } from '../../support/archives';
import { AGENT_2023 } from '../../support/reference';

jest.setTimeout(30_000);


const MTIME = new Date('2023-11-22T09:50:00Z');

test('a corrupt gzip member beside good ones: a warning on that member, the outage still found', async () => {
  const dir = await tempDir('corrupt-member');
  const { paths, expected } = await generate({ wording: '2023', layout: 'rancher', nodes: CLUSTER, dies: 'ecs-m2', at: '2023-11-22T09:13:37Z', backAfter: 1200, corruptMember: true }, dir);
  const report = await run(paths);
  const bad = report.inputs.filter((i) => i.warnings.some((w) => /read error/.test(w)));
  expect(bad.map((i) => i.path)).toEqual([expect.stringMatching(/\.tar\.gz!ecs-m1-[\d_-]+\/rke2\/agent-logs\/kubelet-[\dT.-]+\.log\.gz$/)]);
  expect(report.incidents).toHaveLength(1);
  expect(observed(report.incidents[0])).toEqual(sortedPods(expected));
});

test('a truncated tarball: a warning on the archive, the members before the cut are analysed', async () => {
  const dir = await tempDir('truncated');
  const { paths } = await generate({ wording: '2023', layout: 'rancher', nodes: CLUSTER, dies: 'ecs-m2', at: '2023-11-22T09:13:37Z', backAfter: 1200 }, dir);
  const whole = await fs.readFile(paths[0]);
  const cut = path.join(dir, 'cut', path.basename(paths[0]));
  await writeBytes(cut, whole.subarray(0, Math.floor(whole.length * 0.6)));
  const report = await run([cut]);
  const warned = report.inputs.filter((i) => i.warnings.some((w) => /read error/.test(w)));
  expect(warned.length).toBeGreaterThan(0);
  // paths are shown relative to the argument: the archive's own name
  expect(warned.some((i) => i.path === path.basename(cut))).toBe(true);
  const journal = report.inputs.find((i) => /journald\/rke2-server$/.test(i.path));
  expect(journal?.lines).toBeGreaterThan(50);
});

test('archives nested in archives: evidence names every level', async () => {
  const dir = await tempDir('nested');
  const inner = await zipBuffer([{ name: 'ecs-w1/process/1546338952-ecs-ECS_AGENT/logs/stderr.log', body: AGENT_2023 }], MTIME);
  const outer = await tarBuffer([{ name: 'bundle/inner.zip', body: inner }, { name: 'bundle/rotated/stderr.log.1.gz', body: gzipSync(AGENT_2023) }], MTIME);
  const file = path.join(dir, 'a.tar.gz');
  await writeBytes(file, outer);
  const report = await run([file]);
  expect(report.inputs.map((i) => i.path)).toEqual([
    'a.tar.gz!bundle/inner.zip!ecs-w1/process/1546338952-ecs-ECS_AGENT/logs/stderr.log',
    'a.tar.gz!bundle/rotated/stderr.log.1.gz',
  ]);
  expect(report.inputs[0]).toMatchObject({ node: 'ecs-w1', role: 'agent', lines: 5, events: 5 });
  expect(report.incidents[0].peer.address).toBe('10.0.0.12');
  expect(report.incidents[0].milestones.tunnelStopped?.evidence.path).toBe(report.inputs[0].path);
});

test('a member named with ../ is a label: read, never opened or written', async () => {
  const dir = await tempDir('dotdot');
  const file = path.join(dir, 'x', 'evil.tar');
  await writeBytes(file, await tarBuffer([{ name: '../../escape/stderr.log', body: AGENT_2023 }], MTIME, false));
  const before = await fs.readdir(dir);
  const report = await run([file]);
  expect(report.inputs.map((i) => i.path)).toEqual([`${file}!../../escape/stderr.log`]);
  expect(report.inputs[0].events).toBe(5);
  expect(await fs.readdir(dir)).toEqual(before);
  await expect(fs.stat(path.join(dir, '..', 'escape'))).rejects.toThrow();
});

test('zip: a damaged member is a warning, non-logs are skipped with a reason, the rest is read', async () => {
  const dir = await tempDir('zip');
  const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]), Buffer.alloc(64)]);
  const noise = Array.from({ length: 400 }, (_, i) => `time="2023-11-22T16:${String(i % 60).padStart(2, '0')}:00+08:00" level=info msg="Module br_netfilter was already loaded ${i * 7919}"`).join('\n');
  const zip = await zipBuffer([
    { name: 'good/stderr.log', body: AGENT_2023 },
    { name: 'bad/stderr.log', body: noise },
    { name: 'screenshot.png', body: png },
    { name: 'dump/core', body: png },
    { name: 'manifest.json', body: '{"a":1}' },
  ], MTIME);
  // damage the deflated data of bad/stderr.log (after its local header and name)
  const at = zip.indexOf('bad/stderr.log') + 'bad/stderr.log'.length + 40;
  for (let i = at; i < at + 64; i++) zip[i] = 0xff;
  const file = path.join(dir, 'diag.zip');
  await writeBytes(file, zip);
  const report = await run([file]);
  const byPath = new Map(report.inputs.map((i) => [i.path.slice('diag.zip!'.length), i]));
  expect(byPath.get('good/stderr.log')).toMatchObject({ lines: 5, events: 5, warnings: [] });
  expect(byPath.get('bad/stderr.log')?.warnings.join(' ')).toMatch(/read error/);
  const listed = (code: string) => report.findings.filter((f) => f.code === code).map((f) => f.message);
  // by name: listed, expected in a bundle; by content: skipped, a warning
  expect(listed('input-not-log')).toEqual([
    expect.stringMatching(/!screenshot\.png: not read \(image or document, not a log\)$/),
    expect.stringMatching(/!manifest\.json: not read \(manifest or configuration, not a log\)$/),
  ]);
  expect(listed('input-skipped')).toEqual([expect.stringMatching(/!dump\/core: skipped \(binary content, not a log\)$/)]);
  expect(report.incidents[0].peer.address).toBe('10.0.0.12');
});

test('a file named .zip that is not a zip: one warning, nothing else fails', async () => {
  const dir = await tempDir('notzip');
  const file = path.join(dir, 'support.zip');
  await writeBytes(file, AGENT_2023);
  const other = path.join(dir, 'w1', 'stderr.log');
  await writeBytes(other, AGENT_2023);
  const report = await run([file, other]);
  expect(report.inputs.find((i) => i.path === 'support.zip')?.warnings.join(' ')).toMatch(/read error: not a readable zip/);
  expect(report.inputs.find((i) => i.path === 'stderr.log')?.events).toBe(5);
});
