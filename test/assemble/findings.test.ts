// Findings from the timing model and from what the input lacks.
import { reportOf, at } from '../support/scan';

const PEER = '10.0.0.12';
const loss = [
  at('10:00:00', 'info', `Updating load balancer rke2-agent-load-balancer server addresses -> [${PEER}:9345 10.0.0.11:9345]`),
  at('17:13:37', 'error', 'Remotedialer proxy error', 'error="websocket: close 1006 (abnormal closure): unexpected EOF"'),
  at('17:13:42', 'info', 'Connecting to proxy', `url="wss://${PEER}:9345/v1-rke2/connect"`),
  at('17:14:13', 'info', 'Updating load balancer rke2-agent-load-balancer server addresses -> [10.0.0.11:9345]'),
  at('17:14:13', 'info', `Stopped tunnel to ${PEER}:9345`),
];
const reaperRun = (run: string, ts: string, pod = 'hiveserver2-0', ns = 'compute-hive01') => [
  `Thu Dec 29 ${run} UTC 2022 Starting pod-reaper [Reap older than: 10 minute(s)][Namespace regex: *UNKNOWN*]`,
  `Thu Dec 29 ${run} UTC 2022 Force delete pod ${pod} in namespace ${ns} with deletion timestamp: ${ts}`,
];
const codes = (r: ReturnType<typeof reportOf>) => r.incidents.flatMap((i) => i.findings.map((f) => f.code));
const TIMING = new Set(['reaper-late', 'eviction-unexpected', 'transient-loss']);
/** the agent keeps logging (a line no rule wants) 20 minutes on: its log covers the eviction time */
const later = at('17:35:00', 'info', 'Tunnel endpoint watch event: {MODIFIED &Endpoints{}}');
const ECS_AGENT = 'feng-ws4/process/1546338951-ecs-ECS_AGENT/logs/stderr.log';

describe('findings', () => {
  test('no-reaper-logs: an ECS peer down past eviction, the logs cover it, and no reaper output was given', () => {
    const r = reportOf([{ path: ECS_AGENT, node: 'w1', lines: [...loss, later] }]);
    expect(codes(r)).toEqual(['no-reaper-logs', 'not-back']);
  });
  test('a plain (Rancher) input never names the pod-reaper: pods-terminating instead', () => {
    const r = reportOf([{ path: 'ecs-w1-2022-12-29_10_05_00/journald/rke2-agent', node: 'w1', lines: [...loss, later] }]);
    expect(codes(r)).toEqual(['pods-terminating', 'not-back']);
    expect(r.incidents[0].findings[0].message).not.toContain('reaper');
  });
  test('logs that end 36 s after the start claim nothing about eviction, and say where they end', () => {
    const r = reportOf([{ path: ECS_AGENT, node: 'w1', lines: loss }]);
    expect(codes(r)).toEqual(['not-back']);
    expect(r.incidents[0].findings[0].message).toContain('36s after the start');
    expect(r.incidents[0].logsEnd).toBe('2022-12-29T09:14:13.000Z');
  });
  test('a reaper-only incident after the observers\' logs end has no logsEnd (never "logs end -2h18m50s after the start")', () => {
    // the agent's log stops at 09:14:13 UTC; the reaper force-deletes another node's pods hours later
    const r = reportOf([{ path: ECS_AGENT, node: 'w1', lines: loss }, { path: 'reaper', lines: reaperRun('12:20:01', '2022-12-29T12:08:11Z', 'huebackend-0') }]);
    const late = r.incidents.find((i) => i.estimatedStart)!;
    expect(late.start > '2022-12-29T09:14:13.000Z').toBe(true);
    expect(late.logsEnd).toBeUndefined();
    expect(r.incidents[0].logsEnd).toBe('2022-12-29T09:14:13.000Z');
  });
  test('a timely reaper run gives no timing finding', () => {
    const r = reportOf([{ path: 'w1', node: 'w1', lines: loss }, { path: 'reaper', lines: reaperRun('09:40:02', '2022-12-29T09:20:25Z') }]);
    expect(codes(r).filter((c) => TIMING.has(c))).toEqual([]);
    expect(codes(r)).toContain('pod-outcome-unknown');
  });
  test('reaper-late: force-deleted long after the pods went Terminating', () => {
    const r = reportOf([{ path: 'w1', node: 'w1', lines: loss }, { path: 'reaper', lines: reaperRun('09:55:02', '2022-12-29T09:20:25Z') }]);
    expect(codes(r)).toContain('reaper-late');
  });
  test('eviction-unexpected: pods marked for deletion far earlier than the toleration allows', () => {
    const r = reportOf([{ path: 'w1', node: 'w1', lines: loss }, { path: 'reaper', lines: reaperRun('09:40:02', '2022-12-29T09:14:30Z') }]);
    expect(codes(r)).toContain('eviction-unexpected');
  });
  test('pod-stuck-terminating: the same pod force-deleted in two runs', () => {
    const r = reportOf([{ path: 'reaper', lines: [...reaperRun('12:20:01', '2022-12-29T12:08:11Z'), ...reaperRun('12:30:01', '2022-12-29T12:08:11Z')] }]);
    const f = r.incidents[0].findings.find((x) => x.code === 'pod-stuck-terminating')!;
    expect(f.message).toContain('force-deleted in 2 reaper runs');
    expect(r.incidents[0].pods[0].attempts).toBe(2);
  });
  test('a recreated pod with the same name in a later outage is a different pod', () => {
    const r = reportOf([{ path: 'reaper', lines: [...reaperRun('09:40:02', '2022-12-29T09:20:25Z'), ...reaperRun('12:20:01', '2022-12-29T12:08:11Z')] }]);
    expect(r.incidents).toHaveLength(2);
    expect(r.incidents.map((i) => i.pods[0].attempts)).toEqual([1, 1]);
  });
});
