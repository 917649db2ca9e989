// A hand-made Report with the fields assembly is still learning to fill (windows, cause, cycles,
// logsEnd, runs): renderers are built against the types, not against today's assembly.
import type { Evidence, Incident, Milestone, Report, TimelineEvent } from '../../src/types';

const ev = (path: string, line: number, text: string): Evidence => ({ path, line, text });
const ms = (time: string, node: string | null, e: Evidence): Milestone => ({ time, node, evidence: e });
const t = (hms: string) => `2024-10-20T${hms}.000Z`;

const W1 = 'ecs-w1';
const M1 = 'ecs-m1';
const STOP = ev('ecs-m2/journald/rke2-server', 40, 'Oct 20 09:00:00 ecs-m2 systemd[1]: Stopping Rancher Kubernetes Engine v2 (server)...');
const ERR = ev('ecs-w1/rke2-agent.log', 10, 'time="2024-10-20T09:00:00Z" level=error msg="Remotedialer proxy error" error="websocket: close 1006"');
const LB = ev('ecs-w1/rke2-agent.log', 12, 'time="2024-10-20T09:00:05Z" level=info msg="Updated load balancer rke2-agent-load-balancer server addresses -> [10.0.0.13:9345]"');
const STOPPED = ev('ecs-w1/rke2-agent.log', 14, 'time="2024-10-20T09:00:12Z" level=info msg="Stopped tunnel to 10.0.0.12:9345"');
const RETRY = ev('ecs-w1/rke2-agent.log', 15, 'time="2024-10-20T09:00:13Z" level=error msg="Failed to connect to proxy" error="dial tcp 10.0.0.12:9345: connect: connection refused"');
const RETRY_LAST = ev('ecs-w1/rke2-agent.log', 2400, 'time="2024-10-20T09:00:59Z" level=error msg="Failed to connect to proxy" error="dial tcp 10.0.0.12:9345: connect: connection refused"');
const BACK = ev('ecs-w1/rke2-agent.log', 2500, 'time="2024-10-20T09:05:00Z" level=info msg="Started tunnel to 10.0.0.13:9345"');

const none = { firstSign: null, tunnelStopped: null, loadBalancerFailover: null, nodeNotReady: null, podsTerminating: null, firstForceDelete: null, lastForceDelete: null, peerBack: null };
const noDurations = { detect: null, failover: null, evict: null, reap: null, interruption: null, downtime: null };

const event = (kind: string, time: string, node: string, peer: string, e: Evidence, run?: { count: number; until: string; last: Evidence }): TimelineEvent => ({
  kind, time, node, peer, detail: {}, evidence: e, ...(run ? { count: run.count, until: run.until, lastEvidence: run.last } : {}),
});

/** Incident 1: the load balancer acts before the tunnel stops; never back; its own log shows a shutdown; a reconnect run. */
function shutdownIncident(): Incident {
  return {
    id: 1, peer: { address: '10.0.0.12', node: 'ecs-m2', role: 'server' }, start: t('09:00:00'), estimatedStart: false, end: null,
    milestones: { ...none, firstSign: ms(t('09:00:00'), W1, ERR), loadBalancerFailover: ms(t('09:00:05'), W1, LB), tunnelStopped: ms(t('09:00:12'), W1, STOPPED) },
    durations: { ...noDurations, detect: 12, failover: 5 },
    observers: [{ node: W1, firstSign: t('09:00:00'), tunnelStopped: t('09:00:12'), loadBalancerFailover: t('09:00:05'), peerBack: null }],
    pods: [], findings: [],
    timeline: [
      event('tunnel.error', t('09:00:00'), W1, '10.0.0.12:9345', ERR),
      event('lb.servers', t('09:00:05'), W1, null as unknown as string, LB),
      event('tunnel.stopped', t('09:00:12'), W1, '10.0.0.12:9345', STOPPED),
      event('tunnel.connect-failed', t('09:00:13'), W1, '10.0.0.12:9345', RETRY, { count: 120, until: t('09:00:59'), last: RETRY_LAST }),
    ],
    cycles: [{ lost: t('09:00:00'), back: null }],
    cause: { kind: 'shutdown', message: 'shutdown: ecs-m2 logged a stop sequence (systemd stopping rke2-server) before its logs end', evidence: [STOP] },
    logsEnd: t('09:01:10'),
  };
}

