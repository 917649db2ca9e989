// The chunk needle finder (Wu-Manber) against the plain definition: the leftmost start at or
// after `from` of any needle. Over random text with planted needles, near misses (cut, mutated)
// and characters outside latin1 whose low byte equals a needle character; over random needle
// sets too (shared tails, prefixes of each other, the regex fallback for short needles).
import * as fc from 'fast-check';
import { allNeedles, needleRegex } from '../../src/rules/needles';
import { chunkFinder, needleFinder, wuManber } from '../../src/rules/prefilter';
import { RULES } from '../../src/rules/registry';

const NEEDLES = allNeedles(RULES);

/** The definition: smallest i >= from where some needle starts, or -1. */
function leftmost(needles: string[], s: string, from: number): number {
  let best = -1;
  for (const n of needles) {
    const i = s.indexOf(n, from);
    if (i >= 0 && (best < 0 || i < best)) best = i;
  }
  return best;
}

/** Every needle start in `s`, found by calling `find` from just past the previous one. */
function allStarts(find: (s: string, from: number) => number, s: string): number[] {
  const out: number[] = [];
  for (let i = find(s, 0); i >= 0; i = find(s, i + 1)) out.push(i);
  return out;
}

/** Near misses of a needle: cut at either end, or one character changed. */
const nearMiss = (needles: string[]) => fc.tuple(fc.constantFrom(...needles), fc.nat(), fc.constantFrom('cut-head', 'cut-tail', 'mutate'), fc.constantFrom('x', ' ', '\u0145', 'é', '\n'))
  .map(([n, k, how, ch]) => {
    const i = k % n.length;
    if (how === 'cut-head') return n.slice(i + 1);
    if (how === 'cut-tail') return n.slice(0, i);
    return n.slice(0, i) + ch + n.slice(i + 1);
  });

/** Random text made of needles, near misses, log-like filler and non-latin1 look-alikes. */
const textOf = (needles: string[]) => fc.array(fc.oneof(
  fc.constantFrom(...needles),
  nearMiss(needles),
  fc.constantFrom(' ', '\n', 'time="2022-12-29T17:14:47+08:00" level=info msg="', '"', 'I1229 09:12:01.000000    1234 ', '\u0145\u0164', '日本', '😀'),
  fc.string({ maxLength: 16 }),
  // characters whose low byte is that of a needle character ('N' = 0x4E, 'e' = 0x65, ' ' = 0x20)
  fc.constantFrom('\u014e\u0165', '\u0120', '\u2020\u0165'),
), { maxLength: 40 }).map((ps) => ps.join(''));

describe('chunk needle finder', () => {
  const find = chunkFinder(RULES);

  test('on the rule needles it equals the leftmost needle start, from any position', () => {
    fc.assert(fc.property(textOf(NEEDLES), fc.nat(), (s, k) => {
      const from = k % (s.length + 1);
      expect(find(s, from)).toBe(leftmost(NEEDLES, s, from));
    }), { numRuns: 5000 });
  });

  test('it never misses a planted needle, and finds every start the needle regex finds', () => {
    const exact = needleRegex(RULES, 'g');
    fc.assert(fc.property(textOf(NEEDLES), fc.constantFrom(...NEEDLES), fc.nat(), (s, planted, k) => {
      const at = k % (s.length + 1);
      const text = s.slice(0, at) + planted + s.slice(at);
      const starts = allStarts(find, text);
      expect(starts).toContain(at);
      const viaRegex: number[] = [];
      for (let m = (exact.lastIndex = 0, exact.exec(text)); m; m = (exact.lastIndex = m.index + 1, exact.exec(text))) viaRegex.push(m.index);
      expect(starts).toEqual(viaRegex);
    }), { numRuns: 3000 });
  });

  test('every rule needle is found alone, at the ends of a chunk and inside a real log line', () => {
    for (const n of NEEDLES) {
      expect(find(n, 0)).toBe(0);
      expect(find(`x ${n}`, 0)).toBe(2);
      expect(find(n.slice(0, -1), 0)).toBe(leftmost(NEEDLES, n.slice(0, -1), 0)); // -1 unless it holds a shorter needle
      const line = `time="2022-12-29T17:14:47+08:00" level=info msg="${n}"\n`;
      expect(find(line, 0)).toBe(line.indexOf(n));
      expect(find(line, line.indexOf(n) + 1)).toBe(leftmost(NEEDLES, line, line.indexOf(n) + 1));
    }
  });

  // random needle sets over a small alphabet: many shared pairs, needles inside other needles
  const needleSet = fc.array(fc.string({ unit: fc.constantFrom('a', 'b', 'c', '$', ' ', 'é', '\u0162'), minLength: 1, maxLength: 12 }), { minLength: 1, maxLength: 12 });
  test('on random needle sets it equals the leftmost needle start (Wu-Manber and the short-needle fallback)', () => {
    fc.assert(fc.property(needleSet, fc.array(fc.constantFrom('a', 'b', 'c', '$', ' ', 'é', '\u0162', '\u0161', 'ab', 'abc', '$$'), { maxLength: 80 }), fc.nat(), (needles, parts, k) => {
      const s = parts.join('');
      const from = k % (s.length + 1);
      const want = leftmost(needles, s, from);
      expect(needleFinder(needles)(s, from)).toBe(want);
      const long = needles.filter((n) => n.length >= 4);
      if (long.length) expect(wuManber(long)(s, from)).toBe(leftmost(long, s, from));
    }), { numRuns: 5000 });
  });

  test('a needle found first (its window ends first) does not hide one that starts earlier', () => {
    // the window of the long needle is its rare '$$$$$' tail, ending after the short needle ends
    const needles = ['xyzxyzx$$$$$', 'zxyzx'];
    expect(needleFinder(needles)('ab xyzxyzx$$$$$', 0)).toBe(3);
    expect(needleFinder(needles)('ab xyzxyzx$$$$$', 4)).toBe(5);
  });

  test('no needles: nothing is found', () => {
    expect(needleFinder([])('anything', 0)).toBe(-1);
  });
});
