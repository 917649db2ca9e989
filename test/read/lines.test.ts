// The line stage: UTF-8 across chunk boundaries, overlong lines, line endings (per-line adapter).
import { Readable } from 'node:stream';
import { PerLine, scanStream } from '../../src/read/lines';

async function linesOf(chunks: Buffer[], max?: number) {
  const out: string[] = [];
  const sink = new PerLine((l) => out.push(l), max);
  const stats = await scanStream(Readable.from(chunks), sink);
  return { out, stats };
}

describe('scanStream through PerLine', () => {
  test('a multi-byte character split across chunks survives', async () => {
    const b = Buffer.from('naïve – ok\nzwei\n', 'utf8');
    const cut = b.indexOf(0xc3) + 1; // inside the two-byte ï
    const { out } = await linesOf([b.subarray(0, cut), b.subarray(cut)]);
    expect(out).toEqual(['naïve – ok', 'zwei']);
  });
  test('CRLF, mixed endings and no final newline', async () => {
    const { out } = await linesOf([Buffer.from('a\r\nb\nc\r\nd')]);
    expect(out).toEqual(['a', 'b', 'c', 'd']);
  });
  test('an overlong line is cut and counted; the lines after it keep their numbers', async () => {
    const long = 'x'.repeat(5000);
    const chunks = [Buffer.from('one\n' + long.slice(0, 2500)), Buffer.from(long.slice(2500) + '\nthree\n')];
    const { out, stats } = await linesOf(chunks, 1000);
    expect(out).toEqual(['one', 'x'.repeat(1000), 'three']);
    expect(stats).toEqual({ cut: 1, cutLines: [2] });
  });
  test('an empty input has no lines', async () => {
    expect((await linesOf([])).out).toEqual([]);
  });
});
