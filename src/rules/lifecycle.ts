// The node's own life cycle (node-lifecycle.md §1-§4, §7): its rke2/k3s service stopped, its host
// shut down or rebooted, booted, or ended uncleanly. Lines about other units or processes do not count.
// Examples are real lines (the comment above each rule names the paste; index ids as in
// node-lifecycle.md). Filled-in format strings, for wordings no public paste shows, use the host
// `node-1` and are named in `versions`.
import type { Rule } from './rule';

/** The rke2/k3s units as systemd names them in `<unit>: ...` lines. */
const UNIT = String.raw`(?<unit>rke2-server|rke2-agent|rke2|k3s-agent|k3s)\.service`;
const UNIT_NEEDLES = ['rke2-server.service: ', 'rke2-agent.service: ', 'rke2.service: ', 'k3s.service: ', 'k3s-agent.service: '];
/** The unit in a systemd job line: its name, or what its description tells (rke2 server/agent, 2020 `rke2`, k3s: null). */
const JOB = String.raw`(?:${UNIT}(?: - (?:Rancher Kubernetes Engine v2(?: \((?:server|agent)\))?|Lightweight Kubernetes))?|(?<rke>Rancher Kubernetes Engine v2)(?: \((?<role>server|agent)\))?|Lightweight Kubernetes)`;
/** A dmesg / kmsg time prefix, as kernel lines carry it outside the journal. */
const KMSG = String.raw`(?:\[ {0,12}\d{1,10}\.\d{1,9}\] )?`;

const unitOf = (g: Record<string, string>): string | null => g.unit ?? (g.role ? `rke2-${g.role}` : g.rke ? 'rke2' : null);
const JOB_VERSIONS = 'description form in all systemd builds; "<unit>.service - <description>" with StatusUnitFormat=combined (systemd 249+, e.g. Ubuntu 24.04) and "<unit>.service" with =name [src, filled-in examples]';

