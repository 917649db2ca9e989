// Archives streamed member by member, never extracted to disk: .tar, .tar.gz/.tgz, .zip, .gz, and
// archives nested in archives. Each plain member reaches `leaf` as a byte stream named
// `outer.tar.gz!dir/member`; a member name is only a label, never a path that is opened. One
// Budget per archive the user named bounds what it may expand to, all levels together.
import { Readable } from 'node:stream';
import { closeSync, createReadStream, fstatSync, openSync, promises as fs, readSync } from 'node:fs';
import { createGunzip, type ZlibOptions } from 'node:zlib';
import { AHEAD, CHUNK, nulGuard } from './open';
import { readTar } from './tar';
import { readNestedZip, readZip, yauzlOpen } from './zip';
import { errText, type ExpandHooks } from './members';
import { Budget, counted } from './budget';
import { fileKind } from './kinds';
import type { FsPath } from './walk';

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
  gz.on('close', () => { if (!body.readableEnded) body.destroy(); });
  return body.pipe(gz);
}

/**
 * Expands a file on disk (zip is opened by path for random access). A source without a
 * modification time is a pipe or device the user named (walk.ts): it may send NULs forever.
 */
export async function expandFile(path: string, fsPath: FsPath, mtime: number | null, hooks: ExpandHooks): Promise<void> {
  if (containerOf(path) === 'zip') {
    const size = await fs.stat(fsPath).then((s) => s.size, () => 0);
    return readZip(path, () => yauzlOpen(fsPath), hooks, expandStream, new Budget(path, () => size));
  }
  if (mtime === null) return expandStream(path, nulGuard(createReadStream(fsPath, { highWaterMark: CHUNK })), mtime, hooks);
  const body = openRegular(fsPath);
  if (typeof body === 'string') return hooks.skip(path, body);
  if (!Buffer.isBuffer(body)) return expandStream(path, body, mtime, hooks);
  // a small file read whole that expandStream would hand on as it is: no stream, no async iteration
  if (hooks.leafBytes && plainLeaf(path, body)) return hooks.leafBytes(path, mtime, body);
  return expandStream(path, Readable.from(body.length ? [body] : [], { objectMode: false }), mtime, hooks);
}

/** True when expandStream would give these bytes named `path` (a file on disk) to `leaf` unchanged (no container, no meter). */
function plainLeaf(path: string, b: Buffer): boolean {
  if (containerOf(path) !== 'plain' || path === '<stdin>') return false;
  if (/\.[^/!.]+$/.test(path) || fileKind(path).kind === 'skip') return true;
  // sniffed by its first bytes (sniffed below): only a body that is no archive is a leaf as it is
  return !isGzip(b) && !isTar(b) && !isZip(b);
}

/** Files up to this size are read in one synchronous call: a folder of 100,000 small logs is not 400,000 trips to the thread pool. */
const SMALL_FILE = 1 << 20;

/** A regular file's bytes (a small file read at once, a bigger one streamed from the same descriptor), or why it cannot be opened. */
function openRegular(fsPath: FsPath): Buffer | Readable | string {
  let fd: number;
  try {
    fd = openSync(fsPath, 'r');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return code === 'EACCES' || code === 'EPERM' ? 'permission denied' : code === 'ENOENT' ? 'no such file or directory (removed while reading?)' : errText(e);
  }
  try {
    const size = fstatSync(fd).size;
    if (size === 0 || size > SMALL_FILE) return createReadStream('', { fd, highWaterMark: CHUNK });
    const buf = Buffer.allocUnsafe(size);
    let got = 0;
    for (let n = -1; got < size && n !== 0; got += n) n = readSync(fd, buf, got, size - got, null);
    closeSync(fd);
    return buf.subarray(0, got);
  } catch (e) {
    closeSync(fd);
    return Readable.from((async function* () { throw e; })());
  }
}

/** A budget for an archive named by the user (counting its bytes as they are read), or the one it is nested in. */
function budgetFor(path: string, body: Readable, budget: Budget | undefined): { body: Readable; budget: Budget } {
  if (budget) return { body, budget };
  const c = counted(body);
  return { body: c.body, budget: new Budget(path, c.bytes) };
}

/** Expands a byte stream named `path`: a container is walked, anything else is a leaf. */
export async function expandStream(path: string, body: Readable, mtime: number | null, hooks: ExpandHooks, budget?: Budget, size?: number): Promise<void> {
  const kind = containerOf(path);
  // a name without an extension is sniffed, unless the name alone says it is no log (70,000 of them in a zip)
  if (kind === 'plain' && (path === '<stdin>' || (!/\.[^/!.]+$/.test(path) && fileKind(path).kind !== 'skip'))) return sniffed(path, path === '<stdin>' ? nulGuard(body) : body, mtime, hooks, budget);
  if (kind === 'gz' || kind === 'plain') {
    const bytes = kind === 'gz' ? gunzip(body) : body;
    return hooks.leaf({ path, mtime, body: budget ? budget.meter(bytes, path) : bytes });
  }
  const b = budgetFor(path, body, budget);
  if (kind === 'tgz') return readTar(path, gunzip(b.body), hooks, expandStream, b.budget);
  if (kind === 'tar') return readTar(path, b.body, hooks, expandStream, b.budget);
  return readNestedZip(path, b.body, hooks, expandStream, b.budget, size);
}

/** The first `n` bytes of a stream, and a stream that still yields all of it (closing it closes `body`). */
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
    try {
      if (head.length) yield head;
      while (!done) {
        const r = await it.next();
        if (r.done) return;
        yield r.value;
      }
    } finally {
      // a reader that stopped early (a binary body) stops the source too
      if (!done) await it.return?.();
    }
  }
  return { head, rest: Readable.from(all(), { objectMode: false }) };
}

const isTar = (b: Buffer) => b.length >= 262 && b.toString('latin1', 257, 262) === 'ustar';
const isGzip = (b: Buffer) => b[0] === 0x1f && b[1] === 0x8b;
const isZip = (b: Buffer) => b.length >= 4 && b.readUInt32LE(0) === 0x04034b50;

/** Stdin and names without an extension: recognised by their first bytes (`cat bundle.tar.gz | rke2-outage`). */
async function sniffed(path: string, body: Readable, mtime: number | null, hooks: ExpandHooks, budget?: Budget): Promise<void> {
  try {
    const outer = budgetFor(path, body, budget);
    const { head, rest } = await peek(outer.body, 512);
    if (isGzip(head)) {
      const inner = await peek(gunzip(rest), 512);
      if (isTar(inner.head)) return await readTar(path, inner.rest, hooks, expandStream, outer.budget);
      return await hooks.leaf({ path, mtime, body: budget ? budget.meter(inner.rest, path) : inner.rest });
    }
    if (isTar(head)) return await readTar(path, rest, hooks, expandStream, outer.budget);
    if (isZip(head)) return await readNestedZip(path, rest, hooks, expandStream, outer.budget);
    return await hooks.leaf({ path, mtime, body: budget ? budget.meter(rest, path) : rest });
  } catch (e) {
    hooks.warn(path, `read error: ${errText(e)}`);
  }
}
