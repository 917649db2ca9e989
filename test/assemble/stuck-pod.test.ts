// QA: the pod-reaper runs every 10 minutes and force-deletes the same stuck pod in three runs.
// One pod record with 3 attempts, the outcome of the last attempt, pod-stuck-terminating; the
// last force-delete is the third run's, and a stuck pod does not make the reaper "late".
import { reportOf } from '../support/scan';
import { logrus, url, WS_1006, reaperRun } from '../support/lines';

const D = '2022-12-29';
const P = '10.0.0.12';
const l = (hms: string, level: string, msg: string, extra = '') => logrus(D, hms, level, msg, extra);
const loss = [
  l('10:00:00', 'info', `Updating load balancer rke2-agent-load-balancer server addresses -> [${P}:9345 10.0.0.11:9345]`),
  l('17:13:37', 'error', 'Remotedialer proxy error', WS_1006),
  l('17:13:42', 'info', 'Connecting to proxy', url(P)),
  l('17:14:13', 'info', 'Updating load balancer rke2-agent-load-balancer server addresses -> [10.0.0.11:9345]'),
  l('17:14:13', 'info', `Stopped tunnel to ${P}:9345`),
];
const STUCK: [string, string, string] = ['impala-impala01', 'impala-executor-000-0', '2022-12-29T09:20:25Z'];
const runs = (third: 'ok' | 'notfound' | 'none') => [
  ...reaperRun('Thu Dec 29 09:40:01 UTC 2022', [STUCK, ['compute-hive01', 'hiveserver2-0', '2022-12-29T09:20:25Z']]),
  ...reaperRun('Thu Dec 29 09:50:01 UTC 2022', [STUCK]),
  ...reaperRun('Thu Dec 29 10:00:01 UTC 2022', [STUCK], third),
];
const report = (third: 'ok' | 'notfound' | 'none') => reportOf([{ path: 'w1/stderr.log', node: 'w1', role: 'agent', lines: loss }, { path: 'reaper.log', lines: runs(third) }]);

describe('the same pod force-deleted in three reaper runs', () => {
  const r = report('none');
  const inc = r.incidents[0];
  const pod = inc.pods.find((p) => p.name === 'impala-executor-000-0')!;

  test('one pod record with 3 attempts, first force-delete kept, outcome of the last attempt', () => {
    expect(r.incidents).toHaveLength(1);
    expect(inc.pods).toHaveLength(2);
    expect(pod).toMatchObject({ attempts: 3, forceDeletedAt: '2022-12-29T09:40:01.000Z', outcome: 'unknown' });
  });

  test('pod-stuck-terminating names the three runs and cites the last one', () => {
    const f = inc.findings.filter((x) => x.code === 'pod-stuck-terminating');
    expect(f).toHaveLength(1);
    expect(f[0].message).toContain('impala-impala01/impala-executor-000-0');
    expect(f[0].message).toContain('force-deleted in 3 reaper runs');
    expect(f[0].evidence?.map((e) => e.text.slice(0, 28))).toEqual(['Thu Dec 29 09:40:01 UTC 2022', 'Thu Dec 29 10:00:01 UTC 2022']);
  });

  test('the last force-delete is the third run; the reaper was on time, the pod was stuck', () => {
    expect(inc.milestones.firstForceDelete?.time).toBe('2022-12-29T09:40:01.000Z');
    expect(inc.milestones.lastForceDelete?.time).toBe('2022-12-29T10:00:01.000Z');
    expect(inc.durations.interruption).toBe(46 * 60 + 24);
    expect(inc.findings.map((x) => x.code)).not.toContain('reaper-late');
  });

  test('a timeline entry for every attempt worth citing', () => {
    const times = inc.timeline.filter((e) => e.kind === 'reaper.force-delete' && (e.detail as { pod?: string }).pod === 'impala-executor-000-0').map((e) => e.time);
    expect(times).toEqual(['2022-12-29T09:40:01.000Z', '2022-12-29T10:00:01.000Z']);
  });
});

describe('outcome of the last attempt', () => {
  test('kubectl said "force deleted" in the first two runs: the pod was still there, so that is not the outcome', () => {
    expect(report('none').incidents[0].pods.find((p) => p.name === 'impala-executor-000-0')!.outcome).toBe('unknown');
  });
  test('the third run found it gone (NotFound): deleted', () => {
    expect(report('notfound').incidents[0].pods.find((p) => p.name === 'impala-executor-000-0')!.outcome).toBe('deleted');
  });
  test('the third run force-deleted it: deleted, so not called stuck (the finding never contradicts its line); its local volume still needs a hand', () => {
    const inc = report('ok').incidents[0];
    expect(inc.pods.find((p) => p.name === 'impala-executor-000-0')!.outcome).toBe('deleted');
    expect(inc.findings.map((f) => f.code)).not.toContain('pod-stuck-terminating');
    expect(inc.findings.find((f) => f.code === 'local-volume')!.message).toContain('kubectl delete pvc');
  });
});
