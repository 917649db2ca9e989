// Archives streamed member by member, never extracted to disk: .tar, .tar.gz/.tgz, .zip, .gz, and
// archives nested in archives. Each plain member reaches `leaf` as a byte stream named
// `outer.tar.gz!dir/member`; a member name is only a label, never a path that is opened.
import { Readable } from 'node:stream';
import { createReadStream } from 'node:fs';
import { createGunzip, type ZlibOptions } from 'node:zlib';
import { AHEAD, CHUNK } from './open';
import { readTar } from './tar';
import { readNestedZip, readZip, yauzlOpen } from './zip';
import { errText, type ExpandHooks } from './members';

export { drain, type Leaf, type ExpandHooks } from './members';

export type Container = 'tar' | 'tgz' | 'zip' | 'gz' | 'plain';

/** The container type a name announces. */
export function containerOf(name: string): Container {
  if (/\.(?:tar\.gz|tgz)$/i.test(name)) return 'tgz';
  if (/\.tar$/i.test(name)) return 'tar';
  if (/\.zip$/i.test(name)) return 'zip';
  if (/\.gz$/i.test(name)) return 'gz';
  return 'plain';
}

export function gunzip(body: Readable): Readable {
  const gz = createGunzip({ chunkSize: CHUNK, highWaterMark: AHEAD } as ZlibOptions);
  body.on('error', (e) => gz.destroy(e));
  return body.pipe(gz);
}

/** Expands a file on disk (zip is opened by path for random access). */
export async function expandFile(path: string, fsPath: string, mtime: number | null, hooks: ExpandHooks): Promise<void> {
  if (containerOf(path) === 'zip') return readZip(path, () => yauzlOpen(fsPath), hooks, expandStream);
  return expandStream(path, createReadStream(fsPath, { highWaterMark: CHUNK }), mtime, hooks);
}

/** Expands a byte stream named `path`: a container is walked, anything else is a leaf. */
export async function expandStream(path: string, body: Readable, mtime: number | null, hooks: ExpandHooks): Promise<void> {
  const kind = containerOf(path);
  if (kind === 'tgz') return readTar(path, gunzip(body), hooks, expandStream);
  if (kind === 'tar') return readTar(path, body, hooks, expandStream);
  if (kind === 'zip') return readNestedZip(path, body, hooks, expandStream);
  if (kind === 'gz') return hooks.leaf({ path, mtime, body: gunzip(body) });
  if (path === '<stdin>' || !/\.[^/!.]+$/.test(path)) return sniffed(path, body, mtime, hooks);
  return hooks.leaf({ path, mtime, body });
}

/** The first `n` bytes of a stream, and a stream that still yields all of it. */
async function peek(body: Readable, n: number): Promise<{ head: Buffer; rest: Readable }> {
  const it = body[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  const chunks: Buffer[] = [];
  let size = 0;
  let done = false;
  while (size < n) {
    const r = await it.next();
    if (r.done) { done = true; break; }
    chunks.push(r.value);
    size += r.value.length;
  }
  const head = Buffer.concat(chunks);
  async function* all(): AsyncGenerator<Buffer> {
    if (head.length) yield head;
    while (!done) {
      const r = await it.next();
      if (r.done) return;
      yield r.value;
    }
  }
  return { head, rest: Readable.from(all(), { objectMode: false }) };
}

const isTar = (b: Buffer) => b.length >= 262 && b.toString('latin1', 257, 262) === 'ustar';
const isGzip = (b: Buffer) => b[0] === 0x1f && b[1] === 0x8b;
const isZip = (b: Buffer) => b.length >= 4 && b.readUInt32LE(0) === 0x04034b50;

/** Stdin and names without an extension: recognised by their first bytes (`cat bundle.tar.gz | rke2-outage`). */
async function sniffed(path: string, body: Readable, mtime: number | null, hooks: ExpandHooks): Promise<void> {
  try {
    const { head, rest } = await peek(body, 512);
    if (isGzip(head)) {
      const inner = await peek(gunzip(rest), 512);
      if (isTar(inner.head)) return await readTar(path, inner.rest, hooks, expandStream);
      return await hooks.leaf({ path, mtime, body: inner.rest });
    }
    if (isTar(head)) return await readTar(path, rest, hooks, expandStream);
    if (isZip(head)) return await readNestedZip(path, rest, hooks, expandStream);
    return await hooks.leaf({ path, mtime, body: rest });
  } catch (e) {
    hooks.warn(path, `read error: ${errText(e)}`);
  }
}
