// The events command's spool (read/spool.ts): past its limit members go to disk and come back
// through sorted chunks and a merge, in the same order as the in-memory sort (a stable sort by
// time, untimed last, then input and line), texts intact, temp files removed.
import { readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as fc from 'fast-check';
import { Spool, type Member, type Placed } from '../../src/read/spool';
import { putNum } from '../../src/read/spoolSort';

const member = fc.record({
  input: fc.nat(3),
  run: fc.nat(50),
  stamp: fc.record({
    time: fc.option(fc.integer({ min: 0, max: 40 }), { nil: null }),
    local: fc.constantFrom(-1, 0, 7),
    at: fc.constant(null),
    line: fc.nat(30),
    text: fc.oneof(fc.string({ maxLength: 40 }), fc.constantFrom('a\tb\tc', '"quoted" start', 'two\nlines', 'é 日本 😀', '', '\\"')),
  }),
});

async function drain(spool: Spool): Promise<Placed[]> {
  const out: Placed[] = [];
  // the resolver puts input 2's lines an hour later: the order is by the resolved time
  for await (const p of spool.sorted((input, _run, st) => (st.time === null ? null : st.time + (input === 2 ? 3600 : 0)))) out.push(p);
  return out;
}

const spoolDirs = () => readdirSync(tmpdir()).filter((n) => n.startsWith('rke2-outage-events-')).length;

test('on disk or in memory, the same members in the same order', async () => {
  const before = spoolDirs();
  await fc.assert(
    fc.asyncProperty(fc.array(member, { maxLength: 300 }), fc.integer({ min: 1, max: 40 }), fc.integer({ min: 1, max: 60 }), async (ms: Member[], limit, chunk) => {
      const mem = new Spool(1e9);
      const disk = new Spool(limit, chunk);
      for (const m of ms) { mem.add(structuredClone(m)); disk.add(structuredClone(m)); }
      const want = await drain(mem);
      expect(want).toHaveLength(ms.length);
      expect(await drain(disk)).toEqual(want);
    }),
    { numRuns: 150 },
  );
  expect(spoolDirs()).toBe(before);
});

test('members are renumbered to the finished input order', async () => {
  const before = spoolDirs();
  const s = new Spool(2, 3);
  const stamp = (time: number, line: number) => ({ time, local: -1, at: null, line, text: `l${line}` });
  for (let i = 0; i < 5; i++) s.add({ input: 0, run: 0, stamp: stamp(10, i + 1) });
  s.add({ input: 1, run: 0, stamp: stamp(10, 1) });
  s.place(0, 1);
  s.place(1, 0);
  const got = await drain(s);
  expect(got.map((p) => [p.input, p.line])).toEqual([[0, 1], [1, 1], [1, 2], [1, 3], [1, 4], [1, 5]]);
  expect(spoolDirs()).toBe(before);
});

test('putNum writes the digits String() would', () => {
  const b = Buffer.alloc(64);
  const check = (v: number) => expect(b.toString('latin1', 3, putNum(b, 3, v))).toBe(String(v));
  for (const v of [0, -0, 7, 10, 99, -1, -10, 1669852800000, -1669852800000, Number.MAX_SAFE_INTEGER, -Number.MAX_SAFE_INTEGER, 1.5, -0.25, 1e21, 2 ** 60, NaN, Infinity]) check(v);
  fc.assert(fc.property(fc.oneof(fc.integer(), fc.maxSafeInteger(), fc.double()), (v) => check(v)));
});
