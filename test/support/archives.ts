// Writes generated bundles the way customers' tools do: gzip tar (Rancher collector, `tar -czf`),
// zip (Cloudera Manager diagnostic data), gzip members (lumberjack backups). Deterministic bytes.
import { createWriteStream, promises as fs } from 'node:fs';
import * as path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { gunzipSync, gzipSync } from 'node:zlib';
import * as tar from 'tar-stream';
import * as yazl from 'yazl';

export interface Member { name: string; body: Buffer | string }

const buf = (b: Buffer | string) => (typeof b === 'string' ? Buffer.from(b) : b);

/** A tar (gzipped when `gzip`) of the members, with the parent folders as directory entries. */
export async function tarBuffer(members: Member[], mtime: Date, gzip = true): Promise<Buffer> {
  const pack = tar.pack();
  const chunks: Buffer[] = [];
  pack.on('data', (c: unknown) => chunks.push(c as Buffer));
  const ended = new Promise<void>((resolve, reject) => { pack.on('end', resolve); pack.on('error', reject); });
  const dirs = new Set<string>();
  for (const m of members) {
    const parts = m.name.split('/');
    for (let i = 1; i < parts.length; i++) {
      const d = parts.slice(0, i).join('/') + '/';
      if (d === './' || dirs.has(d)) continue;
      dirs.add(d);
      await new Promise<void>((res, rej) => pack.entry({ name: d, type: 'directory', mtime, mode: 0o755 }, (e) => (e ? rej(e) : res())));
    }
    await new Promise<void>((res, rej) => pack.entry({ name: m.name, mtime, mode: 0o644 }, buf(m.body), (e) => (e ? rej(e) : res())));
  }
  pack.finalize();
  await ended;
  const t = Buffer.concat(chunks);
  return gzip ? gzipSync(t) : t;
}

/** A zip of the members (deflated), as a buffer. */
export async function zipBuffer(members: Member[], mtime: Date): Promise<Buffer> {
  const z = new yazl.ZipFile();
  for (const m of members) z.addBuffer(buf(m.body), m.name, { mtime, mode: 0o644 });
  z.end();
  const chunks: Buffer[] = [];
  for await (const c of z.outputStream as AsyncIterable<Buffer>) chunks.push(c);
  return Buffer.concat(chunks);
}

/** Writes bytes to a file, creating its folder. */
export async function writeBytes(file: string, bytes: Buffer | string): Promise<void> {
  await fs.mkdir(path.dirname(file), { recursive: true });
  await pipeline(async function* () { yield buf(bytes); }, createWriteStream(file));
}

/** Unpacks a .tar.gz into `dir` as a customer would before handing over a folder (test data only). */
export async function untarTo(file: string, dir: string): Promise<void> {
  const ex = tar.extract();
  const done = (async () => {
    for await (const entry of ex) {
      const chunks: Buffer[] = [];
      for await (const c of entry) chunks.push(c as Buffer);
      const name = path.join(dir, entry.header.name);
      if (!name.startsWith(dir)) throw new Error(`untarTo: ${entry.header.name} leaves ${dir}`);
      if (entry.header.type === 'file') await writeBytes(name, Buffer.concat(chunks));
    }
  })();
  await pipeline(async function* () { yield gunzipSync(await fs.readFile(file)); }, ex);
  await done;
}
