// Node and role of a file from its path (DESIGN §3): explicit option, Rancher bundle folder,
// Cloudera Manager process folder, journald unit file, a folder named after the host.
import type { Role, SourceInfo } from '../types';

/** Rancher log-collector folder: `<hostname>-<YYYY-MM-DD_HH_MM_SS>`. */
export const RANCHER_BUNDLE = /^(?<host>[A-Za-z0-9][A-Za-z0-9.-]{0,252})-(?<y>\d{4})-(?<mo>\d\d)-(?<d>\d\d)_(\d\d)_(\d\d)_(\d\d)$/;
const CM_PROCESS = /^\d{1,20}-(?:ecs|ECS)-(?<role>ECS_SERVER|ECS_AGENT)$/;
const FQDN = /^[a-z][a-z0-9-]{0,62}(?:\.[a-z0-9-]{1,63}){1,10}$/i;
const HOSTISH = /^[a-z][a-z0-9-]{0,62}\d[a-z0-9-]{0,62}$|^[a-z][a-z0-9-]{0,62}(?:\.[a-z0-9-]{1,63})+$/i;
const LAYOUT_DIRS = new Set(['process', 'run', 'var', 'journald', 'systemlogs', 'rke2', 'logs', 'cloudera-scm-agent']);
/** Folder names people give to what they downloaded: never a host, even beside `process/`. */
const NOT_A_HOST = /^(?:case|ticket|sr|support|bundle|diag|logs?|tmp|temp|downloads?|home|data|collect|extract|out)(?:[-_.]|\d|$)/i;
const FILE_EXT = /\.(?:log|txt|gz|tgz|zip|tar|json|ya?ml|out|err)$/i;

/** Node, role and reference year for a path; `archive!member` paths are split on `!`. */
export function identify(path: string): Omit<SourceInfo, 'mtime'> {
  const segs = path.split(/[\\/!]+/).filter((s) => s && s !== '.');
  const dirs = segs.slice(0, -1);
  const file = segs[segs.length - 1] ?? '';
  let node: string | null = null;
  let nodeFrom: string | null = null;
  let role: Role = 'unknown';
  let refYear: number | null = null;
  let refMonth: number | null = null;

  for (let i = 0; i < dirs.length; i++) {
    const d = dirs[i];
    const rb = RANCHER_BUNDLE.exec(d);
    if (rb?.groups) {
      node = rb.groups.host;
      nodeFrom = 'Rancher bundle folder';
      refYear = Number(rb.groups.y);
      refMonth = Number(rb.groups.mo);
    }
    const cm = CM_PROCESS.exec(d);
    if (cm?.groups) role = cm.groups.role === 'ECS_SERVER' ? 'server' : 'agent';
    if (!nodeFrom || nodeFrom === 'host folder') {
      const next = dirs[i + 1];
      const isHost = !NOT_A_HOST.test(d) && ((FQDN.test(d) && !FILE_EXT.test(d)) || (next !== undefined && LAYOUT_DIRS.has(next) && HOSTISH.test(d)));
      if (isHost && !RANCHER_BUNDLE.test(d)) {
        node = d;
        nodeFrom = 'host folder';
      }
    }
  }
  if (dirs[dirs.length - 1] === 'journald' || /^rke2-(?:server|agent)$/.test(file)) {
    if (file === 'rke2-server' || file === 'k3s') role = 'server';
    else if (file === 'rke2-agent' || file === 'k3s-agent') role = 'agent';
  }
  if (/pod-reaper/.test(path)) role = 'reaper';
  return { path, node, role, nodeFrom, refYear, refMonth };
}
