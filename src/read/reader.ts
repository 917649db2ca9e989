// Inputs -> scanners: every file, archive member and stdin becomes a leaf that is skipped (not a
// log), read as bundle inventory (systeminfo/date, kubectl nodes) or scanned line by line. The
// scanners are finished only once every input is read, so a bundle's date and node table apply to
// its logs whatever the member order was.
import type { Readable } from 'node:stream';
import type { Event, Finding, InputSummary, Role, SourceLag } from '../types';
import type { SourceRef } from './sources/walk';
import { expandFile, expandStream, drain, type ExpandHooks, type Leaf } from './sources/archive';
import { fileKind } from './sources/kinds';
import { bundleKeyOf, Inventory, NodesTable, parseDateText, type ClockRef } from './inventory';
import { identify } from './identity';
import { gated } from './sources/open';
import { PerLine, scanStream } from './lines';
import type { SourceScanner } from './scanner';
import { groupSkipped } from './sources/skips';
import { scanLog, type ReadOptions, type ScannedLog } from './scanLog';

/** Inventory text files are small; anything past this is ignored. */
const INVENTORY_MAX_LINES = 10_000;


interface Open { scanner: SourceScanner; key: string | null; failure: string | null }

/** What all inputs yielded, ready for assembly. */
export interface ReadResult {
  inputs: InputSummary[];
  events: Event[];
  hosts: Array<[string, string]>;
  skipped: Array<{ path: string; reason: string }>;
  notes: Finding[];
  lags: SourceLag[];
}

const POD_LOG = /(?:^|[/!])(?:podlogs|pods)\//;

export class InputReader {
  private opens: Open[] = [];
  private warned = new Map<string, string[]>();
  private skipped: Array<{ path: string; reason: string }> = [];
  private notLogs: Array<{ path: string; reason: string }> = [];
  private notes: Finding[] = [];
  private inventory = new Inventory();
  private hooks: ExpandHooks = {
    leaf: (l) => this.leaf(l),
    warn: (path, message) => this.warned.set(path, [...(this.warned.get(path) ?? []), message]),
    skip: (path, reason) => { this.skipped.push({ path, reason }); },
  };

  constructor(private opts: ReadOptions = {}) {}

  /** Reads a walked path: a plain file, a .gz, or an archive (streamed member by member). */
  readRef(ref: SourceRef): Promise<void> {
    return expandFile(ref.path, ref.fsPath, ref.mtime, this.hooks);
  }

  /** Reads a stream named `path` (stdin, or bytes a test hands in); archives are expanded. */
  readStream(path: string, body: Readable): Promise<void> {
    return expandStream(path, body, null, this.hooks);
  }

  private async leaf(l: Leaf): Promise<void> {
    const kind = fileKind(l.path);
    if (kind.kind === 'skip') {
      // expected in a bundle (system info, manifests): listed, but not a warning or a --strict failure
      this.notLogs.push({ path: l.path, reason: kind.reason });
      return drain(l.body);
    }
    if (kind.kind === 'date' || kind.kind === 'nodes') return this.inventoryFile(l, kind.kind);
    await this.logFile(l);
  }

  private async inventoryFile(l: Leaf, kind: 'date' | 'nodes'): Promise<void> {
    const lines: string[] = [];
    try {
      await scanStream(gated(l.body), new PerLine((s) => { if (lines.length < INVENTORY_MAX_LINES) lines.push(s); }));
    } catch (e) {
      this.hooks.warn(l.path, `read error: ${(e as Error).message}`);
    }
    if (kind === 'nodes') {
      const t = new NodesTable();
      for (const s of lines) t.line(s);
      return this.nodes(l.path, t);
    }
    const key = bundleKeyOf(l.path);
    const ref = parseDateText(lines.join('\n'), `systeminfo/date (${(lines[0] ?? '').trim().slice(0, 60)})`);
    if (key && ref) this.inventory.setDate(key, ref);
    else this.notLogs.push({ path: l.path, reason: ref ? 'a date outside a Rancher bundle folder: not used as a reference clock' : 'not date(1) output' });
  }

  private nodes(path: string, t: NodesTable): void {
    const known = this.inventory.hosts.length;
    this.inventory.addNodes(t.rows);
    // every server bundle carries the same table: say it once
    if (this.inventory.hosts.length === known && known > 0) return;
    const list = t.rows.map((r) => `${r.name}=${r.address}`).join(', ');
    this.notes.push({ code: 'node-names', severity: 'info', message: `${path}: ${t.rows.length} node name(s) read from kubectl get nodes${list ? `: ${list}` : ''}` });
  }

