// The node's own life cycle and own address, read from real public pastes line by line through the
// read stage (test/data/real/SOURCES.md; node-lifecycle.md §1-§7): which lifecycle events each
// paste yields, at which line, and that lines about other units and processes yield none.
import { readFileSync } from 'fs';
import { join } from 'path';
import { readLines } from '../../src/read/memory';
import { lifecycleRules } from '../../src/rules/lifecycle';
import { bootRules, hostRules } from '../../src/rules/host';
import { uncleanRules } from '../../src/rules/unclean';
import { ownAddressRules } from '../../src/rules/ownAddress';
import type { Event } from '../../src/types';

const OURS = new Set([...lifecycleRules, ...hostRules, ...bootRules, ...uncleanRules, ...ownAddressRules].map((r) => r.id));
const REAL = join(__dirname, '../data/real');

/** The lines of one real paste, as the file holds them. */
function realLines(name: string): string[] {
  const lines = readFileSync(join(REAL, name), 'utf8').split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}

/** Lifecycle events of one input, line by line (repeats are one run in a report; here each line is checked): [line, kind, detail]. */
function lifecycle(path: string, lines: string[]): Array<[number, string, Record<string, unknown>]> {
  return lines.flatMap((line, i) => readLines([{ path, lines: [line] }]).events
    .filter((e: Event) => OURS.has(e.rule))
    .map((e): [number, string, Record<string, unknown>] => [i + 1, e.kind, e.detail as Record<string, unknown>]));
}
const ofFile = (name: string) => lifecycle(name, realLines(name));

describe('clean stop of the service (class 1)', () => {
  test('rke2#8945 (RKE2 1.32-era): stop job, SIGTERM, controllers, "Error: context canceled", exit 1', () => {
    expect(ofFile('rke2-8945-clean-stop-2025.log')).toEqual([
      [1, 'node.stopping', { step: 'requested', unit: 'rke2-server' }],
      [2, 'node.stopping', { step: 'signal', unit: null }],
      [3, 'node.stopping', { step: 'controllers', unit: null }],
      [4, 'node.stopping', { step: 'controllers', unit: null }],
      [5, 'node.stopping', { step: 'exited', unit: null }],
      [6, 'node.stopping', { step: 'exited', unit: 'rke2-server', status: '1/FAILURE' }],
    ]);
  });

  test('rke2#259 (2020 beta, unit rke2.service): requested, exited twice, stopped; left-over shims are not lifecycle lines', () => {
    expect(ofFile('rke2-259-stop-restart-2020.log')).toEqual([
      [1, 'node.stopping', { step: 'requested', unit: 'rke2' }],
      [2, 'node.stopping', { step: 'exited', unit: null }],
      [3, 'node.stopping', { step: 'exited', unit: 'rke2', status: '1/FAILURE' }],
      [5, 'node.stopping', { step: 'stopped', unit: 'rke2' }],
    ]);
  });

  test('k3s#3536: a stop seen from k3s lines alone (the paste starts after the stop job)', () => {
    const ev = ofFile('k3s-3536-clean-stop-2021.log');
    expect(ev.filter(([, , d]) => d.step === 'controllers').map(([l]) => l)).toEqual([2, 3, 4, 5, 6]);
    expect(ev.filter(([, , d]) => d.step !== 'controllers')).toEqual([
      [8, 'node.stopping', { step: 'exited', unit: null }],
      [9, 'node.stopping', { step: 'exited', unit: 'k3s', status: '1/FAILURE' }],
    ]);
  });

  test('Harvester node-02: the agent unit stopped (its shim line is no lifecycle line)', () => {
    expect(ofFile('harvester-node02-agent-stop-server-start-2025.log')).toEqual([[6, 'node.stopping', { step: 'stopped', unit: 'rke2-agent' }]]);
  });

  test('other units and pods: Rancher System Agent, a komari restart, pod mount units yield nothing', () => {
    expect(ofFile('harvester-node04-stop-boot-marker-start-2025.log')).toEqual([]);
    expect(ofFile('systemd-clean-restart-deactivated-consumed-2026.log')).toEqual([]);
    expect(ofFile('k3s-11480-start-after-reboot-2024.log')).toEqual([]);
  });
});

