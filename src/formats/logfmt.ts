// key=value fields as logrus and klog print them: one linear scan, tolerant of truncated lines.

/** Undoes Go `%q` escaping for the escapes logrus produces (\" \\ \n \t \r). */
export function unquoteGo(s: string): string {
  if (s.indexOf('\\') < 0) return s;
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c !== '\\' || i + 1 >= s.length) { out += c; continue; }
    const n = s[++i];
    if (n === 'n') out += '\n';
    else if (n === 't') out += '\t';
    else if (n === 'r') out += '\r';
    else if (n === '"' || n === '\\') out += n;
    else out += '\\' + n; // \xNN, \uNNNN stay as written
  }
  return out;
}

/** Reads a value starting at `i`: quoted (to the closing unescaped quote or the end) or bare. */
export function readValue(s: string, i: number): { value: string; end: number } {
  if (s[i] !== '"') {
    let j = s.indexOf(' ', i);
    if (j < 0) j = s.length;
    return { value: s.slice(i, j), end: j };
  }
  let j = i + 1;
  while (j < s.length) {
    const c = s.charCodeAt(j);
    if (c === 92 /* \ */) { j += 2; continue; }
    if (c === 34 /* " */) break;
    j++;
  }
  const raw = s.slice(i + 1, Math.min(j, s.length));
  return { value: unquoteGo(raw), end: Math.min(j + 1, s.length) };
}

/** Parses `k=v k2="v 2"` into a map; text that is not key=value is skipped word by word. */
export function parseLogfmt(s: string, into: Record<string, string> = {}): Record<string, string> {
  let i = 0;
  const n = s.length;
  while (i < n) {
    while (i < n && s.charCodeAt(i) === 32) i++;
    if (i >= n) break;
    let j = i;
    while (j < n) {
      const c = s.charCodeAt(j);
      if (c === 61 /* = */ || c === 32 || c === 34) break;
      j++;
    }
    if (j < n && s.charCodeAt(j) === 61 && j > i) {
      const key = s.slice(i, j);
      const { value, end } = readValue(s, j + 1);
      into[key] = value;
      i = end;
    } else if (j < n && s.charCodeAt(j) === 34) {
      i = readValue(s, j).end; // stray quoted text
    } else {
      i = j + 1;
    }
  }
  return into;
}
