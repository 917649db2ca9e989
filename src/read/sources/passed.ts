// Archive members passed over without being read (links, sparse files, devices), said in one line
// per archive: how many of each, and the first few names.

const WHAT = {
  link: ['link member', 'not followed'],
  sparse: ['sparse member', 'not read (extract the archive with tar and pass the file)'],
  special: ['device or FIFO member', 'not read'],
} as const;

type Kind = keyof typeof WHAT;
const SHOWN = 3;

export class Passed {
  private names: Record<Kind, string[]> = { link: [], sparse: [], special: [] };
  private counts: Record<Kind, number> = { link: 0, sparse: 0, special: 0 };

  add(kind: Kind, name: string): void {
    if (this.counts[kind]++ < SHOWN) this.names[kind].push(name);
  }

  /** `2 link members not followed (a -> b, c -> d); 1 sparse member not read (...)`, or '' when none. */
  text(): string {
    return (Object.keys(WHAT) as Kind[]).filter((k) => this.counts[k]).map((k) => {
      const n = this.counts[k];
      const more = n > SHOWN ? `, and ${n - SHOWN} more` : '';
      return `${n} ${WHAT[k][0]}${n === 1 ? '' : 's'} ${WHAT[k][1]} (${this.names[k].join(', ')}${more})`;
    }).join('; ');
  }
}