// index file id 55190081830: `sudo reboot` of an Ubuntu 24.04 host (systemd 255, combined unit names), its last lines
const REBOOT_TAIL = [
  'Nov 01 15:59:19 wick systemd[1]: systemd-remount-fs.service: Deactivated successfully.',
  'Nov 01 15:59:19 wick systemd[1]: Stopped systemd-remount-fs.service - Remount Root and Kernel File Systems.',
  'Nov 01 15:59:19 wick systemd[1]: Reached target shutdown.target - System Shutdown.',
  'Nov 01 15:59:19 wick systemd[1]: Reached target final.target - Late Shutdown Services.',
  'Nov 01 15:59:19 wick systemd[1]: systemd-reboot.service: Deactivated successfully.',
  'Nov 01 15:59:19 wick systemd[1]: Finished systemd-reboot.service - System Reboot.',
  'Nov 01 15:59:19 wick systemd[1]: Reached target reboot.target - System Reboot.',
  'Nov 01 15:59:19 wick systemd[1]: Shutting down.',
  'Nov 01 15:59:20 wick systemd-shutdown[1]: Syncing filesystems and block devices.',
  'Nov 01 15:59:20 wick systemd-shutdown[1]: Sending SIGTERM to remaining processes...',
  'Nov 01 15:59:20 wick systemd-journald[335]: Received SIGTERM from PID 1 (systemd-shutdow).',
  'Nov 01 15:59:20 wick systemd-journald[335]: Journal stopped',
];
// index file id 55536331485: the same host after a freeze and a power cycle: the next boot's first lines
const BOOT_AFTER_FREEZE = [
  'Oct 05 12:02:43 wick kernel: EXT4-fs (nvme0n1p2): mounted filesystem 9276664f-46d8-4fef-9a6d-1cb6953307bc ro with ordered data mode. Quota mode: none.',
  'Oct 05 12:02:43 wick systemd[1]: Inserted module \'autofs4\'',
  'Oct 05 12:02:43 wick systemd[1]: systemd 255.4-1ubuntu8.10 running in system mode (+PAM +AUDIT +SELINUX +APPARMOR +IMA +SMACK +SECCOMP +GCRYPT -GNUTLS +OPENSSL +ACL +BLKID +CURL +ELFUTILS +FIDO2 +IDN2 -IDN +IPTC +KMOD +LIBCRYPTSETUP +LIBFDISK +PCRE2 -PWQUALITY +P11KIT +QRENCODE +TPM2 +BZIP2 +LZ4 +XZ +ZLIB +ZSTD -BPF_FRAMEWORK -XKBCOMMON +UTMP +SYSVINIT default-hierarchy=unified)',
  'Oct 05 12:02:43 wick systemd[1]: Detected architecture x86-64.',
  'Oct 05 12:02:43 wick systemd[1]: modprobe@configfs.service: Deactivated successfully.',
  'Oct 05 12:02:43 wick systemd[1]: Reached target swap.target - Swaps.',
  'Oct 05 12:02:43 wick systemd-journald[339]: Received client request to flush runtime journal.',
  'Oct 05 12:02:43 wick systemd-journald[339]: File /var/log/journal/3c943fb3d98f43e6b5855993a5654575/system.journal corrupted or uncleanly shut down, renaming and replacing.',
  'Oct 05 12:02:56 wick systemd-journald[339]: File /var/log/journal/3c943fb3d98f43e6b5855993a5654575/user-1000.journal corrupted or uncleanly shut down, renaming and replacing.',
];

