// A zip on disk read through a small block cache: yauzl asks for every central directory record
// and local header separately, and one trip to the thread pool per request made a zip of 70,000
// small members take 20 s. Blocks are read synchronously (a few microseconds from the page cache),
// answers are given on the next turn of the event loop (yauzl must not recurse per entry), and
// member data larger than a block is streamed from the descriptor as before.
import { closeSync, fstatSync, openSync, read, readSync } from 'node:fs';
import { Readable } from 'node:stream';
import * as yauzl from 'yauzl';
import type { FsPath } from './walk';

const BLOCK = 1 << 16;
/** Blocks kept (1 MiB): the central directory is read in order, local headers in order too. */
const KEEP = 16;

/** Bytes [start, end) of `fd`, block by block; destroying it leaves the descriptor open (fs streams close theirs). */
function rangeStream(fd: number, start: number, end: number): Readable {
  let pos = start;
  return new Readable({
    highWaterMark: BLOCK,
    read() {
      const n = Math.min(BLOCK, end - pos);
      if (n <= 0) { this.push(null); return; }
      const b = Buffer.allocUnsafe(n);
      read(fd, b, 0, n, pos, (err, got) => {
        if (err) return this.destroy(err);
        if (!got) return this.destroy(new Error('unexpected end of file'));
        pos += got;
        this.push(b.subarray(0, got));
      });
    },
  });
}

class CachedReader extends yauzl.RandomAccessReader {
  private blocks = new Map<number, Buffer>();

  constructor(private fd: number, private size: number) {
    super();
  }

  /** Block `n` of the file (read once while it stays among the last KEEP used). */
  private block(n: number): Buffer {
    let b = this.blocks.get(n);
    if (b) {
      this.blocks.delete(n); // most recently used goes last
    } else {
      const len = Math.max(0, Math.min(BLOCK, this.size - n * BLOCK));
      b = Buffer.allocUnsafe(len);
      let got = 0;
      for (let r = -1; got < len && r !== 0; got += r) r = readSync(this.fd, b, got, len - got, n * BLOCK + got);
      b = b.subarray(0, got);
      if (this.blocks.size >= KEEP) this.blocks.delete(this.blocks.keys().next().value as number);
    }
    this.blocks.set(n, b);
    return b;
  }

  /** Copies [position, position + length) into `into` at `at`; returns the bytes copied (short at the end of the file). */
  private copy(into: Buffer, at: number, position: number, length: number): number {
    let done = 0;
    while (done < length) {
      const p = position + done;
      const b = this.block(Math.floor(p / BLOCK));
      const from = p % BLOCK;
      if (from >= b.length) break;
      done += b.copy(into, at + done, from, Math.min(b.length, from + length - done));
    }
    return done;
  }

  override read(buffer: Buffer, offset: number, length: number, position: number, callback: (err: Error | null, bytesRead?: number) => void): void {
    let n: number;
    try {
      n = this.copy(buffer, offset, position, length);
    } catch (e) {
      setImmediate(callback, e as Error);
      return;
    }
    setImmediate(callback, null, n);
  }

  override _readStreamForRange(start: number, end: number): Readable {
    if (end - start <= BLOCK) {
      const b = Buffer.allocUnsafe(end - start);
      const r = new Readable({ read() { /* pushed at once */ } });
      try {
        const n = this.copy(b, 0, start, end - start);
        if (n) r.push(b.subarray(0, n));
        r.push(null);
      } catch (e) {
        r.destroy(e as Error);
      }
      return r;
    }
    return rangeStream(this.fd, start, end);
  }

  override close(callback: (err: Error | null) => void): void {
    try {
      closeSync(this.fd);
      setImmediate(callback, null);
    } catch (e) {
      setImmediate(callback, e as Error);
    }
  }
}

/** Opens a zip on disk for yauzl (names not decoded: the walker labels them itself). */
export function openZipFile(fsPath: FsPath): Promise<yauzl.ZipFile> {
  return new Promise((resolve, reject) => {
    let fd: number;
    let size: number;
    try {
      fd = openSync(fsPath, 'r');
      size = fstatSync(fd).size;
    } catch (e) {
      return reject(e);
    }
    const reader = new CachedReader(fd, size);
    yauzl.fromRandomAccessReader(reader, size, { lazyEntries: true, decodeStrings: false, autoClose: true }, (e, z) => {
      if (e) {
        try { closeSync(fd); } catch { /* already closed */ }
        return reject(e);
      }
      resolve(z);
    });
  });
}
