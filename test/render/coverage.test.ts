// coverage.ts: every input is a row up to the limit; past it the inputs with events or warnings
// first, in input order, one totals line for the rest; warnings listed up to their own limit.
import type { InputSummary, Report } from '../../src/types';
import { coverageOf, moreWarningsLine, restLine } from '../../src/render/coverage';
import { RENDERERS } from '../../src/render/registry';
import { handmadeReport } from './handmade';

const input = (k: number, events = 0, warnings: string[] = []): InputSummary => ({
  path: `/cases/b/n${k}/stderr.log`, node: `n${k}`, role: 'agent', lines: 10, parsed: 9, events, firstTime: null, lastTime: null, warnings,
});
const withInputs = (inputs: InputSummary[]): Report => ({ ...handmadeReport(), inputs });

test('up to the limit every input is a row and nothing is totalled', () => {
  const v = coverageOf(withInputs([input(0), input(1, 3)]), 5);
  expect(v.rows.map((i) => i.node)).toEqual(['n0', 'n1']);
  expect(v.rest).toBeNull();
  expect(restLine(v)).toBeNull();
  expect(v.base).toBe('/cases/b/');
});

test('past the limit the inputs with events and warnings are kept, in input order, and the rest totalled', () => {
  const inputs = Array.from({ length: 50 }, (_, k) => input(k, k === 40 ? 7 : k === 3 ? 2 : 0, k === 20 ? ['cut at 64 KiB'] : []));
  const v = coverageOf(withInputs(inputs), 3);
  expect(v.rows.map((i) => i.node)).toEqual(['n3', 'n20', 'n40']);
  expect(v.rest).toEqual({ inputs: 47, lines: 470, parsed: 423, events: 0 });
  expect(restLine(v)).toBe('… and 47 more inputs (470 lines, 423 parsed, 0 events) not drawn: the 3 above gave the most events. The JSON report (-f json) lists every input.');
});

test('warnings past their limit are counted, not listed', () => {
  const inputs = Array.from({ length: 4 }, (_, k) => input(k, 0, ['a', 'b']));
  const v = coverageOf(withInputs(inputs), 100, 5);
  expect(v.warnings).toHaveLength(5);
  expect(v.warnings[0]).toEqual({ path: 'n0/stderr.log', text: 'a' });
  expect(moreWarningsLine(v)).toBe('… and 3 more input warnings (-f json lists them all).');
});

test.each(['table', 'markdown', 'html', 'jira'] as const)('%s draws 100 rows of 30,000 inputs and says how many more', (format) => {
  // 150 inputs gave an event: the first 100 of them are drawn
  const inputs = Array.from({ length: 30_000 }, (_, k) => input(k, k % 200 === 0 ? 1 : 0));
  const text = RENDERERS[format](withInputs(inputs), { tz: 'UTC', color: false, width: null });
  expect(text).toContain('… and 29,900 more inputs');
  expect(text).toContain('n19800/');
  expect(text).not.toContain('n20000/');
  expect(text).not.toContain('n1/');
  expect(text.length).toBeLessThan(400_000);
});

test('json lists every input', () => {
  const inputs = Array.from({ length: 3000 }, (_, k) => input(k));
  const json = JSON.parse(RENDERERS.json(withInputs(inputs))) as Report;
  expect(json.inputs).toHaveLength(3000);
});
