// Bundle knowledge that is not log lines: the collection date (`systeminfo/date`, or the Rancher
// folder name) as the reference clock of a bundle, and `kubectl get nodes -o wide` (NAME=IP pairs).
// Pure parsers plus a small store the reader fills before assembly.
import type { Role } from '../types';
import { MONTHS, parseOffset, readRfc3339 } from '../formats/timestamps';
import { RANCHER_BUNDLE } from './identity';

/** A bundle's reference clock: wall-clock date of the collection, and its zone when known. */
export interface ClockRef {
  year: number;
  month: number;
  day: number;
  /** minutes east of UTC; null when the zone is unknown or ambiguous (CST, IST) */
  offsetMin: number | null;
  from: string;
  /** where the zone came from when not from the same text */
  zoneFrom?: string;
}

/** Zone abbreviations date(1) prints that name one offset. CST, IST, BST are ambiguous: left out. */
const ZONES: Record<string, number> = {
  UTC: 0, GMT: 0, UCT: 0, Z: 0, WET: 0, WEST: 60, CET: 60, CEST: 120, EET: 120, EEST: 180, MSK: 180,
  PKT: 300, WIB: 420, ICT: 420, HKT: 480, SGT: 480, AWST: 480, PHT: 480, JST: 540, KST: 540,
  ACST: 570, AEST: 600, AEDT: 660, NZST: 720, NZDT: 780,
  HST: -600, AKST: -540, AKDT: -480, PST: -480, PDT: -420, MST: -420, MDT: -360, CDT: -300, EST: -300, EDT: -240,
};

function zoneOf(z: string): number | null {
  return ZONES[z] ?? parseOffset(z);
}

const DATE_US = /^(?:[A-Z][a-z]{2},? +)?([A-Z][a-z]{2}) +(\d{1,2}) (\d\d):(\d\d):(\d\d) ([A-Za-z]{1,6}|[+-]\d{2,4}) (\d{4})$/;
const DATE_EU = /^(?:[A-Z][a-z]{2},? +)?(\d{1,2}) ([A-Z][a-z]{2}) (\d{4}) (\d\d):(\d\d):(\d\d)(?: [AP]M)? ([A-Za-z]{1,6}|[+-]\d{2,4})$/;
const ISO = /^(\d{4}-\d\d-\d\d)[T ](\d\d:\d\d:\d\d(?:[.,]\d{1,9})?) ?(Z|[+-]\d\d:?\d\d)?$/;

/** Reads `date` output (`Thu Dec 29 17:50:00 CST 2022`, `Thu 29 Dec 2022 05:50:00 PM CST`, ISO). */
export function parseDateText(text: string, from: string): ClockRef | null {
  const line = text.split('\n').map((l) => l.trim()).find((l) => l.length > 0) ?? '';
  if (line.length > 100) return null;
  let m = DATE_US.exec(line);
  if (m && MONTHS[m[1]]) return { year: Number(m[7]), month: MONTHS[m[1]], day: Number(m[2]), offsetMin: zoneOf(m[6]), from };
  m = DATE_EU.exec(line);
  if (m && MONTHS[m[2]]) return { year: Number(m[3]), month: MONTHS[m[2]], day: Number(m[1]), offsetMin: zoneOf(m[7]), from };
  m = ISO.exec(line);
  if (m) {
    const r = readRfc3339(`${m[1]}T${m[2]}${m[3] ?? ''}`);
    const [y, mo, d] = m[1].split('-').map(Number);
    return { year: y, month: mo, day: d, offsetMin: m[3] ? r.offsetMin : null, from };
  }
  return null;
}

/** The path prefix through the Rancher `<host>-<YYYY-MM-DD_HH_MM_SS>` folder, or null outside a bundle. */
export function bundleKeyOf(path: string): string | null {
  const re = /[^/!\\]+/g;
  for (let m = re.exec(path); m; m = re.exec(path)) {
    const end = m.index + m[0].length;
    if (end < path.length && RANCHER_BUNDLE.test(m[0])) return path.slice(0, end);
  }
  return null;
}

/** The collection date in the bundle folder's name (host-local, zone unknown). */
export function folderRef(key: string): ClockRef | null {
  const seg = key.split(/[/!\\]/).pop() ?? '';
  const g = RANCHER_BUNDLE.exec(seg)?.groups;
  return g ? { year: Number(g.y), month: Number(g.mo), day: Number(g.d), offsetMin: null, from: `bundle folder ${seg}` } : null;
}

/** One row of `kubectl get nodes -o wide`. */
export interface NodeRow { name: string; address: string; role: Role }

const IP = /^(?:\d{1,3}(?:\.\d{1,3}){3}|[0-9a-f:]{2,39})$/i;

/** True for the header of `kubectl get nodes -o wide` (content recognition for unknown layouts). */
export function isNodesHeader(line: string): boolean {
  return /^NAME\s+STATUS\s+ROLES\s+AGE\s+VERSION\s+INTERNAL-IP\b/.test(line.trim());
}

/** Parses `kubectl get nodes -o wide` output; rows without a valid INTERNAL-IP are ignored. */
export class NodesTable {
  private ipCol = -1;
  private rolesCol = -1;
  readonly rows: NodeRow[] = [];

  line(raw: string): void {
    const t = raw.trim().split(/\s+/, 12);
    if (this.ipCol < 0) {
      if (isNodesHeader(raw)) { this.ipCol = t.indexOf('INTERNAL-IP'); this.rolesCol = t.indexOf('ROLES'); }
      return;
    }
    const ip = t[this.ipCol];
    if (!t[0] || !ip || !IP.test(ip) || ip.indexOf('.') < 0 && ip.indexOf(':') < 0) return;
    const roles = t[this.rolesCol] ?? '';
    const role: Role = /control-plane|master|etcd/.test(roles) ? 'server' : roles ? 'agent' : 'unknown';
    this.rows.push({ name: t[0], address: ip, role });
  }
}

/** What the reader learned from inventory files, keyed by bundle. */
export class Inventory {
  readonly hosts: Array<[string, string]> = [];
  /** addresses of the control-plane rows (ROLES control-plane, master or etcd) */
  readonly servers: string[] = [];
  readonly nodeRoles = new Map<string, Role>();
  private dates = new Map<string, ClockRef>();

  addNodes(rows: NodeRow[]): void {
    for (const r of rows) {
      if (!this.hosts.some(([n, a]) => n === r.name && a === r.address)) this.hosts.push([r.name, r.address]);
      if (r.role === 'server' && !this.servers.includes(r.address)) this.servers.push(r.address);
      if (!this.nodeRoles.has(r.name)) this.nodeRoles.set(r.name, r.role);
    }
  }

  setDate(key: string, ref: ClockRef): void {
    this.dates.set(key, ref);
  }

  /** The bundle's reference clock: `systeminfo/date` first, else the folder name's date. */
  refOf(key: string | null): ClockRef | null {
    if (key === null) return null;
    return this.dates.get(key) ?? folderRef(key);
  }
}
