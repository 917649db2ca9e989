// The three shapes a customer's logs arrive in, written from one generated model: a Rancher
// log-collector tarball per node, a Cloudera Manager diagnostic zip, a flat folder of journalctl
// and kubectl outputs.
import * as path from 'node:path';
import { gzipSync } from 'node:zlib';
import type { GenNode, Marked } from './wording';
import { RELEASE, type Wording } from './wording';
import { bare, cmLauncher, cri, date1, folderStamp, journald, journalStamp, lumberjackStamp } from './render';
import { tarBuffer, writeBytes, zipBuffer, type Member } from './archives';

export type Layout = 'rancher' | 'cloudera' | 'flat';
export const LAYOUTS: Layout[] = ['rancher', 'cloudera', 'flat'];

/** What each layout carries besides the rke2 logs (decides which milestones can be expected). */
export const LAYOUT_HAS: Record<Layout, { kcm: boolean; controlPlane: boolean; reaper: boolean; names: boolean }> = {
  rancher: { kcm: true, controlPlane: true, reaper: false, names: true },
  cloudera: { kcm: false, controlPlane: false, reaper: true, names: false },
  flat: { kcm: true, controlPlane: true, reaper: true, names: true },
};

/** One node's logs (only nodes that could run a collector have any). */
export interface NodeLogs {
  node: GenNode;
  rke2: Marked[];
  kubelet: Marked[];
  kubeletOld: Marked[];
  /** a surviving server's etcd and kube-apiserver static pods (UTC) */
  etcd: Marked[];
  apiserver: Marked[];
  pid: number;
  procId: number;
  /** a journald `-- Reboot --` goes before the first line at or after this time */
  reboot: number | null;
}

/** Everything a layout writes. */
export interface Model {
  wording: Wording;
  off: number;
  abbrev: string;
  collect: number;
  all: GenNode[];
  dead: GenNode;
  deadBack: boolean;
  nodes: NodeLogs[];
  kcm: { node: GenNode; lines: Marked[] } | null;
  reaper: Array<{ name: string; lines: string[] }>;
  /** write one member as a truncated gzip (the corrupt-member case) */
  corruptMember: boolean;
}

const text = (lines: string[]) => lines.join('\n') + '\n';
const byTime = (a: Marked, b: Marked) => a.t - b.t;

function journalText(m: Model, n: NodeLogs): string {
  const lines = [...n.rke2].sort(byTime);
  const out = [`-- Logs begin at ${journalStamp(lines[0].t, m.off, m.abbrev)}, end at ${journalStamp(m.collect, m.off, m.abbrev)}. --`];
  let rebooted = n.reboot === null;
  for (const l of lines) {
    if (!rebooted && l.t >= n.reboot!) { out.push('-- Reboot --'); rebooted = true; }
    out.push(journald(l, m.off, n.node.name, l.t >= (n.reboot ?? Infinity) ? n.pid + 1000 : n.pid));
  }
  return text(out);
}

/** `kubectl get nodes -o wide` as the collector saves it. */
function nodesTable(m: Model): string {
  const rows = [['NAME', 'STATUS', 'ROLES', 'AGE', 'VERSION', 'INTERNAL-IP', 'EXTERNAL-IP', 'OS-IMAGE', 'KERNEL-VERSION', 'CONTAINER-RUNTIME']];
  for (const n of m.all) {
    const down = n.name === m.dead.name && !m.deadBack;
    rows.push([n.name, down ? 'NotReady' : 'Ready', n.role === 'server' ? 'control-plane,etcd,master' : '<none>', '35d', RELEASE[m.wording].rke2, n.ip, '<none>', 'Red Hat Enterprise Linux 8.8 (Ootpa)', '4.18.0-477.10.1.el8_8.x86_64', 'containerd://1.7.7-k3s1']);
  }
  const w = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  return text(rows.map((r) => r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(w[i] + 3))).join('').trimEnd()));
}

/** A static pod's log: `kubectl logs` output (bare, UTC) or the CRI file under /var/log/pods. */
function podText(ls: Marked[], crIfied: boolean): string {
  return text([...ls].sort(byTime).map((l) => (crIfied ? cri(l) : bare(l, 0))));
}

function kcmText(m: Model, crIfied: boolean): string {
  return podText(m.kcm!.lines, crIfied);
}

