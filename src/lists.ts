// List helpers whose cost does not depend on an argument list: `Math.max(...xs)` and
// `push(...xs)` pass every element as an argument and overflow the stack past ~100,000 of them
// (DESIGN §9: no call with an unbounded argument list). Use these wherever a list grows with input.

/** The largest number of `xs`; -Infinity when empty (as Math.max() is). */
export function maxOf(xs: Iterable<number>): number {
  let m = -Infinity;
  for (const x of xs) if (x > m || Number.isNaN(x)) m = x;
  return m;
}

/** The smallest number of `xs`; Infinity when empty (as Math.min() is). */
export function minOf(xs: Iterable<number>): number {
  let m = Infinity;
  for (const x of xs) if (x < m || Number.isNaN(x)) m = x;
  return m;
}

/** Appends every element of `xs` to `to`, one at a time; returns `to`. */
export function append<T>(to: T[], xs: Iterable<T>): T[] {
  for (const x of xs) to.push(x);
  return to;
}
