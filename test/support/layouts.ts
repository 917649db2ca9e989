// The shapes a customer's logs arrive in, written from one generated model: a Rancher
// log-collector tarball per node, a Cloudera Manager diagnostic zip, a flat folder of journalctl
// and kubectl outputs, and folders named after the hosts holding a plain `rke2.log` each.
import * as path from 'node:path';
import { gzipSync } from 'node:zlib';
import type { GenNode, Marked } from './wording';
import { RELEASE, type Wording } from './wording';
import { bare, cmLauncher, cri, date1, folderStamp, journald, journalStamp, lumberjackStamp, plainText } from './render';
import { tarBuffer, writeBytes, zipBuffer, type Member } from './archives';
import type { ReaperRun } from './noise';

export type Layout = 'rancher' | 'cloudera' | 'flat' | 'unnamed-folders';
/** The layouts of the original matrix (scenario-matrix.test.ts); `unnamed-folders` is a shape of its own. */
export const LAYOUTS: Layout[] = ['rancher', 'cloudera', 'flat'];
export const ALL_LAYOUTS: Layout[] = [...LAYOUTS, 'unnamed-folders'];

/** What each layout carries besides the rke2 logs (decides which milestones can be expected). */
export const LAYOUT_HAS: Record<Layout, { kcm: boolean; controlPlane: boolean; reaper: boolean; names: boolean }> = {
  rancher: { kcm: true, controlPlane: true, reaper: false, names: true },
  cloudera: { kcm: false, controlPlane: false, reaper: true, names: false },
  flat: { kcm: true, controlPlane: true, reaper: true, names: true },
  'unnamed-folders': { kcm: false, controlPlane: false, reaper: false, names: false },
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
  /** when the node started a new rke2 process (a new pid, a new Cloudera process folder) */
  restarts: number[];
}

/** Everything a layout writes. */
export interface Model {
  wording: Wording;
  off: number;
  abbrev: string;
  collect: number;
  all: GenNode[];
  /** nodes still down when the bundle was collected (NotReady in `kubectl get nodes`) */
  downAtCollect: Set<string>;
  nodes: NodeLogs[];
  kcm: { node: GenNode; lines: Marked[] } | null;
  reaper: ReaperRun[];
  /** write one member as a truncated gzip (the corrupt-member case) */
  corruptMember: boolean;
  /** leave out `kubectl get nodes` / the reaper output */
  noNodesTable: boolean;
  noReaper: boolean;
  /** where the writers put NUL blocks: file (archive!member) and 1-based line */
  nulAt: Array<{ path: string; line: number }>;
}

const text = (lines: string[]) => lines.join('\n') + '\n';
const byTime = (a: Marked, b: Marked) => a.t - b.t;

/** The rke2 process that wrote a line: a new pid after each restart. */
const pidAt = (n: NodeLogs, t: number) => n.pid + 1000 * n.restarts.filter((r) => r <= t).length;

/** `journalctl -u rke2-server|agent` lines of a node (journald short), boot markers included. */
export function journalLines(m: Model, n: NodeLogs): string[] {
  return [...n.rke2].filter((l) => l.kind !== 'nul').sort(byTime).map((l) => journald(l, m.off, n.node.name, pidAt(n, l.t)));
}

/** The same with journalctl's header. */
export function journalText(m: Model, n: NodeLogs): string {
  const first = Math.min(...n.rke2.filter((l) => l.kind !== 'marker').map((l) => l.t));
  return text([`-- Logs begin at ${journalStamp(first, m.off, m.abbrev)}, end at ${journalStamp(m.collect, m.off, m.abbrev)}. --`, ...journalLines(m, n)]);
}