/** node.stopping: the rke2/k3s service (or its etcd) being stopped (§1). */
const stopping: Rule[] = [
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

/** Where the host goes, by the verb or target a line names; anything else (shutdown.target, "shutting down") is unknown. */
const TO: Record<string, 'reboot' | 'poweroff' | 'halt' | 'unknown'> = {
  rebooting: 'reboot', reboot: 'reboot', kexec: 'reboot', 'Reboot via kexec': 'reboot', Reboot: 'reboot',
  'powering down': 'poweroff', 'power off': 'poweroff', poweroff: 'poweroff', 'Power-Off': 'poweroff', 'Power Off': 'poweroff', 'Powering Off': 'poweroff', 'Powering off': 'poweroff',
  halting: 'halt', halt: 'halt', Halt: 'halt', 'Halting system': 'halt', Rebooting: 'reboot', 'Rebooting with kexec': 'reboot',
};
const toOf = (word: string | undefined) => (word && TO[word]) || 'unknown';

/** host.shutdown: the host going down on request (§2), from logind's request to journald's last words. */
const host: Rule[] = [
  // real examples: ferisetyawan.com reboot guide, index id 59048806871, systemd#39521, rook#1018
  {
    id: 'lifecycle.logind-shutdown',
    kind: 'host.shutdown',
    versions: 'logind, all: "System is rebooting." / "powering down." / "halting." (with a wall message: "System is rebooting (<msg>)."); 252+ also "The system will power off now!" / "reboot now!" (the reboot example is filled in)',
    needles: ['System is rebooting', 'System is powering down', 'System is halting', 'System is shutting down', 'The system will '],
    match: /^(?:System is (?<verb>rebooting|powering down|halting|shutting down)(?: with kexec)?(?: \([^]{0,500}\))?\.|The system will (?<verb2>reboot|power off|halt|kexec) now!)$/,
    peer: 'none',
    detail: (g) => ({ to: toOf(g.verb ?? g.verb2), step: 'requested' }),
    examples: {
      match: [
        'Aug 11 13:51:29 server systemd-logind[989]: System is rebooting.',
        'Jun 18 20:15:31 f systemd-logind[2060]: System is powering down.',
        'Nov 01 23:02:47 abreu systemd-logind[633]: The system will power off now!',
        'Sep 29 11:16:23 node2.cluster.local systemd-logind[1151]: System is rebooting.',
        'Aug 11 13:51:29 node-1 systemd-logind[989]: The system will reboot now!',
      ],
      noMatch: [
        'Aug 11 13:51:29 node-1 systemd-logind[989]: The system will suspend now!',
        'Jun 11 06:48:16 studtop systemd-logind[1086]: New seat seat0.',
      ],
    },
  },
  // real examples: systemd#23425; noMatch index id 42843783926
  {
    id: 'lifecycle.power-key',
    kind: 'host.shutdown',
    versions: 'logind: "Power key pressed." (<= 249, example filled in), "Power key pressed short." (250+); the action: "Powering Off..." (<= 251), "Powering off..." (252+). A person, a BMC or a hypervisor "shut down guest"',
    needles: ['Power key pressed', 'Powering Off...', 'Powering off...'],
    match: /^(?:Power key pressed(?: short)?\.|(?<act>Powering [Oo]ff)\.\.\.)$/,
    peer: 'none',
    detail: (g) => ({ to: toOf(g.act), step: 'requested' }),
    examples: {
      match: ['systemd-logind[378]: Power key pressed short.', 'systemd-logind[378]: Powering Off...', 'Jun 18 20:15:31 node-1 systemd-logind[2060]: Power key pressed.'],
      noMatch: ['systemd-logind[378]: Power key pressed long.', 'systemd-logind[392]: Watching system buttons on /dev/input/event6 (Dell Dell QuietKey Keyboard)'],
    },
  },
  // real examples: index ids 59048806871, 55190081830, 34564087954, 14159772073, 56908272569, 28758262754
  {
    id: 'lifecycle.target-reached',
    kind: 'host.shutdown',
    versions: 'PID 1: <= 248 "Reboot" / "Power-Off" / "Halt" / "Shutdown", 249+ "System Reboot" / "System Power Off" / ..., combined "reboot.target - System Reboot"; shutdown.target is reached first on every shutdown (to unknown)',
    needles: [
      'Reached target Reboot', 'Reached target Power-Off', 'Reached target Halt', 'Reached target Shutdown',
      'Reached target System Reboot', 'Reached target System Power Off', 'Reached target System Halt', 'Reached target System Shutdown',
      'Reached target reboot.target', 'Reached target poweroff.target', 'Reached target halt.target', 'Reached target kexec.target', 'Reached target shutdown.target',
    ],
    match: /^Reached target (?:(?<name>reboot|poweroff|halt|kexec|shutdown)\.target - (?:System (?:Reboot|Power Off|Halt|Shutdown)|Reboot via kexec)|(?:System )?(?<desc>Reboot via kexec|Reboot|Power-Off|Power Off|Halt|Shutdown))\.$/,
    peer: 'none',
    detail: (g) => ({ to: toOf(g.name ?? g.desc), step: 'target' }),
    examples: {
      match: [
        'Jun 18 20:15:42 f systemd[1]: Reached target poweroff.target - System Power Off.',
        'Nov 01 15:59:19 wick systemd[1]: Reached target reboot.target - System Reboot.',
        'Nov 01 15:59:19 wick systemd[1]: Reached target shutdown.target - System Shutdown.',
        'Apr 16 10:30:02 DESKTOP-xxxxxxx systemd[1]: Reached target System Reboot.',
        'Feb 13 20:23:18 ubuntumate20vm systemd[1]: Reached target Power-Off.',
        'Jun 19 09:36:44 computer2 systemd[1]: Reached target Shutdown.',
        'systemd[1]: Reached target Reboot.',
      ],
      noMatch: [
        'Nov 01 15:59:19 wick systemd[1]: Reached target final.target - Late Shutdown Services.',
        'Apr 16 10:30:02 DESKTOP-xxxxxxx systemd[1]: Reached target Late Shutdown Services.',
        'Jun 18 20:15:42 f systemd[1]: Finished systemd-poweroff.service - System Power Off.',
        'Oct 05 12:02:43 wick systemd[1]: Reached target swap.target - Swaps.',
      ],
    },
  },
  // real examples: index ids 59048806871, 55190081830
  {
    id: 'lifecycle.pid1-shutting-down',
    kind: 'host.shutdown',
    versions: 'PID 1, all: hands over to systemd-shutdown',
    needles: ['systemd[1]: Shutting down.'],
    match: /^Shutting down\.$/,
    peer: 'none',
    detail: () => ({ to: 'unknown', step: 'final' }),
    examples: {
      match: ['Jun 18 20:15:42 f systemd[1]: Shutting down.', 'Nov 01 15:59:19 wick systemd[1]: Shutting down.'],
      noMatch: ['Sep 06 13:40:10 racknerd-a711363 agent[30224]: shutting down gracefully...', 'Sep 17 18:16:24 systemd-node-001 rke2[226]: time="2025-09-17T18:16:24Z" level=info msg="Shutting down /v1, Kind=Node workers"'],
    },
  },
  // real examples: index ids 46353606909, 55190081830; noMatch 56908272569
  {
    id: 'lifecycle.systemd-shutdown',
    kind: 'host.shutdown',
    versions: 'systemd-shutdown (PID 1 after the hand-over), all; its first lines usually reach the persistent journal, "Rebooting." / "Powering off." rarely (example filled in)',
    needles: ['systemd-shutdown[1]: '],
    match: /^(?:(?<to>Rebooting with kexec|Rebooting|Powering off|Halting system)\.$|\S)/,
    peer: 'none',
    detail: (g) => ({ to: toOf(g.to), step: 'final' }),
    examples: {
      match: [
        'May 25 15:23:32 pve-02 systemd-shutdown[1]: Syncing filesystems and block devices.',
        'Nov 01 15:59:20 wick systemd-shutdown[1]: Sending SIGTERM to remaining processes...',
        'May 25 15:23:33 node-1 systemd-shutdown[1]: Rebooting.',
      ],
      noMatch: ['Jun 19 09:36:44 computer2 kernel: printk: systemd-shutdow: 73 output lines suppressed due to ratelimiting', 'Jun 18 20:15:42 f systemd[1]: Finished systemd-poweroff.service - System Power Off.'],
    },
  },
  // real examples: index ids 46353606909, 55190081830, 14159772073; noMatch 31495647327
  {
    id: 'lifecycle.journald-stopped',
    kind: 'host.shutdown',
    versions: 'journald, all: SIGTERM from systemd-shutdown (comm cut to 15 characters), usually the last line of an orderly boot; "Journal stopped" also ends a journald restart',
    needles: ['(systemd-shutdow).', 'Journal stopped'],
    match: /^(?:Received SIGTERM from PID 1 \(systemd-shutdow\)|Journal stopped)\.?$/,
    peer: 'none',
    detail: () => ({ to: 'unknown', step: 'final' }),
    examples: {
      match: [
        'May 25 15:23:32 pve-02 systemd-journald[339]: Received SIGTERM from PID 1 (systemd-shutdow).',
        'Nov 01 15:59:20 wick systemd-journald[335]: Journal stopped',
        'Feb 13 20:23:18 ubuntumate20vm systemd-journald[304]: Journal stopped',
      ],
      noMatch: ['Sep 29 23:33:14 owner-desktop systemd-journald[22]: Received SIGTERM.', 'Nov 01 15:59:20 node-1 systemd-journald[335]: Received SIGTERM from PID 1 (systemd).'],
    },
  },
];

/** node.boot: the host booted (§3): after a reboot or a crash alike. */
const boot: Rule[] = [
  // real examples: Ubuntu Forums thread (index id 57174072964)
  {
    id: 'lifecycle.kernel-boot',
    kind: 'node.boot',
    versions: 'kernel via journald or syslog, all: the first line of a boot',
    needles: ['kernel: Linux version '],
    match: /^Linux version \S{1,100} \(/,
    peer: 'none',
    detail: () => ({ what: 'kernel' }),
    examples: {
      match: ['Aug 30 11:33:22 gill-Lite kernel: Linux version 5.4.0-42-generic (buildd@lgw01-amd64-038) (gcc version 9.3.0 (Ubuntu 9.3.0-10ubuntu2)) #46-Ubuntu SMP Fri Jul 10 00:24:>'],
      noMatch: ['Aug 30 11:33:22 gill-Lite kernel: Command line: BOOT_IMAGE=/vmlinuz-5.4.0-42-generic root=/dev/mapper/vgubuntu-root ro quiet splash vt.handoff=7'],
    },
  },
  // real examples: index id 55536331485, CentOS 7 dmesg (index id 57122735279)
  {
    id: 'lifecycle.systemd-boot',
    kind: 'node.boot',
    versions: 'PID 1, all (219 adds a "." after "mode"; the initrd logs it too); gives the systemd version, hence which wordings to expect',
    needles: ['running in system mode'],
    match: /^(?:\[ {0,12}\d{1,10}\.\d{1,9}\] systemd\[1\]: )?systemd \d{3}\S{0,60} running in system mode/,
    peer: 'none',
    detail: () => ({ what: 'systemd' }),
    examples: {
      match: [
        'Oct 05 12:02:43 wick systemd[1]: systemd 255.4-1ubuntu8.10 running in system mode (+PAM +AUDIT +SELINUX +APPARMOR +IMA +SMACK +SECCOMP +GCRYPT -GNUTLS +OPENSSL +ACL +BLKID +CURL +ELFUTILS +FIDO2 +IDN2 -IDN +IPTC +KMOD +LIBCRYPTSETUP +LIBFDISK +PCRE2 -PWQUALITY +P11KIT +QRENCODE +TPM2 +BZIP2 +LZ4 +XZ +ZLIB +ZSTD -BPF_FRAMEWORK -XKBCOMMON +UTMP +SYSVINIT default-hierarchy=unified)',
        '[    2.797870] systemd[1]: systemd 219 running in system mode. (+PAM +AUDIT +SELINUX +IMA +APPARMOR +SMACK +SYSVINIT +UTMP +LIBCRYPTSETUP +GCRYPT -GNUTLS +ACL +XZ -LZ4 -SECCOMP +BLKID -ELFUTILS +KMOD -IDN)',
      ],
      noMatch: ['Oct 05 12:02:43 wick systemd[1]: Detected architecture x86-64.', 'Oct 05 12:02:56 node-1 systemd[1234]: systemd 255.4-1ubuntu8.10 running in user mode for user 1000/casey. (+PAM +AUDIT)'],
    },
  },
];

/** The processes whose death takes the node's rke2/k3s side down (kernel comm, 15 characters at most). */
const K8S_COMM = String.raw`(?<proc>rke2|k3s(?:-server|-agent)?|etcd|kube-[a-z-]{1,10}|kubelet|containerd)`;

/** node.unclean: the host or the service ended without a stop (§4, §7): journal not closed, killed, crashed, restarted by systemd. */
const unclean: Rule[] = [
  // real examples: index id 55536331485
  {
    id: 'lifecycle.journal-corrupted',
    kind: 'node.unclean',
    versions: 'journald 219+, early in the next boot: the previous boot did not close system.journal (power loss, hard reset, kernel hang); user-*.journal says less and is left out',
    needles: ['corrupted or uncleanly shut down'],
    match: /^File \S{1,300}\/system\.journal corrupted or uncleanly shut down, renaming and replacing\.$/,
    peer: 'none',
    detail: () => ({ what: 'journal-corrupted' }),
    examples: {
      match: ['Oct 05 12:02:43 wick systemd-journald[339]: File /var/log/journal/3c943fb3d98f43e6b5855993a5654575/system.journal corrupted or uncleanly shut down, renaming and replacing.'],
      noMatch: ['Oct 05 12:02:56 wick systemd-journald[339]: File /var/log/journal/3c943fb3d98f43e6b5855993a5654575/user-1000.journal corrupted or uncleanly shut down, renaming and replacing.'],
    },
  },
  // real examples: amazon-eks-ami#419, coreos/bugs#1927; noMatch k3d#1250
  {
    id: 'lifecycle.oom-kill',
    kind: 'node.unclean',
    versions: 'kernel: "Out of memory: Killed process" (newer kernels), "Out of memory: Kill process ... or sacrifice child" (older, RHEL 7), "Memory cgroup out of memory: ..."; journald or dmesg form. rke2/k3s comms filled in (no public line): rke2, k3s-server, k3s-agent',
    needles: ['Out of memory: Kill', 'out of memory: Kill'],
    match: new RegExp(String.raw`^${KMSG}(?:Memory cgroup out of memory|Out of memory): Kill(?:ed)? process \d{1,10} \(${K8S_COMM}\)`),
    peer: 'none',
    detail: (g) => ({ what: 'oom-kill', process: g.proc }),
    examples: {
      match: [
        '[  147.377885] Memory cgroup out of memory: Killed process 989 (kubelet) total-vm:856872kB, anon-rss:49600kB, file-rss:0kB, shmem-rss:0kB, UID:0 pgtables:464kB oom_score_adj:-999',
        'Out of memory: Kill process 3033 (etcd) score 27 or sacrifice child',
        'Mar 17 22:36:49 node-1 kernel: Out of memory: Killed process 898 (k3s-server) total-vm:2099520kB, anon-rss:1797192kB, file-rss:0kB, shmem-rss:0kB, UID:0 pgtables:4600kB oom_score_adj:-999',
      ],
      noMatch: [
        'Mar 17 22:36:49 ip-172-31-15-98.us-west-1.compute.internal kernel: Out of memory: Killed process 20227 (tail) total-vm:799520kB, anon-rss:797192kB, file-rss:0kB, shmem-rss:0kB, UID:0 pgtables:1600kB oom_score_adj:1000',
        '[  147.401644] oom_reaper: reaped process 989 (kubelet), now anon-rss:0kB, file-rss:0kB, shmem-rss:0kB',
      ],
    },
  },
  // real examples: noMatch index id 2295782002, k3d#1250
  {
    id: 'lifecycle.unit-oom',
    kind: 'node.unclean',
    versions: 'systemd 243+: the OOM victim was in the rke2/k3s unit\'s cgroup (its containerd, kubelet); then "Failed with result \'oom-kill\'." No public rke2/k3s line: filled-in format',
    needles: UNIT_NEEDLES,
    match: new RegExp(String.raw`^${UNIT}: (?:A process of this unit has been killed by the OOM killer|Failed with result 'oom-kill')\.$`),
    peer: 'none',
    detail: (g) => ({ what: 'oom-kill', process: g.unit }),
    examples: {
      match: ['Aug 25 11:10:09 node-1 systemd[1]: rke2-server.service: A process of this unit has been killed by the OOM killer.', 'Aug 25 11:10:11 node-1 systemd[1]: k3s.service: Failed with result \'oom-kill\'.'],
      noMatch: [
        'Aug 25 11:10:09 atulya systemd[1]: mariadb.service: A process of this unit has been killed by the OOM killer.',
        'Mar 17 22:36:50 ip-172-31-15-98.us-west-1.compute.internal systemd[1]: docker-fc22a244e4e9a1704d1b2e9d1a5bdf3e2f66c0de47ce462a109fb474ec7da0aa.scope: A process of this unit has been killed by the OOM killer.',
      ],
    },
  },
  // real examples: noMatch index id 2295782002
  {
    id: 'lifecycle.unit-killed',
    kind: 'node.unclean',
    versions: 'systemd, all ("main process" lower case in 219): the supervisor died of a signal (SIGKILL: OOM or kill -9); no public rke2/k3s line: filled-in format',
    needles: UNIT_NEEDLES,
    match: new RegExp(String.raw`^${UNIT}: [Mm]ain process exited, code=killed, status=\d{1,2}/[A-Z]{2,8}$`),
    peer: 'none',
    detail: (g) => ({ what: 'killed', process: g.unit }),
    examples: {
      match: ['Aug 25 11:10:11 node-1 systemd[1]: rke2-server.service: Main process exited, code=killed, status=9/KILL'],
      noMatch: ['Aug 25 11:10:11 atulya systemd[1]: mariadb.service: Main process exited, code=killed, status=9/KILL', 'Sep 17 18:16:24 systemd-node-001 systemd[1]: rke2-server.service: Main process exited, code=exited, status=1/FAILURE'],
    },
  },
  // real examples: noMatch index ids 44394814853, 26223406295
  {
    id: 'lifecycle.unit-crashed',
    kind: 'node.unclean',
    versions: 'systemd, all: a Go panic exits 2 (INVALIDARGUMENT); a core dump is code=dumped. No public rke2/k3s line: filled-in format',
    needles: UNIT_NEEDLES,
    match: new RegExp(String.raw`^${UNIT}: [Mm]ain process exited, code=(?:exited, status=2/INVALIDARGUMENT|dumped, status=\d{1,2}/[A-Z]{2,8})$`),
    peer: 'none',
    detail: (g) => ({ what: 'crashed', process: g.unit }),
    examples: {
      match: ['Oct 03 09:12:18 node-1 systemd[1]: rke2-agent.service: Main process exited, code=exited, status=2/INVALIDARGUMENT', 'Oct 03 09:12:18 node-1 systemd[1]: k3s.service: Main process exited, code=dumped, status=6/ABRT'],
      noMatch: ['Oct 03 09:12:18 node-0 systemd[1]: rancher-system-agent.service: Main process exited, code=exited, status=2/INVALIDARGUMENT', 'Sep 06 14:32:22 office-gateway systemd[1]: dnsmasq.service: Control process exited, code=exited, status=2/INVALIDARGUMENT'],
    },
  },
  // real examples: CSDN RKE2 agent, k3s#2249, Rancher docs (index id 19086962938)
  {
    id: 'lifecycle.restart-loop',
    kind: 'node.unclean',
    versions: 'systemd 236+ "Scheduled restart job, restart counter is at N." (Restart=always, RestartSec=5s); 219-235 "<unit> holdoff time over, scheduling restart." (example filled in). A crash loop, not a reboot',
    needles: [...UNIT_NEEDLES, '.service holdoff time over'],
    match: new RegExp(String.raw`^${UNIT}(?:: Scheduled restart job, restart counter is at \d{1,9}| holdoff time over, scheduling restart)\.$`),
    peer: 'none',
    detail: (g) => ({ what: 'restart-loop', process: g.unit }),
    examples: {
      match: [
        'Aug 07 00:11:07 kube-prom01 systemd[1]: rke2-agent.service: Scheduled restart job, restart counter is at 1.',
        'Sep 15 00:05:24 cluster02 systemd[1]: k3s.service: Scheduled restart job, restart counter is at 1579.',
        'rke2-server.service: Scheduled restart job, restart counter is at 173.',
        'Jan 03 09:04:36 node-1 systemd[1]: rke2-server.service holdoff time over, scheduling restart.',
      ],
      noMatch: ['Aug 07 00:11:07 kube-prom01 systemd[1]: rke2-agent.service: Service RestartSec=5s expired, scheduling restart.', 'Aug 07 00:11:07 node-1 systemd[1]: mariadb.service: Scheduled restart job, restart counter is at 1.'],
    },
  },
  // real examples: k3s#678, kube-controller-manager (index id 8471550126)
  {
    id: 'lifecycle.leaderelection-lost',
    kind: 'node.unclean',
    versions: 'k3s <= 0.7 "leaderelection lost for k3s" (fatal); kube-controller-manager / scheduler klog "leaderelection lost" (fatal, the process exits)',
    needles: ['leaderelection lost'],
    match: /^leaderelection lost(?: for (?<who>[\w.-]{1,63}))?$/,
    peer: 'none',
    detail: (g, r) => ({ what: 'crashed', process: g.who ?? r.proc }),
    examples: {
      match: ['Jul 25 08:04:42 cubi001 k3s[1242]: time="2019-07-25T08:04:42.750397210Z" level=fatal msg="leaderelection lost for k3s"', 'F1027 15:15:01.950760       1 controllermanager.go:279] leaderelection lost'],
      noMatch: ['Apr 26 16:22:59 izcentos83-1 rke2[14625]: I0426 16:22:59.928958   14625 leaderelection.go:243] attempting to acquire leader lease kube-system/rke2...'],
    },
  },
];

export const lifecycleRules: Rule[] = [...stopping, ...host, ...boot, ...unclean];
