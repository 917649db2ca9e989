// The one step that finishes an input: node per line in a paste of several journals, the
// pod-reaper's lines in such a paste are no host's, --node only for inputs nothing else names.
import { readLines } from '../../src/read/memory';

const lr = (hms: string, msg: string) => `time="2022-12-29T${hms}+08:00" level=info msg="${msg}"`;
const j = (host: string, hms: string, msg: string) => `Dec 29 ${hms} ${host} rke2[988]: ${lr(hms, msg)}`;

const PASTE = [
  j('ecs-w1', '17:13:37', 'Stopped tunnel to 10.0.0.12:9345'),
  j('ecs-w2', '17:13:38', 'Stopped tunnel to 10.0.0.12:9345'),
  j('ecs-w2', '17:14:13', 'Updating load balancer rke2-agent-load-balancer server addresses -> [10.0.0.11:9345]'),
  'Thu Dec 29 09:40:02 UTC 2022 Force delete pod hiveserver2-0 in namespace compute-hive01 with deletion timestamp: 2022-12-29T09:20:25Z',
];

test('a paste of several nodes\' journals: each line is its own host\'s', () => {
  const r = readLines([{ path: '<stdin>', lines: PASTE }]);
  expect(r.events.map((e) => [e.kind, e.node, e.role])).toEqual([
    ['tunnel.stopped', 'ecs-w1', 'unknown'],
    ['tunnel.stopped', 'ecs-w2', 'agent'],
    ['lb.servers', 'ecs-w2', 'agent'],
    ['reaper.force-delete', null, 'reaper'],
  ]);
});

test('--node names an input whose path and lines do not, and no other', () => {
  const r = readLines([
    { path: '<stdin>', lines: [lr('17:13:37', 'Stopped tunnel to 10.0.0.12:9345')] },
    { path: 'ecs-m1-2022-12-29_10_00_00/journald/rke2-server', lines: [lr('17:13:37', 'Stopped tunnel to 10.0.0.12:9345')] },
  ], { node: 'ecs-w9' });
  expect(r.inputs.map((i) => i.node)).toEqual(['ecs-w9', 'ecs-m1']);
});
