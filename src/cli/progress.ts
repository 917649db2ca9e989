// Progress on stderr for long runs, only on a terminal: silent for the first second, then one
// self-overwriting line per input; cleared at the end so the report stays clean.

export interface ProgressSink {
  write(s: string): unknown;
  isTTY?: boolean;
}

/** Returns the onProgress callback and a `done` that clears the line (no-ops off a terminal). */
export function progressOn(err: ProgressSink, now: () => number = Date.now): { onProgress: (path: string, i: number, n: number) => void; done: () => void } {
  if (!err.isTTY) return { onProgress: () => undefined, done: () => undefined };
  const t0 = now();
  let shown = false;
  return {
    onProgress: (path, i, n) => {
      if (now() - t0 < 1000) return;
      shown = true;
      const tail = path.length > 60 ? '…' + path.slice(-59) : path;
      err.write(`\r\x1b[2Kreading ${i + 1}/${n} ${tail}`);
    },
    done: () => { if (shown) err.write('\r\x1b[2K'); },
  };
}
