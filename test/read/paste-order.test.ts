// QA: logs as customers paste them — reversed or shuffled lines, the same file given twice, a
// rotated stderr.log.1 + stderr.log of one node — tell the same story as the clean input.
import { reportOf, type MemSource } from '../support/scan';
import { logrus, url, WS_1006, SERVER_400, noRoute, reaperRun } from '../support/lines';

const D = '2022-12-29';
const P = '10.113.207.142';
const l = (hms: string, level: string, msg: string, extra = '') => logrus(D, hms, level, msg, extra);

const ws1 = [
  l('13:02:40', 'info', 'Connecting to proxy', url(P)),
  l('17:13:37', 'info', SERVER_400),
  l('17:13:37', 'error', 'Remotedialer proxy error', WS_1006),
  l('17:13:42', 'info', 'Connecting to proxy', url(P)),
  l('17:13:53', 'info', `Stopped tunnel to ${P}:9345`),
  l('17:14:47', 'error', 'Failed to connect to proxy', noRoute(P)),
];
const ws4Before = [
  l('13:04:03', 'info', 'Running load balancer rke2-agent-load-balancer 127.0.0.1:6444 -> [10.113.207.141:9345]'),
  l('13:04:09', 'info', `Updating load balancer rke2-agent-load-balancer server addresses -> [${P}:9345 10.113.207.141:9345 10.113.207.143:9345]`),
  l('13:04:09', 'info', 'Stopped tunnel to 127.0.0.1:9345'),
  l('17:13:37', 'error', 'Remotedialer proxy error', WS_1006),
];
const ws4After = [
  l('17:13:42', 'info', 'Connecting to proxy', url(P)),
  l('17:14:13', 'info', `Updating load balancer rke2-api-server-agent-load-balancer server addresses -> [10.113.207.141:6443 10.113.207.143:6443 ${P}:6443]`),
  l('17:14:13', 'info', 'Updating load balancer rke2-agent-load-balancer server addresses -> [10.113.207.141:9345 10.113.207.143:9345]'),
  l('17:14:13', 'info', `Stopped tunnel to ${P}:9345`),
];
const reaper = reaperRun('Thu Dec 29 09:40:02 UTC 2022', [['compute-hive01', 'hiveserver2-0', '2022-12-29T09:20:25Z'], ['vault-system', 'vault-0', '2022-12-29T09:20:26Z']]);

const clean: MemSource[] = [
  { path: 'ws1/stderr.log', node: 'ws1', role: 'server', lines: ws1 },
  { path: 'ws4/stderr.log', node: 'ws4', role: 'agent', lines: [...ws4Before, ...ws4After] },
  { path: 'reaper.log', lines: reaper },
];

/** What a reader compares: the incidents' peers, starts, durations, observers and pods. */
const story = (r: ReturnType<typeof reportOf>) => r.incidents.map((i) => ({
  peer: i.peer.address, start: i.start, durations: i.durations,
  observers: i.observers.map((o) => [o.node, o.firstSign, o.tunnelStopped, o.loadBalancerFailover]),
  pods: i.pods.map((p) => [p.namespace, p.name, p.attempts]).sort(),
  findings: i.findings.map((f) => f.code).sort(),
}));

/** A fixed shuffle (no randomness in tests): odd lines first, then even ones, reversed. */
const shuffle = (xs: string[]) => [...xs.filter((_, i) => i % 2), ...xs.filter((_, i) => !(i % 2)).reverse()];

describe('paste artifacts', () => {
  const base = story(reportOf(clean));

  test('the clean input: one outage with the seed\'s numbers', () => {
    expect(base).toHaveLength(1);
    expect(base[0]).toMatchObject({ peer: P, start: '2022-12-29T09:13:37.000Z', durations: { detect: 16, failover: 36, evict: 408, interruption: 1585 } });
  });

  test('the rke2 logs in reverse order tell the same story', () => {
    const rev = clean.map((s) => (s.role === 'reaper' || s.path === 'reaper.log' ? s : { ...s, lines: [...s.lines].reverse() }));
    expect(story(reportOf(rev))).toEqual(base);
  });

  test('shuffled rke2 lines tell the same story', () => {
    const mixed = clean.map((s) => (s.path === 'reaper.log' ? s : { ...s, lines: shuffle(s.lines) }));
    expect(story(reportOf(mixed))).toEqual(base);
  });

  test('every file given twice (a bundle copied into two folders) counts once', () => {
    const twice = [...clean, ...clean.map((s) => ({ ...s, path: `copy/${s.path}` }))];
    const r = reportOf(twice);
    expect(story(r)).toEqual(base);
    expect(r.incidents[0].timeline).toHaveLength(reportOf(clean).incidents[0].timeline.length);
    expect(r.findings.filter((f) => f.code === 'repeated-input').map((f) => f.message.split(' ')[0])).toEqual(['copy/ws1/stderr.log', 'copy/ws4/stderr.log', 'copy/reaper.log']);
  });

  test('a rotated stderr.log.1 + stderr.log of one node reads as one log', () => {
    const rotated: MemSource[] = [
      clean[0],
      { path: 'ws4/stderr.log', node: 'ws4', role: 'agent', lines: ws4After },
      { path: 'ws4/stderr.log.1', node: 'ws4', role: 'agent', lines: ws4Before },
      clean[2],
    ];
    const r = reportOf(rotated);
    expect(story(r)).toEqual(base);
    const ws4 = r.incidents[0].observers.find((o) => o.node === 'ws4')!;
    expect(ws4.firstSign).toBe('2022-12-29T09:13:37.000Z');
    expect(ws4.loadBalancerFailover).toBe('2022-12-29T09:14:13.000Z');
  });
});

describe('reaper output pasted in reverse order', () => {
  const r = reportOf([clean[0], clean[1], { path: 'reaper.log', lines: [...reaper].reverse() }]);
  test('the same pods, each force-deleted once; kubectl\'s answer above its force-delete still settles it', () => {
    expect(r.incidents).toHaveLength(1);
    const pods = r.incidents[0].pods.map((p) => [p.name, p.attempts, p.forceDeletedAt, p.outcome]).sort();
    expect(pods[0]).toEqual(['hiveserver2-0', 1, '2022-12-29T09:40:02.000Z', 'deleted']);
    expect(pods[1].slice(0, 3)).toEqual(['vault-0', 1, '2022-12-29T09:40:02.000Z']);
  });
  // the reversed file's first line (`pod "vault-0" force deleted`) has no dated line above it: it
  // takes the nearest dated line below (DESIGN §4), so no event is left without time
  test('an answer with no dated line above takes the nearest dated line below', () => {
    expect(r.findings.find((f) => f.code === 'events-without-time')).toBeUndefined();
    expect(r.events.find((e) => e.evidence.text === 'pod "vault-0" force deleted')?.time).toBe(Date.parse('2022-12-29T09:40:02Z'));
  });
});

describe('the same path given twice', () => {
  test('counted once, and said so plainly', () => {
    const r = reportOf([clean[2], clean[2]]);
    expect(r.incidents[0].pods.map((p) => p.attempts)).toEqual([1, 1]);
    expect(r.findings.find((f) => f.code === 'repeated-input')?.message).toBe('reaper.log was given twice: its 5 event(s) are counted once.');
  });
});