/** `kubectl get nodes -o wide` as the collector saves it. */
function nodesTable(m: Model): string {
  const rows = [['NAME', 'STATUS', 'ROLES', 'AGE', 'VERSION', 'INTERNAL-IP', 'EXTERNAL-IP', 'OS-IMAGE', 'KERNEL-VERSION', 'CONTAINER-RUNTIME']];
  for (const n of m.all) {
    const down = m.downAtCollect.has(n.name);
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
      if (!m.noNodesTable) members.push({ name: `${base}/rke2/kubectl/nodes`, body: nodesTable(m) });
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

/** A text log of the lines (sorted), NUL blocks where written; records where they landed. */
function plainLog(m: Model, file: string, ls: Marked[], head: string[] = []): string {
  const { text: body, nulLines } = plainText([...ls].sort(byTime), m.off);
  for (const l of nulLines) m.nulAt.push({ path: file, line: l + head.length });
  return (head.length ? text(head) : '') + body;
}

function stderrLog(m: Model, n: NodeLogs, ls: Marked[], pid: number, file: string): string {
  const lines = [...ls].filter((l) => l.kind !== 'unit' && l.kind !== 'marker').sort(byTime);
  const head = ['Started launcher: /opt/cloudera/cm-agent/service/ecs/ecs.sh ' + (n.node.role === 'server' ? 'start_server' : 'start_agent'), `Re-exec watcher: /opt/cloudera/cm-agent/bin/cm proc_watcher ${pid + 11}`, 'Started redactor'];
  return plainLog(m, file, lines, head.map((h) => cmLauncher(lines[0].t - 1000, m.off, pid, h)));
}

/** Cloudera Manager diagnostic data: one zip, `<host>/process/<id>-ecs-ECS_*` folders, pod-reaper runs. */
async function cloudera(m: Model, dir: string, nested: boolean): Promise<string[]> {
  const members: Member[] = [{ name: 'scm-command-result.json', body: JSON.stringify({ command: 'collectDiagnosticData', success: true }) + '\n' }];
  for (const n of m.nodes) {
    const role = n.node.role === 'server' ? 'ECS_SERVER' : 'ECS_AGENT';
    // a restarted role gets a new process folder with a higher id (bundles.md §2.2); the old one lingers
    const cuts = [-Infinity, ...n.restarts, Infinity];
    const runs = cuts.slice(0, -1).map((from, k) => ({ id: n.procId + 57 * k, pid: n.pid + 1000 * k, ls: n.rke2.filter((l) => l.t >= from && l.t < cuts[k + 1]) }));
    const files = runs.filter((r) => r.ls.some((l) => l.kind !== 'unit' && l.kind !== 'marker')).map((r) => {
      const name = `${n.node.name}/process/${r.id}-ecs-${role}/logs/stderr.log`;
      return { name, body: stderrLog(m, n, r.ls, r.pid, `${nested ? `${n.node.name}.tar.gz!` : ''}${name}`) };
    });
    if (nested) members.push({ name: `${n.node.name}.tar.gz`, body: await tarBuffer(files, new Date(m.collect)) });
    else members.push(...files);
  }
  if (!m.noReaper) for (const r of m.reaper) members.push({ name: `pod-reaper/${r.name}.log`, body: text(r.lines) });
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
  if (!m.noNodesTable) await put('kubectl-get-nodes.txt', nodesTable(m));
  if (!m.noReaper) for (const r of m.reaper) await put(`kubectl-logs-${r.name}.txt`, text(r.lines));
  return out;
}

/** Folders named after the hosts (`cp-a/`, `wk-b/`), each with rke2's own `rke2.log` (plain logrus, `log:` set). */
async function unnamedFolders(m: Model, dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const n of m.nodes) {
    const f = path.join(dir, n.node.name, 'rke2.log');
    await writeBytes(f, plainLog(m, `${n.node.name}/rke2.log`, n.rke2));
    out.push(f);
  }
  return out;
}

/** Writes the model in a layout under `dir`; returns the files written. */
export function writeLayout(layout: Layout, m: Model, dir: string, nested = false): Promise<string[]> {
  if (layout === 'rancher') return rancher(m, dir);
  if (layout === 'cloudera') return cloudera(m, dir, nested);
  if (layout === 'unnamed-folders') return unnamedFolders(m, dir);
  return flat(m, dir);
}
