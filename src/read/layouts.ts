// Bundle layouts as data (STYLE §1, like the line formats): each layout says what a path of its
// shape tells about the input (node, role, the bundle's collection date) and carries sample paths
// checked at start-up. Adding a layout is one record. identity.ts applies them in order.
import type { Role } from '../types';

/** What a path tells: every field optional; `nodeFrom` says how sure the node is. */
export interface PathFacts {
  node?: string | null;
  /** how the node was read: a layout's own folder is sure; a plain folder name is a guess that a journald host overrides */
  nodeFrom?: 'Rancher bundle folder' | 'Cloudera Manager host folder' | 'host folder' | 'static pod name' | 'folder name';
  role?: Role;
  refYear?: number;
  refMonth?: number;
}

/** A path cut into folders (archive members included: `a.tgz!b/c` is a.tgz, b) and its file name. */
export interface PathParts { dirs: string[]; file: string; path: string }

export interface Layout {
  name: string;
  description: string;
  /** what a path of this layout says, or null when the path is not of this layout */
  read(p: PathParts): PathFacts | null;
  /** real-shaped paths and what they must say (null: not this layout) */
  samples: Array<{ path: string; expect: PathFacts | null }>;
}

/** Rancher log-collector folder: `<hostname>-<YYYY-MM-DD_HH_MM_SS>`. */
export const RANCHER_BUNDLE = /^(?<host>[A-Za-z0-9][A-Za-z0-9.-]{0,252})-(?<y>\d{4})-(?<mo>\d\d)-(?<d>\d\d)_(\d\d)_(\d\d)_(\d\d)$/;
const CM_PROCESS = /^\d{1,20}-(?:ecs|ECS)-(?<role>ECS_SERVER|ECS_AGENT)$/;
const CM_DIAGNOSTIC = /^\d{1,20}-scm-command-result-data\.zip$/i;
const FQDN = /^[a-z][a-z0-9-]{0,62}(?:\.[a-z0-9-]{1,63}){1,10}$/i;
const HOSTISH = /^[a-z][a-z0-9-]{0,62}\d[a-z0-9-]{0,62}$|^[a-z][a-z0-9-]{0,62}(?:\.[a-z0-9-]{1,63})+$/i;
/** Folders a layout puts under a host folder. */
const LAYOUT_DIRS = new Set(['process', 'run', 'var', 'journald', 'systemlogs', 'rke2', 'logs', 'cloudera-scm-agent']);
/** Folder names that are layout or download words, never a host. */
const GENERIC = new Set([
  'log', 'logs', 'var', 'run', 'rke2', 'k3s', 'agent', 'server', 'process', 'journald', 'journal', 'systemlogs', 'cloudera-scm-agent',
  'podlogs', 'pods', 'containers', 'kubelet', 'etcd', 'kube-apiserver', 'kube-controller-manager', 'kube-scheduler', 'containerd',
  'pod-reaper', 'rancher', 'lib', 'etc', 'opt', 'tmp', 'temp', 'data', 'home', 'root', 'users', 'desktop', 'documents', 'downloads',
  'bundle', 'bundles', 'extracted', 'support', 'diag', 'diagnostics', 'collect', 'collected', 'output', 'out', 'input', 'inputs',
  'cases', 'tickets', 'fixtures', 'samples', 'sample', 'files', 'new', 'old', 'archive', 'archives', 'nodes', 'hosts', 'servers', 'agents',
]);
/** Folder names people give to what they downloaded: never a host, even beside `process/`. */
const NOT_A_HOST = /^(?:case|ticket|sr|support|bundle|diag|logs?|tmp|temp|downloads?|home|data|collect|extract|out)(?:[-_.]|\d|$)/i;
/** A Kubernetes pod log folder `<ns>_<pod>_<uid>` or anything with a file extension: not a host. */
const NOT_A_FOLDER_HOST = /_[0-9a-f]{32}$|^[^/]*_[^/]*_[0-9a-f-]{36}$|\.(?:log|txt|gz|tgz|zip|tar|json|ya?ml|out|err|d)$/i;

/** A static pod's name: `<component>-<node>`, in a file name or a `/var/log/pods` folder (`<ns>_<pod>_<uid>`). */
const STATIC_POD = /^(?:kube-system[-_])?(?:etcd|kube-apiserver|kube-controller-manager|kube-scheduler|cloud-controller-manager)-(?<node>[a-z0-9][a-z0-9.-]{0,252}?)(?:_[0-9a-f-]{32,36})?(?:\.log)?$/i;

