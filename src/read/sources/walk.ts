// Paths -> the list of sources to read: folders recursively (sorted, symlink loops cut), files,
// single .gz files and archives (read member by member in sources/archive.ts). Each real file or
// folder is read once, whatever paths reach it. Missing paths are usage errors.
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { CliError } from '../../errors';

export type SourceKind = 'file' | 'gzip' | 'archive';

export interface SourceRef {
  path: string; // as shown in evidence
  fsPath: string;
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

/** Expands the user's paths. A path given by the user that cannot be read is a CliError. */
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

  /** `ancestors`: real paths of the folders being walked above p, to tell a loop from a repeat. */
  async function visit(p: string, given: boolean, ancestors: string[]): Promise<void> {
    let st;
    try {
      st = await fs.stat(p);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      const reason = code === 'ENOENT' ? 'no such file or directory' : code === 'EACCES' ? 'permission denied' : code === 'ELOOP' ? 'symbolic link loop' : String((e as Error).message);
      if (given) throw new CliError(`rke2-outage: cannot read ${p}: ${reason}`);
      out.skipped.push({ path: p, reason });
      return;
    }
    const real = await fs.realpath(p).catch(() => path.resolve(p));
    if (st.isDirectory()) {
      if (ancestors.includes(real)) {
        out.skipped.push({ path: p, reason: 'symbolic link loop: links back to a folder above it' });
        return;
      }
      if (again(p, real)) return;
      let names: string[];
      try {
        names = (await fs.readdir(p)).sort();
      } catch (e) {
        if (given) throw new CliError(`rke2-outage: cannot read ${p}: ${(e as Error).message}`);
        out.skipped.push({ path: p, reason: (e as Error).message });
        return;
      }
      for (const n of names) await visit(path.join(p, n), false, [...ancestors, real]);
      return;
    }
    if (given && (st.isFIFO() || st.isCharacterDevice())) {
      // `rke2-outage <(kubectl logs ...)`, /dev/stdin: read as a stream, once; its mtime is now, never a clock
      if (!again(p, real)) out.sources.push({ path: p, fsPath: p, kind: kindOf(p), mtime: null, stream: true });
      return;
    }
    if (!st.isFile()) {
      out.skipped.push({ path: p, reason: 'not a regular file' });
      return;
    }
    try {
      await (await fs.open(p, 'r')).close();
    } catch (e) {
      const reason = (e as NodeJS.ErrnoException).code === 'EACCES' ? 'permission denied' : (e as Error).message;
      if (given) throw new CliError(`rke2-outage: cannot read ${p}: ${reason}`);
      out.skipped.push({ path: p, reason });
      return;
    }
    if (again(p, real)) return;
    out.sources.push({ path: p, fsPath: p, kind: kindOf(p), mtime: st.mtimeMs, size: st.size });
  }

  for (const p of inputs) await visit(p, true, []);
  return out;
}
