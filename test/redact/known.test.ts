// KnownNames finds the same names as one alternation of every name with alphanumeric boundaries
// (leftmost, longest; what the redactor used before), in one pass over the text.
import * as fc from 'fast-check';
import { KnownNames } from '../../src/redact/known';
import { escapeRegex } from '../../src/rules/needles';

/** The reference: the old alternation, longest names first. */
function byRegex(names: string[], s: string): string {
  if (!names.length) return s;
  const alt = [...names].sort((a, b) => b.length - a.length).map(escapeRegex).join('|');
  return s.replace(new RegExp(`(?<![A-Za-z0-9])(?:${alt})(?![A-Za-z0-9])`, 'gi'), (m) => `<${m.toLowerCase()}>`);
}

const label = fc.stringMatching(/^[a-z0-9]{1,4}(?:-[a-z0-9]{1,4}){0,2}$/);
const text = (names: string[]) => fc.array(fc.oneof(fc.constantFrom(...names, 'x', '-', '.', ' ', 'A', '1', '--', '_'), fc.string({ maxLength: 3 })), { maxLength: 30 }).map((p) => p.join(''));

test('property: the same replacements as the alternation', () => {
  fc.assert(fc.property(fc.uniqueArray(label, { minLength: 1, maxLength: 8 }).chain((names) => fc.tuple(fc.constant(names), text(names))), ([names, s]) => {
    expect(new KnownNames(names).replace(s, (m) => `<${m}>`)).toBe(byRegex(names, s));
  }), { numRuns: 3000 });
});

test('real names: inside a journald prefix, a bracket, a dotted name, case-insensitively', () => {
  const k = new KnownNames(['feng-ws1', 'ws1', 'cdp-w03']);
  expect(k.replace('Dec 29 feng-ws1 rke2[1]: [FENG-WS1] ws1.example cdp-w03-x xfeng-ws1', (m) => `H(${m})`)).toBe('Dec 29 H(feng-ws1) rke2[1]: [H(feng-ws1)] H(ws1).example H(cdp-w03)-x xfeng-H(ws1)');
});

test('30,000 names and a long hyphenated run stay linear (no name tried at every position)', () => {
  const k = new KnownNames(Array.from({ length: 30_000 }, (_, i) => `node-${i}`));
  const s = `${'a-'.repeat(50_000)} node-29999 ${'-'.repeat(50_000)}`;
  expect(k.replace(s, () => 'H').includes(' H ')).toBe(true);
});
