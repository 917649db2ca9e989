// The one HTML/SVG escaping helper (audited): every log-derived string goes through `esc` before it
// is placed in text or in a double-quoted attribute. Nothing is ever placed unquoted or in a URL,
// script or style context, so these five characters are all that must be replaced.

const MAP: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text safe for HTML/SVG element content and double-quoted attribute values. */
export function esc(s: string | number | null | undefined): string {
  if (s === null || s === undefined) return '';
  // C0 controls other than tab/newline are not allowed in XML/SVG text: shown as spaces.
  return String(s).replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, ' ').replace(/[&<>"']/g, (c) => MAP[c]);
}

/** Builds an element from a tag, escaped attributes and already-safe inner markup. */
export function el(tag: string, attrs: Record<string, string | number | null | undefined>, inner = ''): string {
  const a = Object.entries(attrs).filter(([, v]) => v !== null && v !== undefined).map(([k, v]) => ` ${k}="${esc(v)}"`).join('');
  return `<${tag}${a}>${inner}</${tag}>`;
}

/** C0, DEL, C1, the line/paragraph separators and the bidi controls (embeddings, overrides, isolates, marks). */
const TERM_UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069]/g;

/**
 * Text safe for a terminal (issue 13): every control character an input can carry (ESC sequences
 * that write the clipboard or reset the screen, bidi overrides that reorder what is shown) is made
 * visible as `\x1b` or `\u202e`. Apply it to one value (a name, a path, a message), not to a
 * whole output: its own line breaks and tabs would be made visible too.
 */
export function termSafe(s: string): string {
  TERM_UNSAFE.lastIndex = 0;
  if (!TERM_UNSAFE.test(s)) return s;
  return s.replace(TERM_UNSAFE, (c) => {
    const n = c.charCodeAt(0);
    return n <= 0xff ? `\\x${n.toString(16).padStart(2, '0')}` : `\\u${n.toString(16).padStart(4, '0')}`;
  });
}
