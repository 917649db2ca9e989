// Tar streams (plain or gzipped) walked entry by entry with tar-stream; nothing is written.
import { PassThrough, type Readable } from 'node:stream';
import * as tar from 'tar-stream';
import { errText, memberName, note, stoppedByBudget, type Expand, type ExpandHooks } from './members';
import type { Budget } from './budget';
import { Passed } from './passed';

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

/**
 * A GNU sparse member: type `S` (tar-stream knows no such type and gives none), or the PAX form
 * (GNU.sparse.* keys): its bytes are a map and fragments, not the file.
 */
function isSparse(h: tar.Header & { pax?: Record<string, string> | null }): boolean {
  return h.type === null || !!h.pax?.['GNU.sparse.major'] || !!h.pax?.['GNU.sparse.size'] || /(?:^|\/)GNUSparseFile\.\d+\//.test(h.name);
}

/** Walks a tar stream; a read error ends the walk with a warning, members before it stay analysed. */
export async function readTar(path: string, body: Readable, hooks: ExpandHooks, expand: Expand, budget: Budget): Promise<void> {
  const ex = tar.extract();
  body.on('error', (e) => ex.destroy(e));
  body.pipe(ex);
  let members = 0;
  const passed = new Passed();
  try {
    for await (const item of ex) {
      const entry = item as unknown as StreamxEntry & { header: tar.Header & { pax?: Record<string, string> | null } };
      const h = entry.header;
      const name = memberName(h.name);
      const { body: member, finish } = entryStream(entry);
      if (isSparse(h)) passed.add('sparse', name);
      else if ((h.type === 'file' || h.type === 'contiguous-file') && name) {
        members++;
        await expand(`${path}!${name}`, member, h.mtime ? h.mtime.getTime() : null, hooks, budget, h.size ?? undefined).catch((e) => { if (!stoppedByBudget(e)) hooks.warn(`${path}!${name}`, `read error: ${errText(e)}`); });
      } else if (h.type === 'link' || h.type === 'symlink') passed.add('link', `${name} -> ${memberName(h.linkname ?? '')}`);
      else if (h.type !== 'directory' && !/^(?:pax-|gnu-long)/.test(h.type ?? '')) passed.add('special', name);
      await finish();
      if (budget.over) {
        // a bomb: nothing more of this archive is inflated
        const w = budget.warning();
        if (w) hooks.warn(budget.root, w);
        ex.destroy();
        body.destroy();
        break;
      }
    }
  } catch (e) {
    hooks.warn(path, `read error in archive after ${members} member(s): ${errText(e)}; the members before it are analysed`);
  }
  const said = passed.text();
  if (said) note(hooks, path, said);
}

