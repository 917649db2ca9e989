// --redact over the seed fixtures: no original address or host name survives in any output
// format (table, Markdown, HTML, JSON, events), and the same incidents are found.
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runCli, CASE1, CASE2 } from '../support/cli';
import { IPV4, isNeutral } from '../../src/redact/ipv4';
import { IPV6, isNeutralIpv6 } from '../../src/redact/ipv6';

const IPV6_SET = 'fixtures/rke2-ipv6-server-down';

/** Every non-loopback address and every node name (FQDN, host part, domain) in the plain outputs. */
async function originals(paths: string[]): Promise<string[]> {
  const json = JSON.parse((await runCli([...paths, '--format', 'json'])).stdout);
  const events = (await runCli(['events', ...paths])).stdout.trim().split('\n').map((l) => JSON.parse(l));
  const text = JSON.stringify([json, events]);
  const found = new Set<string>((text.match(IPV4) ?? []).filter((ip) => !isNeutral(ip)));
  for (const ip of text.match(IPV6) ?? []) if (!isNeutralIpv6(ip)) found.add(ip);
  const nodes = [...json.inputs.map((i: { node: string | null }) => i.node), ...events.map((e: { node: string | null }) => e.node)].filter(Boolean) as string[];
  for (const e of events) if (e.kind === 'tunnel.backend-connected' && e.peer) nodes.push(e.peer);
  for (const n of nodes) {
    found.add(n);
    if (n.includes('.')) { found.add(n.split('.')[0]); found.add(n.slice(n.indexOf('.') + 1)); }
  }
  return [...found];
}

const FORMATS = ['table', 'markdown', 'html', 'json'];

describe.each([[[CASE1]], [[CASE2]], [[CASE1, CASE2]], [[IPV6_SET]]])('--redact on %j', (paths) => {
  let secrets: string[];
  beforeAll(async () => { secrets = await originals(paths); });

  test('the fixtures do contain addresses or names to hide (Case #2 has none)', () => {
    if (paths.includes(CASE1)) expect(secrets).toEqual(expect.arrayContaining(['10.113.207.142', 'feng-ws1.sme-feng.athens.cloudera.com', 'feng-ws1', 'sme-feng.athens.cloudera.com']));
    else if (paths.includes(IPV6_SET)) expect(secrets).toEqual(expect.arrayContaining(['fd00:10::12', 'fd00:10::11', 'fd00:10::21', 'ecs-m1', 'ecs-w1']));
    else expect(secrets).toEqual([]);
  });

  test.each(FORMATS)('nothing original remains in --format %s', async (format) => {
    const run = await runCli([...paths, '--redact', '--format', format]);
    expect(run.code).toBe(0);
    const out = run.stdout.toLowerCase();
    for (const s of secrets) expect({ secret: s, found: out.includes(s.toLowerCase()) }).toEqual({ secret: s, found: false });
  });

  test('nothing original remains in the events stream', async () => {
    const run = await runCli(['events', ...paths, '--redact']);
    const out = run.stdout.toLowerCase();
    expect(out.split('\n').filter(Boolean).length).toBeGreaterThan(0);
    for (const s of secrets) expect({ secret: s, found: out.includes(s.toLowerCase()) }).toEqual({ secret: s, found: false });
  });

  test('the same incidents are found, with the same times and durations', async () => {
    const plain = JSON.parse((await runCli([...paths, '--format', 'json'])).stdout);
    const red = JSON.parse((await runCli([...paths, '--format', 'json', '--redact'])).stdout);
    const shape = (r: typeof plain) => r.incidents.map((i: typeof plain.incidents[0]) => ({ start: i.start, durations: i.durations, pods: i.pods.length, timeline: i.timeline.length, observers: i.observers.length, hasPeer: i.peer.address !== null, hasName: i.peer.node !== null }));
    expect(shape(red)).toEqual(shape(plain));
    expect(red.incidents.length).toBe(paths.length);
  });
});

describe('--redact-map', () => {
  test('writes the private mapping that turns the redacted report back into the original', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'rke2-outage-map-'));
    try {
      const file = path.join(dir, 'map.json');
      const red = JSON.parse((await runCli([CASE1, '--format', 'json', '--redact-map', file])).stdout);
      const map = JSON.parse(await fs.readFile(file, 'utf8'));
      expect(map.addresses['10.113.207.142']).toBe(red.incidents[0].peer.address);
      expect(red.incidents[0].peer.address).toMatch(/^10\.\d+\.\d+\.\d+$/);
      const ws1 = `${map.hosts['feng-ws1']}.${map.domains['sme-feng.athens.cloudera.com']}`;
      expect(red.inputs[0].node).toBe(ws1);
      expect(red.inputs[0].path).toBe(`ecs-server-down/${ws1}/process/1546338947-ecs-ECS_SERVER/logs/stderr.log`);
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }
  });

  test('the same input gives the same pseudonyms in every run and format', async () => {
    const a = (await runCli([CASE1, '--format', 'markdown', '--redact'])).stdout;
    const b = (await runCli([CASE1, '--format', 'markdown', '--redact'])).stdout;
    expect(a).toBe(b);
  });
});

describe('--redact on IPv6 peers', () => {
  test('the outage is found with its IPv6 peer, and its pseudonym stays an address in the same /64 as the survivors', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'rke2-outage-map6-'));
    try {
      const file = path.join(dir, 'map.json');
      const plain = JSON.parse((await runCli([IPV6_SET, '--format', 'json'])).stdout);
      const red = JSON.parse((await runCli([IPV6_SET, '--format', 'json', '--redact-map', file])).stdout);
      const map = JSON.parse(await fs.readFile(file, 'utf8'));
      expect(plain.incidents.map((i: { peer: unknown }) => i.peer)).toEqual([{ address: 'fd00:10::12', node: 'ecs-m2', role: 'server' }]);
      const peer = red.incidents[0].peer.address;
      expect(peer).toBe(map.addresses['fd00:10::12']);
      const p64 = (ip: string) => ip.split('::')[0];
      expect(p64(map.addresses['fd00:10::11'])).toBe(p64(peer));
      expect(p64(map.addresses['fd00:10::21'])).toBe(p64(peer));
      expect(red.incidents[0].milestones.tunnelStopped.evidence.text).toContain(`Stopped tunnel to [${peer}]:9345`);
      expect(red.incidents[0].milestones.loadBalancerFailover.evidence.text).toContain(`Removing server from load balancer rke2-api-server-agent-load-balancer: [${peer}]:6443`);
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }
  });
});

describe('report and event stream agree', () => {
  test('the same input gives the same pseudonyms in the report and in `events --redact`', async () => {
    const report = JSON.parse((await runCli([CASE1, '--format', 'json', '--redact'])).stdout);
    const events = (await runCli(['events', CASE1, '--redact'])).stdout.trim().split('\n').map((l) => JSON.parse(l));
    const stopped = report.incidents[0].milestones.tunnelStopped;
    const same = events.find((e) => e.evidence.line === stopped.evidence.line && e.kind === 'tunnel.stopped' && e.node === stopped.node);
    expect(same).toBeDefined();
    expect(same.evidence.path).toBe(stopped.evidence.path);
    expect(same.peer).toBe(`${report.incidents[0].peer.address}:9345`);
  });
});
