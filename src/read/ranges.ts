// Where a big plain file is cut into parts scanned on several cores (parallel.ts): at the start of
// a line that sets the scanner's state by itself, so mergeScans.ts can join the parts exactly. Such
// a line is a rule candidate (always parsed in full) with its own time and zone, in one piece: after
// it the scanner holds the same dated line above, the same anchor and the same "dated" state
// whatever came before it.
import type { FsPath } from './sources/walk';
import { open } from 'node:fs/promises';
import { cleanLine, parseLine, sniffLine } from '../formats/registry';
import { splitGlued } from '../formats/glued';
import { needleRegex } from '../rules/needles';
import { chunkFinder } from '../rules/prefilter';
import { RULES } from '../rules/registry';
import { MAX_LINE } from './scanner';

const NEEDLES = needleRegex(RULES);
const FIND = chunkFinder(RULES);

/** Bytes read around each nominal cut to find a line that can start a part. */
const WINDOW = 1 << 20;
/** Windows tried past a nominal cut before that cut is dropped (a file with few candidates). */
const MAX_WINDOWS = 8;

/** True when the raw line (without its line break) can start a part. */
export function startsPart(raw: string): boolean {
  if (raw.length > MAX_LINE) return false;
  const text = cleanLine(raw.endsWith('\r') ? raw.slice(0, -1) : raw);
  if (!NEEDLES.test(text) || !sniffLine(text) || splitGlued(text).length !== 1) return false;
  const rec = parseLine(text);
  return !!rec && rec.time !== null && rec.offsetMin !== null;
}

/**
 * The byte offset in `bytes` of the first whole line (one that starts after a line break in
 * `bytes` and ends before its end) that can start a part, or -1.
 */
export function partStartIn(bytes: Buffer): number {
  const s = bytes.toString('latin1'); // byte offsets = character offsets; needles are ASCII
  let pos = s.indexOf('\n') + 1;
  while (pos > 0 && pos < s.length) {
    const at = FIND(s, pos);
    if (at < 0) return -1;
    const start = s.lastIndexOf('\n', at) + 1;
    const end = s.indexOf('\n', at);
    if (end < 0) return -1;
    if (start >= pos && startsPart(bytes.toString('utf8', start, end))) return start;
    pos = end + 1;
  }
  return -1;
}

/** Byte offsets where the parts of a file of `size` bytes start (0 first), about `partBytes` apart. */
export async function cutsOf(fsPath: FsPath, size: number, partBytes: number): Promise<number[]> {
  const n = Math.floor(size / partBytes);
  const cuts = [0];
  if (n < 2) return cuts;
  const fh = await open(fsPath, 'r');
  try {
    const buf = Buffer.alloc(WINDOW);
    for (let k = 1; k < n; k++) {
      let from = Math.max(Math.floor((size * k) / n), cuts[cuts.length - 1] + 1);
      for (let w = 0; w < MAX_WINDOWS && from < size; w++, from += WINDOW - MAX_LINE - 2) {
        const { bytesRead } = await fh.read(buf, 0, WINDOW, from);
        const at = partStartIn(buf.subarray(0, bytesRead));
        if (at >= 0) { cuts.push(from + at); break; }
      }
    }
  } finally {
    await fh.close();
  }
  return cuts;
}
