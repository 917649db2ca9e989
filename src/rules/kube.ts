// Kubernetes control-plane and kubelet lines (messages.md §2.7-§2.9): controller-manager NotReady,
// evictions and recoveries in event, printf (up to 1.26) and structured forms; apiserver endpoint resets.
import type { LogRecord } from '../types';
import type { Rule } from './rule';
import { listOf } from './loadbalancer';

const KUBE_FORMATS = ['klog', 'journald', 'cri', 'syslog-iso'];

/** `ns/name` -> namespace and pod. */
function podRef(ref: string | undefined): { namespace: string | null; pod: string | null } {
  if (!ref) return { namespace: null, pod: null };
  const i = ref.indexOf('/');
  return i > 0 ? { namespace: ref.slice(0, i), pod: ref.slice(i + 1) } : { namespace: null, pod: ref };
}

const MARKING = /^Marking for deletion Pod (?<pod>\S{1,320})(?: from Node (?<node>\S{1,253}))?$/;

function markingDetail(text: string | undefined): { namespace: string | null; pod: string | null; node: string | null } {
  const m = MARKING.exec(text ?? '');
  return { ...podRef(m?.groups?.pod), node: m?.groups?.node ?? null };
}

const nodeField = (g: Record<string, string>, r: LogRecord): string | null => g.name ?? r.fields.node ?? r.fields.object ?? null;