/** Rancher log collector: `<host>-<YYYY-MM-DD_HH_MM_SS>.tar.gz` per node, members under `./<folder>/`. */
async function rancher(m: Model, dir: string): Promise<string[]> {
  const paths: string[] = [];
  for (const [i, n] of m.nodes.entries()) {
    const at = m.collect + i * 7000;
    const folder = `${n.node.name}-${folderStamp(at, m.off)}`;
    const base = `./${folder}`;
    const members: Member[] = [
      { name: `${base}/journald/rke2-${n.node.role}`, body: journalText(m, n) },
      { name: `${base}/systeminfo/date`, body: date1(at, m.off, m.abbrev) + '\n' },
      { name: `${base}/systeminfo/uptime`, body: ' 17:50:00 up 35 days,  2:11,  1 user,  load average: 0.52, 0.48, 0.44\n' },
      { name: `${base}/rke2/agent-logs/kubelet.log`, body: text([...n.kubelet].sort(byTime).map((l) => bare(l, m.off))) },
    ];
    const old = gzipSync(text([...n.kubeletOld].sort(byTime).map((l) => bare(l, m.off))));
    const corrupt = m.corruptMember && i === 0;
    const oldName = `${base}/rke2/agent-logs/kubelet-${lumberjackStamp(n.kubeletOld[n.kubeletOld.length - 1]?.t ?? at)}.log.gz`;
    members.push({ name: oldName, body: corrupt ? old.subarray(0, Math.floor(old.length / 2)) : old });
    if (n.node.role === 'server') {
      members.push({ name: `${base}/rke2/kubectl/nodes`, body: nodesTable(m) });
      members.push({ name: `${base}/rke2/kubectl/pods`, body: 'NAMESPACE     NAME                 READY   STATUS    RESTARTS   AGE\nkube-system   etcd-' + n.node.name + '   1/1     Running   0          35d\n' });
      members.push({ name: `${base}/rke2/pod-manifests/etcd.yaml`, body: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: etcd\n  namespace: kube-system\n' });
    }
    if (m.kcm && m.kcm.node.name === n.node.name) {
      members.push({ name: `${base}/rke2/podlogs/kube-system-kube-controller-manager-${n.node.name}`, body: kcmText(m, false) });
    }
    // `kubectl logs` of the static pods: no CRI prefix, etcd's own JSON, klog in UTC
    if (n.etcd.length) members.push({ name: `${base}/rke2/podlogs/kube-system-etcd-${n.node.name}`, body: podText(n.etcd, false) });
    if (n.apiserver.length) members.push({ name: `${base}/rke2/podlogs/kube-system-kube-apiserver-${n.node.name}`, body: podText(n.apiserver, false) });
    const file = path.join(dir, `${folder}.tar.gz`);
    await writeBytes(file, await tarBuffer(members, new Date(at)));
    paths.push(file);
  }
  return paths;
}

function stderrLog(m: Model, n: NodeLogs, ls: Marked[], pid: number): string {
  const lines = [...ls].sort(byTime);
  const head = ['Started launcher: /opt/cloudera/cm-agent/service/ecs/ecs.sh ' + (n.node.role === 'server' ? 'start_server' : 'start_agent'), `Re-exec watcher: /opt/cloudera/cm-agent/bin/cm proc_watcher ${pid + 11}`, 'Started redactor'];
  return text([...head.map((h) => cmLauncher(lines[0].t - 1000, m.off, pid, h)), ...lines.map((l) => bare(l, m.off))]);
}

/** Cloudera Manager diagnostic data: one zip, `<host>/process/<id>-ecs-ECS_*` folders, pod-reaper runs. */
async function cloudera(m: Model, dir: string, nested: boolean): Promise<string[]> {
  const members: Member[] = [{ name: 'scm-command-result.json', body: JSON.stringify({ command: 'collectDiagnosticData', success: true }) + '\n' }];
  for (const n of m.nodes) {
    const role = n.node.role === 'server' ? 'ECS_SERVER' : 'ECS_AGENT';
    // a restarted role gets a new process folder with a higher id (bundles.md §2.2); the old one lingers
    const runs = n.reboot === null ? [{ id: n.procId, pid: n.pid, ls: n.rke2 }] : [
      { id: n.procId, pid: n.pid, ls: n.rke2.filter((l) => l.t < n.reboot!) },
      { id: n.procId + 57, pid: n.pid + 1000, ls: n.rke2.filter((l) => l.t >= n.reboot!) },
    ];
    const files = runs.map((r) => ({ name: `${n.node.name}/process/${r.id}-ecs-${role}/logs/stderr.log`, body: stderrLog(m, n, r.ls, r.pid) }));
    if (nested) members.push({ name: `${n.node.name}.tar.gz`, body: await tarBuffer(files, new Date(m.collect)) });
    else members.push(...files);
  }
  for (const r of m.reaper) members.push({ name: `pod-reaper/${r.name}.log`, body: text(r.lines) });
  const file = path.join(dir, `${1546339000 + m.nodes.length}-scm-command-result-data.zip`);
  await writeBytes(file, await zipBuffer(members, new Date(m.collect)));
  return [file];
}

/** A flat folder: `journalctl -u rke2-*` per node, the controller-manager's CRI log, kubectl outputs. */
async function flat(m: Model, dir: string): Promise<string[]> {
  const out: string[] = [];
  const put = async (name: string, body: string) => { const f = path.join(dir, name); await writeBytes(f, body); out.push(f); };
  for (const n of m.nodes) await put(`${n.node.name}-rke2-${n.node.role}.log`, journalText(m, n));
  if (m.kcm) await put(`kube-controller-manager-${m.kcm.node.name}.log`, kcmText(m, true));
  for (const n of m.nodes) {
    if (n.etcd.length) await put(`etcd-${n.node.name}.log`, podText(n.etcd, true));
    if (n.apiserver.length) await put(`kube-apiserver-${n.node.name}.log`, podText(n.apiserver, true));
  }
  await put('kubectl-get-nodes.txt', nodesTable(m));
  for (const r of m.reaper) await put(`kubectl-logs-${r.name}.txt`, text(r.lines));
  return out;
}

/** Writes the model in a layout under `dir`; returns the files written. */
export function writeLayout(layout: Layout, m: Model, dir: string, nested = false): Promise<string[]> {
  if (layout === 'rancher') return rancher(m, dir);
  if (layout === 'cloudera') return cloudera(m, dir, nested);
  return flat(m, dir);
}
