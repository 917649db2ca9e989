// What the archive walkers share: a leaf (one plain member), the hooks they report to, member
// names as labels, and draining what a reader left unread.
import type { Readable } from 'node:stream';
import { ExpansionStop, type Budget } from './budget';
import { shownName } from './shown';

/** A plain file found at any depth: its evidence path and its decompressed bytes. */
export interface Leaf {
  path: string;
  mtime: number | null;
  body: Readable;
}

/** What the expander reports to its caller. `leaf` must resolve once it is done with `body`. */
export interface ExpandHooks {
  leaf(l: Leaf): Promise<void>;
  /** a plain file read whole (small): the same as `leaf` with those bytes as its body, without a stream; `leaf` is used when absent */
  leafBytes?(path: string, mtime: number | null, bytes: Buffer): Promise<void> | void;
  /** a problem with a container (corrupt or truncated archive, member too large to buffer) */
  warn(path: string, message: string): void;
  skip(path: string, reason: string): void;
  /** something said about a container that is no failure (link members not followed); a warning when absent */
  note?(path: string, message: string): void;
}

/** The expander itself, handed to the tar and zip walkers for members that are archives again; `size`: the member's bytes when its header says. */
export type Expand = (path: string, body: Readable, mtime: number | null, hooks: ExpandHooks, budget?: Budget, size?: number) => Promise<void>;

/** `./ds01-x/journald/rke2-server` -> `ds01-x/journald/rke2-server`, control characters made visible. */
export function memberName(raw: string): string {
  return shownName(raw.replace(/^(?:\.?\/)+/, ''));
}

/** Says `message` about `path` as a note, or as a warning when the caller takes no notes. */
export function note(hooks: ExpandHooks, path: string, message: string): void {
  if (hooks.note) hooks.note(path, message);
  else hooks.warn(path, message);
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

/** True for the end a member meets when its archive ran out of budget: said once, by the archive (budget.ts). */
export function stoppedByBudget(e: unknown): boolean {
  return e instanceof ExpansionStop;
}

/** An error's message, for warnings. */
export function errText(e: unknown): string {
  return e instanceof Error ? shownName(e.message) : shownName(String(e));
}
