// A file scanned in parts (cut where ranges.ts cuts it) and merged (mergeScans.ts) gives what one
// sequential scan gives: the Scanned data itself and the finished input. Over every fixture log,
// random mixes of their lines with dense loops, and the boundary cases one by one: runs across a
// cut, kubectl output waiting for the dated line below, year-less times, caps, glued lines.
import { readFileSync } from 'node:fs';
import { execSync } from 'node:child_process';
import { Readable } from 'node:stream';
import * as fc from 'fast-check';
import { SourceScanner, type Scanned } from '../../src/read/scanner';
import { scanStream } from '../../src/read/lines';
import { finishAlone } from '../../src/read/finish';
import { mergeScans, type ScanPart } from '../../src/read/mergeScans';
import { partStartIn } from '../../src/read/ranges';
import { INFO } from '../support/reference';

const ROOT = `${__dirname}/../..`;
const FIXTURES = execSync('find fixtures -type f \\( -name "*.log" -o -name "*.txt" \\)', { cwd: ROOT }).toString().trim().split('\n').sort();
const read = (f: string) => readFileSync(`${ROOT}/${f}`);

async function scan(bytes: Buffer, budget?: number): Promise<{ scanned: Scanned; edge: ScanPart['edge'] }> {
  const sc = new SourceScanner({ ...INFO }, budget);
  await scanStream(Readable.from([bytes]), sc);
  return { scanned: sc.result(), edge: sc.edge() };
}

/** Cuts at the first line that can start a part at or after each nominal offset (as ranges.ts does on a file). */
function cutsAt(bytes: Buffer, nominal: number[]): number[] {
  const cuts = [0];
  for (const n of [...nominal].sort((a, b) => a - b)) {
    const from = Math.max(n, cuts[cuts.length - 1] + 1);
    if (from >= bytes.length) break;
    const at = partStartIn(bytes.subarray(from));
    if (at >= 0) cuts.push(from + at);
  }
  return cuts;
}

async function inParts(bytes: Buffer, cuts: number[]): Promise<Scanned | null> {
  const parts: ScanPart[] = [];
  for (let i = 0; i < cuts.length; i++) parts.push(await scan(bytes.subarray(cuts[i], cuts[i + 1] ?? bytes.length)));
  return mergeScans(parts);
}

const finished = (s: Scanned) => { const f = finishAlone(s); return [f.summary, f.events, f.lag]; };

/** Both ways; returns the merged scan. */
async function expectSame(bytes: Buffer, cuts: number[]): Promise<Scanned> {
  const whole = (await scan(bytes)).scanned;
  const merged = await inParts(bytes, cuts);
  expect(merged).toEqual(whole);
  expect(finished(merged!)).toEqual(finished((await scan(bytes)).scanned));
  return merged!;
}

const at = (s: number) => { const d = new Date(Date.UTC(2022, 11, 29, 9, 0, 0) + s * 1000 + 8 * 3_600_000); return d.toISOString().slice(0, 19) + '+08:00'; };
const loop = (s: number, peer = '10.0.0.12') => [
  `time="${at(s)}" level=info msg="Connecting to proxy" url="wss://${peer}:9345/v1-rke2/connect"`,
  `time="${at(s)}" level=error msg="Failed to connect to proxy" error="dial tcp ${peer}:9345: connect: no route to host"`,
];
const doc = (lines: string[]) => Buffer.from(lines.join('\n') + '\n');
/** Byte offset of line `i` (0-based) of a document. */
const offsetOf = (lines: string[], i: number) => Buffer.byteLength(lines.slice(0, i).map((l) => l + '\n').join(''));

describe('parts merged equal one sequential scan', () => {
  test.each(FIXTURES)('%s cut in up to 8 parts', async (f) => {
    const bytes = read(f);
    const nominal = Array.from({ length: 7 }, (_, k) => Math.floor((bytes.length * (k + 1)) / 8));
    await expectSame(bytes, cutsAt(bytes, nominal));
  });

  const realLines = FIXTURES.flatMap((f) => read(f).toString('utf8').split('\n')).filter((l) => l.length > 0 && l.length < 400);
  test('random mixes of fixture lines and loops, cut anywhere', async () => {
    const piece = fc.oneof(
      fc.constantFrom(...realLines).map((l) => [l]),
      fc.integer({ min: 0, max: 4000 }).map((s) => loop(s, s % 2 ? '10.0.0.12' : '10.0.0.13')),
      fc.constantFrom('', '\r', 'time="2022-12-29T17:13:53+08:00" level=info msg="a"time="2022-12-29T17:13:54+08:00" level=info msg="Stopped tunnel to 10.0.0.12:9345"',
        // a crash's NUL block, alone and glued to the next boot's first line (DESIGN §3)
        '\0'.repeat(4096), `${'\0'.repeat(512)}time="2022-12-29T17:20:00+08:00" level=info msg="Starting rke2 v1.28.9+rke2r1 (abc)"`).map((l) => [l]),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(piece, { maxLength: 120 }), fc.array(fc.nat(20000), { maxLength: 6 }), async (ps, nominal) => {
        const bytes = doc(ps.flat());
        await expectSame(bytes, cutsAt(bytes, nominal.map((n) => n % Math.max(1, bytes.length))));
      }),
      { numRuns: 200 },
    );
  });
});