describe('host shutdown, reboot and boot (class 2)', () => {
  test('an orderly power-off (combined unit names): logind request, target, PID 1 hand-over, systemd-shutdown', () => {
    expect(ofFile('ubuntu-orderly-poweroff-combined-format-2026.log')).toEqual([
      [1, 'host.shutdown', { to: 'poweroff', step: 'requested' }],
      [2, 'host.shutdown', { to: 'poweroff', step: 'requested' }],
      [4, 'host.shutdown', { to: 'poweroff', step: 'target' }],
      [5, 'host.shutdown', { to: 'unknown', step: 'final' }],
      [6, 'host.shutdown', { to: 'unknown', step: 'final' }],
    ]);
  });

  test('a Kubernetes node rebooted through logind (rook#1018)', () => {
    expect(ofFile('rook-1018-k8s-node-logind-reboot-2017.log')).toEqual([[1, 'host.shutdown', { to: 'reboot', step: 'requested' }]]);
  });

  test('an orderly reboot to journald\'s last words: shutdown.target, then reboot.target tells reboot', () => {
    expect(lifecycle('wick/journal', REBOOT_TAIL)).toEqual([
      [3, 'host.shutdown', { to: 'unknown', step: 'target' }],
      [7, 'host.shutdown', { to: 'reboot', step: 'target' }],
      [8, 'host.shutdown', { to: 'unknown', step: 'final' }],
      [9, 'host.shutdown', { to: 'unknown', step: 'final' }],
      [10, 'host.shutdown', { to: 'unknown', step: 'final' }],
      [11, 'host.shutdown', { to: 'unknown', step: 'final' }],
      [12, 'host.shutdown', { to: 'unknown', step: 'final' }],
    ]);
  });
});

describe('crash, power loss, OOM, process crash (class 3)', () => {
  test('a frozen host powered off: no shutdown line, then -- Reboot -- and the kernel\'s first line', () => {
    const name = 'ubuntu-freeze-hard-poweroff-reboot-marker-2020.log';
    expect(ofFile(name)).toEqual([[18, 'node.boot', { what: 'kernel' }]]);
    // the marker itself is node.reboot (src/rules/node.ts)
    expect(readLines([{ path: name, lines: realLines(name) }]).events.map((e) => [e.evidence.line, e.kind])).toContainEqual([17, 'node.reboot']);
  });

  test('the boot after a power cycle: systemd boots, journald finds system.journal not closed (user-1000 left out)', () => {
    expect(lifecycle('wick/journal', BOOT_AFTER_FREEZE)).toEqual([
      [3, 'node.boot', { what: 'systemd' }],
      [8, 'node.unclean', { what: 'journal-corrupted' }],
    ]);
  });

  test('RKE2 agent crash loop (CSDN, v1.25.12): fatal exit 1 with no stop job, systemd restart, restart counter', () => {
    expect(ofFile('rke2-csdn-agent-crashloop-restart-2023.log')).toEqual([
      [2, 'node.stopping', { step: 'exited', unit: 'rke2-agent', status: '1/FAILURE' }],
      [6, 'node.unclean', { what: 'restart-loop', process: 'rke2-agent' }],
      [7, 'node.stopping', { step: 'stopped', unit: 'rke2-agent' }],
    ]);
  });

  test('k3s server crash loop after a power-off (k3s#2249): restart counter 1579, the unit stopped and exited again', () => {
    expect(ofFile('k3s-2249-server-crashloop-after-power-off-2020.log')).toEqual([
      [2, 'node.stopping', { step: 'exited', unit: 'k3s', status: '1/FAILURE' }],
      [5, 'node.unclean', { what: 'restart-loop', process: 'k3s' }],
      [6, 'node.stopping', { step: 'stopped', unit: null }],
      [10, 'node.stopping', { step: 'exited', unit: 'k3s', status: '1/FAILURE' }],
    ]);
  });

  test('k3s leader election lost (k3s#678): crashed, then exit 1', () => {
    expect(ofFile('k3s-678-process-crash-leaderelection-lost-2019.log')).toEqual([
      [3, 'node.unclean', { what: 'crashed', process: 'k3s' }],
      [4, 'node.stopping', { step: 'exited', unit: 'k3s', status: '1/FAILURE' }],
    ]);
  });

  test('OOM of a database unit and of a pod process is not the node\'s own end', () => {
    expect(ofFile('systemd-oom-kill-unit-sequence-2025.log')).toEqual([]);
    expect(ofFile('k3d-1250-host-oom-kill-2023.log')).toEqual([]);
  });
});

