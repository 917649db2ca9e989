// Archives streamed member by member, never extracted to disk: .tar, .tar.gz/.tgz, .zip, .gz, and
// archives nested in archives. Each plain member reaches `leaf` as a byte stream named
// `outer.tar.gz!dir/member`; a member name is only a label, never a path that is opened.
import { PassThrough, type Readable } from 'node:stream';
import { createReadStream } from 'node:fs';
import { createGunzip } from 'node:zlib';
import * as tar from 'tar-stream';
import * as yauzl from 'yauzl';

/** A plain file found at any depth: its evidence path and its decompressed bytes. */
export interface Leaf {
  path: string;
  mtime: number | null;
  body: Readable;
}

/** What the expander reports to its caller. `leaf` must resolve once it is done with `body`. */
export interface ExpandHooks {
  leaf(l: Leaf): Promise<void>;
  /** a problem with a container (corrupt or truncated archive, member too large to buffer) */
  warn(path: string, message: string): void;
  skip(path: string, reason: string): void;
}

export type Container = 'tar' | 'tgz' | 'zip' | 'gz' | 'plain';

/** Largest nested zip buffered in memory (zip needs random access; a nested one has no file). */
export const NESTED_ZIP_CAP = 256 * 1024 * 1024;

/** The container type a name announces. */
export function containerOf(name: string): Container {
  if (/\.(?:tar\.gz|tgz)$/i.test(name)) return 'tgz';
  if (/\.tar$/i.test(name)) return 'tar';
  if (/\.zip$/i.test(name)) return 'zip';
  if (/\.gz$/i.test(name)) return 'gz';
  return 'plain';
}

/** `./ds01-x/journald/rke2-server` -> `ds01-x/journald/rke2-server`. */
export function memberName(raw: string): string {
  return raw.replace(/^(?:\.?\/)+/, '');
}

/** Resolves when a stream has been read to its end (or failed); whatever is left is discarded. */
export function drain(s: Readable): Promise<void> {
  return new Promise((resolve) => {
    if (s.readableEnded || s.destroyed || s.errored) return resolve();
    s.unpipe();
    s.once('end', resolve);
    s.once('close', resolve);
    s.once('error', () => resolve());
    s.resume();
  });
}

/** The events a tar-stream (streamx) entry offers; it is not a Node stream (no unpipe). */
interface StreamxEntry {
  on(ev: 'data', f: (c: Buffer) => void): unknown;
  on(ev: 'end' | 'close', f: () => void): unknown;
  on(ev: 'error', f: (e: Error) => void): unknown;
  pause(): unknown;
  resume(): unknown;
}

/**
 * A Node stream over a tar entry, with back-pressure, and `finish` that discards whatever the
 * reader left so the archive can move to the next member.
 */
function entryStream(entry: StreamxEntry): { body: Readable; finish: () => Promise<void> } {
  const body = new PassThrough();
  let detached = false;
  let ended = false;
  const over = new Promise<void>((resolve) => {
    entry.on('end', () => { ended = true; resolve(); });
    entry.on('close', () => { ended = true; resolve(); });
    entry.on('error', (e) => { ended = true; if (!detached) body.destroy(e); resolve(); });
  });
  entry.on('data', (c) => {
    if (detached) return;
    if (!body.write(c)) entry.pause();
  });
  body.on('drain', () => entry.resume());
  entry.on('end', () => { if (!detached) body.end(); });
  return {
    body,
    finish: async () => {
      detached = true;
      if (!ended) entry.resume();
      await over;
    },
  };
}

function gunzip(body: Readable): Readable {
  const gz = createGunzip();
  body.on('error', (e) => gz.destroy(e));
  return body.pipe(gz);
}

function errText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/** Expands a file on disk (zip is opened by path for random access). */
export async function expandFile(path: string, fsPath: string, mtime: number | null, hooks: ExpandHooks): Promise<void> {
  if (containerOf(path) === 'zip') return readZip(path, () => yauzlOpen(fsPath), hooks);
  return expandStream(path, createReadStream(fsPath, { highWaterMark: 1 << 20 }), mtime, hooks);
}

/** Expands a byte stream named `path`: a container is walked, anything else is a leaf. */
export async function expandStream(path: string, body: Readable, mtime: number | null, hooks: ExpandHooks): Promise<void> {
  const kind = containerOf(path);
  if (kind === 'tgz') return readTar(path, gunzip(body), hooks);
  if (kind === 'tar') return readTar(path, body, hooks);
  if (kind === 'zip') return readNestedZip(path, body, hooks);
  if (kind === 'gz') return hooks.leaf({ path, mtime, body: gunzip(body) });
  return hooks.leaf({ path, mtime, body });
}

