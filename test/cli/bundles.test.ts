// Bundles through the CLI: --strict on a damaged member, the events command on tarballs, and
// --redact hiding names that only a bundle's kubectl table revealed.
import * as path from 'node:path';
import { main } from '../../src/cli/main';
import { fakeIo } from '../support/cli';
import { generate } from '../support/generate';
import { writeBytes } from '../support/archives';
import { CLUSTER, tempDir } from '../support/bundles';

jest.setTimeout(30_000);
const RANCHER = path.join(__dirname, '../../fixtures/rancher-2023-server-down');

test('--strict: a corrupt archive member makes the run exit 2, naming the member', async () => {
  const dir = await tempDir('strict');
  await generate({ wording: '2024', layout: 'rancher', nodes: CLUSTER, dies: 'ecs-m3', at: '2024-10-20T09:13:37Z', backAfter: 600, corruptMember: true }, dir);
  const io = fakeIo();
  expect(await main([dir, '--strict'], io)).toBe(2);
  expect(io.err()).toMatch(/warning: .*\.tar\.gz!ecs-m1-[\d_-]+\/rke2\/agent-logs\/kubelet-[^ ]+\.log\.gz: read error/);
  expect(io.out()).toContain('10.0.0.13 (ecs-m3)');
});

test('--strict: the non-log files every Rancher bundle holds are listed, not failures', async () => {
  const io = fakeIo();
  expect(await main([RANCHER, '--strict', '--format', 'json'], io)).toBe(0);
  expect(io.err()).toBe('');
  const notLogs = JSON.parse(io.out()).findings.filter((f: { code: string }) => f.code === 'input-not-log');
  expect(notLogs.map((f: { message: string }) => f.message)).toContainEqual(expect.stringMatching(/ds01-[\d_-]+\/rke2\/pod-manifests\/etcd\.yaml: not read \(manifest/));
});

test('events: one NDJSON record per event, evidence inside the tarballs', async () => {
  const io = fakeIo();
  expect(await main(['events', RANCHER], io)).toBe(0);
  const recs = io.out().trim().split('\n').map((l) => JSON.parse(l));
  expect(recs.length).toBeGreaterThan(10);
  expect(recs.every((r) => /\.tar\.gz!ds0\d-[\d_-]+\//.test(r.evidence.path))).toBe(true);
  expect(recs.some((r) => r.kind === 'tunnel.stopped' && r.peer === '192.168.8.142:9345')).toBe(true);
});

test('--redact: names only the kubectl table gave are replaced too', async () => {
  const dir = await tempDir('redact');
  await writeBytes(path.join(dir, 'kubectl-get-nodes.txt'), [
    'NAME       STATUS     ROLES                       AGE   VERSION           INTERNAL-IP   EXTERNAL-IP   OS-IMAGE             KERNEL-VERSION      CONTAINER-RUNTIME',
    'ecs-m2     NotReady   control-plane,etcd,master   35d   v1.25.16+rke2r1   10.0.0.12     <none>        Ubuntu 22.04.3 LTS   5.15.0-88-generic   containerd://1.7.7-k3s1',
    'quiet-w9   Ready      <none>                      35d   v1.25.16+rke2r1   10.0.0.29     <none>        Ubuntu 22.04.3 LTS   5.15.0-88-generic   containerd://1.7.7-k3s1',
  ].join('\n') + '\n');
  await writeBytes(path.join(dir, 'ecs-w1-rke2-agent.log'), [
    'Nov 22 17:13:37 ecs-w1 rke2[988]: time="2023-11-22T17:13:37+08:00" level=error msg="Remotedialer proxy error" error="websocket: close 1006 (abnormal closure): unexpected EOF"',
    'Nov 22 17:13:42 ecs-w1 rke2[988]: time="2023-11-22T17:13:42+08:00" level=info msg="Connecting to proxy" url="wss://10.0.0.12:9345/v1-rke2/connect"',
    'Nov 22 17:13:54 ecs-w1 rke2[988]: time="2023-11-22T17:13:54+08:00" level=info msg="Removing server from load balancer rke2-agent-load-balancer: 10.0.0.12:9345"',
    'Nov 22 17:13:54 ecs-w1 rke2[988]: time="2023-11-22T17:13:54+08:00" level=info msg="Stopped tunnel to 10.0.0.12:9345"',
  ].join('\n') + '\n');
  const plain = fakeIo();
  expect(await main([dir], plain)).toBe(0);
  expect(plain.out()).toContain('10.0.0.12 (ecs-m2)');
  expect(plain.out()).toContain('quiet-w9=10.0.0.29');
  const io = fakeIo();
  expect(await main([dir, '--redact'], io)).toBe(0);
  expect(io.out()).not.toMatch(/quiet-w9|ecs-m2|ecs-w1|10\.0\.0\.(?:12|29)/);
});

test('stdin and extension-less names are recognised by their first bytes: a tarball piped in', async () => {
  const { promises: fs } = await import('node:fs');
  const { Readable } = await import('node:stream');
  const tgz = (await fs.readdir(RANCHER)).find((n) => n.startsWith('ds04-'))!;
  const io = fakeIo();
  io.stdin = Object.assign(Readable.from([await fs.readFile(path.join(RANCHER, tgz))]), { isTTY: false });
  expect(await main(['-', '--format', 'json'], io)).toBe(0);
  const report = JSON.parse(io.out());
  expect(report.inputs.map((i: { path: string }) => i.path)).toContainEqual(expect.stringMatching(/^<stdin>!ds04-[\d_-]+\/journald\/rke2-agent$/));
  expect(report.incidents[0].peer.address).toBe('192.168.8.142');

  const dir = await tempDir('noext');
  const zipped = path.join(dir, 'download');
  const { zipBuffer } = await import('../support/archives');
  await writeBytes(zipped, await zipBuffer([{ name: 'ds04/stderr.log', body: 'time="2023-11-22T17:13:54+08:00" level=info msg="Stopped tunnel to 10.0.0.12:9345"\n' }], new Date(0)));
  const z = fakeIo();
  expect(await main([zipped, '--format', 'json'], z)).toBe(0);
  expect(JSON.parse(z.out()).inputs.map((i: { path: string; events: number }) => [i.path, i.events])).toEqual([[`${path.basename(zipped)}!ds04/stderr.log`, 1]]);
});