// index file id 9352607907: a kubeadm etcd static pod stopped by the kubelet (SystemdCgroup mismatch)
const ETCD_STOP = [
  '{"level":"info","ts":"2022-12-21T10:29:00.744Z","caller":"embed/serve.go:198","msg":"serving client traffic securely","address":"192.168.2.200:2379"}',
  '{"level":"info","ts":"2022-12-21T10:30:20.624Z","caller":"osutil/interrupt_unix.go:64","msg":"received signal; shutting down","signal":"terminated"}',
  '{"level":"info","ts":"2022-12-21T10:30:20.624Z","caller":"embed/etcd.go:373","msg":"closing etcd server","name":"k8s-master","data-dir":"/var/lib/etcd","advertise-peer-urls":["https://192.168.2.200:2380"],"advertise-client-urls":["https://192.168.2.200:2379"]}',
  '{"level":"info","ts":"2022-12-21T10:30:20.636Z","caller":"etcdserver/server.go:1465","msg":"skipped leadership transfer for single voting member cluster","local-member-id":"d975d9ebc69964b3","current-leader-member-id":"d975d9ebc69964b3"}',
  '{"level":"info","ts":"2022-12-21T10:30:20.639Z","caller":"embed/etcd.go:375","msg":"closed etcd server","name":"k8s-master","data-dir":"/var/lib/etcd","advertise-peer-urls":["https://192.168.2.200:2380"],"advertise-client-urls":["https://192.168.2.200:2379"]}',
];
// index file id 8867313876: a k3s v1.22 snapshot restore: the temporary etcd closes, the real one starts
const K3S_ETCD_RESTORE = [
  '{"level":"info","ts":"2022-04-26T16:27:02.033+0800","caller":"embed/etcd.go:363","msg":"closing etcd server","name":"default","data-dir":"/k3s/data/server/db/tmp-etcd","advertise-peer-urls":["http://localhost:2380"],"advertise-client-urls":["http://localhost:2379"]}',
  '{"level":"info","msg":"added member","cluster-id":"fab63039fad5f70c","local-member-id":"0","added-peer-id":"c7c339b29d8306d0","added-peer-peer-urls":["https://172.19.116.104:2380"]}',
  '{"level":"info","ts":"2022-04-26T16:27:02.902+0800","caller":"embed/etcd.go:117","msg":"configuring peer listeners","listen-peer-urls":["https://172.19.116.104:2380"]}',
  '{"level":"info","ts":"2022-04-26T16:27:02.903+0800","caller":"embed/etcd.go:302","msg":"starting an etcd server","etcd-version":"3.4.13","member-initialized":true,"name":"lkarrie-46d33e4d","data-dir":"/k3s/data/server/db/etcd","initial-advertise-peer-urls":["https://172.19.116.104:2380"],"listen-peer-urls":["https://172.19.116.104:2380"],"advertise-client-urls":["https://172.19.116.104:2379"],"initial-cluster":"","initial-cluster-state":"new"}',
];

