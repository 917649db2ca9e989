// Node life-cycle and control-plane waits (messages.md §2.4, §2.8): context for the timeline.
import type { Rule } from './rule';

export const nodeRules: Rule[] = [
  {
    id: 'node.starting',
    kind: 'node.starting',
    versions: 'all: "Starting rke2 [agent] <ver>", "rke2 [agent] is up and running" (k3s likewise)',
    needles: ['Starting rke2', 'Starting k3s', 'is up and running', 'Getting list of apiserver endpoints from server'],
    match: /^(?:Starting (?<prog>rke2|k3s)(?: agent)? v\S{1,80}|(?<prog2>rke2|k3s)(?: agent)? is up and running|Getting list of apiserver endpoints from server)/,
    peer: 'none',
    detail: (g, r) => ({ phase: r.msg.includes('up and running') ? 'up' : 'starting', program: g.prog ?? g.prog2 }),
    examples: {
      match: ['time="2022-12-29T17:32:31+08:00" level=info msg="Starting rke2 v1.21.14+rke2r1 (a1b2c3d4)"', 'time="2022-12-29T17:33:05+08:00" level=info msg="rke2 is up and running"'],
      noMatch: ['time="2022-12-29T17:32:31+08:00" level=info msg="Starting etcd for existing cluster member"'],
    },
  },
  {
    id: 'node.reboot',
    kind: 'node.reboot',
    versions: 'journalctl boot separator',
    needles: ['-- Reboot --', '-- Boot '],
    formats: ['journald-marker'],
    match: /^(?:Reboot|Boot [0-9a-f]{1,64})$/,
    peer: 'none',
    examples: { match: ['-- Reboot --'], noMatch: ['-- Logs begin at Thu 2022-12-22 10:00:01 CST, end at Thu 2022-12-29 17:50:00 CST. --'] },
  },
  {
    id: 'apiserver.waiting',
    kind: 'apiserver.waiting',
    versions: '21-28* "Waiting for API server", "APIServer isn\'t ready yet"; 29e+ "Polling for API server readiness"; agents "Waiting to retrieve agent configuration"',
    needles: ['Waiting for API server', "APIServer isn't ready yet", 'Polling for API server readiness', 'Waiting to retrieve agent configuration', 'Waiting to retrieve kube-proxy configuration', 'Failed to get apiserver addresses from supervisor', 'Failed to validate server token', 'Tunnel context canceled while waiting', 'Tunnel watches failed to wait'],
    match: /^(?:Waiting for API server to become available|APIServer isn't ready yet|Polling for API server readiness: GET \/readyz failed: (?!status unchanged)|Waiting to retrieve (?:agent|kube-proxy) configuration; server is not ready|Failed to get apiserver addresses from supervisor|Failed to validate server token|Tunnel context canceled while waiting for connection|Tunnel watches failed to wait for apiserver ready)/,
    peer: 'none',
    examples: {
      match: [
        'time="2022-12-29T17:14:20+08:00" level=warning msg="APIServer isn\'t ready yet: [+]ping ok\\n[-]etcd failed: reason withheld\\nreadyz check failed. Waiting a little while."',
        'Aug 20 17:14:02 ecs-w1 rke2[988]: time="2026-08-20T17:14:02+08:00" level=info msg="Polling for API server readiness: GET /readyz failed: Get \\"https://127.0.0.1:6443/readyz?verbose=\\": context deadline exceeded"',
      ],
      noMatch: ['time="2026-08-20T17:14:02+08:00" level=debug msg="Polling for API server readiness: GET /readyz failed: status unchanged"'],
    },
  },
  {
    id: 'etcd.waiting',
    kind: 'etcd.waiting',
    versions: '21-28* "Waiting for etcd server to become available"; all "Failed to check local etcd status for learner management"',
    needles: ['Waiting for etcd server', 'Failed to check local etcd status', 'Failed to get etcd members'],
    match: /^(?:Waiting for etcd server to become available|Failed to check local etcd status for learner management|Failed to get etcd members for learner management)/,
    peer: 'none',
    examples: {
      match: ['time="2022-12-29T17:14:20+08:00" level=error msg="Failed to check local etcd status for learner management: context deadline exceeded"'],
      noMatch: ['time="2022-12-29T17:14:20+08:00" level=info msg="Starting etcd for existing cluster member"'],
    },
  },
  {
    id: 'kube.node-not-ready',
    kind: 'node.not-ready',
    versions: 'kube-controller-manager event log (V(0) up to 1.28): reason="NodeNotReady" on a Node',
    needles: ['NodeNotReady'],
    formats: ['klog', 'journald', 'cri'],
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
    formats: ['klog', 'journald', 'cri'],
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
];
