// Host names and FQDNs in free text. A name is redacted when the input names it as a node
// (observer, peer, --host) or when it looks like a DNS name under a real-looking top-level domain.

/** Three or more DNS labels; each label bounded, so matching stays linear. */
export const FQDN = /(?<![A-Za-z0-9_.-])[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?){2,12}(?![A-Za-z0-9_-])/g;

/** Top-level domains (and private suffixes) that mark a dotted word as a host name, not a file. */
const TLDS = new Set(['com', 'net', 'org', 'edu', 'gov', 'mil', 'io', 'local', 'internal', 'lan', 'corp', 'home', 'intra', 'intranet', 'localdomain', 'cloud', 'site', 'biz', 'info', 'co', 'de', 'uk', 'cn', 'jp', 'fr', 'in', 'us', 'eu', 'au', 'ca', 'nl', 'ch', 'se', 'it', 'es', 'br', 'ru', 'kr', 'sg', 'hk', 'tw', 'gr', 'pl', 'be', 'at', 'dk', 'no', 'fi', 'ie', 'nz', 'za', 'il', 'mx', 'ar', 'cz', 'pt', 'tr', 'ae', 'sa', 'my', 'th', 'vn', 'id', 'ph', 'ai', 'dev', 'app', 'tech']);

/** Public infrastructure names that identify no customer: kept as they are. */
const PUBLIC = ['k8s.io', 'kubernetes.io', 'docker.io', 'docker.com', 'github.com', 'githubusercontent.com', 'rancher.io', 'rancher.com', 'cattle.io', 'rke2.io', 'k3s.io', 'quay.io', 'gcr.io', 'googleapis.com', 'golang.org', 'example.com', 'cluster.local'];

export function isPublicName(name: string): boolean {
  const n = name.toLowerCase();
  return PUBLIC.some((p) => n === p || n.endsWith('.' + p));
}

/** A dotted word that reads as a DNS name (real-looking TLD, not all digits). */
export function looksLikeFqdn(word: string): boolean {
  const labels = word.toLowerCase().split('.');
  return labels.length >= 3 && TLDS.has(labels[labels.length - 1]) && !isPublicName(word);
}

/** A node name as the input gives it, without a port; null when it is an address. */
export function nodeNameOf(value: string): string | null {
  const v = value.replace(/:\d{1,5}$/, '');
  if (/^[\d.]+$/.test(v) || v.includes(':') || v.startsWith('[')) return null;
  return /^[A-Za-z0-9][A-Za-z0-9.-]{0,252}$/.test(v) ? v : null;
}
