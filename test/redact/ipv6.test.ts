// IPv6 pseudonyms: found in real rke2 lines (plain, bracketed, in URLs and dial errors), never in
// times, MAC addresses or durations; /64 and /48 sharing kept; loopback and link-local kept.
import { allocateIpv6, canonicalIpv6, IPV6, isNeutralIpv6 } from '../../src/redact/ipv6';
import { redact } from '../../src/redact/redactor';

const found = (s: string) => s.match(IPV6) ?? [];

describe('IPV6 finds addresses', () => {
  test.each([
    ['Nov 22 17:13:53 ecs-m1 rke2[1523]: time="2023-11-22T17:13:53+08:00" level=info msg="Stopped tunnel to [fd00:10::12]:9345"', ['fd00:10::12']],
    ['time="2023-11-22T17:13:42+08:00" level=info msg="Connecting to proxy" url="wss://[fd00:10::12]:9345/v1-rke2/connect"', ['fd00:10::12']],
    ['time="2023-11-22T17:13:45+08:00" level=error msg="Failed to connect to proxy. Empty dialer response" error="dial tcp [fd00:10::12]:9345: connect: no route to host"', ['fd00:10::12']],
    ['msg="Updated load balancer rke2-agent-load-balancer server addresses -> [[fd00:10::11]:9345 [fd00:10::13]:9345] [default: [fd00:10::11]:9345]"', ['fd00:10::11', 'fd00:10::13', 'fd00:10::11']],
    ['ecs-m2   Ready    control-plane,etcd,master   7d    v1.25.16+rke2r1   fd00:10::12   <none>', ['fd00:10::12']],
    ['read tcp [2001:0db8:0000:0000:0000:ff00:0042:8329]:53012->[fd00::12]:9345: read: connection reset by peer', ['2001:0db8:0000:0000:0000:ff00:0042:8329', 'fd00::12']],
  ])('%s', (line, want) => expect(found(line)).toEqual(want));
});

describe('IPV6 leaves what only looks like one', () => {
  test.each([
    ['a time and a syslog prefix', 'Dec 29 17:13:37 feng-ws1 rke2[1523]: I1229 09:13:37.123456    1523 reflector.go:441] 10:13:37'],
    ['an ISO time', 'time="2023-11-22T17:13:37+08:00" level=info'],
    ['MAC addresses', 'Setting MAC 5a:94:ef:e4:0c:ee on flannel.1 (was 00:00:5e:00:53:af)'],
    ['Go durations', 'Trace[1939488541]: "List" (total time: 612ms): ---"Listing from storage done" 1m30.5s'],
    ['a bare :: listen address', 'Listening on [::]:9345'],
    ['an IPv4-mapped tail is the IPv4 rule\'s', 'peer ::ffff:10.0.0.12 closed'],
    ['more than eight groups', 'id a::b:c:d:e:f:1:2:3 end'],
  ])('%s', (_why, line) => expect(found(line)).toEqual([]));
});

describe('allocateIpv6', () => {
  const m = allocateIpv6(['fd00:10::12', 'fd00:10::11', 'fd00:10:0:1::5', 'fd00:20::1', '::1', 'fe80::1', 'FD00:10:0:0:0:0:0:13']);
  const p64 = (ip: string) => m.get(canonicalIpv6(ip)!)!.split('::')[0];
  const p48 = (ip: string) => p64(ip).split(':').slice(0, 3).join(':');

  test('keeps which addresses share a /64 and a /48, and their order', () => {
    expect(p64('fd00:10::11')).toBe(p64('fd00:10::12'));
    expect(p64('fd00:10::13')).toBe(p64('fd00:10::12'));
    expect(p64('fd00:10:0:1::5')).not.toBe(p64('fd00:10::12'));
    expect(p48('fd00:10:0:1::5')).toBe(p48('fd00:10::12'));
    expect(p48('fd00:20::1')).not.toBe(p48('fd00:10::12'));
    expect([...m.values()].sort()).toEqual(['2001:db8:1:1::1', '2001:db8:1:1::2', '2001:db8:1:1::3', '2001:db8:1:2::1', '2001:db8:2:1::1']);
    expect(m.get('fd00:10::11')).toBe('2001:db8:1:1::1');
    expect(m.get('fd00:10::12')).toBe('2001:db8:1:1::2');
  });

  test('one key per address however it is written; loopback and link-local stay', () => {
    expect(canonicalIpv6('FD00:10:0:0:0:0:0:13')).toBe('fd00:10::13');
    expect(m.has('::1')).toBe(false);
    expect(m.has('fe80::1')).toBe(false);
    expect(isNeutralIpv6('::1')).toBe(true);
    expect(isNeutralIpv6('fd00:10::12')).toBe(false);
  });

  test('never hands out an original as a pseudonym', () => {
    const a = allocateIpv6(['2001:db8:1:1::1', '2001:db8:1:1::2']);
    expect([...a.values()]).toEqual(['2001:db8:1:1::3', '2001:db8:1:1::4']);
  });
});

describe('Redactor with IPv6 peers', () => {
  test('rewrites bracketed, URL and dial forms alike and keeps loopback, times and MACs', () => {
    const lines = [
      'Nov 22 17:13:53 ecs-m1 rke2[1523]: time="2023-11-22T17:13:53+08:00" level=info msg="Stopped tunnel to [fd00:10::12]:9345"',
      'Nov 22 17:13:42 ecs-m1 rke2[1523]: time="2023-11-22T17:13:42+08:00" level=info msg="Connecting to proxy" url="wss://[fd00:10::12]:9345/v1-rke2/connect"',
      'Nov 22 17:13:45 ecs-m1 rke2[1523]: time="2023-11-22T17:13:45+08:00" level=error msg="Failed to connect to proxy. Empty dialer response" error="dial tcp [fd00:10::12]:9345: connect: no route to host"',
      'Nov 22 11:04:18 ecs-w1 rke2[988]: time="2023-11-22T11:04:18+08:00" level=info msg="Stopped tunnel to [::1]:9345"',
      'Setting MAC 5a:94:ef:e4:0c:ee; peer fd00:10:0:0:0:0:0:12 and fd00:10::11',
    ];
    const { value, map } = redact({ lines, node: 'ecs-m1', peer: '[fd00:10::12]:9345' });
    const p = map.addresses['fd00:10::12'];
    expect(p).toMatch(/^2001:db8:[0-9a-f]{1,4}:[0-9a-f]{1,4}::[0-9a-f]{1,4}$/);
    expect(value.lines.join('\n')).not.toMatch(/fd00/i);
    expect(value.lines[0]).toBe(`Nov 22 17:13:53 ${map.hosts['ecs-m1']} rke2[1523]: time="2023-11-22T17:13:53+08:00" level=info msg="Stopped tunnel to [${p}]:9345"`);
    expect(value.lines[1]).toContain(`url="wss://[${p}]:9345/v1-rke2/connect"`);
    expect(value.lines[2]).toContain(`dial tcp [${p}]:9345: connect`);
    expect(value.lines[3]).toContain('Stopped tunnel to [::1]:9345');
    expect(value.lines[4]).toBe(`Setting MAC 5a:94:ef:e4:0c:ee; peer ${p} and ${map.addresses['fd00:10::11']}`);
    expect(value.peer).toBe(`[${p}]:9345`);
  });
});
