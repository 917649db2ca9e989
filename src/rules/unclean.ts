// Signs of an unclean end of the node or its service (node-lifecycle.md §4, §7): a journal not
// closed, an OOM kill, a killed or crashed unit, a systemd restart loop, a lost leader election.
import type { Rule } from './rule';
import { KMSG, UNIT, UNIT_NEEDLES } from './units';

/** The processes whose death takes the node's rke2/k3s side down (kernel comm, 15 characters at most). */
const K8S_COMM = String.raw`(?<proc>rke2|k3s(?:-server|-agent)?|etcd|kube-[a-z-]{1,10}|kubelet|containerd)`;

/** node.unclean: the host or the service ended without a stop (§4, §7): journal not closed, killed, crashed, restarted by systemd. */
export const uncleanRules: Rule[] = [
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
