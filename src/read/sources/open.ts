// The binary gate every log body passes, and the read sizes the line stage is tuned for. A body
// is skipped when its first chunk carries the signature of a format that is never a log (images,
// executables, databases, archives under another name) or is mostly control bytes (random data);
// NUL bytes alone never make a log binary (DESIGN §3): they pass to the line stage. UTF-16 and
// UTF-32 text with a byte-order mark, and UTF-16 without one, become UTF-8.
import { Transform, type Readable, type TransformCallback } from 'node:stream';
import { signatureOf } from './signatures';
import { seqLen } from './shown';
import { textDecoderFor, type TextDecoderLike } from './unicode';

export class NotText extends Error {}

/** Read size: 64 KiB keeps decoded chunks in V8's young generation (flat RSS, same speed as 1 MiB). */
export const CHUNK = 1 << 16;
/** Read-ahead: reading and inflating (libuv thread pool) overlap the scan on the main thread. */
export const AHEAD = 1 << 20;
/** Bytes of a first chunk the gate looks at. */
const SAMPLE = 8192;
/** Bytes the gate waits for before deciding (a byte-order mark needs four). */
const HEAD = 4;

const BINARY = 'binary content, not a log';

/**
 * True when a first chunk is not log text: a format signature, or among its bytes that are not
 * NUL, more than a tenth control characters, or random-looking (control bytes plus bytes that are
 * not UTF-8 over a quarter).
 */
export function looksBinary(b: Buffer): boolean {
  if (signatureOf(b)) return true;
  const n = Math.min(b.length, SAMPLE);
  let seen = 0;
  let ctrl = 0;
  let invalid = 0;
  for (let i = 0; i < n;) {
    const c = b[i];
    if (c < 0x80) {
      if (c !== 0) {
        seen++;
        if (c < 9 || (c > 13 && c < 32) || c === 127) ctrl++;
      }
      i++;
      continue;
    }
    const len = seqLen(b, i);
    seen += len || 1;
    if (!len) invalid++;
    i += len || 1;
  }
  if (!seen) return false;
  return ctrl / seen > 0.1 || (ctrl / seen > 0.03 && (ctrl + invalid) / seen > 0.25);
}

/** Passes bytes through, failing with NotText when the first chunk is binary; other encodings become UTF-8. */
export class TextGate extends Transform {
  private checked = false;
  private decoder: TextDecoderLike | null = null;
  private head: Buffer | null = null;

  /** Decides on the first bytes: an encoding to decode, text to pass, or NotText. */
  private start(chunk: Buffer): Error | Buffer {
    this.checked = true;
    const dec = textDecoderFor(chunk);
    if (dec) {
      this.decoder = dec.decoder;
      return dec.decoder.write(chunk.subarray(dec.bom));
    }
    return looksBinary(chunk) ? new NotText(BINARY) : chunk;
  }

  override _transform(chunk: Buffer, _e: BufferEncoding, cb: TransformCallback): void {
    if (!this.checked) {
      // the byte-order mark needs four bytes: a shorter first chunk waits for the next
      if (this.head) { chunk = Buffer.concat([this.head, chunk]); this.head = null; }
      if (chunk.length < HEAD) { this.head = Buffer.from(chunk); return cb(); }
      const r = this.start(chunk);
      return r instanceof Error ? cb(r) : cb(null, r);
    }
    cb(null, this.decoder ? this.decoder.write(chunk) : chunk);
  }

  override _flush(cb: TransformCallback): void {
    let out: Buffer[] = [];
    if (this.head) {
      // an input shorter than the mark
      const r = this.start(this.head);
      if (r instanceof Error) return cb(r);
      out.push(r);
    }
    if (this.decoder) out.push(this.decoder.end());
    out = out.filter((b) => b.length);
    cb(null, out.length ? Buffer.concat(out) : undefined);
  }
}

/**
 * The binary gate on a whole body read at once (a small file): what TextGate passes for it, in
 * the same order (the gate decides on these bytes, then an encoding's decoder is ended), or NotText.
 */
export function gateBytes(b: Buffer): Buffer[] {
  if (!b.length) return [];
  const dec = textDecoderFor(b);
  if (!dec) {
    if (looksBinary(b)) throw new NotText(BINARY);
    return [b];
  }
  return [dec.decoder.write(b.subarray(dec.bom)), dec.decoder.end()].filter((x) => x.length);
}

/**
 * A byte stream behind the binary gate; errors of `body` surface on the returned stream. When the
 * gate refuses the body, the body is destroyed: a device such as /dev/urandom has no end to drain to.
 */
export function gated(body: Readable): Readable {
  const gate = new TextGate({ highWaterMark: AHEAD });
  body.on('error', (e) => gate.destroy(e));
  gate.on('error', () => {
    body.unpipe(gate);
    body.destroy();
  });
  return body.pipe(gate);
}

/** Leading NUL bytes a stream without a size (a device, a pipe, stdin) may send before it is refused. */
export const NUL_STREAM_CAP = 16 << 20;

/** Refuses a stream that sends only NUL bytes for NUL_STREAM_CAP (`/dev/zero` given as a path never ends). */
export function nulGuard(body: Readable): Readable {
  let zeros = 0;
  let text = false;
  const t = new Transform({
    transform(c: Buffer, _e, cb: TransformCallback) {
      if (!text) {
        let i = 0;
        while (i < c.length && c[i] === 0) i++;
        if (i < c.length) text = true;
        else if ((zeros += c.length) > NUL_STREAM_CAP) return cb(new NotText(`only NUL bytes in the first ${NUL_STREAM_CAP >> 20} MiB of a stream (a device such as /dev/zero?), not a log`));
      }
      cb(null, c);
    },
  });
  body.on('error', (e) => t.destroy(e));
  t.on('error', () => { body.unpipe(t); body.destroy(); });
  return body.pipe(t);
}
