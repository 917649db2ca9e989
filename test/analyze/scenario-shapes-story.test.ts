// Scenario matrix, story shapes of issue 9 (DESIGN §6b): unnamed load-balancer lists, start-up
// swaps, flapping, logs cut at the edge of the evidence, and findings that must stay inside it.
// Each across the wordings and layouts it applies to, through the real analyze().
import type { Report } from '../../src/types';
import { generate, type Generated, type Scenario } from '../support/generate';
import { observedAll } from '../support/bundles';
import { WORDINGS, type Wording } from '../support/wording';
import { ALL_LAYOUTS } from '../support/layouts';
import { AT, bundleDir, CLUSTER, codesOf, expectedAll, FOLDERS, markdownOf, runShape, timingFor } from '../support/shapes';
import { fmtDuration } from '../../src/assemble/format';

jest.setTimeout(120_000);

const cross = <A, B>(as: A[], bs: B[]): Array<[A, B]> => as.flatMap((a) => bs.map((b): [A, B] => [a, b]));
const S = 1000;

interface Run { g: Generated; r: Report; dir: string }
async function shape(s: Omit<Scenario, 'nodes' | 'at'> & Partial<Scenario>, extra: { until?: number } = {}): Promise<Run> {
  const dir = await bundleDir();
  const nodes = s.nodes ?? (s.layout === 'unnamed-folders' ? FOLDERS : CLUSTER);
  const g = await generate({ at: AT, noise: 4, timing: timingFor(s.wording), ownAddress: s.layout === 'unnamed-folders', ...s, nodes } as Scenario, dir);
  return { g, r: await runShape(g, dir, s.wording, extra), dir };
}
/** Deaths by index in the cluster (names differ between CLUSTER and FOLDERS). */
const returns = (layout: string) => { const n = layout === 'unnamed-folders' ? FOLDERS : CLUSTER; return { dies: n[1].name, leader: n[1].name, backAfter: 1500 }; };
const forGood = (layout: string) => { const n = layout === 'unnamed-folders' ? FOLDERS : CLUSTER; return { dies: n[0].name, leader: n[2].name, backAfter: null }; };
const agentBack = (layout: string) => { const n = layout === 'unnamed-folders' ? FOLDERS : CLUSTER; return { dies: n[3].name, backAfter: 1800 }; };

// 5. Lists without a balancer name (2020-2022 `Updating load balancer server addresses -> [...]`):
// the api-server (6443) and supervisor (9345) lists alternate and are never diffed against each
// other: one server down is one incident, none for the healthy servers.
const DEATHS = { 'server dies and returns': returns, 'server dies for good': forGood, 'agent dies and returns': agentBack };
const UNNAMED_CASES: Array<[string, string, Partial<Scenario>]> = [
  ...cross(ALL_LAYOUTS, Object.keys(DEATHS)).map(([l, d]): [string, string, Partial<Scenario>] => [l, d, {}]),
  ...cross(['files', 'interleaved'] as const, ['server dies and returns', 'server dies for good']).map(([p, d]): [string, string, Partial<Scenario>] => ['flat', `${d}, excerpt from the first sign (${p})`, { from: 0, paste: p }]),
];
describe(`shape 5, unnamed load-balancer lists (2022 wording): ${UNNAMED_CASES.length} cases`, () => {
  describe.each(UNNAMED_CASES)('%s layout, %s', (layout, death, extra) => {
    let x: Run;
    beforeAll(async () => {
      const d = DEATHS[death.replace(/, excerpt.*/, '') as keyof typeof DEATHS](layout);
      x = await shape({ wording: '2022', layout: layout as Scenario['layout'], unnamedLb: true, ...d, ...extra });
    });
    test('no incident for a healthy server', () => {
      const dead = x.g.report.incidents.map((i) => i.peer.address);
      expect(x.r.incidents.map((i) => i.peer.address).filter((a) => a !== null && !dead.includes(a))).toEqual([]);
    });
    test('exactly the predicted incidents and milestones', () => {
      expect(observedAll(x.r)).toEqual(expectedAll(x.g));
    });
  });
});

