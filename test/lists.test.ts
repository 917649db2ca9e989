// lists.ts: max, min and append over lists far past the engine's argument limit, and a check of
// src/ that no call spreads a list that grows with input into its arguments (DESIGN §9).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { append, maxOf, minOf } from '../src/lists';

const BIG = Array.from({ length: 500_000 }, (_, i) => (i * 7919) % 1_000_003);

test('maxOf and minOf read half a million numbers (Math.max(...xs) overflows the stack)', () => {
  expect(() => Math.max(...BIG)).toThrow(RangeError);
  expect(maxOf(BIG)).toBe(BIG.reduce((a, b) => (b > a ? b : a)));
  expect(minOf(BIG)).toBe(0);
});

test('empty and NaN behave as Math.max and Math.min do', () => {
  expect(maxOf([])).toBe(Math.max());
  expect(minOf([])).toBe(Math.min());
  expect(maxOf([1, NaN, 3])).toBeNaN();
  expect(minOf([1, NaN, 3])).toBeNaN();
  expect(maxOf([-5, -2, -9])).toBe(-2);
});

test('append adds half a million items in order and returns the target', () => {
  const to = [-1];
  expect(append(to, BIG)).toBe(to);
  expect(to.length).toBe(BIG.length + 1);
  expect(to[1]).toBe(BIG[0]);
  expect(to[to.length - 1]).toBe(BIG[BIG.length - 1]);
});

/** Every .ts file under src/. */
function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = path.join(dir, n);
    return statSync(p).isDirectory() ? sources(p) : p.endsWith('.ts') ? [p] : [];
  });
}

test('no call in src/ spreads a list into its arguments unless the line says it is bounded', () => {
  const SPREAD_CALL = /(\.push|\.unshift|Math\.max|Math\.min|String\.fromCharCode|\.apply)\((?:[^()]*,\s*)?\.\.\./;
  const found = sources(path.join(__dirname, '../src')).flatMap((f) => readFileSync(f, 'utf8').split('\n')
    .map((l, i) => ({ at: `${path.relative(path.join(__dirname, '..'), f)}:${i + 1}`, l }))
    .filter(({ l }) => SPREAD_CALL.test(l) && !l.trimStart().startsWith('//') && !l.includes('// bounded')));
  expect(found.map((x) => `${x.at}: ${x.l.trim()}`)).toEqual([]);
});
