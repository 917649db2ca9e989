// What every other node logs about one outage, by how the cluster sees it: a dead agent (only its
// session closes), one server lost while the others keep quorum (the apiserver drops it: stopped
// tunnels, list updates), a restart quicker than the lease, or most servers lost at once (no
// quorum, no endpoint change: reconnect loops). Plus each server's etcd and apiserver around it.
import { agentBack, agentObserver, agentReturn, agentSessionClosed, serverObserver, serverReturn, type Ctx, type GenNode, type Marked } from './wording';
import { lossNoEndpoints, returnNoEndpoints } from './loops';
import { apiserverLines, etcdBoot, etcdOutage, type EtcdCtx } from './controlPlane';
import type { Cycle, Outage } from './scenario';

const S = 1000;
export type Mode = 'agent' | 'endpoints' | 'quick' | 'multi';

/** Servers of `outs` down at instant t. */
export const downAt = (outs: Outage[], t: number) => outs.filter((o) => o.cycles.some((c) => c.down <= t && (c.up === null || t < c.up)));

/** How the cluster sees the outage. */
export function modeOf(o: Outage, outs: Outage[], servers: GenNode[]): Mode {
  if (o.node.role === 'agent') return 'agent';
  const servOuts = outs.filter((x) => x.node.role === 'server');
  const worst = Math.max(...o.cycles.map((c) => downAt(servOuts, c.down + 10 * S).length));
  if (worst > servers.length / 2) return 'multi';
  const c = o.cycles[0];
  return c.up !== null && c.up - c.down < 30 * S ? 'quick' : 'endpoints';
}

/** The observer's lines about one cycle of the outage (`c.dead` is the lost node; `alive`: when the observer itself is up). */
export function observerLines(c: Ctx, mode: Mode, cyc: Cycle, until: number, alive?: Array<[number, number]>): Marked[] {
  const server = c.self.role === 'server';
  const { down, up } = cyc;
  if (mode === 'agent') return server ? [...agentSessionClosed(down), ...(up === null ? [] : agentBack(c, up))] : [];
  if (mode === 'endpoints') {
    return [...(server ? serverObserver(c, down) : agentObserver(c, down)), ...(up === null ? [] : server ? serverReturn(c, up) : agentReturn(c, up))];
  }
  return [...lossNoEndpoints(c, down, up, until, alive), ...(up === null ? [] : returnNoEndpoints(c, up))];
}

/**
 * A server's etcd and apiserver (rancher and flat layouts): the existing single-loss model per
 * cycle (endpoints mode), every other server's loss without quorum logic (multi), nothing but the
 * boot lines when the static pods kept running (quick restarts, no death).
 */
export function controlPlaneLines(e: Omit<EtcdCtx, 'dead'>, boot: number, outs: Array<{ o: Outage; mode: Mode }>, until: number, index: number): { etcd: Marked[]; apiserver: Marked[] } {
  const others = outs.filter(({ o }) => o.node.role === 'server' && o.node !== e.self);
  const single = others.length === 1 && others[0].mode === 'endpoints' ? others[0].o : null;
  if (single) {
    const ec: EtcdCtx = { ...e, dead: single.node };
    const etcd = [...etcdBoot(ec, boot)];
    const apiserver: Marked[] = [];
    const who = (ls: Marked[]) => ls.map((l) => ({ ...l, who: single.node.name }));
    single.cycles.forEach((cy, i) => {
      etcd.push(...who(etcdOutage(ec, cy.down, cy.up, until)));
      // each apiserver's lease reconciler notices the expired lease 15-25 s after the death
      apiserver.push(...who(apiserverLines(ec, boot, cy.down, 15 + 3 * index, cy.up).slice(i ? 1 : 0)));
    });
    return { etcd, apiserver };
  }
  const bootOnly = { etcd: etcdBoot({ ...e, dead: e.self }, boot), apiserver: apiserverLines({ ...e, dead: e.self }, boot, 0, 0, null).slice(0, 1) };
  const multi = others.filter(({ mode }) => mode === 'multi').map(({ o }) => o).sort((a, b) => a.cycles[0].down - b.cycles[0].down);
  let leader: GenNode | null = e.leader;
  const all = outs.filter(({ o }) => o.node.role === 'server').map(({ o }) => o);
  for (const o of multi) {
    const cy = o.cycles[0];
    const upAfter = e.servers.filter((s) => !downAt(all, cy.down + 1).some((x) => x.node === s));
    const quorum = upAfter.length > e.servers.length / 2;
    const wasLeader = leader === o.node;
    const ec: EtcdCtx = { ...e, servers: [...upAfter, o.node], dead: o.node, leader: wasLeader ? o.node : (leader ?? e.self) };
    bootOnly.etcd.push(...etcdOutage(ec, cy.down, cy.up, until, quorum).map((l) => ({ ...l, who: o.node.name })));
    if (wasLeader) leader = quorum ? upAfter[0] : null;
  }
  return bootOnly;
}