export const kubeRules: Rule[] = [
  {
    id: 'apiserver.endpoints',
    kind: 'apiserver.endpoints',
    versions: 'kube-apiserver v1.19-master (lease reconciler): "Resetting endpoints for master service %q to %v"',
    needles: ['Resetting endpoints for master service'],
    formats: KUBE_FORMATS,
    match: /^Resetting endpoints for master service "(?<svc>[^"]{1,100})" to \[(?<list>[^\]]{0,2000})\]$/,
    peer: 'none',
    detail: (g) => ({ service: g.svc, ips: listOf(g.list) }),
    examples: {
      match: [
        'W1229 09:13:52.101734       1 lease.go:233] Resetting endpoints for master service "kubernetes" to [10.0.0.11 10.0.0.13]',
        '2025-08-23T03:04:01.778777471Z stderr F W0823 03:04:01.778597       1 lease.go:265] Resetting endpoints for master service "kubernetes" to [172.30.1.2]',
      ],
      noMatch: ['I1229 09:13:52.101734       1 controller.go:611] quota admission added evaluator for: endpoints'],
    },
  },
  {
    id: 'kube.node-not-ready',
    kind: 'node.not-ready',
    versions: 'kube-controller-manager event log (V(0) up to 1.28): reason="NodeNotReady" on a Node',
    needles: ['NodeNotReady'],
    formats: KUBE_FORMATS,
    match: /^Event occurred$/,
    where: { kind: /^Node$/, reason: /^NodeNotReady$/ },
    peer: 'none',
    detail: (_g, r) => ({ nodeName: r.fields.object ?? null }),
    examples: {
      match: ['I1229 09:14:09.413202       1 event.go:291] "Event occurred" object="ecs-m2" kind="Node" apiVersion="v1" type="Normal" reason="NodeNotReady" message="Node ecs-m2 status is now: NodeNotReady"'],
      noMatch: ['I1122 09:14:09.413202       1 event.go:294] "Event occurred" object="default/web-5d8f7c9b6-x2x7q" kind="Pod" apiVersion="v1" type="Warning" reason="NodeNotReady" message="Node is not ready"'],
    },
  },
  {
    id: 'kube.taint-eviction',
    kind: 'pod.evicting',
    versions: '<=1.20 "NoExecuteTaintManager is deleting Pod: ns/p"; 1.21-1.28 structured; 1.29+ taint-eviction-controller "Deleting pod"',
    needles: ['NoExecuteTaintManager is deleting', 'taint-eviction-controller'],
    formats: KUBE_FORMATS,
    match: /^(?:NoExecuteTaintManager is deleting (?:pod|Pod: (?<pod>\S{1,320}))|Deleting pod)$/,
    peer: 'none',
    detail: (g, r) => {
      const ref = g.pod ?? r.fields.pod ?? '';
      const [ns, name] = ref.includes('/') ? ref.split('/', 2) : [null, ref];
      return { namespace: ns, pod: name };
    },
    examples: {
      match: [
        'I1229 09:19:10.002311       1 taint_manager.go:106] "NoExecuteTaintManager is deleting pod" pod="cdp/impala-executor-000-0"',
        'I0820 09:19:10.002311       1 taint_eviction.go:112] "Deleting pod" controller="taint-eviction-controller" pod="cdp/impala-executor-000-0"',
      ],
      noMatch: ['I1020 09:19:10.002590       1 event.go:307] "Event occurred" object="cdp/impala-executor-000-0" fieldPath="" kind="Pod" apiVersion="v1" type="Normal" reason="TaintManagerEviction" message="Marking for deletion Pod cdp/impala-executor-000-0"'],
    },
  },
  {
    id: 'kube.node-taint-queue',
    kind: 'node.not-ready',
    versions: 'kcm node lifecycle, V(2): printf <=1.26 "Node %v is unresponsive as of %v. Adding it to the Taint queue."; structured 1.27+',
    needles: ['Adding it to the Taint queue'],
    formats: KUBE_FORMATS,
    match: /^(?:Node (?<name>\S{1,253}) is (?<state>unresponsive|NotReady) as of .{1,120}\. Adding it to the Taint queue\.|Node is (?<state2>unresponsive|NotReady)\. Adding it to the Taint queue)$/,
    peer: 'none',
    detail: (g, r) => ({ nodeName: nodeField(g, r), state: g.state ?? g.state2, taintQueue: true }),
    examples: {
      match: [
        'I1229 09:14:12.203301       1 node_lifecycle_controller.go:1029] Node ecs-m2 is unresponsive as of 2022-12-29 09:14:12.203291234 +0000 UTC m=+8812.381462913. Adding it to the Taint queue.',
        'I0820 09:13:52.219001       1 node_lifecycle_controller.go:1120] "Node is unresponsive. Adding it to the Taint queue" node="ecs-m2" timeStamp="2026-08-20 09:13:52.218871234 +0000 UTC m=+8812.381462913"',
      ],
      noMatch: ['I1229 09:14:12.203301       1 node_lifecycle_controller.go:1029] Node ecs-m2 is healthy again, removing all taints'],
    },
  },
  {
    id: 'kube.node-not-ready-printf',
    kind: 'node.not-ready',
    versions: 'kcm event log <=1.19 printf: Event(v1.ObjectReference{Kind:"Node",...}): type: \'Normal\' reason: \'NodeNotReady\'',
    needles: ["reason: 'NodeNotReady'"],
    formats: KUBE_FORMATS,
    match: /^Event\(v1\.ObjectReference\{Kind:"Node", Namespace:"[^"]{0,63}", Name:"(?<name>[^"]{1,253})".{0,400}?\): type: 'Normal' reason: 'NodeNotReady' /,
    peer: 'none',
    detail: (g) => ({ nodeName: g.name }),
    examples: {
      match: ['I1229 09:14:09.413202       1 event.go:291] Event(v1.ObjectReference{Kind:"Node", Namespace:"", Name:"ecs-m2", UID:"4d1c2b3a-1111-2222-3333-444455556666", APIVersion:"", ResourceVersion:"", FieldPath:""}): type: \'Normal\' reason: \'NodeNotReady\' Node ecs-m2 status is now: NodeNotReady'],
      noMatch: ['I1229 09:14:09.413202       1 event.go:291] Event(v1.ObjectReference{Kind:"Pod", Namespace:"cdp", Name:"web-0", UID:"4d1c2b3a-1111-2222-3333-444455556666", APIVersion:"v1", ResourceVersion:"1", FieldPath:""}): type: \'Warning\' reason: \'NodeNotReady\' Node is not ready'],
    },
  },
  {
    id: 'kube.node-healthy',
    kind: 'node.ready',
    versions: 'kcm V(2): printf "Node %s is healthy again, removing all taints"; 1.28 structured; master "removed all taints"',
    needles: ['is healthy again'],
    formats: KUBE_FORMATS,
    match: /^(?:Node (?<name>\S{1,253}) is healthy again, removing all taints|Node is healthy again, remov(?:ing|ed) all taints)$/,
    peer: 'none',
    detail: (g, r) => ({ nodeName: nodeField(g, r) }),
    examples: {
      match: [
        'I1229 09:32:58.771002       1 node_lifecycle_controller.go:1096] Node ecs-m2 is healthy again, removing all taints',
        'I1020 09:32:58.771002       1 node_lifecycle_controller.go:1118] "Node is healthy again, removing all taints" node="ecs-m2"',
      ],
      noMatch: ['I1229 09:14:12.203301       1 node_lifecycle_controller.go:1029] Node ecs-m2 is unresponsive as of 2022-12-29 09:14:12.203291234 +0000 UTC m=+8812.381462913. Adding it to the Taint queue.'],
    },
  },
  {
    id: 'kube.node-ready-event',
    kind: 'node.ready',
    versions: 'kcm event log (V(0) up to 1.28): reason="NodeReady" on a Node',
    needles: ['NodeReady'],
    formats: KUBE_FORMATS,
    match: /^Event occurred$/,
    where: { kind: /^Node$/, reason: /^NodeReady$/ },
    peer: 'none',
    detail: (_g, r) => ({ nodeName: r.fields.object ?? null }),
    examples: {
      match: ['I1229 09:32:58.771310       1 event.go:291] "Event occurred" object="ecs-m2" kind="Node" apiVersion="v1" type="Normal" reason="NodeReady" message="Node ecs-m2 status is now: NodeReady"'],
      noMatch: ['I1229 09:14:09.413202       1 event.go:291] "Event occurred" object="ecs-m2" kind="Node" apiVersion="v1" type="Normal" reason="NodeNotReady" message="Node ecs-m2 status is now: NodeNotReady"'],
    },
  },
  {
    id: 'kube.eviction-event',
    kind: 'pod.evicting',
    versions: 'kcm event log (V(0) up to 1.28): TaintManagerEviction / NodeControllerEviction "Marking for deletion Pod %s [from Node %s]"',
    needles: ['Marking for deletion Pod'],
    formats: KUBE_FORMATS,
    match: /^Event occurred$/,
    where: { reason: /^(?:TaintManagerEviction|NodeControllerEviction)$/, message: /^Marking for deletion Pod / },
    peer: 'none',
    detail: (_g, r) => ({ ...markingDetail(r.fields.message), reason: r.fields.reason }),
    examples: {
      match: ['I1020 09:19:10.002590       1 event.go:307] "Event occurred" object="cdp/impala-executor-000-0" fieldPath="" kind="Pod" apiVersion="v1" type="Normal" reason="TaintManagerEviction" message="Marking for deletion Pod cdp/impala-executor-000-0"'],
      noMatch: ['I1020 09:24:10.002590       1 event.go:307] "Event occurred" object="cdp/impala-executor-000-0" fieldPath="" kind="Pod" apiVersion="v1" type="Normal" reason="TaintManagerEviction" message="Cancelling deletion of Pod cdp/impala-executor-000-0"'],
    },
  },
  {
    id: 'kube.eviction-printf',
    kind: 'pod.evicting',
    versions: 'kcm <=1.26 printf events: reason \'NodeControllerEviction\' / \'TaintManagerEviction\' Marking for deletion Pod %s [from Node %s]',
    needles: ['Marking for deletion Pod'],
    formats: KUBE_FORMATS,
    match: /^Event\(v1\.ObjectReference\{Kind:"Pod".{0,600}?\): type: 'Normal' reason: '(?<reason>NodeControllerEviction|TaintManagerEviction)' (?<text>Marking for deletion Pod \S{1,320}(?: from Node \S{1,253})?)$/,
    peer: 'none',
    detail: (g) => ({ ...markingDetail(g.text), reason: g.reason }),
    examples: {
      match: ['I1229 09:19:10.002590       1 event.go:291] Event(v1.ObjectReference{Kind:"Pod", Namespace:"cdp", Name:"impala-executor-000-0", UID:"9a8b7c6d-1111-2222-3333-444455556666", APIVersion:"v1", ResourceVersion:"88231", FieldPath:""}): type: \'Normal\' reason: \'NodeControllerEviction\' Marking for deletion Pod impala-executor-000-0 from Node ecs-m2'],
      noMatch: ['I1229 09:24:10.002590       1 event.go:291] Event(v1.ObjectReference{Kind:"Pod", Namespace:"cdp", Name:"impala-executor-000-0", UID:"9a8b7c6d-1111-2222-3333-444455556666", APIVersion:"v1", ResourceVersion:"88231", FieldPath:""}): type: \'Normal\' reason: \'TaintManagerEviction\' Cancelling deletion of Pod cdp/impala-executor-000-0'],
    },
  },
  {
    id: 'kubelet.registered',
    kind: 'node.starting',
    versions: 'kubelet printf <=1.20 and structured 1.21+: "Attempting to register node", "Successfully registered node", "Node was previously registered"',
    needles: ['register node', 'registered node', 'was previously registered'],
    formats: KUBE_FORMATS,
    match: /^(?:(?<attempt>Attempting to register node)|Successfully registered node|Node (?:\S{1,253} )?was previously registered)(?: (?<name>\S{1,253}))?$/,
    peer: 'none',
    detail: (g, r) => ({ phase: g.attempt ? 'registering' : 'registered', program: 'kubelet', nodeName: nodeField(g, r) }),
    examples: {
      match: [
        'I1229 17:32:52.118220    4012 kubelet_node_status.go:71] "Attempting to register node" node="ecs-m2"',
        'I1229 17:32:52.301991    4012 kubelet_node_status.go:109] "Successfully registered node" node="ecs-m2"',
        'I1229 17:32:52.301991    4012 kubelet_node_status.go:74] Successfully registered node ecs-m2',
      ],
      noMatch: ['E1229 17:13:50.228541    4012 kubelet_node_status.go:540] "Error updating node status, will retry" err="error getting node \\"ecs-w1\\": context deadline exceeded"'],
    },
  },
  {
    id: 'kubelet.status-error',
    kind: 'apiserver.waiting',
    versions: 'kubelet all: "Error updating node status, will retry", "Unable to update node status" (this node cannot reach the apiserver)',
    needles: ['Error updating node status', 'Unable to update node status'],
    formats: KUBE_FORMATS,
    match: /^(?:Error updating node status, will retry|Unable to update node status)/,
    peer: 'none',
    detail: (_g, r) => ({ program: 'kubelet', error: r.fields.err ?? null }),
    examples: {
      match: [
        'E1020 17:13:50.228541    4012 kubelet_node_status.go:540] "Error updating node status, will retry" err="error getting node \\"ecs-w1\\": Get \\"https://127.0.0.1:6443/api/v1/nodes/ecs-w1?timeout=10s\\": context deadline exceeded"',
        'E1229 17:14:40.228541    4012 kubelet_node_status.go:448] Error updating node status, will retry: error getting node "ecs-w1": Get "https://127.0.0.1:6443/api/v1/nodes/ecs-w1?timeout=10s": context deadline exceeded',
      ],
      noMatch: ['I1229 17:32:52.301991    4012 kubelet_node_status.go:74] Successfully registered node ecs-m2'],
    },
  },
];
