// An excerpt that starts inside the outage (DESIGN §6b): when no log covers more than a minute
// before the first sign, the start is the first line of the evidence. The report says so
// (`excerpt-starts-inside`) and the story does not claim "went down at" the first line.
import { reportOf } from '../support/scan';
import { journal, url, noRoute } from '../support/lines';
import { summaryOf } from '../../src/render/words';

const D = '2023-11-22';
const P = '10.0.0.12';
const j = (hms: string, level: string, msg: string, extra = '') => journal('ecs-w1', 988, D, hms, level, msg, extra);
const outage = [
  j('17:00:00', 'error', 'Remotedialer proxy error', `error="read tcp 10.0.0.21:44372->${P}:9345: i/o timeout"`),
  j('17:00:05', 'info', 'Connecting to proxy', url(P)),
  j('17:00:05', 'error', 'Failed to connect to proxy. Empty dialer response', noRoute(P)),
  j('17:00:17', 'info', `Removing server from load balancer rke2-agent-load-balancer: ${P}:9345`),
  j('17:00:17', 'info', `Stopped tunnel to ${P}:9345`),
  j('17:05:00', 'info', `Adding server to load balancer rke2-agent-load-balancer: ${P}:9345`),
];
const quiet = (hms: string) => j(hms, 'info', 'Cluster-Http-Server 2023/11/22 http: TLS handshake error from 10.0.0.99:51234: EOF');
const run = (lines: string[]) => reportOf([{ path: 'ecs-w1/journal.log', node: 'ecs-w1', role: 'agent', lines }]);
const codes = (r: ReturnType<typeof run>) => r.incidents.flatMap((i) => i.findings.map((f) => f.code));

describe('an excerpt that starts inside the outage', () => {
  test('the logs begin with the first sign: the finding, and no "went down at" in the story', () => {
    const r = run(outage);
    expect(r.incidents).toHaveLength(1);
    const f = r.incidents[0].findings.filter((x) => x.code === 'excerpt-starts-inside');
    expect(f).toHaveLength(1);
    expect(f[0].message).toContain('The logs begin at 2023-11-22T09:00:00.000Z, with its first sign');
    expect(f[0].message).toContain('is the first line of the evidence');
    const s = summaryOf(r.incidents[0]);
    expect(s).toContain('was already being lost at 09:00:00 UTC, where the logs begin');
    expect(s).not.toContain('went down at');
  });

  test('the logs begin 30 s before the first sign: still inside a ping deadline, said with the lead', () => {
    const r = run([quiet('16:59:30'), ...outage]);
    expect(r.incidents[0].findings.find((x) => x.code === 'excerpt-starts-inside')?.message).toContain('30s before its first sign');
  });

  test('logs that cover the hour before: no finding, "went down at"', () => {
    const r = run([quiet('16:00:00'), quiet('16:30:00'), ...outage]);
    expect(codes(r)).not.toContain('excerpt-starts-inside');
    expect(summaryOf(r.incidents[0])).toContain('went down at 09:00:00 UTC');
  });
});
