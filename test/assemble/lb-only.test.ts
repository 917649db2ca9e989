// QA: only the agents' load-balancer lines are given (no tunnel lines), 2022 wording (RKE2 1.21).
// k3s 1.21 `setServers` logs `Updating load balancer ...` only when the endpoint set changed,
// prints the shuffled endpoints and appends the configured default server when it is missing
// from them — so a dead default server stays listed, at the end.
import { prepareEvents } from '../../src/assemble/prepare';
import { reportOf } from '../support/scan';
import { logrus } from '../support/lines';

const D = '2022-12-29';
const l = (hms: string, msg: string) => logrus(D, hms, 'info', msg);
const api = (list: string) => `Updating load balancer rke2-api-server-agent-load-balancer server addresses -> [${list}]`;
const sup = (list: string) => `Updating load balancer rke2-agent-load-balancer server addresses -> [${list}]`;

describe('the dead server is the api LB default only: the supervisor LB drops it', () => {
  // agents joined with --server https://10.0.0.11:9345 for the supervisor LB; the api LB's default is 10.0.0.12
  const agent = (node: string, down: string, back: string) => ({
    path: `${node}/stderr.log`, node, role: 'agent' as const,
    lines: [
      l('10:00:00', 'Running load balancer rke2-agent-load-balancer 127.0.0.1:6444 -> [10.0.0.11:9345]'),
      l('10:00:00', 'Running load balancer rke2-api-server-agent-load-balancer 127.0.0.1:6443 -> [10.0.0.12:6443]'),
      l('10:00:05', sup('10.0.0.13:9345 10.0.0.11:9345 10.0.0.12:9345')),
      l('10:00:05', api('10.0.0.11:6443 10.0.0.12:6443 10.0.0.13:6443')),
      l(down, api('10.0.0.13:6443 10.0.0.11:6443 10.0.0.12:6443')),
      l(down, sup('10.0.0.11:9345 10.0.0.13:9345')),
      l(back, api('10.0.0.12:6443 10.0.0.13:6443 10.0.0.11:6443')),
      l(back, sup('10.0.0.13:9345 10.0.0.12:9345 10.0.0.11:9345')),
    ],
  });
  const r = reportOf([agent('ecs-w1', '17:14:13', '17:33:02'), agent('ecs-w2', '17:14:14', '17:33:05')]);
  const inc = r.incidents[0];

  test('one incident for 10.0.0.12, opened by the supervisor LB dropping it', () => {
    expect(r.incidents).toHaveLength(1);
    expect(inc.peer).toMatchObject({ address: '10.0.0.12', role: 'server' });
    expect(inc.start).toBe('2022-12-29T09:14:13.000Z');
    expect(inc.milestones.loadBalancerFailover?.time).toBe('2022-12-29T09:14:13.000Z');
    expect(inc.timeline.filter((e) => e.kind === 'lb.servers' && e.time === '2022-12-29T09:14:13.000Z').map((e) => [e.detail.lb, e.detail.dropped])).toEqual([
      ['rke2-api-server-agent-load-balancer', ['10.0.0.12:6443']], // its default, appended back at the end (known from the Running line)
      ['rke2-agent-load-balancer', ['10.0.0.12:9345']],
    ]);
  });
  test('back when the supervisor LB lists it again; each agent with its own times', () => {
    expect(inc.milestones.peerBack?.time).toBe('2022-12-29T09:33:02.000Z');
    expect(inc.observers.map((o) => [o.node, o.loadBalancerFailover, o.peerBack])).toEqual([
      ['ecs-w1', '2022-12-29T09:14:13.000Z', '2022-12-29T09:33:02.000Z'],
      ['ecs-w2', '2022-12-29T09:14:14.000Z', '2022-12-29T09:33:05.000Z'],
    ]);
  });
});

describe('the dead server is the default of both LBs: no list drops it', () => {
  // agent joined with --server https://10.0.0.12:9345: both lists keep 10.0.0.12, appended last
  const w1 = [
    l('10:00:00', 'Running load balancer rke2-agent-load-balancer 127.0.0.1:6444 -> [10.0.0.12:9345]'),
    l('10:00:00', 'Running load balancer rke2-api-server-agent-load-balancer 127.0.0.1:6443 -> [10.0.0.12:6443]'),
    l('10:00:05', sup('10.0.0.12:9345 10.0.0.13:9345 10.0.0.11:9345')),
    l('10:00:05', api('10.0.0.11:6443 10.0.0.12:6443 10.0.0.13:6443')),
    l('17:14:13', api('10.0.0.13:6443 10.0.0.11:6443 10.0.0.12:6443')),
    l('17:14:13', sup('10.0.0.11:9345 10.0.0.13:9345 10.0.0.12:9345')),
    l('17:33:02', api('10.0.0.12:6443 10.0.0.13:6443 10.0.0.11:6443')),
    l('17:33:02', sup('10.0.0.13:9345 10.0.0.12:9345 10.0.0.11:9345')),
  ];
  const r = reportOf([{ path: 'ecs-w1/stderr.log', node: 'ecs-w1', role: 'agent', lines: w1 }]);

  test('an update with the same servers means the default left the endpoints: a loss', () => {
    expect(r.incidents.map((i) => [i.peer.address, i.start, i.durations.failover, i.durations.downtime])).toEqual([
      ['10.0.0.12', '2022-12-29T09:14:13.000Z', 0, 1129],
    ]);
  });
  test('the lists record why', () => {
    const ev = prepareEvents(r.events).find((e) => e.kind === 'lb.servers' && e.time === Date.parse('2022-12-29T09:14:13Z'))!;
    expect(ev.detail).toMatchObject({ dropped: ['10.0.0.12:6443'], defaultAppended: '10.0.0.12:6443' });
  });
});
