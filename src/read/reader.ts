// Inputs -> scanned inputs: every file, archive member and stdin becomes a leaf that is skipped (not
// a log), read as bundle inventory (systeminfo/date, kubectl nodes) or scanned line by line. Inputs
// are finished only once every one is read, so a bundle's date and node table apply to its logs
// whatever the member order was. The result is plain data.
import { Readable } from 'node:stream';
import type { Event, Finding, InputSummary, Role, SourceLag } from '../types';
import type { SourceRef } from './sources/walk';
import { expandFile, expandStream, drain, type ExpandHooks, type Leaf } from './sources/archive';
import { fileKind } from './sources/kinds';
import { stoppedByBudget } from './sources/members';
import { gated } from './sources/open';
import { groupSkipped } from './sources/skips';
import { bundleKeyOf, Inventory, NodesTable, parseDateText, type ClockRef } from './inventory';
import { identify } from './identity';
import { PerLine, scanStream } from './lines';
import { scanLog, scanLogBytes, type ReadOptions, type ScannedLog } from './scanLog';
import { compact, type Scanned } from './scanner';
import type { Stamp } from './runs';
import { decideFacts, finishInput, knownOffset, UNNAMED_FROM } from './finish';

/** Inventory text files are small; anything past this is ignored. */
const INVENTORY_MAX_LINES = 10_000;

/** A scanned log waiting to be finished, with the bundle it belongs to and how its read ended. */
interface Open { scanned: Scanned; key: string | null; failure: string | null; spoolId?: number }

/** What all inputs yielded, ready for assembly: plain data. */
export interface ReadResult {
  inputs: InputSummary[];
  /** every classified event (repeats as runs), in input order */
  events: Event[];
  hosts: Array<[string, string]>;
  /** server addresses `kubectl get nodes` names (control-plane rows) */
  servers: string[];
  skipped: Array<{ path: string; reason: string }>;
  notes: Finding[];
  lags: SourceLag[];
}

/** What a finished input's place in the list of scans holds (its scan let go). */
const DONE: Open = { scanned: null as unknown as Scanned, key: null, failure: null };

