// How a file or member name is shown (evidence, warnings, progress): valid UTF-8 as it is, bytes
// that are not UTF-8 (a Latin-1 `caf\xe9.log`) as `\xNN`, control and bidi characters made
// visible, so a name can neither hide nor drive the terminal. The bytes on disk stay the fs path.
import { isUtf8 } from 'node:buffer';
import { termSafe } from '../../render/escape';

const cont = (b: Buffer, i: number) => i < b.length && (b[i] & 0xc0) === 0x80;

/** Length of the valid UTF-8 sequence at `i` (1-4), or 0 when the byte there starts none. */
export function seqLen(b: Buffer, i: number): number {
  const c = b[i];
  if (c < 0x80) return 1;
  if (c >= 0xc2 && c <= 0xdf) return cont(b, i + 1) ? 2 : 0;
  if (c >= 0xe0 && c <= 0xef) {
    const lo = c === 0xe0 ? 0xa0 : 0x80;
    const hi = c === 0xed ? 0x9f : 0xbf; // no UTF-16 surrogates
    return b[i + 1] >= lo && b[i + 1] <= hi && cont(b, i + 2) ? 3 : 0;
  }
  if (c >= 0xf0 && c <= 0xf4) {
    const lo = c === 0xf0 ? 0x90 : 0x80;
    const hi = c === 0xf4 ? 0x8f : 0xbf;
    return b[i + 1] >= lo && b[i + 1] <= hi && cont(b, i + 2) && cont(b, i + 3) ? 4 : 0;
  }
  return 0;
}

/** Bytes as text, each byte that is not part of valid UTF-8 as `\xNN`. */
export function visibleBytes(b: Buffer): string {
  if (isUtf8(b)) return b.toString('utf8');
  let out = '';
  for (let i = 0; i < b.length;) {
    const n = seqLen(b, i);
    if (n) { out += b.toString('utf8', i, i + n); i += n; } else { out += `\\x${b[i].toString(16).padStart(2, '0')}`; i++; }
  }
  return out;
}

/** A name (bytes from the file system or an archive, or a string) as it may be shown anywhere. */
export function shownName(raw: Buffer | string): string {
  return termSafe(typeof raw === 'string' ? raw : visibleBytes(raw));
}
