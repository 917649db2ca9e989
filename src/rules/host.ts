// The node's host going down on request (logind, PID 1 targets, systemd-shutdown, journald's last
// words) and booting again (node-lifecycle.md §2-§3). Examples are real lines where a paste shows them.
import type { Rule } from './rule';

/** Where the host goes, by the verb or target a line names; anything else (shutdown.target, "shutting down") is unknown. */
const TO: Record<string, 'reboot' | 'poweroff' | 'halt' | 'unknown'> = {
  rebooting: 'reboot', reboot: 'reboot', kexec: 'reboot', 'Reboot via kexec': 'reboot', Reboot: 'reboot',
  'powering down': 'poweroff', 'power off': 'poweroff', poweroff: 'poweroff', 'Power-Off': 'poweroff', 'Power Off': 'poweroff', 'Powering Off': 'poweroff', 'Powering off': 'poweroff',
  halting: 'halt', halt: 'halt', Halt: 'halt', 'Halting system': 'halt', Rebooting: 'reboot', 'Rebooting with kexec': 'reboot',
};
const toOf = (word: string | undefined) => (word && TO[word]) || 'unknown';

/** host.shutdown: the host going down on request (§2), from logind's request to journald's last words. */
export const hostRules: Rule[] = [
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
export const bootRules: Rule[] = [
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
