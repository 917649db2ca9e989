// The two shortcuts of the chunk scan, each against the plain form it replaces: the sticky sniff
// inside a chunk (sniffAt) equals sniffing the cleaned line; the chunk prefilter finds every line
// the rule needles find (it may find more, never fewer).
import * as fc from 'fast-check';
import { cleanLine, FORMATS, sniffAt, sniffLine } from '../../src/formats/registry';
import { allNeedles } from '../../src/rules/needles';
import { RULES } from '../../src/rules/registry';

const SAMPLES = FORMATS.flatMap((f) => f.samples.map((s) => s.line));
const NEEDLES = allNeedles(RULES);
const text = fc.array(fc.oneof(
  fc.constantFrom(...SAMPLES, ...NEEDLES, '\uFEFF', ' ', '\t', '>', ' > ', '\r', '\r\n', '\n', 'time=', '-- ', '{"'),
  fc.string({ maxLength: 12 }),
), { maxLength: 12 }).map((ps) => ps.join(''));

test('sniffAt on a line inside a chunk equals sniffLine(cleanLine(line))', () => {
  fc.assert(fc.property(text, fc.string({ maxLength: 5 }), fc.constantFrom('\n', '\r\n', ''), (line, before, after) => {
    const body = line.replace(/\n/g, ' ');
    const chunk = `${before}\n${body}${after}tail`;
    const start = before.length + 1;
    const end = start + body.length; // a line end, or (after = '') any cut: a match running past it is re-checked
    expect(sniffAt(chunk, start, end)).toBe(sniffLine(cleanLine(body)));
  }), { numRuns: 3000 });
});

test('every sample line of every format is sniffed in place', () => {
  const chunk = SAMPLES.join('\n') + '\n';
  let at = 0;
  for (const l of SAMPLES) {
    expect(sniffAt(chunk, at, at + l.length)).toBe(true);
    at += l.length + 1;
  }
});

