// Node life-cycle and control-plane waits (messages.md §2.4): context for the timeline.
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
];
