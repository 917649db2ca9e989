// A private temp file for a nested zip that does not fit in memory (zip needs random access):
// created under os.tmpdir() in a folder only this user can read, removed when the zip is read.
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export interface Spill {
  path: string;
  write(b: Buffer): Promise<void>;
  close(): Promise<void>;
  remove(): Promise<void>;
}

/** A new, empty temp file. */
export async function spill(): Promise<Spill> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'rke2-outage-spill-'));
  const file = path.join(dir, 'nested.zip');
  const fh = await fs.open(file, 'wx', 0o600);
  let open = true;
  const close = async () => { if (open) { open = false; await fh.close(); } };
  return {
    path: file,
    write: async (b) => {
      for (let off = 0; off < b.length;) off += (await fh.write(b, off, b.length - off)).bytesWritten;
    },
    close,
    remove: async () => {
      await close().catch(() => undefined);
      await fs.rm(dir, { recursive: true, force: true });
    },
  };
}
