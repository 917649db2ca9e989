// Zip archives walked entry by entry with yauzl: opened by path on disk (random access), or, when
// nested in another archive, from memory (while all nested zips held fit NESTED_MEMORY) or from a
// temp file. Entries that overlap another (the zip-bomb construction) are not read. Nothing of
// the archive's content is written, except a nested zip spilled to the temp file.
import type { Readable } from 'node:stream';
import * as yauzl from 'yauzl';
import { errText, memberName, stoppedByBudget, type Expand, type ExpandHooks } from './members';
import { Extents } from './extents';
import type { Budget } from './budget';
import { Held } from './held';
import { visibleBytes } from './shown';
import { spill, type Spill } from './spill';
import { openZipFile } from './zipFile';
import type { FsPath } from './walk';

/** Largest nested zip read at all (zip needs random access; a nested one has no file of its own). */
export const NESTED_ZIP_CAP = 256 * 1024 * 1024;

/** A zip on disk (through a block cache: one read per block, not one per record). */
export function yauzlOpen(fsPath: FsPath): Promise<yauzl.ZipFile> {
  return openZipFile(fsPath);
}

function yauzlBuffer(buf: Buffer): Promise<yauzl.ZipFile> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(buf, { lazyEntries: true, decodeStrings: false }, (e, z) => (e ? reject(e) : resolve(z)));
  });
}

/**
 * A nested zip: in memory while the run's nested zips fit NESTED_MEMORY (one buffer of `size`
 * bytes when the outer header gives it, so it is never copied), else spilled to a temp file.
 */
export async function readNestedZip(path: string, body: Readable, hooks: ExpandHooks, expand: Expand, budget: Budget, size?: number): Promise<void> {
  const mem = new Held(budget, size);
  let read = 0;
  let file: Spill | null = null;
  try {
    for await (const c of body as AsyncIterable<Buffer>) {
      read += c.length;
      const why = read > NESTED_ZIP_CAP ? `nested zip larger than ${NESTED_ZIP_CAP / 1024 / 1024} MiB: not read (extract it and pass it on its own)` : !budget.charge(c.length) ? budget.warning() : undefined;
      if (why !== undefined) {
        if (why) hooks.warn(why.startsWith('nested') ? path : budget.root, why);
        body.destroy();
        return;
      }
      if (!file && !mem.add(c)) {
        // memory for nested zips is spent (all levels together): this one continues on disk
        file = await spill();
        for (const h of mem.take()) await file.write(h);
        await file.write(c);
      } else if (file) await file.write(c);
    }
    if (file) {
      await file.close();
      await readZip(path, () => yauzlOpen(file!.path), hooks, expand, budget);
    } else {
      const buf = mem.buffer();
      await readZip(path, () => yauzlBuffer(buf), hooks, expand, budget);
    }
  } catch (e) {
    hooks.warn(path, `read error: ${errText(e)}`);
  } finally {
    mem.release();
    await file?.remove();
  }
}

/** The member name: yauzl's decoding (CP437 or UTF-8), its bytes made visible when they are not UTF-8. */
function entryName(entry: yauzl.Entry): string {
  const raw = entry.fileNameRaw ?? (entry.fileName as unknown as Buffer);
  // names are decoded here without yauzl's path validation: `../x` is a label, not a path
  const name = yauzl.getFileNameLowLevel(entry.generalPurposeBitFlag, raw, entry.extraFields, false);
  return memberName(name.includes('\ufffd') && Buffer.isBuffer(raw) ? visibleBytes(raw) : name);
}

/** Walks a zip's entries one at a time; a corrupt entry is a warning, a corrupt directory ends the walk. */
export async function readZip(path: string, open: () => Promise<yauzl.ZipFile>, hooks: ExpandHooks, expand: Expand, budget: Budget): Promise<void> {
  let zip: yauzl.ZipFile;
  try {
    zip = await open();
  } catch (e) {
    hooks.warn(path, `read error: not a readable zip (${errText(e)})`);
    return;
  }
  let members = 0;
  let overlapping = 0;
  const extents = new Extents();
  await new Promise<void>((resolve) => {
    const next = () => {
      if (!budget.over) return zip.readEntry();
      const w = budget.warning();
      if (w) hooks.warn(budget.root, w);
      resolve();
    };
    zip.on('entry', (entry: yauzl.Entry) => {
      const name = entryName(entry);
      const member = `${path}!${name}`;
      if (!name || name.endsWith('/')) return next();
      members++;
      const start = entry.relativeOffsetOfLocalHeader;
      if (!extents.add(start, start + 30 + entry.fileNameLength + entry.compressedSize)) {
        overlapping++;
        return next();
      }
      if (entry.isEncrypted()) {
        hooks.skip(member, 'encrypted zip member');
        return next();
      }
      zip.openReadStream(entry, (err, stream) => {
        if (err) {
          hooks.warn(member, `read error: ${errText(err)}`);
          return next();
        }
        stream.on('error', () => undefined); // a failed entry is reported by the reader of its bytes
        const mtime = entry.getLastModDate({ timezone: 'UTC' }).getTime();
        expand(member, stream, mtime, hooks, budget, entry.uncompressedSize)
          .catch((e) => { if (!stoppedByBudget(e)) hooks.warn(member, `read error: ${errText(e)}`); })
          .then(() => {
            // what the reader left is discarded, not inflated (yauzl: unpipe, then destroy)
            stream.unpipe();
            stream.destroy();
            next();
          });
      });
    });
    zip.once('end', () => resolve());
    zip.once('error', (e: Error) => {
      hooks.warn(path, `read error in archive after ${members} member(s): ${errText(e)}; the members before it are analysed`);
      resolve();
    });
    next();
  });
  if (overlapping) hooks.warn(path, `${overlapping} entr${overlapping === 1 ? 'y overlaps' : 'ies overlap'} another entry's bytes (a zip bomb?): not read`);
  zip.close();
}
