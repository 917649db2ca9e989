// QA: two agents die 3 minutes apart and only the pod-reaper output and the controller-manager
// log are given. Each node's pods share the deletion time its NotReady event predicts, so the
// reaper-only cluster splits into one named incident per node; without NotReady it stays whole.
import { reportOf } from '../support/scan';
import { reaperRun } from '../support/lines';

const notReady = (hms: string, node: string) => `I1229 ${hms}.413202       1 event.go:291] "Event occurred" object="${node}" kind="Node" apiVersion="v1" type="Normal" reason="NodeNotReady" message="Node ${node} status is now: NodeNotReady"`;
const kcm = [notReady('09:14:17', 'ecs-w2'), notReady('09:17:20', 'ecs-w3')];
// ecs-w2's pods go Terminating at 09:19:47 (NotReady + 300 s + 30 s), ecs-w3's at 09:22:50
const reaper = [
  ...reaperRun('Thu Dec 29 09:30:01 UTC 2022', [['impala-impala01', 'impala-executor-000-0', '2022-12-29T09:19:47Z'], ['cdp', 'echoserver-9dfbcd89b-h6z4n', '2022-12-29T09:19:47Z']]),
  ...reaperRun('Thu Dec 29 09:40:01 UTC 2022', [['compute-hive01', 'hiveserver2-1', '2022-12-29T09:22:50Z']]),
];

describe('two agents down 3 minutes apart, reaper and controller-manager logs only', () => {
  const r = reportOf([{ path: 'reaper.log', lines: reaper }, { path: 'kcm/0.log', node: 'ecs-m1', role: 'server', lines: kcm, year: 2022 }]);
  test('one estimated incident per node, named by its NotReady event, with its own pods', () => {
    expect(r.incidents.map((i) => [i.peer.node, i.start, i.estimatedStart, i.pods.map((p) => p.name).sort()])).toEqual([
      ['ecs-w2', '2022-12-29T09:13:37.000Z', true, ['echoserver-9dfbcd89b-h6z4n', 'impala-executor-000-0']],
      ['ecs-w3', '2022-12-29T09:16:40.000Z', true, ['hiveserver2-1']],
    ]);
    expect(r.incidents.map((i) => i.milestones.nodeNotReady?.time)).toEqual(['2022-12-29T09:14:17.413Z', '2022-12-29T09:17:20.413Z']);
  });
});

describe('the same pods without the controller-manager log', () => {
  const r = reportOf([{ path: 'reaper.log', lines: reaper }]);
  test('one unnamed incident: nothing tells the nodes apart', () => {
    expect(r.incidents.map((i) => [i.peer.node, i.pods.length])).toEqual([[null, 3]]);
  });
});
