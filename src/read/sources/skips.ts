// Listing what was not read without flooding the report: one line per folder and reason.

/** Many files of one folder skipped for one reason (a bundle's networking/, kubectl/) become one line. Linear in the list. */
export function groupSkipped(list: Array<{ path: string; reason: string }>, min = 4): Array<{ path: string; reason: string }> {
  const dirOf = (p: string) => p.slice(0, Math.max(p.lastIndexOf('/'), p.lastIndexOf('!')) + 1);
  const groups = new Map<string, Array<{ path: string; reason: string }>>();
  for (const s of list) {
    const k = `${dirOf(s.path)}\0${s.reason}`;
    const g = groups.get(k);
    if (g) g.push(s);
    else groups.set(k, [s]);
  }
  const out: Array<{ path: string; reason: string }> = [];
  for (const g of groups.values()) {
    if (g.length < min) for (const s of g) out.push(s);
    else out.push({ path: `${dirOf(g[0].path)}* (${g.length} files)`, reason: g[0].reason });
  }
  return out;
}
