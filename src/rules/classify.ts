// classify(record) -> Event[]: the rule table applied to one parsed record (pure).
import type { Event, LogRecord, Role } from '../types';
import type { Rule } from './rule';
import { addrIn, etcdIdOf } from './rule';
import { RULES } from './registry';

/** Who wrote the line and where it is, attached to every event. */
export interface LineContext {
  path: string;
  line: number;
  raw: string;
  node: string | null;
  role: Role;
  source: number;
  time: number | null;
}

/** How much of a line an event keeps: enough to redact before it is cut to what a report shows (render/evidence.ts). */
const MAX_EVIDENCE = 2000;

/** Shortens a raw line for evidence (the full line stays in the input). */
export function shorten(text: string, max = MAX_EVIDENCE): string {
  return text.length <= max ? text : text.slice(0, max - 1) + '…';
}

function whereHolds(rule: Rule, rec: LogRecord): boolean {
  if (!rule.where) return true;
  for (const [key, re] of Object.entries(rule.where)) {
    const neg = key.startsWith('!');
    const v = rec.fields[neg ? key.slice(1) : key];
    const ok = v !== undefined && re.test(v);
    if (neg ? ok : !ok) return false;
  }
  return true;
}

function peerOf(rule: Rule, g: Record<string, string>, rec: LogRecord): string | null {
  switch (rule.peer) {
    case 'addr': return g.addr ?? null;
    case 'name': return g.name ?? null;
    case 'url': return addrIn(rec.fields.url);
    case 'error': return addrIn(rec.fields.error);
    case 'url-or-error': return addrIn(rec.fields.url) ?? addrIn(rec.fields.error);
    case 'etcd': return addrIn(rec.fields.error) ?? addrIn(rec.fields.address) ?? g.addr ?? etcdIdOf(rec.fields) ?? g.id ?? null;
    default: return null;
  }
}

/** Applies one rule; returns the event or null. `raw` must already contain one of its needles. */
export function applyRule(rule: Rule, rec: LogRecord, ctx: LineContext): Event | null {
  if (rule.formats && !rule.formats.includes(rec.format) && !rule.formats.includes(String(rec.fields.payload))) return null;
  const m = rule.match.exec(rec.msg);
  if (!m || !whereHolds(rule, rec)) return null;
  const g = (m.groups ?? {}) as Record<string, string>;
  const detail = rule.detail ? (rule.detail as (g: Record<string, string>, r: LogRecord) => object)(g, rec) : {};
  // the rule's kind and detail builder belong together (RuleOf<K>): the pair is an EventOf<K>
  return {
    kind: rule.kind,
    rule: rule.id,
    time: ctx.time,
    node: ctx.node,
    role: ctx.role,
    peer: peerOf(rule, g, rec),
    detail,
    evidence: { path: ctx.path, line: ctx.line, text: shorten(ctx.raw) },
    seq: 0,
    source: ctx.source,
    count: 1,
    until: ctx.time,
    lastEvidence: null,
  } as Event;
}

/** classify(record) -> Event[]: every rule whose needle is in the raw line and whose match holds. */
export function classify(rec: LogRecord, ctx: LineContext, rules: Rule[] = RULES): Event[] {
  const out: Event[] = [];
  for (const rule of rules) {
    if (!rule.needles.some((n) => ctx.raw.includes(n))) continue;
    const ev = applyRule(rule, rec, ctx);
    if (ev) out.push(ev);
  }
  return out;
}