// 6. Start-up swaps: every agent starts with a configured server no server advertises and swaps
// it for the advertised ones (`default server address -> X`, `Adding server`, `Removing server ...
// CONFIGURED`); a server dies later: only its incident, none for the configured address.
const SWAP_CASES = cross(WORDINGS, ALL_LAYOUTS);
describe(`shape 6, agents that swap their configured server at start-up, then a server dies: ${SWAP_CASES.length} cases`, () => {
  describe.each(SWAP_CASES)('%s wording, %s layout', (wording, layout) => {
    let x: Run;
    beforeAll(async () => { x = await shape({ wording, layout, configured: '192.168.56.11', ...returns(layout) }); });
    test('no incident for the configured address', () => {
      expect(x.r.incidents.filter((i) => i.peer.address === '192.168.56.11')).toEqual([]);
    });
    test('exactly the predicted incidents and milestones', () => {
      expect(observedAll(x.r)).toEqual(expectedAll(x.g));
    });
  });
});

// 7. Flapping: one server lost and back 3 times within the quiet gap: ONE incident, its 3 cycles,
// the earliest milestones, `end` the last recovery, the flapping finding said once with the count.
// Downtime, "came back for good" and OUTAGE ENDS run to the last return; each cycle is a timeline row.
type Flaps = { count: number; down: number; up: number };
const FLAP_CASES: Array<[Wording, string, Flaps]> = [
  ...cross(WORDINGS, ALL_LAYOUTS).map(([w, l]): [Wording, string, Flaps] => [w, l, { count: 3, down: 90, up: 90 }]),
  // shorter cycles; Cloudera layout: the generator's etcd lines (flat, Rancher) call a 40 s loss back after 13 s
  ...cross(WORDINGS, ['cloudera']).map(([w, l]): [Wording, string, Flaps] => [w, l, { count: 3, down: 40, up: 60 }]),
];
describe(`shape 7, a server lost and back 3 times within --gap: ${FLAP_CASES.length} cases`, () => {
  describe.each(FLAP_CASES)('%s wording, %s layout, %j', (wording, layout, flaps) => {
    let x: Run;
    beforeAll(async () => { x = await shape({ wording, layout: layout as Scenario['layout'], flaps, ...returns(layout) }); });
    test('down until its last return: downtime, the story and OUTAGE ENDS', () => {
      const e = x.g.report.incidents[0];
      const inc = x.r.incidents[0];
      const secs = (Date.parse(e.end!) - Date.parse(e.start)) / 1000;
      expect([inc.end, inc.durations.downtime]).toEqual([e.end, secs]);
      const md = markdownOf(x.r, inc);
      expect(md).toContain(`came back for good after ${fmtDuration(secs)}`);
      const ends = md.split('\n').filter((l) => l.includes('**OUTAGE ENDS**'));
      expect(ends).toHaveLength(1);
      expect(ends[0]).toContain(`| ${e.end!.slice(11, 19)} |`);
      for (let k = 2; k <= 3; k++) expect(md).toContain(`lost again (${k} of 3)`);
    });
    test('one incident with the earliest milestones', () => {
      expect(observedAll(x.r)).toEqual(expectedAll(x.g));
    });
    test('its 3 cycles, lost and back, and end at the last recovery', () => {
      const e = x.g.report.incidents[0];
      expect(e.cycles).toHaveLength(3);
      expect(x.r.incidents.map((i) => [i.cycles, i.end])).toEqual([[e.cycles, e.end]]);
    });
    test('the flapping finding once, with the count', () => {
      const f = x.r.incidents.flatMap((i) => i.findings).filter((x) => x.code === 'flapping');
      expect(f).toHaveLength(1);
      expect(f[0].message).toMatch(/\b3\b/);
    });
  });
});

