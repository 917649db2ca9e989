// The byte ranges of a zip's entries, to find entries that overlap (the zip-bomb construction: many
// central directory entries pointing into one local header and its data).

export class Extents {
  /** non-overlapping [start, end) ranges, sorted by start */
  private starts: number[] = [];
  private ends: number[] = [];

  /** Adds [start, end); false (and nothing added) when it overlaps a range already added. */
  add(start: number, end: number): boolean {
    const n = this.starts.length;
    // the usual zip lists its entries in file order: one compare, one push
    if (n === 0 || start >= this.ends[n - 1]) {
      this.starts.push(start);
      this.ends.push(end);
      return true;
    }
    let lo = 0;
    let hi = n;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.starts[mid] < start) lo = mid + 1;
      else hi = mid;
    }
    if (lo > 0 && this.ends[lo - 1] > start) return false;
    if (lo < n && this.starts[lo] < end) return false;
    this.starts.splice(lo, 0, start);
    this.ends.splice(lo, 0, end);
    return true;
  }
}
