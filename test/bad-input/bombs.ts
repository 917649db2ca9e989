// Hostile archives written by hand, streaming (never held whole in the test's memory): a zip whose
// entries all share one local header (overlap bomb), and stored zips nested in a .tar.gz.
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { PassThrough, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { constants, crc32, createDeflateRaw, createGzip, deflateRawSync } from 'node:zlib';
import * as tar from 'tar-stream';

const u16 = (n: number) => { const b = Buffer.alloc(2); b.writeUInt16LE(n); return b; };
const u32 = (n: number) => { const b = Buffer.alloc(4); b.writeUInt32LE(n >>> 0); return b; };
const DOS_TIME = [u16(0), u16(0x5721)]; // 2023-09-01 00:00

interface Rec { name: Buffer; method: number; crc: number; csize: number; usize: number; offset: number }

function localHeader(r: Rec): Buffer {
  return Buffer.concat([u32(0x04034b50), u16(20), u16(0), u16(r.method), ...DOS_TIME, u32(r.crc), u32(r.csize), u32(r.usize), u16(r.name.length), u16(0), r.name]);
}

function central(r: Rec): Buffer {
  return Buffer.concat([u32(0x02014b50), u16(20), u16(20), u16(0), u16(r.method), ...DOS_TIME, u32(r.crc), u32(r.csize), u32(r.usize), u16(r.name.length), u16(0), u16(0), u16(0), u16(0), u32(0), u32(r.offset), r.name]);
}

const u64 = (n: number) => { const b = Buffer.alloc(8); b.writeBigUInt64LE(BigInt(n)); return b; };

/** The end records after a central directory at `cdOffset`; zip64 ones when the count needs more than 16 bits. */
function end(count: number, cdSize: number, cdOffset: number): Buffer {
  if (count < 0xffff) return Buffer.concat([u32(0x06054b50), u16(0), u16(0), u16(count), u16(count), u32(cdSize), u32(cdOffset), u16(0)]);
  const at64 = cdOffset + cdSize;
  const rec64 = Buffer.concat([u32(0x06064b50), u64(44), u16(45), u16(45), u32(0), u32(0), u64(count), u64(count), u64(cdSize), u64(cdOffset)]);
  const locator = Buffer.concat([u32(0x07064b50), u32(0), u64(at64), u32(1)]);
  return Buffer.concat([rec64, locator, u32(0x06054b50), u16(0), u16(0), u16(0xffff), u16(0xffff), u32(cdSize), u32(cdOffset), u16(0)]);
}

/** `size` zero bytes, deflated (about size / 1030 bytes). */
async function deflatedZeros(size: number): Promise<Buffer> {
  const d = createDeflateRaw({ level: constants.Z_BEST_COMPRESSION });
  const out: Buffer[] = [];
  d.on('data', (c: Buffer) => out.push(c));
  const zeros = Buffer.alloc(1 << 20);
  for (let left = size; left > 0; left -= zeros.length) if (!d.write(zeros.subarray(0, Math.min(left, zeros.length)))) await once(d, 'drain');
  d.end();
  await once(d, 'end');
  return Buffer.concat(out);
}

/** A zip of `entries` central records (`bomb/N.log`) that all point at one local header: `body` (or that many zero bytes), deflated. */
export async function overlapZip(file: string, entries: number, body: number | Buffer): Promise<void> {
  const size = typeof body === 'number' ? body : body.length;
  const data = typeof body === 'number' ? await deflatedZeros(body) : deflateRawSync(body);
  const one: Rec = { name: Buffer.from('bomb/0.log'), method: 8, crc: typeof body === 'number' ? 0 : crc32(body), csize: data.length, usize: size, offset: 0 };
  const head = localHeader(one);
  const cd = Buffer.concat(Array.from({ length: entries }, (_, i) => central({ ...one, name: Buffer.from(`bomb/${i}.log`) })));
  await pipeline(async function* () {
    yield head;
    yield data;
    yield cd;
    yield end(entries, cd.length, head.length + data.length);
  }, createWriteStream(file));
}

/** Writes `n` zero bytes and then `tail` to `w`, and returns their CRC-32. */
async function zerosThen(w: Writable, n: number, tail: Buffer, crc: number): Promise<number> {
  const zeros = Buffer.alloc(1 << 20);
  for (let left = n; left > 0; left -= zeros.length) {
    const c = zeros.subarray(0, Math.min(left, zeros.length));
    crc = crc32(c, crc);
    if (!w.write(c)) await once(w, 'drain');
  }
  w.write(tail);
  return crc32(tail, crc);
}

/**
 * A .tar.gz whose one member `outer.zip` is a stored zip holding a stored zip ... `depth` deep; the
 * innermost holds `stderr.log`: `zeros` NUL bytes, then `tail`. Every size is known up front, so it
 * streams (CRCs of the nested zips are left 0: readers of stored members do not check them).
 */
export async function nestedZipTgz(file: string, depth: number, zeros: number, tail: string): Promise<void> {
  const names = Array.from({ length: depth }, (_, i) => Buffer.from(i === depth - 1 ? 'logs/stderr.log' : `level${depth - i - 1}.zip`));
  // sizes from the inside out: a stored zip is header + data + central record + end record
  const sizes: number[] = [];
  let inner = zeros + Buffer.byteLength(tail);
  for (let i = depth - 1; i >= 0; i--) {
    sizes[i] = inner;
    inner = 30 + names[i].length + inner + 46 + names[i].length + 22;
  }
  const pack = tar.pack();
  const out = pipeline(pack as unknown as NodeJS.ReadableStream, createGzip({ level: 9 }), createWriteStream(file));
  const member = new PassThrough();
  const done = new Promise<void>((res, rej) => member.pipe(pack.entry({ name: 'bundle/outer.zip', size: inner, mode: 0o644 }, (e) => (e ? rej(e) : res())) as unknown as Writable));
  for (let i = 0; i < depth; i++) member.write(localHeader({ name: names[i], method: 0, crc: 0, csize: sizes[i], usize: sizes[i], offset: 0 }));
  const crc = await zerosThen(member, zeros, Buffer.from(tail), 0);
  for (let i = depth - 1; i >= 0; i--) {
    const dataEnd = 30 + names[i].length + sizes[i];
    const cd = central({ name: names[i], method: 0, crc: i === depth - 1 ? crc : 0, csize: sizes[i], usize: sizes[i], offset: 0 });
    member.write(cd);
    member.write(end(1, cd.length, dataEnd));
  }
  member.end();
  await done;
  pack.finalize();
  await out;
}

/** A stored zip of `n` members named and filled by `member(i)`, written streaming (70,000 members take a few MB). */
export async function manyMembersZip(file: string, n: number, member: (i: number) => { name: string; body: string }): Promise<void> {
  const cds: Buffer[] = [];
  let offset = 0;
  await pipeline(async function* () {
    for (let i = 0; i < n; i++) {
      const m = member(i);
      const body = Buffer.from(m.body);
      const r: Rec = { name: Buffer.from(m.name), method: 0, crc: crc32(body), csize: body.length, usize: body.length, offset };
      const h = localHeader(r);
      cds.push(central(r));
      offset += h.length + body.length;
      yield Buffer.concat([h, body]);
    }
    const cd = Buffer.concat(cds);
    yield cd;
    yield end(n, cd.length, offset);
  }, createWriteStream(file));
}
