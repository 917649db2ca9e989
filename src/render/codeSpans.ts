// Finding messages mark commands the way the rules write them, in backticks (`kubectl get pod
// <pod> -n <ns>`): each format shows such a span in its own monospace — Markdown a code span, HTML
// <code>, Jira {{...}} — and never passes the backticks through as markup of another format.

/** A piece of a message: plain text, or a command to show in monospace. */
export interface Span { code: boolean; text: string }

/** The message cut at its backtick pairs; an unpaired backtick stays text. */
export function codeSpans(s: string): Span[] {
  const out: Span[] = [];
  const re = /`([^`]+)`/g;
  let at = 0;
  for (const m of s.matchAll(re)) {
    if (m.index! > at) out.push({ code: false, text: s.slice(at, m.index) });
    out.push({ code: true, text: m[1] });
    at = m.index! + m[0].length;
  }
  if (at < s.length) out.push({ code: false, text: s.slice(at) });
  return out;
}

/** The message in one format: `text` escapes plain pieces, `code` renders a command. */
export function withCode(s: string, text: (t: string) => string, code: (t: string) => string): string {
  return codeSpans(s).map((p) => (p.code ? code(p.text) : text(p.text))).join('');
}