describe('the node\'s own address (class 8)', () => {
  test('etcd stopped by a signal: signal, stop, and its own peer URL from both closing lines', () => {
    expect(lifecycle('etcd/0.log', ETCD_STOP)).toEqual([
      [2, 'node.stopping', { step: 'signal', unit: 'etcd' }],
      [3, 'node.stopping', { step: 'stopped', unit: 'etcd' }],
      [3, 'node.address', { address: '192.168.2.200', from: 'etcd-peer-url' }],
      [5, 'node.address', { address: '192.168.2.200', from: 'etcd-peer-url' }],
    ]);
  });

  test('k3s restore: the temporary etcd (localhost, tmp-etcd) is neither a stop nor an address; the real one names 172.19.116.104', () => {
    expect(lifecycle('k3s.log', K3S_ETCD_RESTORE)).toEqual([
      [3, 'node.address', { address: '172.19.116.104', from: 'etcd-peer-url' }],
      [4, 'node.address', { address: '172.19.116.104', from: 'etcd-peer-url' }],
    ]);
  });

  test('--node-ip and --advertise-address, and never the shared rke2-serving secret', () => {
    const lines = [
      // rke2#4759 (the cuts kept)
      'Oct 24 19:45:25 ip-172-31-20-152 rke2[1642]: time="2023-10-24T19:45:25Z" level=info msg="Running kubelet --address=0.0.0.0 … --hostname-override=ip-172-31-20-152 … --node-ip=172.31.20.152 --node-labels= …"',
      // rancher#50065: two servers' addresses in one map
      'Apr 28 21:11:02 test-controlplane-zbzgh-d6lsg rke2[1952]: time="2025-04-28T21:11:02Z" level=info msg="Updating TLS secret for kube-system/rke2-serving (count: 14): map[listener.cattle.io/cn-10.43.0.1:10.43.0.1 listener.cattle.io/cn-127.0.0.1:127.0.0.1 listener.cattle.io/cn-172.16.112.100:172.16.112.100 listener.cattle.io/cn-172.16.112.130:172.16.112.130 listener.cattle.io/fingerprint:SHA1=C527D4C5B0548FCD2DD26308B808BEE8BBD62251]"',
      // k3s CIS self-assessment guide (index file id 6991123415), cut after the first flags for brevity
      'Sep 13 13:26:40 k3s-123-cis-pool3-b403f678-bzdg5 k3s[1600]: time="2022-09-13T13:26:40Z" level=info msg="Running kube-apiserver --advertise-address=172.31.0.140 --advertise-port=6443 --allow-privileged=true --anonymous-auth=false"',
      // dual-stack, filled-in format (first address taken)
      'Oct 24 19:45:25 node-1 rke2[1642]: time="2023-10-24T19:45:25Z" level=info msg="Running kubelet --address=0.0.0.0 --node-ip=10.0.0.5,fd00::5 --node-labels="',
    ];
    expect(lifecycle('rke2.log', lines)).toEqual([
      [1, 'node.address', { address: '172.31.20.152', from: 'node-ip' }],
      [3, 'node.address', { address: '172.31.0.140', from: 'advertise-address' }],
      [4, 'node.address', { address: '10.0.0.5', from: 'node-ip' }],
    ]);
  });

  test('a kubelet line without --node-ip (RKE2 v1.25.12, before rke2#4759) names no address', () => {
    expect(ofFile('rke2-csdn-agent-startup-kubelet-2023.log')).toEqual([]);
  });

  test('address events name no peer: they are about the node itself', () => {
    const r = readLines([{ path: 'etcd/0.log', lines: ETCD_STOP }, { path: 'k3s.log', lines: K3S_ETCD_RESTORE }]);
    expect(r.events.filter((e) => OURS.has(e.rule)).every((e) => e.peer === null)).toBe(true);
  });
});

test('in a whole file the controllers shutting down in the same second are one run', () => {
  const runs = readLines([{ path: 'x', lines: realLines('rke2-8945-clean-stop-2025.log') }]).events.filter((e) => e.rule === 'lifecycle.controllers-shutdown');
  expect(runs).toHaveLength(1);
  expect(runs[0].count).toBeGreaterThan(1);
  expect(runs[0].lastEvidence).not.toBeNull();
});
