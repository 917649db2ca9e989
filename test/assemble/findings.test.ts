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

describe('findings', () => {
  test('no-reaper-logs: the peer stayed down past eviction and no reaper output was given', () => {
    const r = reportOf([{ path: 'w1', node: 'w1', lines: loss }]);
    expect(codes(r)).toEqual(['no-reaper-logs']);
  });
  test('a timely reaper run gives no timing finding', () => {
    const r = reportOf([{ path: 'w1', node: 'w1', lines: loss }, { path: 'reaper', lines: reaperRun('09:40:02', '2022-12-29T09:20:25Z') }]);
    expect(codes(r)).toEqual([]);
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
