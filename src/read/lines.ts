// Bytes -> lines: a UTF-8 decoder so multi-byte
// characters split across chunks survive, then whole decoded chunks handed to the scanner, which
// splits them itself (one needle search per chunk, see SourceScanner.feed). Only the unfinished
// last line of a chunk is carried over, and at most MAX_LINE + 1 characters of it, so a line of
// many megabytes is never buffered.
import { isAscii } from 'node:buffer';
import { StringDecoder } from 'node:string_decoder';
import { MAX_LINE } from './scanner';

export { MAX_LINE };

/** Bytes decoded into one string at most (a read may be bigger: 64 KiB strings are young-generation garbage). */
export const DECODE_BYTES = 1 << 16;
/** Read size of the parallel jobs: a 256 KiB read costs about half the CPU of four 64 KiB ones; 1 MiB reads hold more memory outside the heap. */
export const READ_BYTES = 1 << 18;

/** What scanStream needs from a scanner: whole lines in s[from, to), and the cut-line counts. */
export interface LineSink {
  feed(s: string, from?: number, to?: number): void;
  cut: number;
  cutLines: number[];
  maxLine: number;
}

export interface LineStats { cut: number; cutLines: number[] }

/**
 * Feeds every line of a byte stream (or pieces one at a time: each is decoded before the next is
 * asked for) to `scanner`; resolves when the stream ends, rejects on error.
 * `onBytes` hears the size of each chunk read (progress): one call per chunk, never per line.
 */
export async function scanStream(input: AsyncIterable<Buffer | string>, scanner: LineSink, onBytes?: (bytes: number) => void): Promise<LineStats> {
  const dec = new StringDecoder('utf8');
  const keep = scanner.maxLine + 1; // one character more than kept marks the line as overlong
  let carry = '';
  const push = (s: string) => {
    const last = s.lastIndexOf('\n');
    if (last < 0) {
      carry += s;
      if (carry.length > keep) carry = carry.slice(0, keep);
      return;
    }
    let from = 0;
    if (carry) {
      const first = s.indexOf('\n');
      scanner.feed(carry + s.slice(0, Math.min(first + 1, keep + 1)));
      carry = '';
      from = first + 1;
    }
    if (from <= last) scanner.feed(s, from, last + 1);
    carry = s.length - (last + 1) > keep ? s.slice(last + 1, last + 1 + keep) : s.slice(last + 1);
  };
  let pending = false; // the decoder may hold the first bytes of a character
  const decode = (b: Buffer) => {
    // an all-ASCII chunk decodes to the same string by a plain copy, several times faster
    if (!pending && isAscii(b)) push(b.toString('latin1'));
    else { push(dec.write(b)); pending = !isAscii(b); }
  };
  for await (const chunk of input) {
    onBytes?.((chunk as Buffer | string).length);
    if (typeof chunk === 'string') { push(chunk); continue; } // a stream with an encoding set
    const b = chunk as Buffer;
    // big reads are decoded in pieces: strings of DECODE_BYTES stay in V8's young generation
    for (let at = 0; at < b.length; at += DECODE_BYTES) decode(at === 0 && b.length <= DECODE_BYTES ? b : b.subarray(at, at + DECODE_BYTES));
  }
  push(dec.end());
  if (carry) scanner.feed(carry);
  return { cut: scanner.cut, cutLines: scanner.cutLines };
}

/** Adapts a per-line consumer (inventory files, tests) to scanStream: lines cut at `maxLine`, CR dropped. */
export class PerLine implements LineSink {
  cut = 0;
  readonly cutLines: number[] = [];
  private no = 0;
  constructor(private onLine: (line: string) => void, public maxLine = MAX_LINE) {}

  feed(s: string, from = 0, to = s.length): void {
    let pos = from;
    while (pos < to) {
      const nl = s.indexOf('\n', pos);
      const stop = nl < 0 || nl >= to ? to : nl;
      let end = stop;
      if (stop < to && end > pos && s.charCodeAt(end - 1) === 13) end--;
      this.no++;
      if (end - pos > this.maxLine) {
        this.cut++;
        if (this.cutLines.length < 10) this.cutLines.push(this.no);
        end = pos + this.maxLine;
      }
      this.onLine(s.slice(pos, end));
      pos = stop + 1;
    }
  }
}
