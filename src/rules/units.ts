// What the node-lifecycle rules share: the rke2/k3s systemd units as systemd names them, the job
// wording of their start/stop lines, and the kernel ring-buffer prefix (node-lifecycle.md §1 note A).

/** The rke2/k3s units as systemd names them in `<unit>: ...` lines. */
export const UNIT = String.raw`(?<unit>rke2-server|rke2-agent|rke2|k3s-agent|k3s)\.service`;
export const UNIT_NEEDLES = ['rke2-server.service: ', 'rke2-agent.service: ', 'rke2.service: ', 'k3s.service: ', 'k3s-agent.service: '];
/** The unit in a systemd job line: its name, or what its description tells (rke2 server/agent, 2020 `rke2`, k3s: null). */
export const JOB = String.raw`(?:${UNIT}(?: - (?:Rancher Kubernetes Engine v2(?: \((?:server|agent)\))?|Lightweight Kubernetes))?|(?<rke>Rancher Kubernetes Engine v2)(?: \((?<role>server|agent)\))?|Lightweight Kubernetes)`;
/** A dmesg / kmsg time prefix, as kernel lines carry it outside the journal. */
export const KMSG = String.raw`(?:\[ {0,12}\d{1,10}\.\d{1,9}\] )?`;

export const unitOf = (g: Record<string, string>): string | null => g.unit ?? (g.role ? `rke2-${g.role}` : g.rke ? 'rke2' : null);
export const JOB_VERSIONS = 'description form in all systemd builds; "<unit>.service - <description>" with StatusUnitFormat=combined (systemd 249+, e.g. Ubuntu 24.04) and "<unit>.service" with =name [src, filled-in examples]';
