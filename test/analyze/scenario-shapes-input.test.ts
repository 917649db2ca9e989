// Scenario matrix, input shapes of issue 9 (DESIGN §3, §6b): how the logs reach the tool. Each shape
// runs across the release wordings and the layouts it applies to, through the real analyze() (stdin
// where the shape is a paste); expectations come from the lines the generator wrote.
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import type { Report } from '../../src/types';
import { main } from '../../src/cli/main';
import { generate, type Generated, type Scenario } from '../support/generate';
import { observedAll } from '../support/bundles';
import { RELEASE, WORDINGS, type GenNode, type Wording } from '../support/wording';
import { fakeIo } from '../support/cli';
import { AT, bundleDir, CLUSTER, eventsOf, expectedAll, FOLDERS, markdownOf, runShape, timingFor } from '../support/shapes';

jest.setTimeout(120_000);

type Case = Pick<Scenario, 'dies' | 'leader' | 'backAfter'>;
/** The etcd leader dies and returns; the agents' default server dies for good; an agent dies (for good, or back). */
const deaths = (ns: GenNode[], agentBack: number | null): Record<string, Case> => ({
  'server dies and returns': { dies: ns[1].name, leader: ns[1].name, backAfter: 1500 },
  'server dies for good': { dies: ns[0].name, leader: ns[2].name, backAfter: null },
  [`agent dies${agentBack === null ? ' for good' : ' and returns'}`]: { dies: ns[3].name, backAfter: agentBack },
});
const cross = <A, B>(as: A[], bs: B[]): Array<[A, B]> => as.flatMap((a) => bs.map((b): [A, B] => [a, b]));

interface Run { g: Generated; r: Report; dir: string }
async function shape(s: Scenario, stdinLast = false): Promise<Run> {
  const dir = await bundleDir();
  const g = await generate({ timing: timingFor(s.wording), ...s }, dir);
  return { g, r: await runShape(g, dir, s.wording, {}, stdinLast), dir };
}

// 1. Unnamed host folders: `cp-a/rke2.log` ... plain logrus, every node its own observer; the
// lost server's own log restarts with a tunnel to its own address (never "peer back").
const FOLDER_CASES = cross(WORDINGS, Object.entries(deaths(FOLDERS, 1800)));
describe(`shape 1, unnamed host folders (cp-a/, srv-b/, wk-a/ with rke2.log): ${FOLDER_CASES.length} cases`, () => {
  describe.each(FOLDER_CASES.map(([w, [name, c]]) => [w, name, c] as const))('%s wording, %s', (wording: Wording, _name, c) => {
    let x: Run;
    beforeAll(async () => { x = await shape({ wording, layout: 'unnamed-folders', nodes: FOLDERS, at: AT, noise: 4, ownAddress: true, ...c }); });
    test('every input is the node its folder names', () => {
      const folders = x.g.paths.map((p) => path.basename(path.dirname(p))).sort();
      expect(x.r.inputs.map((i) => i.node).sort()).toEqual(folders);
    });
    test('the predicted incidents and milestones (the own restart is not peerBack)', () => {
      expect(observedAll(x.r)).toEqual(expectedAll(x.g));
    });
    test('peerBack is never the lost node\'s own restart (its tunnel to its own address)', () => {
      for (const inc of x.r.incidents) expect(inc.milestones.peerBack?.node ?? null).not.toBe(String(c.dies));
    });
    test('the observers are the surviving nodes, each under its own name', () => {
      const dead = String(c.dies);
      for (const inc of x.r.incidents) {
        expect(inc.observers.map((o) => o.node).sort()).toEqual(FOLDERS.filter((n) => n.name !== dead).map((n) => n.name));
      }
    });
  });
});

