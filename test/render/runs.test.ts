// The `×N until` text of a run (every format's runs table, evidence notes, swimlane hover): a run
// joined across silences (an input past its run budget) says how many and the longest.
import { repeatsText } from '../../src/render/runs';

test('a dense run: count and last time only', () => {
  expect(repeatsText({ count: 120 }, '09:40:02')).toBe('×120 until 09:40:02');
});

test('a run joined across silences says how many and the longest', () => {
  expect(repeatsText({ count: 9, gaps: 8, gapMs: 200_000 }, '09:40:02')).toBe('×9 until 09:40:02 (8 silences over a minute, the longest 3m20s)');
  expect(repeatsText({ count: 2, gaps: 1, gapMs: 61_000 }, '09:40:02')).toBe('×2 until 09:40:02 (1 silence over a minute, the longest 1m01s)');
});