/** Walks a tar stream; a read error ends the walk with a warning, members before it stay analysed. */
async function readTar(path: string, body: Readable, hooks: ExpandHooks): Promise<void> {
  const ex = tar.extract();
  body.on('error', (e) => ex.destroy(e));
  body.pipe(ex);
  let members = 0;
  try {
    for await (const item of ex) {
      const entry = item as unknown as StreamxEntry & { header: tar.Header };
      const h = entry.header;
      const name = memberName(h.name);
      const { body: member, finish } = entryStream(entry);
      if ((h.type === 'file' || h.type === 'contiguous-file') && name) {
        members++;
        await expandStream(`${path}!${name}`, member, h.mtime ? h.mtime.getTime() : null, hooks).catch((e) => hooks.warn(`${path}!${name}`, `read error: ${errText(e)}`));
      }
      await finish();
    }
  } catch (e) {
    hooks.warn(path, `read error in archive after ${members} member(s): ${errText(e)}; the members before it are analysed`);
  }
}

function yauzlOpen(fsPath: string): Promise<yauzl.ZipFile> {
  return new Promise((resolve, reject) => {
    yauzl.open(fsPath, { lazyEntries: true, decodeStrings: false, autoClose: true }, (e, z) => (e ? reject(e) : resolve(z)));
  });
}

function yauzlBuffer(buf: Buffer): Promise<yauzl.ZipFile> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(buf, { lazyEntries: true, decodeStrings: false }, (e, z) => (e ? reject(e) : resolve(z)));
  });
}

/** A zip inside another archive: buffered up to NESTED_ZIP_CAP, else skipped with a warning. */
async function readNestedZip(path: string, body: Readable, hooks: ExpandHooks): Promise<void> {
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const c of body as AsyncIterable<Buffer>) {
      size += c.length;
      if (size > NESTED_ZIP_CAP) {
        chunks.length = 0;
        hooks.warn(path, `nested zip larger than ${NESTED_ZIP_CAP / 1024 / 1024} MiB: not read (extract it and pass it on its own)`);
        await drain(body);
        return;
      }
      chunks.push(c);
    }
  } catch (e) {
    hooks.warn(path, `read error: ${errText(e)}`);
    return;
  }
  const buf = Buffer.concat(chunks);
  await readZip(path, () => yauzlBuffer(buf), hooks);
}

/** Walks a zip's entries one at a time; a corrupt entry is a warning, a corrupt directory ends the walk. */
async function readZip(path: string, open: () => Promise<yauzl.ZipFile>, hooks: ExpandHooks): Promise<void> {
  let zip: yauzl.ZipFile;
  try {
    zip = await open();
  } catch (e) {
    hooks.warn(path, `read error: not a readable zip (${errText(e)})`);
    return;
  }
  let members = 0;
  await new Promise<void>((resolve) => {
    zip.on('entry', (entry: yauzl.Entry) => {
      // names are decoded here without yauzl's path validation: `../x` is a label, not a path
      const raw = yauzl.getFileNameLowLevel(entry.generalPurposeBitFlag, entry.fileNameRaw ?? (entry.fileName as unknown as Buffer), entry.extraFields, false);
      const name = memberName(raw);
      const member = `${path}!${name}`;
      if (!name || name.endsWith('/')) return zip.readEntry();
      members++;
      if (entry.isEncrypted()) {
        hooks.skip(member, 'encrypted zip member');
        return zip.readEntry();
      }
      zip.openReadStream(entry, (err, stream) => {
        if (err) {
          hooks.warn(member, `read error: ${errText(err)}`);
          return zip.readEntry();
        }
        // an entry stream that failed emits nothing more: waiting for its end would never finish
        let failed = false;
        stream.once('error', () => { failed = true; });
        const mtime = entry.getLastModDate({ timezone: 'UTC' }).getTime();
        expandStream(member, stream, mtime, hooks)
          .catch((e) => hooks.warn(member, `read error: ${errText(e)}`))
          .then(() => (failed ? undefined : drain(stream)))
          .then(() => zip.readEntry());
      });
    });
    zip.once('end', () => resolve());
    zip.once('error', (e: Error) => {
      hooks.warn(path, `read error in archive after ${members} member(s): ${errText(e)}; the members before it are analysed`);
      resolve();
    });
    zip.readEntry();
  });
  zip.close();
}