  private async logFile(l: Leaf): Promise<void> {
    const r = await scanLog(l.path, l.body, l.mtime, this.opts);
    if (r.notText) {
      this.skipped.push({ path: l.path, reason: r.notText });
      return drain(l.body);
    }
    this.adopt(l.path, r);
  }

  /** Takes a log scanned here or in a worker thread; it is finished with the others in finish(). */
  adopt(path: string, r: ScannedLog): void {
    if (r.table) return this.nodes(path, r.table);
    this.opens.push({ scanner: r.scanner, key: bundleKeyOf(path), failure: r.failure });
  }

  /** The bundle's role: the rke2 journal with the most parsed lines (both unit files may exist). */
  private bundleRole(key: string): Role | null {
    let best: { role: Role; parsed: number } | null = null;
    for (const o of this.opens) {
      if (o.key !== key) continue;
      const m = /journald\/rke2-(server|agent)$/.exec(o.scanner.info.path);
      if (m && o.scanner.parsed > 0 && (!best || o.scanner.parsed > best.parsed)) best = { role: m[1] as Role, parsed: o.scanner.parsed };
    }
    return best?.role ?? null;
  }

  /** The bundle's zone when its date has none: the offset most of its host logs carry. */
  private bundleRef(key: string): ClockRef | null {
    const ref = this.inventory.refOf(key);
    if (!ref || ref.offsetMin !== null) return ref;
    const votes = new Map<number, number>();
    for (const o of this.opens) {
      if (o.key !== key || POD_LOG.test(o.scanner.info.path)) continue;
      const off = o.scanner.knownOffset();
      if (off !== null) votes.set(off, (votes.get(off) ?? 0) + 1);
    }
    const top = [...votes.entries()].sort((a, b) => b[1] - a[1])[0];
    return top ? { ...ref, offsetMin: top[0], zoneFrom: "the bundle's logs" } : ref;
  }

  /** Finishes every scanner with its bundle's knowledge and returns what assembly needs. */
  finish(): ReadResult {
    const keys = new Set(this.opens.map((o) => o.key).filter((k): k is string => k !== null));
    const refs = new Map<string, ClockRef | null>();
    const roles = new Map<string, Role | null>();
    for (const k of keys) {
      refs.set(k, this.bundleRef(k));
      roles.set(k, this.bundleRole(k));
      const r = refs.get(k);
      if (r) this.notes.push({ code: 'reference-clock', severity: 'info', message: `${k}: year-less lines placed by ${r.from}${r.offsetMin === null ? ', zone unknown' : `, zone ${fmtOffset(r.offsetMin)}${r.zoneFrom ? ` (from ${r.zoneFrom})` : ''}`}` });
    }
    const inputs: InputSummary[] = [];
    const events: Event[] = [];
    const lags: SourceLag[] = [];
    for (const o of this.opens) {
      const s = o.scanner;
      if (o.key !== null) {
        const ref = refs.get(o.key) ?? null;
        // static pods log in UTC containers whatever the host zone; --year wins over the bundle's date
        if (ref) s.reference(POD_LOG.test(s.info.path) ? { ...ref, offsetMin: 0 } : ref, !!this.opts.year);
        const node = s.info.node;
        const role = roles.get(o.key) ?? (node ? this.inventory.nodeRoles.get(node) : undefined) ?? null;
        if (s.info.role === 'unknown' && role) s.info.role = role;
      }
      const summary = s.finish();
      const index = inputs.length;
      for (const ev of s.events) {
        ev.source = index;
        if (ev.role === 'unknown') ev.role = summary.role;
      }
      if (o.failure) summary.warnings.push(o.failure);
      summary.warnings.push(...(this.warned.get(summary.path) ?? []));
      this.warned.delete(summary.path);
      inputs.push(summary);
      const lag = s.prefixLag();
      if (lag) lags.push(lag);
      events.push(...s.events);
    }
    for (const [path, warnings] of this.warned) {
      inputs.push({ path, node: identify(path).node, role: 'unknown', lines: 0, parsed: 0, events: 0, firstTime: null, lastTime: null, warnings });
    }
    let seq = 0;
    for (const e of events) e.seq = seq++;
    const notLogs = groupSkipped(this.notLogs).map((n): Finding => ({ code: 'input-not-log', severity: 'info', message: `${n.path}: not read (${n.reason})` }));
    return { inputs, events, hosts: this.inventory.hosts, skipped: this.skipped, notes: [...notLogs, ...this.notes], lags };
  }
}


function fmtOffset(min: number): string {
  const a = Math.abs(min);
  return `${min < 0 ? '-' : '+'}${String(Math.floor(a / 60)).padStart(2, '0')}:${String(a % 60).padStart(2, '0')}`;
}