/** Static pod logs: their zone is UTC, they do not teach the bundle its zone. */
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
    leafBytes: (path, mtime, bytes) => this.leafBytes(path, mtime, bytes),
    warn: (path, message) => { const l = this.warned.get(path); if (l) l.push(message); else this.warned.set(path, [message]); },
    skip: (path, reason) => { this.skipped.push({ path, reason }); },
    // what an archive member was (a link, a sparse file): said once, not a warning
    note: (path, message) => { this.notes.push({ code: 'input-note', severity: 'info', message: `${path}: ${message}` }); },
  };

  /** per finished input: the time of any of its lines (for the spool; kept only when one listens: it holds the input's whole scan) */
  private times: Array<(run: number, st: Stamp) => number | null> = [];

  constructor(private opts: ReadOptions = {}) {}

  /** The time of a spooled line of a finished input. */
  memberTime(input: number, run: number, st: Stamp): number | null {
    return this.times[input]?.(run, st) ?? null;
  }

  /** Reads a walked path: a plain file, a .gz, or an archive (streamed member by member). */
  readRef(ref: SourceRef): Promise<void> {
    return expandFile(ref.path, ref.fsPath, ref.mtime, this.hooks);
  }

  /** Reads a stream named `path` (stdin, or bytes a test hands in); archives are expanded. */
  readStream(path: string, body: Readable): Promise<void> {
    return expandStream(path, body, null, this.hooks);
  }

  private async leaf(l: Leaf): Promise<void> {
    await this.take(l.path, l.mtime, l.body);
  }

  /** leaf() for a small file read whole: the same decisions, the log scanned without a stream (and no promise). */
  private leafBytes(path: string, mtime: number | null, bytes: Buffer): Promise<void> | void {
    return this.take(path, mtime, bytes);
  }

  /** A leaf's body, as a stream or as bytes read whole: listed as no log, read as inventory or scanned as a log. */
  private take(path: string, mtime: number | null, body: Readable | Buffer): Promise<void> | void {
    const whole = Buffer.isBuffer(body);
    const done = () => (whole ? undefined : drain(body));
    const kind = fileKind(path);
    if (kind.kind === 'skip') {
      // expected in a bundle (system info, manifests): listed, but not a warning or a --strict failure
      this.notLogs.push({ path, reason: kind.reason });
      return done();
    }
    if (kind.kind === 'date' || kind.kind === 'nodes') return this.inventoryFile({ path, mtime, body: whole ? Readable.from(body.length ? [body] : [], { objectMode: false }) : body }, kind.kind);
    const scanned = (r: ScannedLog): Promise<void> | void => {
      if (!r.notText) return this.adopt(path, r);
      this.skipped.push({ path, reason: r.notText });
      return done();
    };
    return whole ? scanned(scanLogBytes(path, body, mtime, this.opts)) : scanLog(path, body, mtime, this.opts).then(scanned);
  }

  private async inventoryFile(l: Leaf, kind: 'date' | 'nodes'): Promise<void> {
    const lines: string[] = [];
    try {
      await scanStream(gated(l.body), new PerLine((s) => { if (lines.length < INVENTORY_MAX_LINES) lines.push(s); }));
    } catch (e) {
      if (!stoppedByBudget(e)) this.hooks.warn(l.path, `read error: ${(e as Error).message}`);
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

  /** Takes a log scanned here or in a worker thread; it is finished with the others in finish(). */
  adopt(path: string, r: ScannedLog): void {
    if (r.table) return this.nodes(path, r.table);
    if (r.scanned) this.opens.push({ scanned: compact(r.scanned), key: bundleKeyOf(path), failure: r.failure, spoolId: r.spoolId });
  }

  /** The bundle's role: the rke2 journal with the most parsed lines (both unit files may exist). */
  private bundleRole(key: string): Role | null {
    let best: { role: Role; parsed: number } | null = null;
    for (const o of this.opens) {
      if (o.key !== key) continue;
      const m = /journald\/rke2-(server|agent)$/.exec(o.scanned.info.path);
      if (m && o.scanned.parsed > 0 && (!best || o.scanned.parsed > best.parsed)) best = { role: m[1] as Role, parsed: o.scanned.parsed };
    }
    return best?.role ?? null;
  }

  /** The bundle's zone when its date has none: the offset most of its host logs carry. */
  private bundleRef(key: string): ClockRef | null {
    const ref = this.inventory.refOf(key);
    if (!ref || ref.offsetMin !== null) return ref;
    const votes = new Map<number, number>();
    for (const o of this.opens) {
      if (o.key !== key || POD_LOG.test(o.scanned.info.path)) continue;
      const off = knownOffset(o.scanned);
      if (off !== null) votes.set(off, (votes.get(off) ?? 0) + 1);
    }
    let top: [number, number] | null = null;
    for (const v of votes) if (!top || v[1] > top[1]) top = v;
    return top ? { ...ref, offsetMin: top[0], zoneFrom: "the bundle's logs" } : ref;
  }

  /** Finishes every input with its bundle's knowledge and returns what assembly needs. */
  finish(): ReadResult {
    const keys = new Set(this.opens.map((o) => o.key).filter((k): k is string => k !== null));
    const refs = new Map<string, ClockRef | null>();
    const roles = new Map<string, Role | null>();
    for (const k of keys) {
      const r = this.bundleRef(k);
      refs.set(k, r);
      roles.set(k, this.bundleRole(k));
      if (r) this.notes.push({ code: 'reference-clock', severity: 'info', message: `${k}: year-less lines placed by ${r.from}${r.offsetMin === null ? ', zone unknown' : `, zone ${fmtOffset(r.offsetMin)}${r.zoneFrom ? ` (from ${r.zoneFrom})` : ''}`}` });
    }
    const inputs: InputSummary[] = [];
    const events: Event[] = [];
    const lags: SourceLag[] = [];
    const unnamed: string[] = [];
    const opens = this.opens;
    // each scan is let go once finished: the inputs' scans and their results are never all held at once
    this.opens = [];
    for (let n = 0; n < opens.length; n++) {
      const o = opens[n];
      opens[n] = DONE;
      const bundle = o.key === null ? null : { ref: refs.get(o.key) ?? null, role: roles.get(o.key) ?? null, nodeRoles: this.inventory.nodeRoles };
      const facts = decideFacts(o.scanned, inputs.length, this.opts, bundle);
      if (facts.nodeFrom === UNNAMED_FROM) unnamed.push(o.scanned.info.path);
      const done = finishInput(o.scanned, facts);
      if (o.spoolId !== undefined) this.opts.spool?.place(o.spoolId, inputs.length);
      if (this.opts.spool) this.times.push(done.timeOf);
      const summary = done.summary;
      if (o.failure) summary.warnings.push(o.failure);
      for (const w of this.warned.get(summary.path) ?? []) summary.warnings.push(w);
      this.warned.delete(summary.path);
      inputs.push(summary);
      if (done.lag) lags.push(done.lag);
      for (const e of done.events) { e.seq = events.length; events.push(e); }
    }
    for (const [path, warnings] of this.warned) {
      inputs.push({ path, node: identify(path).node, role: 'unknown', lines: 0, parsed: 0, events: 0, firstTime: null, lastTime: null, warnings });
    }
    const notLogs = groupSkipped(this.notLogs).map((n): Finding => ({ code: 'input-not-log', severity: 'info', message: `${n.path}: not read (${n.reason})` }));
    if (unnamed.length) this.notes.push(unnamedNote(unnamed));
    return { inputs, events, hosts: this.inventory.hosts, servers: this.inventory.servers, skipped: this.skipped, notes: [...notLogs, ...this.notes], lags };
  }
}

/** Said once: which inputs name no node, and how to name them. */
function unnamedNote(paths: string[]): Finding {
  const list = paths.length > 5 ? `${paths.slice(0, 5).join(', ')} and ${paths.length - 5} more` : paths.join(', ');
  return {
    code: 'unnamed-inputs', severity: 'info',
    message: `${paths.length === 1 ? '1 input names' : `${paths.length} inputs name`} no node (${list}): each is an observer of its own, shown under its input's name. Name a node with --node NAME (stdin, or files whose path names none), or put each node's files in a folder named after its host.`,
  };
}

function fmtOffset(min: number): string {
  const a = Math.abs(min);
  return `${min < 0 ? '-' : '+'}${String(Math.floor(a / 60)).padStart(2, '0')}:${String(a % 60).padStart(2, '0')}`;
}
