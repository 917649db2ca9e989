// QA: an agent restarts (its host rebooted). Its load balancer starts again with only its --server
// (`Running load balancer ... -> [default]`), then the supervisor's list fills it: the other servers
// missing from the start-up line were never lost, and the restart opens no incident.
import { reportOf } from '../support/scan';
import { prepareEvents } from '../../src/assemble/prepare';
import { logrus, url } from '../support/lines';

const l = (hms: string, level: string, msg: string, extra = '') => logrus('2023-11-22', hms, level, msg, extra);
const list = (port: number) => `[10.0.0.11:${port} 10.0.0.12:${port} 10.0.0.13:${port}] [default: 10.0.0.11:${port}]`;

const boot = (hms: string) => [
  l(hms, 'info', 'Starting rke2 agent v1.25.16+rke2r1 (0d7e6b1c9a3f4e2d8b5a7c6e1f0a9b8c7d6e5f4a)'),
  l(hms, 'info', 'Running load balancer rke2-agent-load-balancer 127.0.0.1:6444 -> [10.0.0.11:9345] [default: 10.0.0.11:9345]'),
  l(hms, 'info', `Updated load balancer rke2-api-server-agent-load-balancer server addresses -> ${list(6443)}`),
  l(hms, 'info', `Updated load balancer rke2-agent-load-balancer server addresses -> ${list(9345)}`),
  ...['10.0.0.11', '10.0.0.12', '10.0.0.13'].map((ip) => l(hms, 'info', 'Connecting to proxy', url(ip))),
];

test('an agent\'s own restart is not a loss of the servers its start-up line leaves out', () => {
  const w1 = [...boot('11:00:00'), l('12:00:00', 'info', 'Module br_netfilter was already loaded'), ...boot('17:42:57'), l('18:30:00', 'info', 'Module br_netfilter was already loaded')];
  const r = reportOf([{ path: 'ecs-w1/journald/rke2-agent', node: 'ecs-w1', role: 'agent', lines: w1 }]);
  const restart = prepareEvents(r.events).flatMap((e) => (e.kind === 'lb.servers' && e.detail.startup && e.time === Date.parse('2023-11-22T09:42:57Z') ? [e.detail] : []));
  expect(restart.map((d) => [d.dropped, d.added])).toEqual([[[], []]]);
  expect(r.incidents).toEqual([]);
});
