// Zip entry ranges: entries in file order cost one compare; any overlap (the bomb construction, an
// entry inside another's data, the same local header twice) is found in any order.
import * as fc from 'fast-check';
import { Extents } from '../../../src/read/sources/extents';

test('entries in order, and out of order, that do not overlap are all taken', () => {
  const e = new Extents();
  expect([[0, 10], [10, 20], [40, 50], [20, 30], [30, 40]].map(([a, b]) => e.add(a, b))).toEqual([true, true, true, true, true]);
});

test('the same start twice, a range inside another, and one straddling a neighbour are refused', () => {
  const e = new Extents();
  expect(e.add(0, 100)).toBe(true);
  expect(e.add(0, 100)).toBe(false);
  expect(e.add(30, 40)).toBe(false);
  expect(e.add(200, 300)).toBe(true);
  expect(e.add(150, 201)).toBe(false);
  expect(e.add(100, 200)).toBe(true);
});

test('property: a range is refused exactly when it overlaps one taken before', () => {
  fc.assert(fc.property(fc.array(fc.tuple(fc.nat(1000), fc.integer({ min: 1, max: 50 })), { maxLength: 60 }), (ranges) => {
    const e = new Extents();
    const taken: Array<[number, number]> = [];
    for (const [a, len] of ranges) {
      const overlaps = taken.some(([s, t]) => a < t && s < a + len);
      expect(e.add(a, a + len)).toBe(!overlaps);
      if (!overlaps) taken.push([a, a + len]);
    }
  }), { numRuns: 500 });
});
