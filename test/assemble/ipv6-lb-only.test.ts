// QA: IPv6 peers through the load-balancer lists alone, 2022 wording (RKE2 1.21): the lists hold
// bracketed `[addr]:port` entries, so a list that drops the dead server must still be read as one.
import { reportOf } from '../support/scan';
import { logrus } from '../support/lines';

const D = '2022-12-29';
const l = (hms: string, msg: string) => logrus(D, hms, 'info', msg);
const sup = (list: string) => `Updating load balancer rke2-agent-load-balancer server addresses -> [${list}]`;

describe('an agent whose supervisor LB drops [fd00:10::12]:9345 and lists it again', () => {
  const w1 = [
    l('10:00:00', 'Running load balancer rke2-agent-load-balancer 127.0.0.1:6444 -> [[fd00:10::11]:9345]'),
    l('10:00:05', sup('[fd00:10::13]:9345 [fd00:10::11]:9345 [fd00:10::12]:9345')),
    l('17:14:13', sup('[fd00:10::11]:9345 [fd00:10::13]:9345')),
    l('17:33:02', sup('[fd00:10::13]:9345 [fd00:10::12]:9345 [fd00:10::11]:9345')),
  ];
  const r = reportOf([{ path: 'ecs-w1/stderr.log', node: 'ecs-w1', role: 'agent', lines: w1 }]);

  test('one incident for the IPv6 server, opened by the list that drops it and closed by the list that has it again', () => {
    expect(r.incidents).toHaveLength(1);
    const inc = r.incidents[0];
    expect(inc.peer).toMatchObject({ address: 'fd00:10::12', role: 'server' });
    expect(inc.milestones.loadBalancerFailover?.time).toBe('2022-12-29T09:14:13.000Z');
    expect(inc.milestones.peerBack?.time).toBe('2022-12-29T09:33:02.000Z');
    expect(inc.timeline.filter((e) => e.kind === 'lb.servers').map((e) => e.detail.dropped)).toContainEqual(['[fd00:10::12]:9345']);
  });
});
