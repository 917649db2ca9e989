// Paths -> the list of sources to read: folders recursively (sorted, symlink loops cut), files,
// single .gz files and archives (read member by member in sources/archive.ts). Missing paths are
// usage errors.
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { CliError } from '../cli/errors';

export type SourceKind = 'file' | 'gzip' | 'archive';

export interface SourceRef {
  path: string; // as shown in evidence
  fsPath: string;
  kind: SourceKind;
  mtime: number | null;
}

export interface Walked {
  sources: SourceRef[];
  skipped: Array<{ path: string; reason: string }>;
}

const ARCHIVE = /\.(?:tar|tar\.gz|tgz|zip)$/i;

function kindOf(p: string): SourceKind {
  if (ARCHIVE.test(p)) return 'archive';
  if (/\.gz$/i.test(p)) return 'gzip';
  return 'file';
}

/** Expands the user's paths. A path given by the user that cannot be read is a CliError. */
export async function walk(inputs: string[]): Promise<Walked> {
  const out: Walked = { sources: [], skipped: [] };
  const seenDirs = new Set<string>();

  async function visit(p: string, given: boolean): Promise<void> {
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
    if (st.isDirectory()) {
      const real = await fs.realpath(p);
      if (seenDirs.has(real)) {
        out.skipped.push({ path: p, reason: 'folder already read (symbolic link loop)' });
        return;
      }
      seenDirs.add(real);
      let names: string[];
      try {
        names = (await fs.readdir(p)).sort();
      } catch (e) {
        if (given) throw new CliError(`rke2-outage: cannot read ${p}: ${(e as Error).message}`);
        out.skipped.push({ path: p, reason: (e as Error).message });
        return;
      }
      for (const n of names) await visit(path.join(p, n), false);
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
    out.sources.push({ path: p, fsPath: p, kind: kindOf(p), mtime: st.mtimeMs });
  }

  for (const p of inputs) await visit(p, true);
  return out;
}
