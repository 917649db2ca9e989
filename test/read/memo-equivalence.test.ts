// The repeat fast path (read/memo.ts) gives exactly what the full parse gives: dense documents of
// real rule example lines, repeated with their digits changed (times that step, roll over, stop
// reading; addresses, ports and pids that change), scanned through the chunk path with the memo
// on and off, and line by line; the Scanned data and the finished input must be equal.
import { Readable } from 'node:stream';
import * as fc from 'fast-check';
import { SourceScanner, type Scanned } from '../../src/read/scanner';
import { scanStream } from '../../src/read/lines';
import { finishAlone } from '../../src/read/finish';
import { RULES } from '../../src/rules/registry';
import { FORMATS } from '../../src/formats/registry';
import { PAYLOAD_FORMATS } from '../../src/formats/payload';
import { INFO } from '../support/reference';
import { readTime } from '../../src/formats/timestamps';
import { withSeconds } from '../../src/read/retime';

const EXAMPLES = RULES.flatMap((r) => [...r.examples.match, ...r.examples.noMatch]).filter((l) => !l.includes('\n'));
const HOSTS = ['ecs-w1', 'ecs-w2', 'ecs-m1'];

/** Lines the fast path took, over all documents (the property must not hold vacuously). */
let repeats = 0;

/** Scans `text` through scanStream in chunks of `sizes` (cycled), the memo on or off. */
async function chunked(text: string, sizes: number[], memo: boolean): Promise<Scanned> {
  const sc = new SourceScanner({ ...INFO });
  if (!memo) sc.memo = null;
  else {
    const m = sc.memo!;
    const match = m.match.bind(m);
    m.match = (...args) => { const hit = match(...args); if (hit) repeats++; return hit; };
  }
  const bytes = Buffer.from(text, 'utf8');
  const chunks: Buffer[] = [];
  for (let at = 0, k = 0; at < bytes.length; k++) {
    const n = Math.max(1, sizes[k % sizes.length]);
    chunks.push(bytes.subarray(at, at + n));
    at += n;
  }
  await scanStream(Readable.from(chunks), sc);
  return sc.result();
}

/** One line at a time (no chunk search, no memo): the reference. */
function byLine(text: string): Scanned {
  const sc = new SourceScanner({ ...INFO });
  const parts = text.split('\n');
  if (parts[parts.length - 1] === '') parts.pop();
  for (const p of parts) sc.line(p.endsWith('\r') ? p.slice(0, -1) : p);
  return sc.result();
}

const finished = (s: Scanned) => { const f = finishAlone(s); return [f.summary, f.events, f.lag]; };

/** Changes digits of `line`: each with probability `p`, within the first `reach` characters. */
const mutate = (line: string, rnd: number[], p: number, reach: number) => {
  let k = 0;
  return line.replace(/\d/g, (d, at: number) => {
    const r = rnd[k++ % rnd.length];
    return at < reach && r < p * 1000 ? String(r % 10) : d;
  });
};

// a document: example lines (some behind a journald prefix), then copies of earlier lines with
// digits changed near the start (times) or anywhere, sometimes a non-digit changed too
const step = fc.record({
  kind: fc.constantFrom('new', 'repeat', 'repeat', 'repeat', 'repeat', 'repeat', 'repeat', 'odd'),
  example: fc.nat(EXAMPLES.length - 1),
  prefix: fc.constantFrom('', '', 'journald', 'journald-day'),
  host: fc.nat(HOSTS.length - 1),
  back: fc.nat(6),
  p: fc.integer({ min: 0, max: 400 }).map((x) => x / 1000),
  reach: fc.constantFrom(20, 45, 70, 70, 10000),
  rnd: fc.array(fc.nat(999), { minLength: 1, maxLength: 12 }),
  ending: fc.constantFrom('\n', '\n', '\n', '\r\n'),
});

type Step = typeof step extends fc.Arbitrary<infer T> ? T : never;