// 2. Several nodes' journals pasted on stdin (interleaved by time, or host after host), the
// reaper's output below them: one observer per journald host; the reaper lines are no host's.
const PASTES = (['interleaved', 'concatenated'] as const);
const PASTE_CASES = cross(cross(WORDINGS, [...PASTES]), Object.entries(deaths(CLUSTER, null)));
describe(`shape 2, several hosts' journals and the reaper output in one stdin paste: ${PASTE_CASES.length} cases`, () => {
  describe.each(PASTE_CASES.map(([[w, p], [name, c]]) => [w, p, name, c] as const))('%s wording, %s paste, %s', (wording, paste, _name, c) => {
    let x: Run;
    beforeAll(async () => { x = await shape({ wording, layout: 'flat', nodes: CLUSTER, at: AT, noise: 4, paste, ...c }); });
    test('the predicted incidents and milestones', () => {
      expect(observedAll(x.r)).toEqual(expectedAll(x.g));
    });
    test('one observer per journald host, never the first host for all', () => {
      for (const inc of x.r.incidents.filter((i) => !i.estimatedStart)) {
        expect(inc.observers.map((o) => o.node).sort()).toEqual(CLUSTER.filter((n) => n.name !== c.dies).map((n) => n.name));
      }
    });
    test('the reaper lines belong to no host', () => {
      for (const inc of x.r.incidents) for (const k of ['firstForceDelete', 'lastForceDelete'] as const) expect(inc.milestones[k]?.node ?? null).toBeNull();
      expect(x.r.incidents.flatMap((i) => i.pods)).toHaveLength(x.g.report.incidents.flatMap((i) => i.pods).length);
    });
    test('coverage ends at each host\'s last line, not at the reaper lines pasted below', () => {
      const sec = (iso: string | null | undefined) => (iso ? Math.floor(Date.parse(iso) / 1000) : null);
      const stdin = x.r.inputs.find((i) => i.path === '<stdin>')!;
      expect(sec(stdin.lastTime)).toBe(sec(x.g.report.logsEnd));
      expect(Object.fromEntries((stdin.hosts ?? []).map((h) => [h.node, sec(h.lastTime)]))).toEqual(lastLinePerHost(x.g.stdin!));
      for (const e of x.g.report.incidents.filter((i) => i.logsEnd !== null)) expect(x.r.incidents.filter((i) => i.start === e.start).map((i) => sec(i.logsEnd))).toEqual([sec(e.logsEnd)]);
    });
    test('not back: no etcd claim (a paste shows no etcd member)', () => {
      const notBack = x.r.incidents.flatMap((i) => i.findings).filter((f) => f.code === 'not-back');
      for (const f of notBack) expect(f.message).not.toMatch(/etcd/);
    });
  });
});

/** Each journald host's last line in a paste (`Mar 14 18:04:27 HOST ...`, the generator's +08:00 hosts), in epoch seconds. */
function lastLinePerHost(paste: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const l of paste.split('\n')) {
    const m = /^(\w{3}) +(\d{1,2}) (\d\d):(\d\d):(\d\d) (\S+) /.exec(l);
    if (!m) continue;
    const month = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'].indexOf(m[1]);
    const t = Date.UTC(Number(AT.slice(0, 4)), month, Number(m[2]), Number(m[3]) - 8, Number(m[4]), Number(m[5])) / 1000;
    out[m[6]] = Math.max(out[m[6]] ?? -Infinity, t);
  }
  return out;
}

// 3. `-` next to other paths: `cat reaper.txt | rke2-outage - bundle/` reads stdin too, first or last.
const DASH_CASES = cross(cross(WORDINGS, ['flat', 'cloudera'] as const), [false, true]);
describe(`shape 3, \`-\` next to a folder: the reaper output on stdin: ${DASH_CASES.length} cases`, () => {
  describe.each(DASH_CASES)('%j, stdin last: %s', ([wording, layout], stdinLast) => {
    let x: Run;
    beforeAll(async () => { x = await shape({ wording, layout, nodes: CLUSTER, at: AT, noise: 4, reaperOnStdin: true, ...deaths(CLUSTER, null)['server dies for good'] }, stdinLast); });
    test('stdin is read as an input', () => {
      expect(x.r.inputs.map((i) => i.path)).toContain('<stdin>');
    });
    test('the predicted incident, with the pods only stdin names', () => {
      expect(x.g.report.incidents[0].pods.length).toBeGreaterThan(0);
      expect(observedAll(x.r)).toEqual(expectedAll(x.g));
    });
  });
  test('the CLI: `rke2-outage - bundle/ -f json` reads both', async () => {
    const dir = await bundleDir();
    const g = await generate({ wording: '2022', layout: 'flat', nodes: CLUSTER, at: AT, noise: 4, reaperOnStdin: true, ...deaths(CLUSTER, null)['server dies for good'] }, dir);
    const io = fakeIo({ stdin: g.stdin });
    expect(await main(['-', dir, '-f', 'json'], io)).toBe(0);
    const r = JSON.parse(io.out()) as Report;
    expect(r.inputs.map((i) => i.path)).toContain('<stdin>');
    expect(r.incidents.flatMap((i) => i.pods.map((p) => `${p.namespace}/${p.name}`)).sort()).toEqual(g.report.incidents[0].pods);
  });
});

