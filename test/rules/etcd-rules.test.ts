// etcd, kube-apiserver, controller-manager and kubelet rules: the table stays clean, and real
// reference lines (messages.md §2.5-§2.9, §4) yield the right kind, peer and detail.
import { checkRules, rulesFor } from '../../src/rules/validate';
import { classify } from '../../src/rules/classify';
import { cleanLine, parseLine } from '../../src/formats/registry';
import type { Event } from '../../src/types';

function eventsOf(line: string): Event[] {
  const text = cleanLine(line);
  const rec = parseLine(text);
  if (!rec) throw new Error(`no format parses: ${line}`);
  return classify(rec, { path: 't', line: 1, raw: text, node: 'ecs-m1', role: 'server', source: 0, time: rec.time });
}

describe('rule table', () => {
  it('has no errors (each match example yields exactly its rule)', () => {
    expect(checkRules()).toEqual([]);
  });
});

describe('etcd server lines, all three ts styles', () => {
  it('3.4 ms ts: peer lost without an address keeps the member id as peer', () => {
    const [e] = eventsOf('{"level":"warn","ts":"2022-12-29T09:13:27.906Z","caller":"rafthttp/stream.go:436","msg":"lost TCP streaming connection with remote peer","stream-reader-type":"stream MsgApp v2","local-member-id":"8e9e05c52164694d","remote-peer-id":"9ed8c8a5b9b4bd3c","error":"unexpected EOF"}');
    expect(e.kind).toBe('etcd.peer-unreachable');
    expect(e.peer).toBe('9ed8c8a5b9b4bd3c');
    expect(e.detail).toMatchObject({ peerId: '9ed8c8a5b9b4bd3c', peerAddr: null });
    expect(new Date(e.time!).toISOString()).toBe('2022-12-29T09:13:27.906Z');
  });
  it('3.5.9 trimmed ts: the dial error reveals the peer address', () => {
    const [e] = eventsOf('{"level":"warn","ts":"2023-11-22T09:13:27.9051Z","caller":"rafthttp/peer_status.go:66","msg":"peer became inactive (message send to peer failed)","peer-id":"9ed8c8a5b9b4bd3c","error":"failed to dial 9ed8c8a5b9b4bd3c on stream Message (dial tcp 10.0.0.12:2380: connect: connection refused)"}');
    expect(e.peer).toBe('10.0.0.12:2380');
    expect(e.detail).toMatchObject({ peerId: '9ed8c8a5b9b4bd3c', peerAddr: '10.0.0.12:2380' });
    expect(new Date(e.time!).toISOString()).toBe('2023-11-22T09:13:27.905Z');
  });
  it('3.6 fixed-µs ts: leader elected is context without a peer', () => {
    const [e] = eventsOf('{"level":"info","ts":"2026-08-20T09:13:29.640100Z","logger":"raft","caller":"v3@v3.6.0/raft.go:970","msg":"8e9e05c52164694d became leader at term 6"}');
    expect(e.kind).toBe('etcd.leader-changed');
    expect(e.peer).toBeNull();
    expect(e.detail).toMatchObject({ change: 'became', leader: '8e9e05c52164694d', term: 6 });
    expect(new Date(e.time!).toISOString()).toBe('2026-08-20T09:13:29.640Z');
  });
  it('lost leader names the old leader as peer', () => {
    const [e] = eventsOf('{"level":"info","ts":"2023-11-22T09:13:28.612804Z","logger":"raft","caller":"etcdserver/zap_raft.go:77","msg":"raft.node: 8e9e05c52164694d lost leader 9ed8c8a5b9b4bd3c at term 5"}');
    expect(e.peer).toBe('9ed8c8a5b9b4bd3c');
    expect(e.detail).toMatchObject({ change: 'lost', peerId: '9ed8c8a5b9b4bd3c' });
  });
  it('peer back and promoted learner', () => {
    expect(eventsOf('{"level":"info","ts":"2023-11-22T09:32:44.77302Z","caller":"rafthttp/peer_status.go:53","msg":"peer became active","peer-id":"9ed8c8a5b9b4bd3c"}').map((e) => [e.kind, e.peer])).toEqual([['etcd.peer-back', '9ed8c8a5b9b4bd3c']]);
    expect(eventsOf('Nov 22 17:33:02 ecs-m1 rke2[1532]: time="2023-11-22T17:33:02+08:00" level=info msg="Promoted learner ecs-m2-5e6f7a8b"').map((e) => [e.kind, e.peer])).toEqual([['etcd.member-promoted', 'ecs-m2-5e6f7a8b']]);
  });
  it('etcd-client retry inside the rke2 journal is etcd.waiting, with the host zone', () => {
    const [e] = eventsOf('Nov 22 17:13:41 ecs-m1 rke2[1532]: {"level":"warn","ts":"2023-11-22T17:13:41.233417+0800","logger":"etcd-client","caller":"v3@v3.5.9-k3s1/retry_interceptor.go:62","msg":"retrying of unary invoker failed","target":"etcd-endpoints://0xc000ad6000/127.0.0.1:2379","attempt":0,"error":"rpc error: code = DeadlineExceeded desc = context deadline exceeded"}');
    expect(e.kind).toBe('etcd.waiting');
    expect(new Date(e.time!).toISOString()).toBe('2023-11-22T09:13:41.233Z');
  });
});

