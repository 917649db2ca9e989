// Text that is not UTF-8 but says so (a byte-order mark), or plainly is UTF-16 (every other byte
// NUL): decoded to UTF-8 chunk by chunk, a character split across chunks kept for the next one.
import { StringDecoder } from 'node:string_decoder';

export interface TextDecoderLike {
  write(b: Buffer): Buffer;
  end(): Buffer;
}

const REPLACEMENT = Buffer.from('\ufffd');

/** UTF-16 (PowerShell's `kubectl logs ... > reaper.txt` writes UTF-16LE): big-endian is swapped to little. */
class Utf16 implements TextDecoderLike {
  private dec = new StringDecoder('utf16le');
  private odd: Buffer = Buffer.alloc(0);
  constructor(private be: boolean) {}
  write(chunk: Buffer): Buffer {
    let b = chunk;
    if (this.be) {
      b = this.odd.length ? Buffer.concat([this.odd, chunk]) : chunk;
      const even = b.length & ~1;
      this.odd = Buffer.from(b.subarray(even));
      b = Buffer.from(b.subarray(0, even)).swap16();
    }
    return Buffer.from(this.dec.write(b), 'utf8');
  }
  end(): Buffer {
    return Buffer.from(this.dec.end(), 'utf8');
  }
}

/** UTF-32: each four-byte unit is one code point, written out as UTF-8 (bad units as U+FFFD). */
class Utf32 implements TextDecoderLike {
  private carry: Buffer = Buffer.alloc(0);
  constructor(private be: boolean) {}
  write(chunk: Buffer): Buffer {
    const b = this.carry.length ? Buffer.concat([this.carry, chunk]) : chunk;
    const whole = b.length & ~3;
    this.carry = Buffer.from(b.subarray(whole));
    const out = Buffer.allocUnsafe(whole); // UTF-8 never needs more than four bytes per code point
    let o = 0;
    for (let i = 0; i < whole; i += 4) {
      const cp = this.be ? b.readUInt32BE(i) : b.readUInt32LE(i);
      if (cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) o += REPLACEMENT.copy(out, o);
      else if (cp < 0x80) out[o++] = cp;
      else if (cp < 0x800) { out[o++] = 0xc0 | (cp >> 6); out[o++] = 0x80 | (cp & 63); }
      else if (cp < 0x10000) { out[o++] = 0xe0 | (cp >> 12); out[o++] = 0x80 | ((cp >> 6) & 63); out[o++] = 0x80 | (cp & 63); }
      else { out[o++] = 0xf0 | (cp >> 18); out[o++] = 0x80 | ((cp >> 12) & 63); out[o++] = 0x80 | ((cp >> 6) & 63); out[o++] = 0x80 | (cp & 63); }
    }
    return out.subarray(0, o);
  }
  end(): Buffer {
    return this.carry.length ? REPLACEMENT : Buffer.alloc(0);
  }
}

/** UTF-16 without a mark: in the first bytes, nearly every byte on one side of each pair is NUL and nearly none on the other. */
function bareUtf16(b: Buffer): 'le' | 'be' | null {
  const n = Math.min(b.length, 8192) & ~1;
  if (n < 16) return null;
  let evenZero = 0;
  let oddZero = 0;
  for (let i = 0; i < n; i += 2) {
    if (b[i] === 0) evenZero++;
    if (b[i + 1] === 0) oddZero++;
  }
  const pairs = n / 2;
  if (oddZero >= pairs * 0.9 && evenZero <= pairs * 0.1) return 'le';
  if (evenZero >= pairs * 0.9 && oddZero <= pairs * 0.1) return 'be';
  return null;
}

/** The decoder a first chunk asks for, and the length of its byte-order mark; null for UTF-8 (or binary). */
export function textDecoderFor(b: Buffer): { decoder: TextDecoderLike; bom: number } | null {
  // UTF-32LE's mark starts with UTF-16LE's: the longer one is tested first
  if (b[0] === 0xff && b[1] === 0xfe && b[2] === 0 && b[3] === 0) return { decoder: new Utf32(false), bom: 4 };
  if (b[0] === 0 && b[1] === 0 && b[2] === 0xfe && b[3] === 0xff) return { decoder: new Utf32(true), bom: 4 };
  if (b[0] === 0xff && b[1] === 0xfe) return { decoder: new Utf16(false), bom: 2 };
  if (b[0] === 0xfe && b[1] === 0xff) return { decoder: new Utf16(true), bom: 2 };
  const bare = bareUtf16(b);
  return bare ? { decoder: new Utf16(bare === 'be'), bom: 0 } : null;
}
