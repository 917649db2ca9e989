// Class 7 of issue 13: redaction leaks. Forms of addresses and host names the redactor missed
// (a known domain followed by a file extension, zero-padded octets, a dotted prefix, a label before
// an IPv6 address, cloud host names, private two-label names, `.int`), strings cut before they
// were redacted, the progress line, and one redactor per run shared by every output.
import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { collect } from '../../src/analyze';
import { DEFAULT_TIMING } from '../../src/assemble/timing';
import { Redactor } from '../../src/redact/redactor';
import { progressOn } from '../../src/cli/progress';
import { progressName, runRedactor } from '../../src/cli/redaction';
import { cleanup, tempDir, ws1Text } from './harness';
import { runCli } from '../support/cli';

/** A redactor that learned `seen` (and the node names), then rewrites `s`. */
function redacted(s: string, seen: unknown = s, nodes: string[] = []): string {
  const r = new Redactor();
  for (const n of nodes) r.addNode(n);
  r.learn(seen);
  r.freeze();
  return r.text(s);
}

describe('forms the redactor missed', () => {
  test.each([
    ['a known domain followed by a file extension', 'copied feng-ws1.sme-feng.athens.cloudera.com.log.gz and feng-ws1.sme-feng.athens.cloudera.com.1', ['feng-ws1', 'sme-feng', 'athens', 'cloudera']],
    ['an address with zero-padded octets', 'dial tcp 010.113.207.153:9345: i/o timeout', ['010.113.207.153', '10.113.207.153']],
    ['an address after a dotted prefix', 'resolved x.10.113.207.152 for the peer', ['10.113.207.152']],
    ['an IPv6 address after a label and a colon', 'peer addr:fd00:10:20::3 lost', ['fd00:10:20::3', 'fd00']],
    ['a cloud host name', 'node ip-10-113-207-151 NotReady, ip-10-113-207-151.ec2.internal too', ['ip-10-113-207-151', '10-113-207-151', 'ec2']],
    ['a private two-label name', 'Handling backend connection request [k8s-master.internal]', ['k8s-master']],
    ['a name under .int', 'Connecting to proxy url=wss://node7.prod.acme.int:9345/v1-rke2/connect', ['node7', 'acme']],
  ])('%s', (_what, line, secrets) => {
    const out = redacted(line, line, []);
    for (const s of secrets) expect({ secret: s, out, found: out.toLowerCase().includes(s) }).toEqual({ secret: s, out, found: false });
  });

  test('the same address keeps one pseudonym in every form', () => {
    const r = new Redactor();
    r.learn('10.113.207.153 and 010.113.207.153');
    r.freeze();
    expect(r.text('010.113.207.153')).toBe(r.text('10.113.207.153'));
  });

  test('what only looks like a name stays: versions, files, public names, times', () => {
    const keep = 'pulled docker.io/rancher/rke2-runtime:v1.21.14-rke2r1; stderr.log.1.gz; kube-dns.kube-system.svc.cluster.local; Listening on [::]:9345 at 10:13:37';
    expect(redacted(keep, [keep, 'node1.local'])).toBe(keep);
  });
});

describe('a string cut short before redaction (evidence clipped at 400 characters)', () => {
  const seen = ['dial tcp 10.113.207.142:9345', 'feng-ws1.sme-feng.athens.cloudera.com', 'fd00:10::12'];
  test.each([
    ['a cut address', 'msg="Remotedialer proxy error" error="dial tcp 10.113.20…', '10.113'],
    ['a cut address of three octets', 'Stopped tunnel to 10.113.207…', '10.113'],
    ['a cut FQDN', 'connecting to feng-ws1.sme-feng.athe…', 'sme-feng'],
    ['a cut host name', 'backend [feng-w…', 'feng'],
    ['a cut IPv6 address', 'Stopped tunnel to [fd00:10:…', 'fd00'],
    ['a cut cloud host name', 'node ip-10-113-2…', '10-113'],
  ])('%s is masked', (_what, text, secret) => {
    const out = redacted(text, seen, ['feng-ws1.sme-feng.athens.cloudera.com']);
    expect(out).not.toContain(secret);
    expect(out.endsWith('[redacted]…')).toBe(true);
  });

  test('a cut ordinary word is kept', () => {
    expect(redacted('level=info msg="Connecting to proxy" url="wss…', seen)).toBe('level=info msg="Connecting to proxy" url="wss…');
  });
});

describe('the progress line under --redact', () => {
  test('shows no path (pseudonyms exist only once every input is read); without --redact, paths made terminal-safe', () => {
    let err = '';
    let t = 0;
    const sink = { write: (s: string) => (err += s), isTTY: true };
    const p = progressOn(sink, () => (t += 2000), progressName({ redact: true }));
    p.onProgress('bundle/feng-ws1.sme-feng.athens.cloudera.com/stderr.log', 0, 2, null);
    expect(err).toContain('reading 1/2');
    expect(err).not.toMatch(/feng|cloudera|stderr/);
    err = '';
    const plain = progressOn(sink, () => (t += 2000), progressName({}));
    plain.onProgress('evil\x1b]52;c;SGk=\x07/stderr.log', 0, 1, null);
    expect(err).toContain('evil\\x1b]52;c;SGk=\\x07/stderr.log');
    expect(err.replace(/\r\x1b\[2K/g, '')).not.toMatch(/[\x00-\x08\x0b-\x1f\x7f]/);
  });
});

describe('one redactor per run', () => {
  let dir: string;
  beforeAll(() => {
    dir = tempDir();
    mkdirSync(path.join(dir, 'feng-ws1.sme-feng.athens.cloudera.com', 'logs'), { recursive: true });
    writeFileSync(path.join(dir, 'feng-ws1.sme-feng.athens.cloudera.com', 'logs', 'stderr.log'), ws1Text());
    // a file with no events whose name holds a host name: only the report's inputs list shows it
    mkdirSync(path.join(dir, 'aa-extra.sme-feng.athens.cloudera.com'));
    writeFileSync(path.join(dir, 'aa-extra.sme-feng.athens.cloudera.com', 'notes.log'), 'nothing here\n');
  });
  afterAll(() => cleanup(dir));

  test('runRedactor learns the whole collection: report and events give every name the same pseudonym', async () => {
    const got = await collect([dir], { timing: DEFAULT_TIMING, hosts: [] });
    const a = { redact: true, host: [] };
    const one = runRedactor(a, got)!;
    const two = runRedactor(a, got)!;
    const ev = got.events.find((e) => e.kind === 'tunnel.stopped')!;
    expect(one.apply(ev).evidence.path).toBe(two.apply(ev).evidence.path);
    expect(one.mapping()).toEqual(two.mapping());
    expect(JSON.stringify(one.apply(got))).not.toMatch(/feng|cloudera|10\.113\./);
  });

  test('`events --redact` and the report give the same node the same pseudonym', async () => {
    const out = async (argv: string[]) => (await runCli(argv)).stdout;
    const report = JSON.parse(await out([dir, '--redact', '-f', 'json']));
    const events = (await out(['events', dir, '--redact'])).trim().split('\n').map((l) => JSON.parse(l) as { node: string });
    expect(new Set(events.map((e) => e.node))).toEqual(new Set(report.inputs.filter((i: { events: number }) => i.events).map((i: { node: string }) => i.node)));
  });
});
