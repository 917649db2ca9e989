// QA: `Proxy done err="context canceled"` ends every tunnel when the observer itself stops
// (rke2-agent restarted mid-outage): evidence, but not the `tunnelStopped` milestone.
import { reportOf } from '../support/scan';
import { journal, url } from '../support/lines';

const D = '2026-08-20';
const P = '10.0.0.12';
const w1 = [
  journal('ecs-w1', 988, D, '09:00:00', 'info', `Started tunnel to ${P}:9345`),
  journal('ecs-w1', 988, D, '17:13:37', 'error', 'Remotedialer proxy error; reconnecting...', `error="read tcp 10.0.0.21:44372->${P}:9345: i/o timeout" ${url(P)}`),
  journal('ecs-w1', 988, D, '17:13:40', 'info', 'Connecting to proxy', url(P)),
  journal('ecs-w1', 988, D, '17:13:43', 'error', 'Failed to connect to proxy. Empty dialer response', `error="dial tcp ${P}:9345: connect: no route to host"`),
  // systemctl restart rke2-agent on ecs-w1
  journal('ecs-w1', 988, D, '17:13:50', 'info', 'Proxy done', `err="context canceled" ${url(P)}`),
];
const m1 = [
  journal('ecs-m1', 1532, D, '09:00:00', 'info', `Started tunnel to ${P}:9345`),
  journal('ecs-m1', 1532, D, '17:13:38', 'error', 'Remotedialer proxy error; reconnecting...', `error="websocket: close 1006 (abnormal closure): unexpected EOF" ${url(P)}`),
  journal('ecs-m1', 1532, D, '17:13:56', 'info', `Stopped tunnel to ${P}:9345`),
  journal('ecs-m1', 1532, D, '17:13:56', 'info', 'Proxy done', `err="context canceled" ${url(P)}`),
];

test('tunnelStopped is the first "Stopped tunnel to", not an observer\'s own shutdown', () => {
  const r = reportOf([{ path: 'ecs-w1/journal.log', node: 'ecs-w1', role: 'agent', lines: w1 }, { path: 'ecs-m1/journal.log', node: 'ecs-m1', role: 'server', lines: m1 }]);
  const inc = r.incidents[0];
  expect(inc.milestones.tunnelStopped).toMatchObject({ time: '2026-08-20T09:13:56.000Z', node: 'ecs-m1' });
  expect(inc.durations.detect).toBe(19);
  expect(inc.observers.map((o) => [o.node, o.tunnelStopped])).toEqual([['ecs-w1', null], ['ecs-m1', '2026-08-20T09:13:56.000Z']]);
});
