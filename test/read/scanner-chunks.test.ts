// The chunk scan (SourceScanner.feed via scanStream) equals the one-line-at-a-time reference:
// same line count, parsed count, line numbers of events, cut lines, coverage. Over the fixtures
// cut at awkward chunk sizes, and over random mixes of real lines, junk, CRLF, BOM, quoting,
// multi-byte characters and overlong lines (fast-check).
import { readFileSync } from 'node:fs';
import { execSync } from 'node:child_process';
import * as fc from 'fast-check';
import { MAX_LINE } from '../../src/read/lines';
import { fastScan, referenceScan } from '../support/reference';

const FIXTURES = execSync('find fixtures -type f -name "*.log" -o -type f -name "*.txt"', { cwd: `${__dirname}/../..` })
  .toString().trim().split('\n').filter((f) => !f.endsWith('README.md')).sort();
const read = (f: string) => readFileSync(`${__dirname}/../../${f}`);

describe('chunk scan equals the per-line reference', () => {
  test.each(FIXTURES)('%s', async (f) => {
    const bytes = read(f);
    const ref = referenceScan(bytes.toString('utf8'), MAX_LINE);
    expect(ref.summary.lines).toBeGreaterThan(0);
    for (const sizes of [[1 << 16], [1], [7, 13, 4096], [bytes.length]]) {
      expect(await fastScan(bytes, MAX_LINE, sizes)).toEqual(ref);
    }
  });

  // real lines from every fixture (events among them), and the shapes paste and transport add
  const realLines = FIXTURES.flatMap((f) => read(f).toString('utf8').split('\n')).filter((l) => l.length > 0 && l.length < 400);
  const piece = fc.oneof(
    fc.constantFrom(...realLines),
    fc.constantFrom('', '\r', '\uFEFF', '> ', '  >  > ', '\t', 'é', '日本', '😀', '\u2028', '"', '\\', '\0', 'time=', 'I1229 09:', '{"'),
    fc.string({ maxLength: 30 }),
    fc.string({ unit: 'grapheme', maxLength: 10 }),
  );
  const line = fc.array(piece, { maxLength: 4 }).map((ps) => ps.join(''));
  const ending = fc.constantFrom('\n', '\r\n', '\n', '\r\r\n');
  const doc = fc.tuple(fc.array(fc.tuple(line, ending), { maxLength: 60 }), fc.boolean())
    .map(([ls, finalNl]) => ls.map(([l, e]) => l + e).join('') + (finalNl ? '' : 'time="2022-12-29T17:14:47+08:00" level=error msg="Stopped tunnel to 10.0.0.12:9345"'));

  test('random documents, random chunking, small line cap', async () => {
    await fc.assert(
      fc.asyncProperty(doc, fc.array(fc.integer({ min: 1, max: 300 }), { minLength: 1, maxLength: 5 }), fc.integer({ min: 8, max: 400 }), async (text, sizes, max) => {
        const bytes = Buffer.from(text, 'utf8');
        const ref = referenceScan(bytes.toString('utf8'), max);
        const fast = await fastScan(bytes, max, sizes);
        expect(fast).toEqual(ref);
        // every line is either parsed or unparsed, never lost or counted twice
        expect(fast.summary.parsed).toBeLessThanOrEqual(fast.summary.lines);
        expect(fast.summary.parsed).toBeGreaterThanOrEqual(0);
      }),
      { numRuns: 300 },
    );
  });

  test('invalid UTF-8 split across chunks decodes the same', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 400 }), fc.array(fc.integer({ min: 1, max: 50 }), { minLength: 1, maxLength: 4 }), async (raw, sizes) => {
        const bytes = Buffer.concat([read(FIXTURES[0]).subarray(0, 300), Buffer.from(raw), Buffer.from('\ntime="2022-12-29T17:13:53+08:00" level=info msg="Stopped tunnel to 10.113.207.142:9345"\n')]);
        expect(await fastScan(bytes, 100, sizes)).toEqual(referenceScan(bytes.toString('utf8'), 100));
      }),
      { numRuns: 200 },
    );
  });
});
