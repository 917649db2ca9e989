// Tar streams (plain or gzipped) walked entry by entry with tar-stream; nothing is written.
import { PassThrough, type Readable } from 'node:stream';
import * as tar from 'tar-stream';
import { errText, memberName, type Expand, type ExpandHooks } from './members';

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

/** Walks a tar stream; a read error ends the walk with a warning, members before it stay analysed. */
export async function readTar(path: string, body: Readable, hooks: ExpandHooks, expand: Expand): Promise<void> {
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
        await expand(`${path}!${name}`, member, h.mtime ? h.mtime.getTime() : null, hooks).catch((e) => hooks.warn(`${path}!${name}`, `read error: ${errText(e)}`));
      }
      await finish();
    }
  } catch (e) {
    hooks.warn(path, `read error in archive after ${members} member(s): ${errText(e)}; the members before it are analysed`);
  }
}

