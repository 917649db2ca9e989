// Where the logs end (DESIGN §6b, claims inside the evidence): the stretch of observers' logs that
// holds an instant, not the latest line of any input — a bundle of another year or another
// collection must not make "not back when the logs end" read years after the incident.
import type { InputSummary } from '../../src/types';
import { logsEndOf } from '../../src/assemble/coverage';

const input = (path: string, first: string, last: string, extra: Partial<InputSummary> = {}): InputSummary => ({
  path, node: path, role: 'server', lines: 10, parsed: 10, events: 1, firstTime: first, lastTime: last, warnings: [], ...extra,
});
const at = (iso: string) => Date.parse(iso);
const end = (inputs: InputSummary[], when?: string, until?: number) => {
  const t = logsEndOf(inputs, until, when === undefined ? undefined : at(when));
  return t === null ? null : new Date(t).toISOString();
};

const Y2022 = [input('a', '2022-12-27T05:00:00Z', '2022-12-29T09:43:11Z'), input('b', '2022-12-28T00:00:00Z', '2022-12-29T09:40:00Z')];
const Y2024 = [input('c', '2024-10-20T08:00:00Z', '2024-10-20T09:45:00Z')];

test('without an instant: the latest end of any observer', () => {
  expect(end([...Y2022, ...Y2024])).toBe('2024-10-20T09:45:00.000Z');
});

test('an incident of 2022 ends with the 2022 logs, whatever else the input holds', () => {
  expect(end([...Y2022, ...Y2024], '2022-12-29T09:13:37Z')).toBe('2022-12-29T09:43:11.000Z');
  expect(end([...Y2024, ...Y2022], '2024-10-20T09:00:00Z')).toBe('2024-10-20T09:45:00.000Z');
});

test('spans less than a day apart are one stretch (rotated files, a node collected the next morning)', () => {
  const rotated = [...Y2022, input('a2', '2022-12-29T20:00:00Z', '2022-12-30T06:00:00Z')];
  expect(end(rotated, '2022-12-29T09:13:37Z')).toBe('2022-12-30T06:00:00.000Z');
});

test('an instant after every stretch it could belong to: the stretch before it (the caller drops an end before the start)', () => {
  expect(end([...Y2022, ...Y2024], '2023-06-01T00:00:00Z')).toBe('2022-12-29T09:43:11.000Z');
  expect(end(Y2022, '2022-12-29T12:02:01Z')).toBe('2022-12-29T09:43:11.000Z');
});

test('logs that start soon after the instant (an excerpt) hold it; --until caps; the reaper and skipped inputs are no observers', () => {
  expect(end(Y2024, '2024-10-20T07:30:00Z')).toBe('2024-10-20T09:45:00.000Z');
  expect(end(Y2022, '2022-12-29T09:13:37Z', at('2022-12-29T09:20:00Z'))).toBe('2022-12-29T09:20:00.000Z');
  expect(end([input('r', '2022-12-29T09:30:00Z', '2022-12-29T12:20:00Z', { role: 'reaper' }), input('s', '2022-12-29T00:00:00Z', '2022-12-31T00:00:00Z', { skipped: true })], '2022-12-29T09:13:37Z')).toBeNull();
});

test('a paste of several journals: each host\'s own span', () => {
  const paste = input('<stdin>', '2024-03-14T09:00:00Z', '2024-03-14T10:30:00Z', { hosts: [{ node: 'm1', firstTime: '2024-03-14T09:00:00Z', lastTime: '2024-03-14T10:03:04Z' }, { node: 'w1', firstTime: '2024-03-14T09:00:00Z', lastTime: '2024-03-14T09:35:09Z' }] });
  expect(end([paste], '2024-03-14T09:13:37Z')).toBe('2024-03-14T10:03:04.000Z');
});
