// Old and odd line forms through the whole per-source stage: logrus TTY captures, message-only
// pastes, two logrus lines glued into one, the 2020 load-balancer wordings.
import { scanLines, type One } from '../support/scanOne';
import { checkFormats } from '../../src/formats/validate';
import { splitGlued } from '../../src/formats/glued';
import type { SourceInfo } from '../../src/types';

function scan(lines: string[], info: Partial<SourceInfo> = {}): One {
  return scanLines(lines, { path: 'paste.txt', node: 'ecs-w1', role: 'agent', ...info });
}

const iso = (t: number | null) => (t === null ? null : new Date(t).toISOString());

describe('format samples', () => {
  it('all formats, the last-resort one included, parse their samples', () => {
    expect(checkFormats()).toEqual([]);
  });
});

describe('logrus TTY console capture', () => {
  it('fires the tunnel rules and carries no absolute time', () => {
    const s = scan([
      'INFO[0003] Connecting to proxy                           url="wss://10.0.0.12:9345/v1-rke2/connect"',
      'ERRO[1700] Remotedialer proxy error                      error="websocket: close 1006 (abnormal closure): unexpected EOF"',
      'INFO[1716] Stopped tunnel to 10.0.0.12:9345',
    ]);
    expect(s.events.map((e) => [e.rule, e.peer, e.time])).toEqual([
      ['tunnel.connecting', '10.0.0.12:9345', null],
      ['tunnel.proxy-error', null, null],
      ['tunnel.stopped', '10.0.0.12:9345', null],
    ]);
  });
});

describe('message-only lines', () => {
  it('inherit the time of the nearest dated line above', () => {
    const s = scan([
      'Dec 29 17:13:53 ecs-w1 rke2[988]: time="2022-12-29T17:13:53+08:00" level=info msg="Updating load balancer rke2-agent-load-balancer server addresses -> [10.0.0.11:9345 10.0.0.13:9345]"',
      'Stopped tunnel to 10.0.0.12:9345',
    ]);
    expect(s.events.map((e) => [e.rule, e.peer, iso(e.time)])).toEqual([
      ['lb.servers', null, '2022-12-29T09:13:53.000Z'],
      ['tunnel.stopped', '10.0.0.12:9345', '2022-12-29T09:13:53.000Z'],
    ]);
    expect(s.events[1].evidence.line).toBe(2);
  });
  it('have no time when nothing above is dated, and lines without a needle stay unparsed', () => {
    const s = scan(['The customer says ecs-m2 was rebooted around five', 'Stopped tunnel to 10.0.0.12:9345']);
    expect(s.events.map((e) => [e.rule, e.time])).toEqual([['tunnel.stopped', null]]);
    expect(s.summary.parsed).toBe(1);
  });
});

describe('two logrus lines glued together', () => {
  const glued = 'time="2022-12-29T17:14:13+08:00" level=info msg="Updating load balancer rke2-agent-load-balancer server addresses -> [10.0.0.11:9345 10.0.0.13:9345]"time="2022-12-29T17:14:13+08:00" level=info msg="Stopped tunnel to 10.0.0.12:9345"';
  it('are split at the unescaped time=" of the second', () => {
    expect(splitGlued(glued)).toHaveLength(2);
    expect(splitGlued('time="2022-12-29T17:14:20+08:00" level=warning msg="saw time=\\"2022-12-29T17:14:00+08:00\\" in a value"')).toHaveLength(1);
    expect(splitGlued('Dec 29 17:14:13 ecs-w1 rke2[988]: time="2022-12-29T17:14:13+08:00" level=info msg=x')).toHaveLength(1);
  });
  it('yield both events with the same line number', () => {
    const s = scan(['time="2022-12-29T17:14:10+08:00" level=info msg="Connecting to proxy" url="wss://10.0.0.11:9345/v1-rke2/connect"', glued]);
    expect(s.events.map((e) => [e.rule, e.evidence.line, iso(e.time)])).toEqual([
      ['tunnel.connecting', 1, '2022-12-29T09:14:10.000Z'],
      ['lb.servers', 2, '2022-12-29T09:14:13.000Z'],
      ['tunnel.stopped', 2, '2022-12-29T09:14:13.000Z'],
    ]);
    expect([s.summary.lines, s.summary.parsed]).toEqual([2, 2]);
  });
});

describe('2020 load-balancer wordings', () => {
  it('unnamed Running and Updating lines give server lists', () => {
    const s = scan([
      'time="2020-10-21T14:57:01+08:00" level=info msg="Running load balancer 127.0.0.1:6444 -> [10.0.0.11:9345 10.0.0.12:9345]"',
      'time="2020-10-21T14:57:10+08:00" level=info msg="Updating load balancer server addresses -> [10.0.0.11:9345]"',
    ]);
    expect(s.events.map((e) => [e.rule, ...(e.kind === 'lb.servers' ? [e.detail.lb, e.detail.servers] : [])])).toEqual([
      ['lb.running', 'load-balancer:9345', ['10.0.0.11:9345', '10.0.0.12:9345']],
      ['lb.servers', 'load-balancer:9345', ['10.0.0.11:9345']],
    ]);
  });
});