/** Incident 2: starts inside the control-plane-down window; lost and back three times. */
function flappingIncident(): Incident {
  const f = ev('ecs-w1/rke2-agent.log', 30, 'time="2024-10-20T09:00:30Z" level=info msg="Stopped tunnel to 10.0.0.11:9345"');
  const lb = ev('ecs-w1/rke2-agent.log', 31, 'time="2024-10-20T09:00:31Z" level=info msg="Updated load balancer rke2-agent-load-balancer server addresses -> []"');
  return {
    id: 2, peer: { address: '10.0.0.11', node: M1, role: 'server' }, start: t('09:00:30'), estimatedStart: false, end: t('09:05:00'),
    milestones: { ...none, firstSign: ms(t('09:00:30'), W1, f), tunnelStopped: ms(t('09:00:30'), W1, f), loadBalancerFailover: ms(t('09:00:31'), W1, lb), peerBack: ms(t('09:05:00'), W1, BACK) },
    durations: { ...noDurations, detect: 0, failover: 1, downtime: 270 },
    observers: [], pods: [],
    findings: [{ code: 'flapping', severity: 'warning', message: '10.0.0.11 was lost and back 3 times within 30m.', evidence: [f] }],
    timeline: [event('tunnel.stopped', t('09:00:30'), W1, '10.0.0.11:9345', f), event('lb.servers', t('09:00:31'), W1, '', lb), event('tunnel.started', t('09:05:00'), W1, '10.0.0.11:9345', BACK)],
    cycles: [{ lost: t('09:00:30'), back: t('09:01:00') }, { lost: t('09:02:00'), back: t('09:02:40') }, { lost: t('09:03:00'), back: t('09:05:00') }],
  };
}

/** The report: two windows (listed first), two incidents, a bundle's worth of not-log notes. */
export function handmadeReport(): Report {
  const notLog = (p: string) => ({ code: 'input-not-log', severity: 'info' as const, message: `bundle/${p}: not read (system or network information, not a log)` });
  return {
    schemaVersion: 1, tool: 'rke2-outage test',
    timing: { grace: 40, toleration: 300, terminationGrace: 30, reaperPeriod: 600, reaperThreshold: 600, gap: 1800 },
    inputs: [
      { path: 'bundle/ecs-w1/rke2-agent.log', node: W1, role: 'agent', lines: 2600, parsed: 2600, events: 130, firstTime: t('08:00:00'), lastTime: t('09:06:00'), warnings: [] },
      { path: 'bundle/ecs-m2/journald/rke2-server', node: 'ecs-m2', role: 'server', lines: 50, parsed: 50, events: 1, firstTime: t('08:00:00'), lastTime: t('09:00:00'), warnings: ['read error after line 50: unexpected end of file'] },
    ],
    incidents: [shutdownIncident(), flappingIncident()],
    findings: [...['ecs-w1/systeminfo/uptime', 'ecs-m2/systeminfo/uptime', 'ecs-w1/systeminfo/df', 'ecs-m2/rke2/kubectl/pods', 'ecs-w1/rke2/kubectl/pods'].map(notLog),
      { code: 'clock-skew', severity: 'warning', message: 'bundle/ecs-m2 runs 4s ahead of bundle/ecs-w1.' }],
    windows: [
      { kind: 'control-plane-down', start: t('09:00:30'), end: t('09:05:00'), peers: ['10.0.0.11', '10.0.0.12'], message: 'Every server was lost: no API, no scheduling, no eviction until 10.0.0.11 came back.', evidence: [ev('ecs-w1/rke2-agent.log', 31, 'lb -> []')] },
      { kind: 'etcd-quorum-lost', start: t('09:00:30'), end: null, peers: ['10.0.0.11', '10.0.0.12'], message: 'Two of three etcd members were lost: etcd had no quorum.', evidence: [] },
    ],
  };
}