describe('kube-apiserver, controller-manager and kubelet wordings', () => {
  it('apiserver endpoint reset carries the IP list', () => {
    const [e] = eventsOf('W1229 09:13:52.101734       1 lease.go:233] Resetting endpoints for master service "kubernetes" to [10.0.0.11 10.0.0.13]');
    expect(e.kind).toBe('apiserver.endpoints');
    expect(e.kind === 'apiserver.endpoints' && e.detail.ips).toEqual(['10.0.0.11', '10.0.0.13']);
  });
  it.each([
    ['I1229 09:14:12.203301       1 node_lifecycle_controller.go:1029] Node ecs-m2 is unresponsive as of 2022-12-29 09:14:12.203291234 +0000 UTC m=+8812.381462913. Adding it to the Taint queue.', 'node.not-ready', 'ecs-m2'],
    ['I0820 09:13:52.219001       1 node_lifecycle_controller.go:1120] "Node is unresponsive. Adding it to the Taint queue" node="ecs-m2" timeStamp="2026-08-20 09:13:52.218871234 +0000 UTC m=+8812.381462913"', 'node.not-ready', 'ecs-m2'],
    ['I1229 09:14:09.413202       1 event.go:291] "Event occurred" object="ecs-m2" kind="Node" apiVersion="v1" type="Normal" reason="NodeNotReady" message="Node ecs-m2 status is now: NodeNotReady"', 'node.not-ready', 'ecs-m2'],
    ['I1229 09:32:58.771002       1 node_lifecycle_controller.go:1096] Node ecs-m2 is healthy again, removing all taints', 'node.ready', 'ecs-m2'],
  ])('%s', (line, kind, node) => {
    const evs = eventsOf(line);
    expect(evs.map((e) => e.kind)).toEqual([kind]);
    expect((evs[0].detail as { nodeName?: string }).nodeName).toBe(node);
  });
  it('taint evictions in every wording name the pod', () => {
    const lines = [
      'I1229 09:19:10.002311       1 taint_manager.go:106] "NoExecuteTaintManager is deleting pod" pod="cdp/impala-executor-000-0"',
      'I1020 09:19:10.002590       1 event.go:307] "Event occurred" object="cdp/impala-executor-000-0" fieldPath="" kind="Pod" apiVersion="v1" type="Normal" reason="TaintManagerEviction" message="Marking for deletion Pod cdp/impala-executor-000-0"',
      'I0820 09:19:10.002311       1 taint_eviction.go:112] "Deleting pod" controller="taint-eviction-controller" pod="cdp/impala-executor-000-0"',
    ];
    for (const l of lines) {
      const evs = eventsOf(l);
      expect(evs.map((e) => e.kind)).toEqual(['pod.evicting']);
      expect(evs[0].detail).toMatchObject({ namespace: 'cdp', pod: 'impala-executor-000-0' });
    }
    const printf = eventsOf('I1229 09:19:10.002590       1 event.go:291] Event(v1.ObjectReference{Kind:"Pod", Namespace:"cdp", Name:"impala-executor-000-0", UID:"9a8b7c6d-1111-2222-3333-444455556666", APIVersion:"v1", ResourceVersion:"88231", FieldPath:""}): type: \'Normal\' reason: \'NodeControllerEviction\' Marking for deletion Pod impala-executor-000-0 from Node ecs-m2');
    expect(printf[0].detail).toMatchObject({ pod: 'impala-executor-000-0', node: 'ecs-m2' });
  });
  it('kubelet registration is a node start; status errors are waits', () => {
    expect(rulesFor('I1229 17:32:52.301991    4012 kubelet_node_status.go:109] "Successfully registered node" node="ecs-m2"')).toEqual(['kubelet.registered']);
    expect(rulesFor('E1020 17:13:50.228541    4012 kubelet_node_status.go:540] "Error updating node status, will retry" err="error getting node \\"ecs-w1\\": context deadline exceeded"')).toEqual(['kubelet.status-error']);
  });
});
