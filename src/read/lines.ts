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
 * The line stage without a stream: bytes (or decoded strings) in, whole lines to `scanner` out.
 * scanStream drives it chunk by chunk; a small file read at once is fed in one call (no stream,
 * no async iteration per file).
 */
export class LineFeeder {
  private dec = new StringDecoder('utf8');
  private keep: number; // one character more than kept marks the line as overlong
  private carry = '';
  private pending = false; // the decoder may hold the first bytes of a character
  constructor(private scanner: LineSink) {
    this.keep = scanner.maxLine + 1;
  }

  private push(s: string): void {
    const keep = this.keep;
    const last = s.lastIndexOf('\n');
    if (last < 0) {
      this.carry += s;
      if (this.carry.length > keep) this.carry = this.carry.slice(0, keep);
      return;
    }
    let from = 0;
    if (this.carry) {
      const first = s.indexOf('\n');
      this.scanner.feed(this.carry + s.slice(0, Math.min(first + 1, keep + 1)));
      this.carry = '';
      from = first + 1;
    }
    if (from <= last) this.scanner.feed(s, from, last + 1);
    this.carry = s.length - (last + 1) > keep ? s.slice(last + 1, last + 1 + keep) : s.slice(last + 1);
  }

  private decode(b: Buffer): void {
    // an all-ASCII chunk decodes to the same string by a plain copy, several times faster
    if (!this.pending && isAscii(b)) this.push(b.toString('latin1'));
    else { this.push(this.dec.write(b)); this.pending = !isAscii(b); }
  }

  /** One chunk as read. */
  chunk(chunk: Buffer | string): void {
    if (typeof chunk === 'string') { this.push(chunk); return; } // a stream with an encoding set
    // big reads are decoded in pieces: strings of DECODE_BYTES stay in V8's young generation
    for (let at = 0; at < chunk.length; at += DECODE_BYTES) this.decode(at === 0 && chunk.length <= DECODE_BYTES ? chunk : chunk.subarray(at, at + DECODE_BYTES));
  }

  /** The end of the bytes: the unfinished last line is a line. */
  end(): LineStats {
    this.push(this.dec.end());
    if (this.carry) this.scanner.feed(this.carry);
    return { cut: this.scanner.cut, cutLines: this.scanner.cutLines };
  }
}

/**
 * Feeds every line of a byte stream (or pieces one at a time: each is decoded before the next is
 * asked for) to `scanner`; resolves when the stream ends, rejects on error.
 * `onBytes` hears the size of each chunk read (progress): one call per chunk, never per line.
 */
export async function scanStream(input: AsyncIterable<Buffer | string>, scanner: LineSink, onBytes?: (bytes: number) => void): Promise<LineStats> {
  const f = new LineFeeder(scanner);
  for await (const chunk of input) {
    onBytes?.((chunk as Buffer | string).length);
    f.chunk(chunk);
  }
  return f.end();
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
