// Why the node went down (DESIGN §6b, node-lifecycle.md §7), when its own logs are in the input:
// a crash (a NUL block, a journal not closed, a killed process, or a start-up after a silence with
// no stop), a reboot (a boot marker and a start-up after the silence), a shutdown (a stop sequence
// before the silence), a partition (it kept logging and lost its peers), else unknown.
import type { Cause, Event, Evidence, Incident } from '../types';
import type { Fact } from './facts';
import { sameHost, type NameBook } from './peers';

/** How far before the first sign a node's own stop or crash lines belong to this outage. */
const BEFORE_MS = 10 * 60_000;
/** How long after the first sign its own stop lines may come (survivors notice within seconds). */
const STOP_AFTER_MS = 2 * 60_000;

const clock = (t: number | null) => (t === null ? '?' : new Date(t).toISOString().slice(11, 19));
/** The file's last name (inside an archive too) and the line: `rke2-server:37`, so a reader finds it without the renderer's E-refs. */
export const lineRef = (e: { path: string; line: number }): string => `${e.path.split(/[/\\!]/).pop() || e.path}:${e.line}`;
const line = (e: Event) => lineRef(e.evidence);

/** The node's own events, in time order: its observer name is the peer's, or maps to its address. */
export function ownEvents(inc: Incident, timed: Event[], names: NameBook): Event[] {
  const { node, address } = inc.peer;
  const mine = (n: string | null) => !!n && ((node !== null && sameHost(n, node)) || (address !== null && names.addrOf(n) === address) || n === address);
  return timed.filter((e) => mine(e.node));
}

/** The cause of an incident from the lost node's own events (empty: its logs are not in the input). */
export function causeOf(inc: Incident, own: Event[], facts: Fact[], loggedUntil: number | null): Cause | null {
  if (!own.length || inc.estimatedStart) return null;
  const start = Date.parse(inc.start);
  const end = inc.end ? Date.parse(inc.end) : Infinity;
  const who = inc.peer.node ?? inc.peer.address ?? 'the node';
  const near = (e: Event, from: number, to: number) => e.time! >= from && e.time! <= to;
  const unclean = own.find((e) => e.kind === 'node.unclean' && near(e, start - BEFORE_MS, end));
  const stops = own.filter((e) => (e.kind === 'node.stopping' || e.kind === 'host.shutdown') && near(e, start - BEFORE_MS, start + STOP_AFTER_MS));
  const before = [...own].reverse().find((e) => e.time! <= start && !stops.includes(e));
  // a NUL block is this outage's when it falls around it, or is the node's last word before it (a quiet log's last write can be long before)
  const nul = own.find((e) => e.kind === 'node.nul-block' && near(e, start - BEFORE_MS, end)) ?? (before?.kind === 'node.nul-block' ? before : undefined);
  const boot = own.find((e) => (e.kind === 'node.reboot' || e.kind === 'node.boot') && near(e, start - BEFORE_MS, end));
  const restart = own.find((e) => e.kind === 'node.starting' && e.detail.phase === 'starting' && e.time! > start && e.time! <= end);
  const again = restart ? `; it started again at ${clock(restart.time)} (${line(restart)})` : '';
  const ev = (...xs: Array<Event | undefined>): Evidence[] => xs.filter((e): e is Event => !!e).map((e) => e.evidence);
  if (nul) {
    const bytes = nul.kind === 'node.nul-block' ? nul.detail.bytes : 0;
    return { kind: 'crash', message: `crash: ${who}'s log stops at ${clock(nul.time)} without a shutdown and holds a ${bytes >= 1024 ? `${Math.round(bytes / 1024)} KiB` : `${bytes}-byte`} NUL block at ${line(nul)} (writes lost at a power loss or hard reset)${again}.`, evidence: ev(nul, restart) };
  }
  if (unclean && unclean.kind === 'node.unclean') {
    const what = { 'journal-corrupted': 'its journal was not closed (power loss, hard reset or a hung kernel)', 'oom-kill': `the OOM killer killed ${unclean.detail.process ?? 'a process'}`, killed: 'its service was killed (SIGKILL)', crashed: 'its service crashed', 'restart-loop': 'systemd restarted its service in a loop' }[unclean.detail.what];
    return { kind: 'crash', message: `crash: ${what} (${line(unclean)} at ${clock(unclean.time)})${again}.`, evidence: ev(unclean, restart) };
  }
  if (boot && restart) {
    const how = stops.length ? `after a stop sequence at ${clock(stops[0].time)} (${line(stops[0])})` : 'with no stop sequence before it (a power cycle, a hard reset or a crash)';
    return { kind: 'reboot', message: `reboot: ${who}'s host booted again ${how}: ${boot.kind === 'node.reboot' ? 'the boot marker' : 'the kernel\'s boot line'} at ${line(boot)}${again}.`, evidence: ev(stops[0], boot, restart) };
  }
  if (stops.length) {
    const s = stops[0];
    return { kind: 'shutdown', message: `shutdown: ${who}'s own log shows a stop sequence at ${clock(s.time)} (${line(s)}${stops.length > 1 ? ` and ${stops.length - 1} more` : ''}) before its silence${again}.`, evidence: ev(s, stops[stops.length - 1] !== s ? stops[stops.length - 1] : undefined, restart) };
  }
  // it kept logging through the incident (its log runs on past it) and lost its peers: cut off, not down
  const mine = new Set(own);
  const lost = facts.filter((f) => f.kind === 'loss' && mine.has(f.ev) && f.ev.time! >= start - STOP_AFTER_MS && f.ev.time! <= start + STOP_AFTER_MS);
  const peers = new Set(lost.map((f) => f.host));
  if ((loggedUntil ?? -Infinity) > start + STOP_AFTER_MS && peers.size && !restart && !boot) {
    return { kind: 'partition', message: `partition: ${who} kept logging through the outage (its log runs to ${clock(loggedUntil)}) and lost ${[...peers].sort().join(', ')} in turn: it was cut off, not down.`, evidence: ev(...lost.slice(0, 3).map((f) => f.ev)) };
  }
  if (restart) {
    return { kind: 'crash', message: `crash: ${who}'s log shows no stop sequence before its silence (the last of its lines a rule recognised before the outage: ${before ? `${line(before)} at ${clock(before.time)}` : 'none'})${again}.`, evidence: ev(before, restart) };
  }
  return { kind: 'unknown', message: `unknown: ${who}'s own log is in the input but shows neither a stop, a boot, a crash nor a partition around ${clock(start)}.`, evidence: ev(before) };
}