describe('what crosses a cut', () => {
  test('a file with as many runs as one input keeps is not merged: the sequential scan joins repeats across silences from its own point on (runs.ts)', async () => {
    // 60 peers in rotation, one line every 2 s: each peer every 120 s, never a run at the minute scale
    const lines = Array.from({ length: 300 }, (_, k) => loop(k * 2, `10.0.1.${k % 60}`)[0]);
    const bytes = doc(lines);
    const cuts = cutsAt(bytes, [Math.floor(bytes.length / 2)]);
    const partsOf = async (budget: number) => {
      const parts: ScanPart[] = [];
      for (let i = 0; i < cuts.length; i++) parts.push(await scan(bytes.subarray(cuts[i], cuts[i + 1] ?? bytes.length), budget));
      return parts;
    };
    expect(cuts).toHaveLength(2);
    expect(mergeScans(await partsOf(301))?.runs).toHaveLength(300); // below the budget: exact, every line its own run
    expect(mergeScans(await partsOf(300))).toBeNull();
  });


  test('a reconnect loop cut in three is one run per key', async () => {
    const lines = Array.from({ length: 200 }, (_, k) => loop(k * 5)).flat();
    const bytes = doc(lines);
    const cuts = [0, offsetOf(lines, 101), offsetOf(lines, 250)];
    expect(cutsAt(bytes, [offsetOf(lines, 100) + 3, offsetOf(lines, 249) + 3])).toEqual(cuts);
    const m = await expectSame(bytes, cuts);
    expect(m.runs.map((r) => [r.count, r.first.line, r.last?.line])).toEqual([[200, 1, 399], [200, 2, 400]]);
  });

  test('a gap of more than a minute at the cut keeps two runs', async () => {
    const lines = [...loop(0), ...loop(5), ...loop(200), ...loop(205)];
    const m = await expectSame(doc(lines), [0, offsetOf(lines, 4)]);
    expect(m.runs.map((r) => r.count)).toEqual([2, 2, 2, 2]);
  });

  test('kubectl output at the end of a part takes the first dated line of the next as the one below', async () => {
    const reaper = [
      'Thu Dec 29 09:40:01 UTC 2022 Starting pod-reaper [Reap older than: 10 minute(s)][Namespace regex: *UNKNOWN*]',
      'Thu Dec 29 09:40:02 UTC 2022 Force delete pod hiveserver2-0 in namespace compute-hive01 with deletion timestamp: 2022-12-29T09:20:25Z',
      'pod "hiveserver2-0" force deleted',
    ];
    const lines = [...reaper, ...loop(3000)];
    const m = await expectSame(doc(lines), [0, offsetOf(lines, 3)]);
    expect(m.inherited.map((i) => i.below)).toEqual([Date.UTC(2022, 11, 29, 9, 50, 0)]);
  });

  test('kubectl output above every dated line (orphans) takes the next part\'s first line', async () => {
    const lines = ['pod "vault-0" force deleted', 'Error from server (NotFound): pods "impala-executor-000-0" not found', ...loop(60)];
    const m = await expectSame(doc(lines), [0, offsetOf(lines, 2)]);
    expect(m.runs.slice(0, 2).map((r) => r.first.time)).toEqual([Date.UTC(2022, 11, 29, 9, 1, 0), Date.UTC(2022, 11, 29, 9, 1, 0)]);
  });

  test('year-less klog lines on both sides keep their own times', async () => {
    const klog = (m: number) => `I1229 09:${m}:12.989653       1 taint_manager.go:106] "NoExecuteTaintManager is deleting pod" pod="default/web-${m}"`;
    const lines = [klog(10), ...loop(100), klog(20), ...loop(3000), klog(30), klog(40)];
    const m = await expectSame(doc(lines), [0, offsetOf(lines, 4)]);
    expect(m.locals.map((l) => l.line)).toEqual([1, 4, 7, 8]);
  });

  test('lag samples, hosts and cut-line numbers keep their caps across parts', async () => {
    const j = (s: number, host: string) => `Dec 29 17:${String(Math.floor(s / 60) % 60).padStart(2, '0')}:${String(s % 60).padStart(2, '0')} ${host} rke2[1]: ${loop(s)[0]}`;
    const lines = Array.from({ length: 3000 }, (_, k) => j(k, `h${k % 300}`));
    const m = await expectSame(doc(lines), cutsAt(doc(lines), [offsetOf(lines, 1500)]));
    expect([m.lags.length, m.hosts.length]).toEqual([2000, 256]);
  });

  test('parts that cannot be merged exactly are refused', async () => {
    const lines = [...loop(0), 'pod "vault-0" force deleted', ...loop(5)];
    const bytes = doc(lines);
    // a part that starts with kubectl output instead of a dated line
    expect(await inParts(bytes, [0, offsetOf(lines, 2)])).toBeNull();
  });

  test('every field of Scanned has a merge rule here (a new field needs one in mergeScans.ts)', async () => {
    const { scanned } = await scan(doc(loop(0)));
    expect(Object.keys(scanned).sort()).toEqual(['anchors', 'budget', 'cut', 'cutLines', 'firstLocal', 'firstTime', 'hosts', 'info', 'inherited', 'lags', 'lastLocal', 'lastSkipped', 'lines', 'locals', 'maxTime', 'parsed', 'runs', 'steps', 'tails', 'votes', 'warnings']);
  });
});
