// Paths as the report shows them: under the folder every input shares, said once.

/** The folder every path shares (`a/b/` for `a/b/c`, `a/b/d/e`), or ''. */
export function commonDir(paths: string[]): string {
  if (paths.length < 2) return '';
  const split = paths.map((p) => p.split('/').slice(0, -1));
  const first = split[0];
  let n = 0;
  while (n < first.length && split.every((s) => s[n] === first[n])) n++;
  return n ? first.slice(0, n).join('/') + '/' : '';
}

/** The text with the shared folder taken out of every path in it. */
export function underBase(text: string, base: string): string {
  return base ? text.split(base).join('') : text;
}
