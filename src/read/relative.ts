// Paths as every output shows them (DESIGN §7): relative to the path argument they came from, its
// own name kept (`bundle/ds01/journald/rke2-server`), so the user's folders above it (a customer's
// name, a home folder) never appear. Node and layout are read from the full path before this.
import * as path from 'node:path';
import type { Evidence } from '../types';
import type { ReadResult } from './reader';

/** The display form of a path read from one of `args` (unchanged when it came from none, or from the working folder). */
export function relativeTo(args: string[]): (p: string) => string {
  // a device or pipe given by the user (/dev/stdin, <(kubectl logs ...)) is named as given
  const roots = args.filter((a) => a !== '-' && !/^\/(?:dev|proc)\//.test(a)).map((a) => {
    const full = path.normalize(a).replace(/[\\/]+$/, '') || '.';
    const parent = path.dirname(full);
    return { full, cut: parent === '.' ? 0 : parent.length + 1 };
  }).sort((a, b) => b.full.length - a.full.length);
  return (p) => {
    if (p === '<stdin>') return p;
    const n = path.normalize(p);
    const r = roots.find((x) => n === x.full || n.startsWith(`${x.full}/`) || n.startsWith(`${x.full}!`) || n.startsWith(`${x.full}\\`));
    return r && r.cut ? n.slice(r.cut) : p;
  };
}

/** The prefixes the display form cuts: every argument's folder above it, to cut from free text too. */
function prefixes(args: string[]): string[] {
  return args.filter((a) => a !== '-' && !/^\/(?:dev|proc)\//.test(a)).map((a) => path.dirname(path.normalize(a).replace(/[\\/]+$/, '')) + '/').filter((p) => p !== './').sort((a, b) => b.length - a.length);
}

/**
 * The read result with every path (inputs, evidence, observers named after their input, notes) in
 * display form. Each distinct path is cut once and its display form shared by every event of its
 * input (one string per input, not two per event); the inputs and events, made by this read and
 * seen by no one yet, take their display paths in place rather than being copied (200,000 events
 * copied at once doubled the read stage's peak).
 */
export function relativePaths(r: ReadResult, args: string[]): ReadResult {
  const cut = prefixes(args);
  if (!cut.length) return r;
  const display = relativeTo(args);
  const memo = new Map<string, string>();
  const shown = (p: string) => {
    let d = memo.get(p);
    if (d === undefined) memo.set(p, (d = flat(display(p))));
    return d;
  };
  const text = (s: string) => cut.reduce((t, p) => t.split(p).join(''), s);
  const ev = (e: Evidence): Evidence => ({ ...e, path: shown(e.path) });
  const node = (n: string | null) => (n && /[\\/]/.test(n) ? shown(n) : n);
  for (const i of r.inputs) {
    i.path = shown(i.path);
    i.node = node(i.node);
    if (i.warnings.length) i.warnings = i.warnings.map(text);
  }
  for (const e of r.events) {
    e.node = node(e.node);
    e.evidence.path = shown(e.evidence.path);
    if (e.lastEvidence) e.lastEvidence.path = shown(e.lastEvidence.path);
  }
  return {
    ...r,
    skipped: r.skipped.map((s) => ({ path: shown(s.path), reason: text(s.reason) })),
    notes: r.notes.map((f) => ({ ...f, message: text(f.message), ...(f.evidence ? { evidence: f.evidence.map(ev) } : {}) })),
    lags: r.lags.map((l) => ({ ...l, path: shown(l.path), node: node(l.node), evidence: ev(l.evidence) })),
  };
}

/** A string of its own: a slice of a longer one keeps the longer one alive. */
function flat(s: string): string {
  return (' ' + s).slice(1);
}
