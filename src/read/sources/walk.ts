// Paths -> the list of sources to read: folders recursively (sorted, symlink loops cut), files,
// single .gz files and archives (read member by member in sources/archive.ts). Each real file or
// folder is read once, whatever paths reach it. Missing paths are usage errors. Names are read as
// bytes: a name that is not UTF-8 is opened by its bytes and shown with them made visible.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CliError } from '../../errors';
import { shownName } from './shown';

/** A path as the file system takes it: a string, or bytes when a name in it is not UTF-8. */
export type FsPath = string | Buffer;

export type SourceKind = 'file' | 'gzip' | 'archive';

export interface SourceRef {
  path: string; // as shown in evidence
  fsPath: FsPath;
  kind: SourceKind;
  mtime: number | null;
  /** bytes on disk (progress) */
  size?: number;
  /** a pipe or device given by the user (process substitution): read once, on the main thread */
  stream?: boolean;
}

export interface Walked {
  sources: SourceRef[];
  skipped: Array<{ path: string; reason: string }>;
  /** paths not read because the same real file or folder was already read (not a failure) */
  repeated: Array<{ path: string; reason: string }>;
}

const ARCHIVE = /\.(?:tar|tar\.gz|tgz|zip)$/i;

function kindOf(p: string): SourceKind {
  if (ARCHIVE.test(p)) return 'archive';
  if (/\.gz$/i.test(p)) return 'gzip';
  return 'file';
}

const SEP = Buffer.from(path.sep);

/** A child's fs path: a string while every name is UTF-8, bytes once one is not. */
function childPath(parent: FsPath, name: Buffer, utf8: string | null): FsPath {
  if (typeof parent === 'string' && utf8 !== null) return path.join(parent, utf8);
  const p = typeof parent === 'string' ? Buffer.from(parent) : parent;
  return Buffer.concat(p.length && p[p.length - 1] === SEP[0] ? [p, name] : [p, SEP, name]);
}

/** The real path as a map key (bytes kept, so two names that differ only in non-UTF-8 bytes stay two). */
function realKey(p: FsPath, shown: string): string {
  try {
    return fs.realpathSync(p, { encoding: 'buffer' }).toString('latin1');
  } catch {
    return Buffer.from(path.resolve(shown)).toString('latin1');
  }
}

interface Entry { raw: Buffer; utf8: string | null; shown: string; link: boolean; dir: boolean }

/** A folder's entries, sorted by name as shown (the order of the string walk for UTF-8 names). */
function entries(dir: FsPath): Entry[] {
  const out = fs.readdirSync(dir, { encoding: 'buffer', withFileTypes: true }).map((d): Entry => {
    const raw = d.name as unknown as Buffer;
    const s = raw.toString('utf8');
    return { raw, utf8: Buffer.from(s).equals(raw) ? s : null, shown: shownName(raw), link: d.isSymbolicLink(), dir: d.isDirectory() };
  });
  return out.sort((a, b) => (a.shown < b.shown ? -1 : a.shown > b.shown ? 1 : Buffer.compare(a.raw, b.raw)));
}

const SEP_KEY = path.sep;

/** What the walk needs of a folder's stat when the folder's own entry already says it is one. */
const FOLDER = { isDirectory: () => true, isFIFO: () => false, isCharacterDevice: () => false, isFile: () => false, mtimeMs: 0, size: 0 };

/**
 * Expands the user's paths. A path given by the user that cannot be read is a CliError. The file
 * system is asked synchronously: 100,000 small files cost 100,000 quick calls, not 400,000 trips
 * to the thread pool; a file inside a real folder takes its real path from the folder (no call).
 */
export async function walk(inputs: string[]): Promise<Walked> {
  const out: Walked = { sources: [], skipped: [], repeated: [] };
  const firstAs = new Map<string, string>(); // real path -> the path it was first read as

  /** True (and listed) when the real path was read already; else remembers it. */
  const again = (p: string, real: string): boolean => {
    const first = firstAs.get(real);
    if (first === undefined) { firstAs.set(real, p); return false; }
    out.repeated.push({ path: p, reason: `already read as ${first}` });
    return true;
  };

  /**
   * `fsp` is opened, `p` is shown; `ancestors`: real paths of the folders being walked above p, to
   * tell a loop from a repeat; `known`: p's real path when its folder gave it (not a link);
   * `dir`: its folder's entry says it is a folder (not a link): no stat is asked for.
   */
  function visit(fsp: FsPath, p: string, given: boolean, ancestors: string[], known?: string, dir = false): void {
    let st: { isDirectory(): boolean; isFIFO(): boolean; isCharacterDevice(): boolean; isFile(): boolean; mtimeMs: number; size: number };
    try {
      st = dir ? FOLDER : fs.statSync(fsp);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      const reason = code === 'ENOENT' ? 'no such file or directory' : code === 'EACCES' ? 'permission denied' : code === 'ELOOP' ? 'symbolic link loop' : String((e as Error).message);
      if (given) throw new CliError(`rke2-outage: cannot read ${p}: ${reason}`);
      out.skipped.push({ path: p, reason });
      return;
    }
    const real = known ?? realKey(fsp, p);
    if (st.isDirectory()) {
      if (ancestors.includes(real)) {
        out.skipped.push({ path: p, reason: 'symbolic link loop: links back to a folder above it' });
        return;
      }
      if (again(p, real)) return;
      let names: Entry[];
      try {
        names = entries(fsp);
      } catch (e) {
        if (given) throw new CliError(`rke2-outage: cannot read ${p}: ${shownName((e as Error).message)}`);
        out.skipped.push({ path: p, reason: shownName((e as Error).message) });
        return;
      }
      const below = [...ancestors, real]; // one copy per folder, not per entry: the walk stays linear
      for (const n of names) visit(childPath(fsp, n.raw, n.utf8), path.join(p, n.shown), false, below, n.link ? undefined : (real.endsWith(SEP_KEY) ? real : real + SEP_KEY) + n.raw.toString('latin1'), !n.link && n.dir);
      return;
    }
    if (given && (st.isFIFO() || st.isCharacterDevice())) {
      // `rke2-outage <(kubectl logs ...)`, /dev/stdin: read as a stream, once; its mtime is now, never a clock
      if (!again(p, real)) out.sources.push({ path: p, fsPath: fsp, kind: kindOf(p), mtime: null, stream: true });
      return;
    }
    if (!st.isFile()) {
      out.skipped.push({ path: p, reason: 'not a regular file' });
      return;
    }
    // a path the user gave must be readable now (a usage error); a file in a folder is checked as it is read
    try {
      if (given) fs.closeSync(fs.openSync(fsp, 'r'));
    } catch (e) {
      const reason = (e as NodeJS.ErrnoException).code === 'EACCES' ? 'permission denied' : shownName((e as Error).message);
      if (given) throw new CliError(`rke2-outage: cannot read ${p}: ${reason}`);
      out.skipped.push({ path: p, reason });
      return;
    }
    if (again(p, real)) return;
    out.sources.push({ path: p, fsPath: fsp, kind: kindOf(p), mtime: st.mtimeMs, size: st.size });
  }

  for (const p of inputs) visit(p, shownName(p), true, []);
  return out;
}
