// Bytes -> lines (the only stream code besides opening files): a UTF-8 decoder so multi-byte
// characters split across chunks survive, a guard that cuts overlong lines before they are
// buffered, and readline-transform for the split itself.
import { Transform, type Readable, type TransformCallback } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import { ReadlineTransform } from 'readline-transform';

/** Longest line kept; the rest of a longer line is dropped (counted, never buffered). */
export const MAX_LINE = 64 * 1024;

/** Decodes UTF-8 across chunk boundaries. */
export class Utf8Decode extends Transform {
  private dec = new StringDecoder('utf8');
  constructor() { super({ decodeStrings: true, readableObjectMode: false, encoding: 'utf8' }); }
  override _transform(chunk: Buffer, _e: BufferEncoding, cb: TransformCallback): void { cb(null, this.dec.write(chunk)); }
  override _flush(cb: TransformCallback): void { cb(null, this.dec.end()); }
}

/** Keeps at most `max` characters of each line so no line of many megabytes is ever buffered. */
export class LineGuard extends Transform {
  cut = 0;
  readonly cutLines: number[] = [];
  private cur = 0;
  private line = 1;
  constructor(private max = MAX_LINE) { super({ decodeStrings: false, encoding: 'utf8' }); }

  override _transform(chunk: string | Buffer, _e: BufferEncoding, cb: TransformCallback): void {
    const s = typeof chunk === 'string' ? chunk : chunk.toString('utf8');
    let out: string | null = null; // built only when something is cut
    let i = 0;
    let copied = 0;
    while (i < s.length) {
      const nl = s.indexOf('\n', i);
      const end = nl < 0 ? s.length : nl;
      const room = this.max - this.cur;
      const seg = end - i;
      if (seg > room) {
        if (out === null) out = '';
        out += s.slice(copied, i + Math.max(room, 0));
        copied = end;
        if (this.cur <= this.max && this.cur + seg > this.max) {
          this.cut++;
          if (this.cutLines.length < 10) this.cutLines.push(this.line);
        }
      }
      this.cur += seg;
      if (nl < 0) break;
      this.cur = 0;
      this.line++;
      i = nl + 1;
    }
    if (out === null) cb(null, s);
    else cb(null, out + s.slice(copied));
  }
}

export interface LineStats { cut: number; cutLines: number[] }

/** Feeds every line of a byte stream to `onLine`; resolves when the stream ends or rejects on error. */
export async function forEachLine(input: Readable, onLine: (line: string) => void, max = MAX_LINE): Promise<LineStats> {
  const guard = new LineGuard(max);
  const split = new ReadlineTransform({ ignoreEndOfBreak: true });
  const decode = new Utf8Decode();
  input.on('error', (e) => decode.destroy(e));
  decode.on('error', (e) => split.destroy(e));
  guard.on('error', (e) => split.destroy(e));
  input.pipe(decode).pipe(guard).pipe(split);
  for await (const line of split as AsyncIterable<string>) onLine(line);
  return { cut: guard.cut, cutLines: guard.cutLines };
}
