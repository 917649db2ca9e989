// Writing the report: stdout, or --output FILE. A regular file (or a link to one) is written
// atomically (temp file + rename beside the real file), so a failed run never leaves half a
// report; a device, a FIFO or a link to one (`-o /dev/null`, `-o /dev/stdout`) is written in
// place, never replaced. An --output that names an input or the --redact-map file is refused.
import { promises as fs, type Stats } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import * as path from 'node:path';
import { CliError } from '../errors';
import { termSafe } from '../render/escape';

/** Why a write failed, in words (the temp file's name would only confuse). */
const WHY: Record<string, string> = {
  ENOENT: 'no such folder', EACCES: 'permission denied', EPERM: 'permission denied', EISDIR: 'is a folder',
  ENOTDIR: 'a part of the path is not a folder', ENOSPC: 'no space left on the device', EROFS: 'read-only file system',
};

const fail = (file: string, e: unknown) => {
  const code = (e as NodeJS.ErrnoException).code ?? '';
  return new CliError(`rke2-outage: cannot write ${termSafe(file)}: ${WHY[code] ?? termSafe((e as Error).message)}`);
};

/** Where and how `file` is written: in place (device, FIFO, a descriptor under /proc or /dev/fd), or atomically at its real path. */
async function targetOf(file: string): Promise<{ inPlace: boolean; real: string }> {
  let st: Stats;
  try {
    st = await fs.stat(file);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return { inPlace: false, real: await fs.realpath(file).catch(() => file) };
    throw e;
  }
  if (st.isDirectory()) throw Object.assign(new Error('is a folder'), { code: 'EISDIR' });
  if (!st.isFile()) return { inPlace: true, real: file };
  // a regular file reached through /dev/stdout -> /proc/self/fd/1 is the shell's redirect: write through it
  for (let hop = path.resolve(file), i = 0; i < 40; i++) {
    if (/^\/(?:proc\/[^/]+\/fd|dev\/fd)\//.test(hop)) return { inPlace: true, real: file };
    const link = await fs.readlink(hop).catch(() => null);
    if (link === null) break;
    hop = path.resolve(path.dirname(hop), link);
  }
  return { inPlace: false, real: await fs.realpath(file) };
}

/** Writes a text, or the pieces of a long output as they come, to an open file. */
async function put(out: FileHandle, text: string | AsyncIterable<string>): Promise<void> {
  if (typeof text === 'string') await out.writeFile(text);
  else for await (const piece of text) await out.write(piece);
}

/** Writes `text` (or the pieces of a long output) to `file`, atomically when it is a regular file; a failure is one CliError line naming the file. */
export async function writeAtomic(file: string, text: string | AsyncIterable<string>): Promise<void> {
  let target: { inPlace: boolean; real: string };
  try {
    target = await targetOf(file);
  } catch (e) {
    throw fail(file, e);
  }
  if (target.inPlace) {
    // append: the shell already truncated a `>` redirect; a `>>` one keeps what it had
    const out = await fs.open(file, 'a').catch((e) => { throw fail(file, e); });
    try { await put(out, text); } catch (e) { throw fail(file, e); } finally { await out.close(); }
    return;
  }
  const dir = path.dirname(path.resolve(target.real));
  const tmp = path.join(dir, `.${path.basename(target.real)}.${process.pid}.tmp`);
  try {
    const out = await fs.open(tmp, 'wx', 0o644); // wx: never follow a link planted at the temp name
    try { await put(out, text); } finally { await out.close(); }
    await fs.rename(tmp, target.real);
  } catch (e) {
    await fs.rm(tmp, { force: true }).catch(() => undefined);
    throw fail(file, e);
  }
}

/** The identity of a path for "is it the same file": device and inode when it exists, else its resolved path. */
async function identity(p: string): Promise<string> {
  const st = await fs.stat(p).catch(() => null);
  return st && (st.isFile() || st.isFIFO()) ? `${st.dev}:${st.ino}` : `path:${path.resolve(p)}`;
}

/**
 * Refuses (exit 2, one line) an --output that names one of the inputs or the --redact-map file:
 * the report would replace what it was read from, or the private mapping. Call before reading.
 */
export async function checkOutputTarget(output: string | undefined, inputs: string[], redactMap?: string): Promise<void> {
  if (output === undefined) return;
  const out = await identity(output);
  if (redactMap !== undefined && (await identity(redactMap)) === out) throw new CliError(`rke2-outage: --output ${termSafe(output)} is the --redact-map file: give them different names`);
  for (const p of inputs) {
    if (p === '-') continue;
    if ((await identity(p)) === out) throw new CliError(`rke2-outage: --output ${termSafe(output)} is one of the inputs (${termSafe(p)}): it would be overwritten`);
  }
}