// 4. An excerpt that starts inside the outage: the first list an agent shows already lacks the dead
// server (2022: the api-server list still ends with the dead default server, the supervisor list
// does not); the failover is still found (DESIGN §6b "Excerpts start mid-story").
const EXCERPT_FORMS = [['flat', 'files'], ['unnamed-folders', 'files'], ['flat', 'interleaved']] as const;
const EXCERPT_CASES = cross(cross(WORDINGS, [...EXCERPT_FORMS]), ['server dies and returns', 'server dies for good']);
describe(`shape 4, an excerpt that starts at the first sign: ${EXCERPT_CASES.length} cases`, () => {
  describe.each(EXCERPT_CASES.map(([[w, [layout, paste]], death]) => [w, layout, paste, death] as const))('%s wording, %s layout (%s), %s', (wording, layout, paste, death) => {
    let x: Run;
    beforeAll(async () => {
      const nodes = layout === 'unnamed-folders' ? FOLDERS : CLUSTER;
      x = await shape({ wording, layout, paste, nodes, at: AT, noise: 4, from: 0, ownAddress: layout === 'unnamed-folders', ...deaths(nodes, null)[death] });
    });
    test('the load balancer failover is found from the first lists', () => {
      expect(x.g.report.incidents[0].milestones.loadBalancerFailover).not.toBeNull();
      expect(x.r.incidents.map((i) => i.milestones.loadBalancerFailover?.time ?? null)).toEqual([x.g.report.incidents[0].milestones.loadBalancerFailover]);
    });
    test('the predicted incidents and milestones', () => {
      expect(observedAll(x.r)).toEqual(expectedAll(x.g));
    });
    test('the report says the logs begin with the outage: the start is the first line, not "went down at"', () => {
      for (const inc of x.r.incidents.filter((i) => !i.estimatedStart)) {
        expect(inc.findings.filter((f) => f.code === 'excerpt-starts-inside')).toHaveLength(1);
        const md = markdownOf(x.r, inc);
        expect(md).toContain('where the logs begin (it may have gone down earlier)');
        expect(md).not.toMatch(/went down at/);
      }
    });
  });
});

// 10. NUL blocks: 4 KiB of zeros at the head of an agent's log, or in the middle of the lost
// server's own log (last good line, NULs, next boot): the file is read, the outage found, a
// nul-block reported at that line.
// the lost server's crash: in Cloudera the old process folder's stderr.log ends in the NULs (the
// restart writes a new folder); a host folder's rke2.log goes on with the next boot's lines
const NUL_FORMS = [['head', 'cloudera'], ['head', 'unnamed-folders'], ['after the last good line', 'cloudera'], ['after the last good line', 'unnamed-folders']] as const;
const NUL_CASES = cross(WORDINGS, [...NUL_FORMS]);
describe(`shape 10, logs holding a 4 KiB NUL block: ${NUL_CASES.length} cases`, () => {
  describe.each(NUL_CASES.map(([w, [where, layout]]) => [w, where, layout] as const))('%s wording, NUL block at the %s, %s layout', (wording, where, layout) => {
    let x: Run;
    const nodes = layout === 'unnamed-folders' ? FOLDERS : CLUSTER;
    beforeAll(async () => {
      x = await shape({ wording, layout, nodes, at: AT, noise: 4, ownAddress: layout === 'unnamed-folders', nulHead: where === 'head', deathKind: where === 'head' ? 'vanish' : 'crash', dies: nodes[1].name, leader: nodes[1].name, backAfter: 1500 });
    });
    test('the file with the NUL block is read, not skipped as binary', () => {
      expect(x.g.report.nulBlocks).toHaveLength(1);
      const file = x.g.report.nulBlocks[0].path.split('!').pop()!;
      expect(x.r.inputs.filter((i) => i.path.endsWith(file))).toHaveLength(1);
    });
    test('the predicted incidents and milestones', () => {
      expect(observedAll(x.r)).toEqual(expectedAll(x.g));
    });
    test('a nul-block is reported at the line that holds it', async () => {
      const nul = x.g.report.nulBlocks[0];
      const at = (await eventsOf(x.g, x.dir, wording)).filter((e) => e.kind === 'node.nul-block').map((e) => [e.evidence.path.endsWith(nul.path.split('!').pop()!), e.evidence.line]);
      expect(at).toEqual([[true, nul.line]]);
    });
  });
});

