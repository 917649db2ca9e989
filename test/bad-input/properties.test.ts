// Property-based: no parser ever throws, whatever the line; and for every input, each source's
// lines split exactly into parsed and unparsed (0 <= parsed <= lines, lines = line breaks + a
// final unterminated line), through the whole CLI.
import * as fc from 'fast-check';
import { FORMATS, parseLine } from '../../src/formats/registry';
import { parseLogfmt } from '../../src/formats/logfmt';
import { SourceScanner } from '../../src/read/scanner';
import { finishAlone } from '../../src/read/finish';
import { INFO } from '../support/reference';
import { run, ws1Text } from './harness';

const REAL = ws1Text().split('\n').filter(Boolean);
/** Format-looking prefixes (from every format's own samples) followed by anything. */
const SAMPLES = FORMATS.flatMap((f) => f.samples.map((s) => s.line));
const lineArb = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 200 }),
  fc.tuple(fc.constantFrom(...SAMPLES, ...REAL), fc.nat(), fc.string({ unit: 'binary', maxLength: 80 })).map(([s, cut, tail]) => s.slice(0, cut % (s.length + 1)) + tail),
  fc.tuple(fc.constantFrom(...REAL), fc.string({ maxLength: 20 }), fc.nat()).map(([s, ins, at]) => s.slice(0, at % s.length) + ins + s.slice(at % s.length)),
);

test('parseLine and the logfmt reader never throw; a record always has a string msg', () => {
  fc.assert(fc.property(lineArb, (l) => {
    const rec = parseLine(l);
    if (rec) expect(typeof rec.msg).toBe('string');
    parseLogfmt(l, {});
  }), { numRuns: 3000 });
});

test('the line stage never throws and never counts a line twice', () => {
  fc.assert(fc.property(fc.array(lineArb, { maxLength: 40 }), (ls) => {
    const sc = new SourceScanner({ ...INFO });
    for (const l of ls) sc.line(l);
    const done = finishAlone(sc.result());
    const s = done.summary;
    expect(s.lines).toBe(ls.length);
    expect(s.parsed).toBeGreaterThanOrEqual(0);
    expect(s.parsed).toBeLessThanOrEqual(s.lines);
    expect(s.events).toBe(done.events.reduce((n, e) => n + e.count, 0));
  }), { numRuns: 500 });
});

test('through the CLI: lines = parsed + unparsed for any piped input', async () => {
  const ending = fc.constantFrom('\n', '\r\n');
  const doc = fc.tuple(fc.array(fc.tuple(lineArb.map((l) => l.replace(/[\n]/g, ' ')), ending), { maxLength: 30 }), fc.boolean());
  await fc.assert(fc.asyncProperty(doc, async ([ls, finalBreak]) => {
    let text = ls.map(([l, e]) => l + e).join('');
    if (!finalBreak && text.endsWith('\n')) text = text.replace(/\r?\n$/, '');
    const r = await run(['-'], Buffer.from(text, 'utf8'));
    expect(r.code).toBe(0);
    const inp = r.report!.inputs[0];
    if (!inp) return; // a first chunk that looks binary is skipped (listed), never read as lines
    const expected = text === '' ? 0 : text.split('\n').length - (text.endsWith('\n') ? 1 : 0);
    expect(inp.lines).toBe(expected);
    expect(inp.parsed).toBeGreaterThanOrEqual(0);
    expect(inp.parsed).toBeLessThanOrEqual(inp.lines);
  }), { numRuns: 150 });
});
