// SpanIndex (spans.ts): a run stands for a line at least every minute between its first and last
// line; a run joined across silences (an input past its run budget) only where its lines are known.
import { SpanIndex } from '../../src/assemble/spans';
import type { Event } from '../../src/types';

const ev = (time: number, until: number, gaps?: { gaps: number; gapMs: number }): Event => ({
  kind: 'tunnel.connecting', rule: 'r', time, until, node: 'w1', role: 'agent', peer: 'p', detail: {}, seq: 0, source: 0,
  evidence: { path: 'x', line: 1, text: 'x' }, count: 2, lastEvidence: null, ...(gaps ?? {}),
});

test('a dense run has a line in any window it overlaps', () => {
  const ix = new SpanIndex();
  ix.add('k', ev(0, 600_000));
  expect(ix.has('k', 300_000, 301_000)).toBe(true);
  expect(ix.has('k', 600_001, 700_000)).toBe(false);
});

test('a run with silences has a line where an end lies, or where the window is at least its longest silence; elsewhere none is claimed', () => {
  const ix = new SpanIndex();
  const run = ev(0, 1_000_000, { gaps: 5, gapMs: 200_000 });
  ix.add('k', run);
  expect(ix.has('k', 300_000, 360_000)).toBe(false); // a minute inside: not known
  expect(ix.has('k', 300_000, 500_000)).toBe(true); // as long as the longest silence: a line must fall in it
  expect(ix.has('k', 950_000, 1_010_000)).toBe(true); // holds the last line
  expect(ix.has('k', -10_000, 50_000)).toBe(true); // holds the first line
  expect(ix.has('k', 0, 60_000, true)).toBe(false); // (0, 60 s]: the first line is not in it
  expect(ix.has('k', -10_000, 50_000, false, run)).toBe(false); // the run itself excepted
});