// 11. A dated line early: a journal whose second line carries the full date (logrus `time=` in
// the journald line) and whose other lines are year-less klog, no rule candidate, and a file time
// years off: the year comes from that line, and coverage ends at the file's last line.
const DATED_CASES = cross(WORDINGS, [480, -300]);
describe(`shape 11, the year from a dated second line, never the file time: ${DATED_CASES.length} cases`, () => {
  test.each(DATED_CASES)('%s wording, zone %s min', async (wording, off) => {
    const dir = await bundleDir();
    const { lines, first, last } = quietJournal(wording, off);
    const file = path.join(dir, 'ecs-w2-rke2-agent.log');
    await fs.writeFile(file, lines.join('\n') + '\n');
    await fs.utimes(file, new Date('2031-06-01T00:00:00Z'), new Date('2031-06-01T00:00:00Z'));
    const r = await runShape({ paths: [file], stdin: null } as unknown as Generated, dir, wording);
    expect(r.incidents).toEqual([]);
    const input = r.inputs.find((i) => i.path.endsWith('ecs-w2-rke2-agent.log'))!;
    expect([input.firstTime, input.lastTime]).toEqual([first, last]);
    expect([...r.findings.map((f) => f.message), ...input.warnings].filter((m) => /modification time/i.test(m))).toEqual([]);
  });
});

/** journalctl -u rke2-agent of a quiet agent: klog lines (no year), one logrus line second. */
function quietJournal(w: Wording, off: number): { lines: string[]; first: string; last: string } {
  const t0 = Date.parse('2024-03-14T06:00:00Z');
  const MON = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  const p2 = (n: number) => String(n).padStart(2, '0');
  const wall = (t: number) => new Date(t + off * 60_000);
  const prefix = (t: number) => { const d = wall(t); return `${MON[d.getUTCMonth()]} ${String(d.getUTCDate()).padStart(2)} ${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())} ecs-w2 rke2[1611]:`; };
  const klog = (t: number, i: number) => { const d = wall(t); return `${prefix(t)} W${p2(d.getUTCMonth() + 1)}${p2(d.getUTCDate())} ${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())}.000123    1611 reflector.go:441] k8s.io/client-go@${RELEASE[w].clientGo}/tools/cache/reflector.go:167: watch of *v1.Endpoints ended with: an error on the server ("unable to decode an event from the watch stream: stream error: stream ID ${101 + 2 * i}; INTERNAL_ERROR") has prevented the request from succeeding`; };
  const zone = off === 0 ? 'Z' : `${off < 0 ? '-' : '+'}${p2(Math.floor(Math.abs(off) / 60))}:${p2(Math.abs(off) % 60)}`;
  const d1 = wall(t0 + 60_000);
  const dated = `${prefix(t0 + 60_000)} time="${d1.toISOString().slice(0, 19)}${zone}" level=info msg="Module br_netfilter was already loaded"`;
  const times = Array.from({ length: 14 }, (_, i) => t0 + i * 600_000 + 7_000);
  const lines = [klog(t0, 0), dated, ...times.slice(1).map((t, i) => klog(t, i + 1))];
  return { lines, first: new Date(t0).toISOString(), last: new Date(times[times.length - 1]).toISOString() };
}
