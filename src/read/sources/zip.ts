// Zip archives walked entry by entry with yauzl: opened by path on disk (random access), or from
// memory when nested in another archive (up to NESTED_ZIP_CAP). Nothing is written.
import type { Readable } from 'node:stream';
import * as yauzl from 'yauzl';
import { drain, errText, memberName, type Expand, type ExpandHooks } from './members';

/** Largest nested zip buffered in memory (zip needs random access; a nested one has no file). */
export const NESTED_ZIP_CAP = 256 * 1024 * 1024;

export function yauzlOpen(fsPath: string): Promise<yauzl.ZipFile> {
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
export async function readNestedZip(path: string, body: Readable, hooks: ExpandHooks, expand: Expand): Promise<void> {
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
  await readZip(path, () => yauzlBuffer(buf), hooks, expand);
}

/** Walks a zip's entries one at a time; a corrupt entry is a warning, a corrupt directory ends the walk. */
export async function readZip(path: string, open: () => Promise<yauzl.ZipFile>, hooks: ExpandHooks, expand: Expand): Promise<void> {
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
        expand(member, stream, mtime, hooks)
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