const hostLike = (d: string) => !NOT_A_HOST.test(d) && !GENERIC.has(d.toLowerCase()) && !NOT_A_FOLDER_HOST.test(d) && !RANCHER_BUNDLE.test(d) && !CM_PROCESS.test(d);

export const LAYOUTS: Layout[] = [
  {
    name: 'rancher-collector',
    description: 'Rancher v2.x log collector: one `<host>-<YYYY-MM-DD_HH_MM_SS>/` folder (or tarball) per node, with journald/, rke2/, systeminfo/',
    read: ({ dirs }) => {
      let out: PathFacts | null = null;
      for (const d of dirs) {
        const g = RANCHER_BUNDLE.exec(d)?.groups;
        if (g) out = { node: g.host, nodeFrom: 'Rancher bundle folder', refYear: Number(g.y), refMonth: Number(g.mo) };
      }
      return out;
    },
    samples: [
      { path: '/tmp/x/ds03-2022-12-29_09_50_00/journald/rke2-server', expect: { node: 'ds03', nodeFrom: 'Rancher bundle folder', refYear: 2022, refMonth: 12 } },
      { path: 'ds05-2022-12-29_09_50_00.tar.gz!ds05-2022-12-29_09_50_00/rke2/podlogs/kube-system-etcd-ds05', expect: { node: 'ds05', nodeFrom: 'Rancher bundle folder', refYear: 2022, refMonth: 12 } },
      { path: 'cp-a/rke2.log', expect: null },
    ],
  },
  {
    name: 'cloudera-diagnostic',
    description: 'Cloudera Manager diagnostic zip `<id>-scm-command-result-data.zip`: its first-level folders are hosts (pod-reaper/ aside)',
    read: ({ dirs }) => {
      const i = dirs.findIndex((d) => CM_DIAGNOSTIC.test(d));
      const host = i >= 0 ? dirs[i + 1] : undefined;
      return host && hostLike(host) ? { node: host, nodeFrom: 'Cloudera Manager host folder' } : null;
    },
    samples: [
      { path: '1546339005-scm-command-result-data.zip!feng-ws4.sme-feng.athens.cloudera.com/process/1546338943-ecs-ECS_AGENT/logs/stderr.log', expect: { node: 'feng-ws4.sme-feng.athens.cloudera.com', nodeFrom: 'Cloudera Manager host folder' } },
      { path: '1546339005-scm-command-result-data.zip!pod-reaper/pod-reaper-27871750-qrmk9.log', expect: null },
    ],
  },
  {
    name: 'cloudera-process',
    description: 'Cloudera Manager process folder `<id>-ecs-ECS_SERVER|ECS_AGENT/logs/stderr.log`: the role; the host is the folder above `process/`',
    read: ({ dirs }) => {
      let out: PathFacts | null = null;
      dirs.forEach((d, i) => {
        const g = CM_PROCESS.exec(d)?.groups;
        if (!g) return;
        out = { role: g.role === 'ECS_SERVER' ? 'server' : 'agent' };
        const host = dirs[i - 1] === 'process' ? dirs[i - 2] : undefined;
        if (host && hostLike(host) && (FQDN.test(host) || HOSTISH.test(host))) out = { ...out, node: host, nodeFrom: 'host folder' };
      });
      return out;
    },
    samples: [
      { path: 'bundle/ds04/process/1546338952-ecs-ECS_AGENT/logs/stderr.log.1', expect: { role: 'agent', node: 'ds04', nodeFrom: 'host folder' } },
      { path: '/home/support/case-123/process/1546338947-ecs-ECS_SERVER/logs/stderr.log', expect: { role: 'server' } },
    ],
  },
  {
    name: 'journald-units',
    description: 'journald exports named after the unit (`journald/rke2-server`, `rke2-agent`, `k3s`, `k3s-agent`): the role',
    read: ({ dirs, file }) => {
      if (dirs[dirs.length - 1] !== 'journald' && !/^rke2-(?:server|agent)$/.test(file)) return null;
      if (file === 'rke2-server' || file === 'k3s') return { role: 'server' };
      if (file === 'rke2-agent' || file === 'k3s-agent') return { role: 'agent' };
      return null;
    },
    samples: [
      { path: 'ds01-2023-11-22_17_48_37/journald/rke2-agent', expect: { role: 'agent' } },
      { path: 'ds01-2023-11-22_17_48_37/journald/containerd', expect: null },
    ],
  },
  {
    name: 'pod-reaper',
    description: 'Cloudera ECS pod-reaper output (`kubectl logs -n pod-reaper ...`, a `pod-reaper/` folder): cluster-wide, no node',
    read: ({ path }) => (/pod-reaper/.test(path) ? { role: 'reaper', node: null } : null),
    samples: [
      { path: 'logs/pod-reaper/pod-reaper-27871780-tpwzm.log', expect: { role: 'reaper', node: null } },
      { path: 'kubectl-logs-pod-reaper-27871940-469b7.txt', expect: { role: 'reaper', node: null } },
    ],
  },
  {
    name: 'static-pod-log',
    description: 'a control-plane static pod\'s log, named after its pod `<component>-<node>` (`etcd-ecs-m1.log`, `kube-system-etcd-ecs-m1`, `kube-system_etcd-ecs-m1_<uid>/etcd/0.log`): the node it runs on',
    read: ({ dirs, file }) => {
      for (const seg of [file, ...[...dirs].reverse()]) {
        const g = STATIC_POD.exec(seg)?.groups;
        if (g) return { node: g.node, nodeFrom: 'static pod name' };
      }
      return null;
    },
    samples: [
      { path: 'bundle/etcd-ecs-m3.log', expect: { node: 'ecs-m3', nodeFrom: 'static pod name' } },
      { path: 'var/log/pods/kube-system_kube-controller-manager-ecs-m1_0c1d2e3f4a5b6c7d8e9f0a1b2c3d4e5f/kube-controller-manager/0.log', expect: { node: 'ecs-m1', nodeFrom: 'static pod name' } },
      { path: 'ecs-w1/kubelet.log', expect: null },
    ],
  },
  {
    name: 'host-folder',
    description: 'a folder named like a host (an FQDN, or a name with a digit above a layout folder such as process/ or logs/)',
    read: ({ dirs }) => {
      let out: PathFacts | null = null;
      dirs.forEach((d, i) => {
        const next = dirs[i + 1];
        if (hostLike(d) && ((FQDN.test(d)) || (next !== undefined && LAYOUT_DIRS.has(next) && HOSTISH.test(d)))) out = { node: d, nodeFrom: 'host folder' };
      });
      return out;
    },
    samples: [
      { path: 'fixtures/ecs-server-down/feng-ws1.sme-feng.athens.cloudera.com/process/1546338947-ecs-ECS_SERVER/logs/stderr.log', expect: { node: 'feng-ws1.sme-feng.athens.cloudera.com', nodeFrom: 'host folder' } },
      { path: 'ticket.4711/stderr.log', expect: null },
    ],
  },
  {
    name: 'folder-name',
    description: 'any other folder holding the log whose name is not a layout or download word (`cp-a/rke2.log`, `worker3/stderr.log`): a guess a journald host overrides',
    read: ({ dirs }) => {
      // a container's folder under a pod's `<ns>_<pod>_<uid>` folder is no host either
      for (let i = dirs.length - 1; i >= 0; i--) if (hostLike(dirs[i]) && !(i > 0 && NOT_A_FOLDER_HOST.test(dirs[i - 1]))) return { node: dirs[i], nodeFrom: 'folder name' };
      return null;
    },
    samples: [
      { path: 'cp-a/rke2.log', expect: { node: 'cp-a', nodeFrom: 'folder name' } },
      { path: 'case-4711/logs/rke2/agent/logs/stderr.log', expect: null },
      { path: 'stderr.log', expect: null },
    ],
  },
];

/** A path cut into folders and file (archive members included). */
export function partsOf(path: string): PathParts {
  const segs = path.split(/[\\/!]+/).filter((s) => s && s !== '.' && s !== '..');
  return { dirs: segs.slice(0, -1), file: segs[segs.length - 1] ?? '', path };
}

/** Start-up check (STYLE §3): every layout reads its samples as they say. */
export function checkLayouts(): string[] {
  const errors: string[] = [];
  for (const l of LAYOUTS) {
    for (const s of l.samples) {
      const got = l.read(partsOf(s.path));
      if (JSON.stringify(got) !== JSON.stringify(s.expect)) errors.push(`layout ${l.name}: ${s.path} gives ${JSON.stringify(got)}, expected ${JSON.stringify(s.expect)}`);
    }
  }
  return errors;
}