// 8. Logs (or --until) that end 20 s after the first sign while agents keep reconnecting: no
// "came back", no transient-loss, no flapping; logsEnd says where the story stops.
const CUT_CASES: Array<[Wording, string, 'cut' | 'until']> = [
  ...cross(WORDINGS, ALL_LAYOUTS).map(([w, l]): [Wording, string, 'cut'] => [w, l, 'cut']),
  ...cross(WORDINGS, ['flat', 'cloudera']).map(([w, l]): [Wording, string, 'until'] => [w, l, 'until']),
];
describe(`shape 8, the evidence ends 20 s after the first sign: ${CUT_CASES.length} cases`, () => {
  describe.each(CUT_CASES)('%s wording, %s layout, %s', (wording, layout, how) => {
    let x: Run;
    const until = Date.parse(AT) + 20 * S;
    beforeAll(async () => {
      x = await shape({ wording, layout: layout as Scenario['layout'], ...returns(layout), ...(how === 'cut' ? { cutAfter: 20 } : {}) }, how === 'until' ? { until } : {});
    });
    test('not back: no peerBack, no end', () => {
      expect(x.r.incidents.map((i) => [i.peer.address, i.milestones.peerBack, i.end])).toEqual([[x.g.report.incidents[0].peer.address, null, null]]);
    });
    test('no transient-loss, no flapping', () => {
      expect(x.r.incidents.flatMap(codesOf).filter((c) => c === 'transient-loss' || c === 'flapping')).toEqual([]);
    });
    test('logsEnd: the latest time any observer\'s logs cover', () => {
      const got = x.r.incidents[0]?.logsEnd ?? null;
      if (how === 'cut') expect(got).toBe(x.g.report.incidents[0].logsEnd);
      else {
        expect(got).not.toBeNull();
        expect(Date.parse(got!)).toBeLessThanOrEqual(until);
        expect(Date.parse(got!)).toBeGreaterThanOrEqual(until - 5 * S);
      }
    });
    test('the milestones the cut logs hold', () => {
      if (how === 'cut') expect(observedAll(x.r)).toEqual(expectedAll(x.g));
      else expect(observedAll(x.r).map((i) => [i.start, i.milestones.firstSign])).toEqual([[x.g.report.incidents[0].start, x.g.report.incidents[0].start]]);
    });
  });
});

// 9. Findings inside the evidence: `no-reaper-logs` only for Cloudera ECS inputs whose logs cover
// past the eviction moment, never for a server back before it, never naming the pod-reaper in a
// Rancher bundle; `pod-stuck-terminating` never cites a pod the reaper deleted successfully.
const FINDINGS: Record<string, { s: Partial<Scenario>; check: (r: Report) => void }> = {
  'Cloudera, no reaper output, logs cover past the eviction: no-reaper-logs once': {
    s: { layout: 'cloudera', omit: ['reaper'], ...forGood('cloudera') },
    check: (r) => expect(r.incidents.flatMap(codesOf).filter((c) => c === 'no-reaper-logs')).toHaveLength(1),
  },
  'Cloudera, no reaper output, logs end 70 s after the start: no no-reaper-logs': {
    s: { layout: 'cloudera', omit: ['reaper'], cutAfter: 70, ...forGood('cloudera') },
    check: (r) => expect(r.incidents.flatMap(codesOf)).not.toContain('no-reaper-logs'),
  },
  'Cloudera, no reaper output, server back after 200 s (before eviction): no no-reaper-logs': {
    s: { layout: 'cloudera', omit: ['reaper'], ...forGood('cloudera'), backAfter: 200 },
    check: (r) => expect(r.incidents.flatMap(codesOf)).not.toContain('no-reaper-logs'),
  },
  'Rancher bundles (no pod-reaper there): no finding names the reaper': {
    s: { layout: 'rancher', ...forGood('rancher') },
    check: (r) => expect([...r.findings, ...r.incidents.flatMap((i) => i.findings)].filter((f) => /reaper/i.test(f.code + f.message))).toEqual([]),
  },
  'Cloudera, every pod successfully force-deleted: pod-stuck-terminating cites none of them': {
    s: { layout: 'cloudera', ...forGood('cloudera'), pods: [['impala-impala01', 'impala-executor-000-0'], ['compute-hive01', 'hiveserver2-0'], ['vault-system', 'vault-0']] },
    check: (r) => {
      const stuck = r.incidents.flatMap((i) => i.findings).filter((f) => f.code === 'pod-stuck-terminating');
      expect(stuck.flatMap((f) => f.evidence ?? []).filter((e) => /Successfully force deleted/.test(e.text))).toEqual([]);
      const deleted = r.incidents.flatMap((i) => i.pods).filter((p) => p.outcome === 'deleted').map((p) => p.name);
      expect(stuck.filter((f) => deleted.some((p) => f.message.includes(p)))).toEqual([]);
    },
  },
};
const FINDING_CASES = cross(WORDINGS, Object.keys(FINDINGS));
describe(`shape 9, findings that claim no more than the input shows: ${FINDING_CASES.length} cases`, () => {
  test.each(FINDING_CASES)('%s wording: %s', async (wording, name) => {
    const { s, check } = FINDINGS[name];
    const x = await shape({ wording, ...s } as Scenario);
    expect(x.r.incidents).toHaveLength(1);
    check(x.r);
  });
});
