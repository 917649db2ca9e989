// Node and role from the path: Cloudera Manager process folders, Rancher bundles, host folders.
import { identify } from '../../src/read/identity';

describe('identify', () => {
  test.each([
    ['fixtures/ecs-server-down/feng-ws1.sme-feng.athens.cloudera.com/process/1546338947-ecs-ECS_SERVER/logs/stderr.log', 'feng-ws1.sme-feng.athens.cloudera.com', 'server', 'host folder'],
    ['bundle/ds04/process/1546338952-ecs-ECS_AGENT/logs/stderr.log.1', 'ds04', 'agent', 'host folder'],
    ['/tmp/x/ds03-2022-12-29_09_50_00/journald/rke2-server', 'ds03', 'server', 'Rancher bundle folder'],
    ['ds05-2022-12-29_09_50_00.tar.gz!ds05-2022-12-29_09_50_00/journald/rke2-agent', 'ds05', 'agent', 'Rancher bundle folder'],
    ['logs/pod-reaper/pod-reaper-27871780-tpwzm.log', null, 'reaper', null],
    ['stderr.log', null, 'unknown', null],
    ['/home/support/case-123/process/1546338947-ecs-ECS_SERVER/logs/stderr.log', null, 'server', null],
  ])('%s', (p, node, role, from) => {
    const id = identify(p);
    expect([id.node, id.role, id.nodeFrom]).toEqual([node, role, from]);
  });
  test('the Rancher folder name gives the reference year', () => {
    expect(identify('ds03-2023-01-02_00_10_00/journald/rke2-server').refYear).toBe(2023);
  });
});
