// Archives streamed member by member, never extracted to disk: .tar, .tar.gz/.tgz, .zip, .gz, and
// archives nested in archives. Each plain member reaches `leaf` as a byte stream named
// `outer.tar.gz!dir/member`; a member name is only a label, never a path that is opened.
import type { Readable } from 'node:stream';
import { createReadStream } from 'node:fs';
import { createGunzip } from 'node:zlib';
import { readTar } from './tar';
import { readNestedZip, readZip, yauzlOpen } from './zip';
import type { ExpandHooks } from './members';

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

function gunzip(body: Readable): Readable {
  const gz = createGunzip();
  body.on('error', (e) => gz.destroy(e));
  return body.pipe(gz);
}

/** Expands a file on disk (zip is opened by path for random access). */
export async function expandFile(path: string, fsPath: string, mtime: number | null, hooks: ExpandHooks): Promise<void> {
  if (containerOf(path) === 'zip') return readZip(path, () => yauzlOpen(fsPath), hooks, expandStream);
  return expandStream(path, createReadStream(fsPath, { highWaterMark: 1 << 20 }), mtime, hooks);
}

/** Expands a byte stream named `path`: a container is walked, anything else is a leaf. */
export async function expandStream(path: string, body: Readable, mtime: number | null, hooks: ExpandHooks): Promise<void> {
  const kind = containerOf(path);
  if (kind === 'tgz') return readTar(path, gunzip(body), hooks, expandStream);
  if (kind === 'tar') return readTar(path, body, hooks, expandStream);
  if (kind === 'zip') return readNestedZip(path, body, hooks, expandStream);
  if (kind === 'gz') return hooks.leaf({ path, mtime, body: gunzip(body) });
  return hooks.leaf({ path, mtime, body });
}
