// Format signatures of files that are never logs, whatever their name (DESIGN §3: only files
// binary by name or by a signature are skipped; NUL bytes alone do not make a log binary).

const B = (s: string | number[]) => (typeof s === 'string' ? Buffer.from(s, 'latin1') : Buffer.from(s));

/** True when `b` holds `sig` at `off` (compared here: a call into Buffer.compare costs more than the few bytes, 30 times a file). */
function at(b: Buffer, off: number, sig: Buffer): boolean {
  if (b.length < off + sig.length) return false;
  for (let i = 0; i < sig.length; i++) if (b[off + i] !== sig[i]) return false;
  return true;
}

const PE = B('PE\0\0');
const BZH = B('BZh');
const RIFF = B('RIFF');

/** Windows executable: `MZ` and a PE header where the DOS header says. */
function isPe(b: Buffer): boolean {
  if (b.length < 64 || b[0] !== 0x4d || b[1] !== 0x5a) return false;
  const pe = b.readUInt32LE(0x3c);
  return pe + 4 <= b.length && at(b, pe, PE);
}

/** Each format: what it is, and the byte strings (at offset 0 unless given) any one of which marks it. */
const SIGNATURES: Array<[string, Array<Buffer | [number, Buffer]>]> = [
  ['ELF executable', [B('\x7fELF')]],
  ['Mach-O executable', [B([0xfe, 0xed, 0xfa, 0xce]), B([0xfe, 0xed, 0xfa, 0xcf]), B([0xce, 0xfa, 0xed, 0xfe]), B([0xcf, 0xfa, 0xed, 0xfe])]],
  ['Java class or fat binary', [B([0xca, 0xfe, 0xba, 0xbe])]],
  ['WebAssembly', [B('\0asm')]],
  ['PNG image', [B([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])]],
  ['JPEG image', [B([0xff, 0xd8, 0xff])]],
  ['GIF image', [B('GIF87a'), B('GIF89a')]],
  ['TIFF image', [B('II*\0'), B('MM\0*')]],
  ['WebP, WAV or AVI media', [[8, B('WEBP')], [8, B('WAVE')], [8, B('AVI ')]]],
  ['PDF document', [B('%PDF-')]],
  ['SQLite database', [B('SQLite format 3\0')]],
  ['bbolt database (etcd)', [[16, B([0xed, 0xda, 0x0c, 0xed])]]],
  ['zip archive', [B('PK\x03\x04'), B('PK\x05\x06')]],
  ['gzip data', [B([0x1f, 0x8b, 0x08])]],
  ['xz data', [B([0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00])]],
  ['zstd data', [B([0x28, 0xb5, 0x2f, 0xfd])]],
  ['7z archive', [B([0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c])]],
  ['rar archive', [B('Rar!\x1a\x07')]],
  ['tar archive', [[257, B('ustar')]]],
];

/** What a first chunk's signature says the file is, or null when it has none of them. */
export function signatureOf(head: Buffer): string | null {
  for (const [what, sigs] of SIGNATURES) {
    for (const s of sigs) {
      const [off, sig] = Array.isArray(s) ? s : [0, s];
      if (off === 8 && !at(head, 0, RIFF)) continue; // the media types sit inside a RIFF header
      if (at(head, off, sig)) return what;
    }
  }
  if (isPe(head)) return 'Windows executable';
  if (head.length > 3 && at(head, 0, BZH) && head[3] >= 0x31 && head[3] <= 0x39) return 'bzip2 data';
  return null;
}
