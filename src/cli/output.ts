// Writing the report: stdout, or --output FILE written atomically (temp file + rename, same
// folder), so a failed run never leaves half a report and nothing is written anywhere else.
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { CliError } from './errors';

export async function writeAtomic(file: string, text: string): Promise<void> {
  const dir = path.dirname(path.resolve(file));
  const tmp = path.join(dir, `.${path.basename(file)}.${process.pid}.tmp`);
  try {
    await fs.writeFile(tmp, text, { mode: 0o644 });
    await fs.rename(tmp, file);
  } catch (e) {
    await fs.rm(tmp, { force: true }).catch(() => undefined);
    throw new CliError(`rke2-outage: cannot write ${file}: ${(e as Error).message}`);
  }
}
