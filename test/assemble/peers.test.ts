// Peer addresses as rke2 prints them: IPv4 `a.b.c.d:port`, IPv6 `[addr]:port`, names.
import { hostOf, isLoopback, NameBook, portOf } from '../../src/assemble/peers';
import type { Event } from '../../src/types';

describe('hostOf / portOf', () => {
  test.each([
    ['10.0.0.12:9345', '10.0.0.12', 9345],
    ['[fd00:10::12]:9345', 'fd00:10::12', 9345],
    ['[::1]:6444', '::1', 6444],
    ['ecs-m2:6443', 'ecs-m2', 6443],
    ['fd00:10::12', 'fd00:10::12', null],
    ['fd00::1234', 'fd00::1234', null],
    ['ecs-m2', 'ecs-m2', null],
  ])('%s -> host %s, port %s', (peer, host, port) => {
    expect(hostOf(peer)).toBe(host);
    expect(portOf(peer)).toBe(port);
  });
  test('IPv6 loopback is loopback', () => {
    expect(isLoopback(hostOf('[::1]:9345'))).toBe(true);
    expect(isLoopback(hostOf('[fd00:10::1]:9345'))).toBe(false);
  });
});

describe('NameBook.learnFrom', () => {
  const ev = (node: string, error: string) => ({ node, detail: { error } }) as unknown as Event;
  test.each([
    ['read tcp 10.0.0.21:53012->10.0.0.12:9345: read: connection reset by peer', '10.0.0.21'],
    ['read tcp [fd00:10::21]:53012->[fd00:10::12]:9345: read: connection reset by peer', 'fd00:10::21'],
  ])('learns the observer\'s own address from %s', (error, addr) => {
    const b = new NameBook();
    b.learnFrom(ev('ecs-w1', error));
    expect(b.addrOf('ecs-w1')).toBe(addr);
    expect(b.nameOf(addr)).toBe('ecs-w1');
  });
  test('not from a loopback connection', () => {
    const b = new NameBook();
    b.learnFrom(ev('ecs-w1', 'read tcp [::1]:53012->[::1]:6444: read: connection reset by peer'));
    expect(b.addrOf('ecs-w1')).toBeNull();
  });
});
