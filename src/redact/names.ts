// Host names and FQDNs in free text. A name is redacted when the input names it as a node
// (observer, peer, --host) or when it looks like a DNS name under a real-looking top-level domain.

/** Two or more DNS labels (a dotted word; looksLikeFqdn decides); each label bounded, so matching stays linear. */
export const FQDN = /(?<![A-Za-z0-9_.-])[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?){1,12}(?![A-Za-z0-9_-])/g;

/** Private suffixes: a name under one is a host even with two labels (`k8s-master.internal`). */
const PRIVATE = new Set(['local', 'internal', 'lan', 'corp', 'home', 'intra', 'intranet', 'localdomain', 'localnet', 'private']);

/** Top-level domains (and private suffixes) that mark a dotted word of three labels or more as a host name, not a file. */
const TLDS = new Set([...PRIVATE, 'com', 'net', 'org', 'edu', 'gov', 'mil', 'int', 'io', 'cloud', 'site', 'biz', 'info', 'co', 'de', 'uk', 'cn', 'jp', 'fr', 'in', 'us', 'eu', 'au', 'ca', 'nl', 'ch', 'se', 'it', 'es', 'br', 'ru', 'kr', 'sg', 'hk', 'tw', 'gr', 'pl', 'be', 'at', 'dk', 'no', 'fi', 'ie', 'nz', 'za', 'il', 'mx', 'ar', 'cz', 'pt', 'tr', 'ae', 'sa', 'my', 'th', 'vn', 'id', 'ph', 'ai', 'dev', 'app', 'tech']);

/** Cloud host names that spell their address (`ip-10-113-207-151`, AWS and others). */
export const CLOUD_HOST = /(?<![A-Za-z0-9])ip-\d{1,3}-\d{1,3}-\d{1,3}-\d{1,3}(?![A-Za-z0-9])/gi;

/** Public infrastructure names that identify no customer: kept as they are. */
const PUBLIC = ['k8s.io', 'kubernetes.io', 'docker.io', 'docker.com', 'github.com', 'githubusercontent.com', 'rancher.io', 'rancher.com', 'cattle.io', 'rke2.io', 'k3s.io', 'quay.io', 'gcr.io', 'googleapis.com', 'golang.org', 'example.com', 'cluster.local'];

export function isPublicName(name: string): boolean {
  const n = name.toLowerCase();
  return PUBLIC.some((p) => n === p || n.endsWith('.' + p));
}

/** A dotted word that reads as a DNS name: three labels under a real-looking TLD, or two under a private suffix. */
export function looksLikeFqdn(word: string): boolean {
  const labels = word.toLowerCase().split('.');
  const last = labels[labels.length - 1];
  return ((labels.length >= 3 && TLDS.has(last)) || (labels.length === 2 && PRIVATE.has(last))) && !isPublicName(word);
}

/** Labels a file name adds after a host name (`node1.acme.com.log.gz`, `.1`, `.current`). */
const EXTENSION = /^(?:log|logs|gz|txt|out|err|json|ya?ml|xml|html?|csv|md|tar|tgz|zip|bak|old|tmp|current|prev|\d{1,8})$/i;

/** A dotted word without the file-name labels that follow a host name in it (`x.acme.com.log.gz` -> `x.acme.com`). */
export function withoutExtensions(word: string): string {
  const labels = word.split('.');
  let n = labels.length;
  while (n > 2 && EXTENSION.test(labels[n - 1])) n--;
  return labels.slice(0, n).join('.');
}

/** A node name as the input gives it, without a port; null when it is an address. */
export function nodeNameOf(value: string): string | null {
  const v = value.replace(/:\d{1,5}$/, '');
  if (/^[\d.]+$/.test(v) || v.includes(':') || v.startsWith('[')) return null;
  return /^[A-Za-z0-9][A-Za-z0-9.-]{0,252}$/.test(v) ? v : null;
}