function docOf(steps: Step[]): string {
  const lines: string[] = [];
  let out = '';
  for (const s of steps) {
    let line: string;
    if (s.kind === 'new' || !lines.length) {
      const ex = EXAMPLES[s.example];
      const day = s.prefix === 'journald-day' ? 'Dec  9 23:59:59' : 'Dec 29 17:13:37';
      line = s.prefix && !/^[A-Z][a-z]{2} /.test(ex) ? `${day} ${HOSTS[s.host]} rke2[1532]: ${ex}` : ex;
    } else {
      const prev = lines[Math.max(0, lines.length - 1 - s.back)];
      line = mutate(prev, s.rnd, s.p, s.reach);
      // a non-digit change: a space for a digit, a letter in the message, a quote
      if (s.kind === 'odd') line = line.replace(/\d/, ' ').replace(/e/, 'E');
    }
    lines.push(line);
    out += line + s.ending;
  }
  return out;
}

describe('the repeat fast path equals the full parse', () => {
  test('dense documents of repeated, re-timed rule examples', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 80 }), fc.array(fc.integer({ min: 1, max: 700 }), { minLength: 1, maxLength: 4 }), async (steps, sizes) => {
        const text = docOf(steps);
        const fast = await chunked(text, sizes, true);
        const slow = await chunked(text, sizes, false);
        expect(fast).toEqual(slow);
        expect(finished(fast)).toEqual(finished(byLine(text)));
      }),
      { numRuns: 400 },
    );
    expect(repeats).toBeGreaterThan(200);
  });

  test('a reconnect loop is read by the fast path and gives one run per key', async () => {
    const lines: string[] = [];
    for (let s = 0; s < 600; s += 5) {
      const t = `2022-12-29T17:${String(10 + Math.floor(s / 60)).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}+08:00`;
      lines.push(`time="${t}" level=info msg="Connecting to proxy" url="wss://10.0.0.12:9345/v1-rke2/connect"`);
      lines.push(`time="${t}" level=error msg="Failed to connect to proxy" error="dial tcp 10.0.0.12:9345: connect: no route to host"`);
    }
    const sc = new SourceScanner({ ...INFO });
    const parsed: string[] = [];
    const memo = sc.memo!;
    const remember = memo.remember.bind(memo);
    memo.remember = (text, ...rest) => { parsed.push(text); remember(text, ...rest); };
    await scanStream(Readable.from([Buffer.from(lines.join('\n') + '\n')]), sc);
    // only the first line of each shape was parsed in full
    expect(parsed).toHaveLength(2);
    const runs = sc.result().runs;
    expect(runs.map((r) => [r.kind, r.count, r.first.line, r.last?.line])).toEqual([['tunnel.connecting', 120, 1, 239], ['tunnel.connect-failed', 120, 2, 240]]);
    expect(finished(sc.result())).toEqual(finished(byLine(lines.join('\n'))));
  });

  test('a time read by moving the last reading by its seconds equals the full reading', () => {
    const two = fc.integer({ min: 0, max: 99 }).map((n) => String(n).padStart(2, '0'));
    const texts = fc.oneof(
      fc.tuple(two, two, fc.constantFrom('', '.5', '.123456789'), fc.constantFrom('', 'Z', '+08:00', '-0530')).map(([m, d, fr, z]) => [`2022-${m}-${d}T23:59:`, `${fr}${z}`, 'rfc3339'] as const),
      fc.tuple(fc.constantFrom('Dec  9', 'Feb 29', 'Jan 31'), fc.constantFrom('', '.5', '.123456')).map(([d, fr]) => [`${d} 23:59:`, fr, 'syslog'] as const),
    );
    fc.assert(fc.property(texts, two, two, ([head, tail, kind], a, b) => {
      const was = readTime(kind, head + a + tail);
      // the memo moves only a reading that holds a time (a text read as none is read again)
      fc.pre(was.time !== null || was.local !== null);
      expect(withSeconds(was, +a, +b)).toEqual(readTime(kind, head + b + tail));
    }), { numRuns: 2000 });
  });

  // the fast path's premise: a format's sniff and pattern read a digit as any digit
  test.each([...FORMATS, ...PAYLOAD_FORMATS].map((f) => [f.name, f] as const))('%s reads a digit as any digit', (_name, f) => {
    const withIndices = new RegExp(f.pattern.source, f.pattern.flags + 'd');
    for (const { line } of f.samples) {
      const spans = (l: string) => JSON.stringify(withIndices.exec(l)?.indices);
      for (let d = 0; d <= 9; d++) {
        const other = line.replace(/\d/g, String(d));
        expect([f.sniff.test(other), spans(other)]).toEqual([f.sniff.test(line), spans(line)]);
      }
    }
  });
});
