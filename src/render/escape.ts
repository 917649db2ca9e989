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
