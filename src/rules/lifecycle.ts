// The node's own life cycle (node-lifecycle.md §1-§4, §7): its rke2/k3s service stopped, its host
// shut down or rebooted, booted, or ended uncleanly. Lines about other units or processes do not count.
// Examples are real lines (the comment above each rule names the paste; index ids as in
// node-lifecycle.md). Filled-in format strings, for wordings no public paste shows, use the host
// `node-1` and are named in `versions`.
import type { Rule } from './rule';
import { JOB, JOB_VERSIONS, UNIT, UNIT_NEEDLES, unitOf } from './units';

/** node.stopping: the rke2/k3s service (or its etcd) being stopped (§1). */
export const lifecycleRules: Rule[] = [
  // real examples: rke2#8945, rke2#259, k3s#4261
  {
    id: 'lifecycle.stop-requested',
    kind: 'node.stopping',
    versions: `systemd stop job for rke2-server / rke2-agent / 2020 rke2.service / k3s, k3s-agent (one description, unit null); the (agent) example is filled in; ${JOB_VERSIONS}`,
    needles: ['Stopping Rancher Kubernetes Engine', 'Stopping Lightweight Kubernetes', 'Stopping rke2', 'Stopping k3s'],
    match: new RegExp(String.raw`^Stopping ${JOB}(?:\.\.\.)?$`),
    peer: 'none',
    detail: (g) => ({ step: 'requested', unit: unitOf(g) }),
    examples: {
      match: [
        'Sep 17 18:16:24 systemd-node-001 systemd[1]: Stopping Rancher Kubernetes Engine v2 (server)...',
        'Sep 01 02:20:58 ip-172-31-46-33 systemd[1]: Stopping Rancher Kubernetes Engine v2...',
        'Oct 20 18:01:22 ubuntu systemd[1]: Stopping Lightweight Kubernetes...',
        'Jan 31 11:00:38 node-1 systemd[1]: Stopping Rancher Kubernetes Engine v2 (agent)...',
        'Sep 17 18:16:24 node-1 systemd[1]: Stopping rke2-server.service - Rancher Kubernetes Engine v2 (server)...',
        'May 28 06:50:32 node-1 systemd[1]: Stopping k3s-agent.service...',
      ],
      noMatch: [
        'Jan 31 06:49:25 *-04 systemd[1]: Stopping Rancher System Agent...',
        'Sep 29 11:16:23 node2.cluster.local systemd[1]: Stopping Session 3 of user core.',
        'Jul 18 11:02:31 rke-1-node01 systemd[1]: Starting Rancher Kubernetes Engine v2 (server)...',
        'Sep 17 18:16:24 node-1 systemd[1]: Stopping k3s-killall.service...',
      ],
    },
  },
  // real examples: rke2#8945
  {
    id: 'lifecycle.signal-received',
    kind: 'node.stopping',
    versions: 'wrangler v3 signal handler: k3s/RKE2 v1.32.0-v1.32.9 (1.33.0-1.33.5, 1.34.0-1.34.1 inferred); gone from v1.32.10 / v1.34.2 (debug only). rancher-system-agent uses the same handler',
    needles: ['signal received: '],
    match: /^signal received: "(?<signal>[a-z ]{1,20})", canceling context\.\.\.$/,
    peer: 'none',
    detail: () => ({ step: 'signal', unit: null }),
    examples: {
      match: ['Sep 17 18:16:24 systemd-node-001 rke2[226]: time="2025-09-17T18:16:24Z" level=warning msg="signal received: \\"terminated\\", canceling context..."'],
      noMatch: [
        'Sep 17 18:16:24 systemd-node-001 rke2[226]: time="2025-09-17T18:16:24Z" level=fatal msg="Error: context canceled"',
        '{"level":"info","ts":"2022-12-21T10:30:20.624Z","caller":"osutil/interrupt_unix.go:64","msg":"received signal; shutting down","signal":"terminated"}',
      ],
    },
  },
  // real examples: rke2#8945, k3s#3536; noMatch Harvester note (index id 30016438102)
  {
    id: 'lifecycle.controllers-shutdown',
    kind: 'node.stopping',
    versions: 'all (lasso "Shutting down %s workers"): one line per controller, all in the same second; rancher-system-agent (lasso too) writes the same',
    needles: ['Shutting down '],
    match: /^Shutting down (?<name>\S{0,120}(?:, Kind=[\w.-]{1,80})?) workers$/,
    peer: 'none',
    detail: () => ({ step: 'controllers', unit: null }),
    examples: {
      match: [
        'Sep 17 18:16:24 systemd-node-001 rke2[226]: time="2025-09-17T18:16:24Z" level=info msg="Shutting down k3s.cattle.io/v1, Kind=Addon workers"',
        'Sep 17 18:16:24 systemd-node-001 rke2[226]: time="2025-09-17T18:16:24Z" level=info msg="Shutting down /v1, Kind=Node workers"',
        'Jun 29 16:16:09 srini-Virtual-Machine k3s[25352]: time="2021-06-29T16:16:09.052700159+05:30" level=info msg="Shutting down /v1, Kind=Node workers"',
      ],
      noMatch: [
        'Jan 31 11:00:22 *-04 rancher-system-agent[7624]: time="2025-01-31T11:00:22Z" level=info msg="Starting /v1, Kind=Secret controller"',
        'Jun 18 20:15:42 f systemd[1]: Shutting down.',
      ],
    },
  },
  // real examples: rke2#259, rke2#8945, k3s#3536; noMatch CSDN RKE2 agent (index id 7057702197)
  {
    id: 'lifecycle.context-canceled',
    kind: 'node.stopping',
    versions: '"context canceled": RKE2 <= v1.31.11 / v1.32.7 / v1.33.3, k3s before 2021-09; "Error: context canceled": RKE2 v1.31.12-13, v1.32.8-9, v1.33.4-5, v1.34.1; later releases exit 0 silently',
    needles: ['level=fatal msg="context canceled"', 'level=fatal msg="Error: context canceled"'],
    match: /^(?:Error: )?context canceled$/,
    peer: 'none',
    detail: () => ({ step: 'exited', unit: null }),
    examples: {
      match: [
        'Sep 01 02:20:58 ip-172-31-46-33 rke2[13677]: time="2020-09-01T02:20:58Z" level=fatal msg="context canceled"',
        'Sep 17 18:16:24 systemd-node-001 rke2[226]: time="2025-09-17T18:16:24Z" level=fatal msg="Error: context canceled"',
        'Jun 29 16:16:09 srini-Virtual-Machine k3s[25352]: time="2021-06-29T16:16:09.054489768+05:30" level=fatal msg="context canceled"',
      ],
      noMatch: [
        'Jun 29 16:16:09 srini-Virtual-Machine k3s[25352]: time="2021-06-29T16:16:09.053461763+05:30" level=info msg="Proxy done" err="context canceled" url="wss://192.168.137.171:6443/v1-k3s/connect"',
        'Aug 07 00:11:02 kube-prom01 rke2[2179120]: time="2023-08-07T00:11:02+08:00" level=fatal msg="failed to extract runtime image: stream error: stream ID 1; INTERNAL_ERROR; received from peer"',
      ],
    },
  },
  // real examples: rke2#8945, rke2#259, k3s#3536, CSDN RKE2 agent; noMatch rancher-system-agent panic (index id 44394814853)
  {
    id: 'lifecycle.unit-exit',
    kind: 'node.stopping',
    versions: 'all; "main process exited" (lower case) in systemd 219, RHEL 7 (example filled in). Exit 1 ends a stop in the RKE2/k3s versions of lifecycle.context-canceled; without a stop job before it, it is a fatal error',
    needles: UNIT_NEEDLES,
    match: new RegExp(String.raw`^${UNIT}: [Mm]ain process exited, code=exited, status=(?!2/)(?<status>\d{1,3}/[A-Z_]{1,32})$`),
    peer: 'none',
    detail: (g) => ({ step: 'exited', unit: g.unit, status: g.status }),
    examples: {
      match: [
        'Sep 17 18:16:24 systemd-node-001 systemd[1]: rke2-server.service: Main process exited, code=exited, status=1/FAILURE',
        'Sep 01 02:20:58 ip-172-31-46-33 systemd[1]: rke2.service: Main process exited, code=exited, status=1/FAILURE',
        'Jun 29 16:16:09 srini-Virtual-Machine systemd[1]: k3s.service: Main process exited, code=exited, status=1/FAILURE',
        'Aug 07 00:11:02 kube-prom01 systemd[1]: rke2-agent.service: Main process exited, code=exited, status=1/FAILURE',
        'Jan 03 09:04:36 node-1 systemd[1]: k3s.service: main process exited, code=exited, status=1/FAILURE',
      ],
      noMatch: [
        'Oct 03 09:12:18 node-0 systemd[1]: rancher-system-agent.service: Main process exited, code=exited, status=2/INVALIDARGUMENT',
        'Aug 07 00:11:02 kube-prom01 systemd[1]: rke2-agent.service: Failed with result \'exit-code\'.',
        'Aug 25 11:10:11 atulya systemd[1]: mariadb.service: Main process exited, code=killed, status=9/KILL',
      ],
    },
  },
  // real examples: Harvester note, rke2#259, k3s#2249; noMatch komari-zig-agent#33
  {
    id: 'lifecycle.unit-stopped',
    kind: 'node.stopping',
    versions: `systemd stop job done (also inside a restart loop, after "Scheduled restart job"); ${JOB_VERSIONS}`,
    needles: ['Stopped Rancher Kubernetes Engine', 'Stopped Lightweight Kubernetes', 'Stopped rke2', 'Stopped k3s'],
    match: new RegExp(String.raw`^Stopped ${JOB}\.$`),
    peer: 'none',
    detail: (g) => ({ step: 'stopped', unit: unitOf(g) }),
    examples: {
      match: [
        'Jan 31 11:00:38 *-02 systemd[1]: Stopped Rancher Kubernetes Engine v2 (agent).',
        'Sep 01 02:20:58 ip-172-31-46-33 systemd[1]: Stopped Rancher Kubernetes Engine v2.',
        'Sep 15 00:05:24 cluster02 systemd[1]: Stopped Lightweight Kubernetes.',
        'Sep 17 18:16:24 node-1 systemd[1]: Stopped rke2-server.service - Rancher Kubernetes Engine v2 (server).',
      ],
      noMatch: [
        'Jan 31 06:49:25 *-04 systemd[1]: Stopped Rancher System Agent.',
        'Sep 06 13:40:10 racknerd-a711363 systemd[1]: Stopped komari-agent.service - Komari Agent Service.',
        'Nov 22 17:13:54 ecs-w1 rke2[988]: time="2023-11-22T17:13:54+08:00" level=info msg="Stopped tunnel to 10.0.0.12:9345"',
      ],
    },
  },
  // real examples: noMatch k3s#11480, Harvester note, index id 55536331485
  {
    id: 'lifecycle.unit-deactivated',
    kind: 'node.stopping',
    versions: 'systemd 248+ "Deactivated successfully.", 240-247 "Succeeded." (219-239: neither); only when rke2/k3s exits 0 (k3s 2021-09+, RKE2 v1.31.14+ / v1.32.10+ / v1.33.6+ / v1.34.2+). No public rke2/k3s line: filled-in format',
    needles: UNIT_NEEDLES,
    match: new RegExp(String.raw`^${UNIT}: (?:Deactivated successfully|Succeeded)\.$`),
    peer: 'none',
    detail: (g) => ({ step: 'stopped', unit: g.unit }),
    examples: {
      match: [
        'Sep 17 18:16:24 node-1 systemd[1]: rke2-server.service: Deactivated successfully.',
        'Aug 30 11:08:32 node-1 systemd[1]: k3s.service: Succeeded.',
      ],
      noMatch: [
        'Dec 19 18:29:55 ducer systemd[1]: run-k3s-containerd-io.containerd.runtime.v2.task-k8s.io-096b1d0ebbc12d1a226b7f58298359cdc39fba929215529d38296044e98b3e2f-rootfs.mount: Deactivated successfully.',
        'Jan 31 06:49:25 *-04 systemd[1]: rancher-system-agent.service: Deactivated successfully.',
        'Oct 05 12:02:43 wick systemd[1]: modprobe@configfs.service: Deactivated successfully.',
      ],
    },
  },
  // real examples: CRI pod log (index id 66884743276), kubeadm etcd (index id 9352607907)
  {
    id: 'lifecycle.etcd-signal',
    kind: 'node.stopping',
    versions: 'etcd 3.4-3.6 (RKE2 static pod log, standalone etcd): SIGTERM at host shutdown, or the kubelet restarting the pod',
    needles: ['received signal; shutting down'],
    match: /^received signal; shutting down$/,
    formats: ['zap-json'],
    peer: 'none',
    detail: () => ({ step: 'signal', unit: 'etcd' }),
    examples: {
      match: [
        '2022-02-05T00:56:02.302978572Z stderr F {"level":"info","ts":"2022-02-05T00:56:02.302Z","caller":"osutil/interrupt_unix.go:64","msg":"received signal; shutting down","signal":"terminated"}',
        '{"level":"info","ts":"2022-12-21T10:30:20.624Z","caller":"osutil/interrupt_unix.go:64","msg":"received signal; shutting down","signal":"terminated"}',
      ],
      noMatch: ['{"level":"info","ts":"2022-12-21T10:30:20.636Z","caller":"etcdserver/server.go:1465","msg":"skipped leadership transfer for single voting member cluster","local-member-id":"d975d9ebc69964b3","current-leader-member-id":"d975d9ebc69964b3"}'],
    },
  },
  // real examples: standalone etcd (index id 1706356843); noMatch k3s restore (index id 8867313876), index id 9352607907
  {
    id: 'lifecycle.etcd-closing',
    kind: 'node.stopping',
    versions: 'etcd 3.4-3.6 Close(): after a signal, or a failed start; not k3s\'s temporary restore etcd (data-dir tmp-etcd / etcd-tmp). Its advertise-peer-urls also give address.etcd-closing',
    needles: ['closing etcd server'],
    match: /^closing etcd server$/,
    formats: ['zap-json'],
    where: { '!data-dir': /(?:^|\/)(?:tmp-etcd|etcd-tmp)$/ },
    peer: 'none',
    detail: () => ({ step: 'stopped', unit: 'etcd' }),
    examples: {
      match: ['{"level":"info","ts":"2025-03-01T04:35:01.443088+0530","caller":"embed/etcd.go:408","msg":"closing etcd server","name":"node1","data-dir":"/tmp/etcd-node1","advertise-peer-urls":["http://127.0.0.1:2380"],"advertise-client-urls":["http://127.0.0.1:2379"]}'],
      noMatch: [
        '{"level":"info","ts":"2022-04-26T16:27:02.033+0800","caller":"embed/etcd.go:363","msg":"closing etcd server","name":"default","data-dir":"/k3s/data/server/db/tmp-etcd","advertise-peer-urls":["http://localhost:2380"],"advertise-client-urls":["http://localhost:2379"]}',
        '{"level":"info","ts":"2022-12-21T10:30:20.639Z","caller":"embed/etcd.go:375","msg":"closed etcd server","name":"k8s-master","data-dir":"/var/lib/etcd","advertise-peer-urls":["https://192.168.2.200:2380"],"advertise-client-urls":["https://192.168.2.200:2379"]}',
      ],
    },
  },
];
