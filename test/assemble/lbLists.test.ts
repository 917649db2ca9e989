// Load-balancer lists of every shape: unnamed 2020-2022 lists are two balancers told apart by port,
// an excerpt's first lists still show the failover, an agent's own start-up swap is no outage.
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { reportOf, type MemSource } from '../support/scan';
import { logrus, url } from '../support/lines';

const REAL = path.join(__dirname, '..', 'data', 'real');
const real = (f: string) => readFileSync(path.join(REAL, f), 'utf8').split('\n').filter(Boolean);
const D = '2022-12-29';
const at = (hms: string, msg: string, extra = '') => logrus(D, hms, 'info', msg, extra);

describe('unnamed lists (2020-2022): the api-server and supervisor balancers are told apart by port', () => {
  // one agent, three servers; .12 dies at 17:13:37; the two unnamed balancers update in turn
  const lines = [
    at('16:00:00', 'Running load balancer 127.0.0.1:6444 -> [10.0.0.11:9345]'),
    at('16:00:05', 'Updating load balancer server addresses -> [10.0.0.11:6443 10.0.0.12:6443 10.0.0.13:6443]'),
    at('16:00:05', 'Updating load balancer server addresses -> [10.0.0.11:9345 10.0.0.12:9345 10.0.0.13:9345]'),
    logrus(D, '17:13:37', 'error', 'Remotedialer proxy error', 'error="websocket: close 1006 (abnormal closure): unexpected EOF"'),
    at('17:13:42', 'Connecting to proxy', url('10.0.0.12')),
    at('17:14:13', 'Updating load balancer server addresses -> [10.0.0.11:6443 10.0.0.13:6443]'),
    at('17:14:13', 'Updating load balancer server addresses -> [10.0.0.11:9345 10.0.0.13:9345]'),
  ];
  const r = reportOf([{ path: 'ecs-w1/stderr.log', node: 'ecs-w1', role: 'agent', lines }]);
  test('one incident, for the server that went', () => {
    expect(r.incidents.map((i) => i.peer.address)).toEqual(['10.0.0.12']);
    expect(r.incidents[0].milestones.loadBalancerFailover?.time).toBe('2022-12-29T09:14:13.000Z');
  });
  test('the constructed 2020 single-balancer file: one server dropped and back, one incident', () => {
    const one = reportOf([{ path: 'agent-1/k3s.log', lines: readFileSync(path.join(__dirname, '..', 'data', 'constructed', 'k3s-2020-unnamed-lb-single.log'), 'utf8').split('\n').filter(Boolean) }]);
    expect(one.incidents.map((i) => [i.peer.address, i.end])).toEqual([['192.0.2.12', '2020-03-02T10:33:05.323Z']]);
  });
});

describe('an excerpt that starts inside the outage', () => {
  const w4 = (lines: string[]): MemSource => ({ path: 'ws4/stderr.log', node: 'feng-ws4', role: 'agent', lines });
  // the seed's agent at 17:14:13: the api-server list still ends with the dead default server, the supervisor list lacks it
  const API = at('17:14:13', 'Updating load balancer rke2-api-server-agent-load-balancer server addresses -> [10.113.207.141:6443 10.113.207.143:6443 10.113.207.142:6443]');
  const SUP = at('17:14:13', 'Updating load balancer rke2-agent-load-balancer server addresses -> [10.113.207.141:9345 10.113.207.143:9345]');
  test('the supervisor list missing what the api-server list still holds is the failover', () => {
    const r = reportOf([w4([API, SUP])]);
    expect(r.incidents.map((i) => [i.peer.address, i.milestones.loadBalancerFailover?.evidence.line])).toEqual([['10.113.207.142', 2]]);
  });
  test('a first list missing a server the agent saw fail in the minute before is the failover', () => {
    const r = reportOf([w4([logrus(D, '17:13:50', 'error', 'Failed to connect to proxy', 'error="dial tcp 10.113.207.142:9345: connect: no route to host"'), SUP])]);
    expect(r.incidents.map((i) => [i.peer.address, i.milestones.loadBalancerFailover?.evidence.line])).toEqual([['10.113.207.142', 2]]);
  });
  test('a first list alone, with nothing else, claims nothing', () => {
    expect(reportOf([w4([SUP])]).incidents).toEqual([]);
  });
});

describe('an agent\'s own start-up swap is not an outage (real pastes)', () => {
  test.each(['k3s-9860-agent-startup-swap-2024.log', 'rke2-5775-agent-startup-swap-pager-cut-2024.log', 'k3s-11329-agent-startup-lb-states-2024.log'])('%s: zero incidents', (f) => {
    const r = reportOf([{ path: `node/${f}`, lines: real(f) }]);
    expect(r.incidents).toEqual([]);
  });
  test('a server that fails during the start-up is still lost', () => {
    const lines = [
      at('17:00:00', 'Starting rke2 agent v1.28.9+rke2r1 (0b0c0d0e)'),
      at('17:00:05', 'Getting list of apiserver endpoints from server'),
      logrus(D, '17:00:10', 'error', 'Remotedialer proxy error', `error="websocket: close 1006 (abnormal closure): unexpected EOF" ${url('10.0.0.12')}`),
      at('17:00:12', 'Connecting to proxy', url('10.0.0.12')),
      at('17:00:20', 'Removing server from load balancer rke2-agent-load-balancer: 10.0.0.12:9345'),
    ];
    expect(reportOf([{ path: 'ecs-w1/stderr.log', node: 'ecs-w1', role: 'agent', lines }]).incidents.map((i) => i.peer.address)).toEqual(['10.0.0.12']);
  });
});
