// Writing the report: stdout, or --output FILE written atomically (temp file + rename, same
// folder), so a failed run never leaves half a report and nothing is written anywhere else.
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { CliError } from '../errors';

/** Why a write failed, in words (the temp file's name would only confuse). */
const WHY: Record<string, string> = {
  ENOENT: 'no such folder', EACCES: 'permission denied', EPERM: 'permission denied', EISDIR: 'is a folder',
  ENOTDIR: 'a part of the path is not a folder', ENOSPC: 'no space left on the device', EROFS: 'read-only file system',
};

/** Writes `text` (or the pieces of a long output, as they come) to `file` atomically; a failure is one CliError line naming the file. */
export async function writeAtomic(file: string, text: string | AsyncIterable<string>): Promise<void> {
  const dir = path.dirname(path.resolve(file));
  const tmp = path.join(dir, `.${path.basename(file)}.${process.pid}.tmp`);
  try {
    const out = await fs.open(tmp, 'wx', 0o644); // wx: never follow a link planted at the temp name
    try {
      if (typeof text === 'string') await out.writeFile(text);
      else for await (const piece of text) await out.write(piece);
    } finally {
      await out.close();
    }
    await fs.rename(tmp, file);
  } catch (e) {
    await fs.rm(tmp, { force: true }).catch(() => undefined);
    const code = (e as NodeJS.ErrnoException).code ?? '';
    throw new CliError(`rke2-outage: cannot write ${file}: ${WHY[code] ?? (e as Error).message}`);
  }
}
