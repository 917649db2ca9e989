// QA through analyze(): a Cloudera Manager agent folder whose stderr.log rotated in the middle of
// the outage (stderr.log.1 holds the first sign, stderr.log the failover), and a copy of the
// pod-reaper output saved twice under two names.
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { analyze } from '../../src/analyze';
import { DEFAULT_TIMING } from '../../src/assemble/timing';

const SEED = 'fixtures/ecs-server-down';
const WS4 = 'feng-ws4.sme-feng.athens.cloudera.com/process/1546338951-ecs-ECS_AGENT/logs';
const REAPER = 'pod-reaper/pod-reaper-27871780-tpwzm.log';

describe('rotated agent log and a reaper log saved twice', () => {
  let dir = '';
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'qa-rotated-'));
    const lines = readFileSync(join(SEED, WS4, 'stderr.log'), 'utf8').split('\n');
    const cut = lines.findIndex((l) => l.includes('2022-12-29T17:13:37'));
    mkdirSync(join(dir, WS4), { recursive: true });
    writeFileSync(join(dir, WS4, 'stderr.log.1'), lines.slice(0, cut + 1).join('\n') + '\n');
    writeFileSync(join(dir, WS4, 'stderr.log'), lines.slice(cut + 1).join('\n'));
    mkdirSync(join(dir, 'pod-reaper'), { recursive: true });
    const reaper = readFileSync(join(SEED, REAPER), 'utf8');
    writeFileSync(join(dir, REAPER), reaper);
    writeFileSync(join(dir, 'pod-reaper', 'reaper-copy.txt'), reaper);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test('the agent is one observer across its two files, with the seed\'s times', async () => {
    const r = await analyze([dir], { timing: DEFAULT_TIMING, hosts: [] });
    expect(r.incidents).toHaveLength(1);
    const inc = r.incidents[0];
    expect(inc.start).toBe('2022-12-29T09:13:37.000Z');
    expect(inc.observers.map((o) => [o.node, o.firstSign, o.loadBalancerFailover])).toEqual([
      ['feng-ws4.sme-feng.athens.cloudera.com', '2022-12-29T09:13:37.000Z', '2022-12-29T09:14:13.000Z'],
    ]);
    expect(inc.durations.failover).toBe(36);
  });

  test('the pods of the reaper log saved twice are force-deleted once each', async () => {
    const r = await analyze([dir], { timing: DEFAULT_TIMING, hosts: [] });
    const pods = r.incidents[0].pods;
    expect(pods.length).toBeGreaterThan(0);
    expect(pods.every((p) => p.attempts === 1)).toBe(true);
    expect(r.findings.filter((f) => f.code === 'repeated-input')).toHaveLength(1);
  });
});
