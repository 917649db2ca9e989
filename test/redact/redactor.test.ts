// Pseudonyms: address shape and shared subnets kept, names and FQDNs consistent, public names kept.
import { allocateIpv4 } from '../../src/redact/ipv4';
import { looksLikeFqdn } from '../../src/redact/names';
import { redact, Redactor } from '../../src/redact/redactor';

describe('allocateIpv4', () => {
  const m = allocateIpv4(['10.113.207.142', '10.113.207.141', '10.113.8.20', '192.168.1.5', '127.0.0.1', '999.1.1.1']);
  const p24 = (ip: string) => m.get(ip)!.split('.').slice(0, 3).join('.');
  const p16 = (ip: string) => m.get(ip)!.split('.').slice(0, 2).join('.');

  test('keeps which addresses share a /24 and a /16, and their order', () => {
    expect(p24('10.113.207.141')).toBe(p24('10.113.207.142'));
    expect(p16('10.113.8.20')).toBe(p16('10.113.207.141'));
    expect(p24('10.113.8.20')).not.toBe(p24('10.113.207.141'));
    expect(p16('192.168.1.5')).not.toBe(p16('10.113.207.141'));
    expect(m.get('10.113.207.141')! < m.get('10.113.207.142')!).toBe(true);
  });

  test('leaves loopback and non-addresses alone and never reuses an original', () => {
    expect(m.has('127.0.0.1')).toBe(false);
    expect(m.has('999.1.1.1')).toBe(false);
    expect(allocateIpv4(['10.1.1.1', '10.1.1.2']).get('10.1.1.1')).not.toBe('10.1.1.1');
  });
});

describe('Redactor', () => {
  test('rewrites real rke2 lines: dial targets, server lists, backend names, paths', () => {
    const lines = [
      'time="2022-12-29T17:14:47+08:00" level=error msg="Remotedialer proxy error" error="dial tcp 10.113.207.142:9345: connect: no route to host"',
      'time="2022-12-29T17:14:13+08:00" level=info msg="Updating load balancer rke2-agent-load-balancer server addresses -> [10.113.207.141:9345 10.113.207.143:9345]"',
      'time="2022-12-27T13:02:40+08:00" level=info msg="Handling backend connection request [feng-ws2]"',
      'fixtures/ecs-server-down/feng-ws1.sme-feng.athens.cloudera.com/process/1546338947-ecs-ECS_SERVER/logs/stderr.log',
      'Dec 29 17:13:37 feng-ws1 rke2[1523]: connecting to feng-ws1.sme-feng.athens.cloudera.com and sme-feng.athens.cloudera.com',
    ];
    const { value, map } = redact({ lines, node: 'feng-ws1.sme-feng.athens.cloudera.com', peer: 'feng-ws2' });
    const out = value.lines.join('\n');
    expect(out).not.toMatch(/10\.113|feng|cloudera|athens/);
    expect(out).toContain(`dial tcp ${map.addresses['10.113.207.142']}:9345`);
    expect(out).toContain(`[${map.hosts['feng-ws2']}]`);
    expect(value.lines[4]).toBe(`Dec 29 17:13:37 ${map.hosts['feng-ws1']} rke2[1523]: connecting to ${map.hosts['feng-ws1']}.${map.domains['sme-feng.athens.cloudera.com']} and ${map.domains['sme-feng.athens.cloudera.com']}`);
    expect(value.node).toBe(`${map.hosts['feng-ws1']}.${map.domains['sme-feng.athens.cloudera.com']}`);
  });

  test('keeps public names, versions, files and loopback', () => {
    const r = new Redactor();
    const s = 'pulled docker.io/rancher/rke2-runtime:v1.21.14-rke2r1 from registry.k8s.io; stderr.log.1.gz; Stopped tunnel to 127.0.0.1:9345; node_lifecycle_controller.go:1045';
    r.learn(s);
    expect(r.text(s)).toBe(s);
  });

  test('looksLikeFqdn wants three labels and a real-looking top-level domain', () => {
    expect(looksLikeFqdn('db01.corp.acme.com')).toBe(true);
    expect(looksLikeFqdn('stderr.log.1.gz')).toBe(false);
    expect(looksLikeFqdn('v1.21.14')).toBe(false);
    expect(looksLikeFqdn('registry.k8s.io')).toBe(false);
  });
});
