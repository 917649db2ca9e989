// Consistent pseudonyms for addresses, host/node names and FQDNs (DESIGN §7, issues 4 and 13):
// learn every string of the run first, assign pseudonyms in sorted order (same input, same
// result), then rewrite every string in one pass so nothing original remains. One Redactor per
// run serves every output (report, events, warnings, the --redact-map file).
import { allocateIpv4, canonicalIpv4, IPV4, isNeutral } from './ipv4';
import { allocateIpv6, canonicalIpv6, IPV6, isNeutralIpv6 } from './ipv6';
import { CLOUD_HOST, FQDN, isPublicName, looksLikeFqdn, nodeNameOf, withoutExtensions } from './names';
import { KnownNames } from './known';
import { cutTail, MASK, mayHide, Prefixes } from './cut';

/** The private mapping written by --redact-map: original -> pseudonym. */
export interface RedactionMap {
  addresses: Record<string, string>;
  hosts: Record<string, string>;
  domains: Record<string, string>;
}

/** Fields whose string value names a node (observer, peer, Kubernetes node name). */
const NAME_KEYS = new Set(['node', 'nodeName', 'peer']);

export class Redactor {
  private readonly ips = new Set<string>();
  private readonly ip6s = new Set<string>();
  private readonly nodes = new Set<string>();
  private readonly fqdns = new Set<string>();
  private ipMap = new Map<string, string>();
  /** canonical IPv6 text -> pseudonym */
  private ip6Map = new Map<string, string>();
  private readonly hostMap = new Map<string, string>();
  private readonly domainMap = new Map<string, string>();
  private short = new KnownNames([]);
  private prefixes = new Prefixes([]);
  private frozen = false;

  /** A name the input gives as a node (`--host NAME=IP`, an observer, a peer). */
  addNode(name: string): void {
    const n = nodeNameOf(name);
    if (n) this.nodes.add(n.toLowerCase());
  }

  /** Walks a value and remembers every address, DNS name and node name in it. */
  learn(value: unknown, key = ''): void {
    if (typeof value === 'string') {
      for (const m of value.match(IPV4) ?? []) { const c = canonicalIpv4(m); if (c) this.ips.add(c); }
      for (const m of value.match(IPV6) ?? []) this.ip6s.add(m);
      for (const m of value.match(FQDN) ?? []) {
        const host = withoutExtensions(m);
        if (looksLikeFqdn(host)) this.fqdns.add(host.toLowerCase());
      }
      for (const m of value.match(CLOUD_HOST) ?? []) this.nodes.add(m.toLowerCase());
      if (NAME_KEYS.has(key)) this.addNode(value);
    } else if (Array.isArray(value)) {
      for (const v of value) this.learn(v, key);
    } else if (value && typeof value === 'object') {
      for (const [k, v] of Object.entries(value)) this.learn(v, k);
    }
  }

  /** Assigns the pseudonyms; call once, after learning everything. */
  freeze(): void {
    this.ipMap = allocateIpv4(this.ips);
    this.ip6Map = allocateIpv6(this.ip6s);
    for (const n of this.nodes) if (n.includes('.')) this.fqdns.add(n);
    const domains = new Set([...this.fqdns].map((f) => f.slice(f.indexOf('.') + 1)));
    [...domains].sort().forEach((d, i) => this.domainMap.set(d, `domain-${i + 1}.example`));
    const short = new Set<string>([...this.nodes].map((n) => n.split('.')[0]));
    for (const f of this.fqdns) {
      const first = f.split('.')[0];
      if (/\d/.test(first) || this.nodes.has(f)) short.add(first);
    }
    const labels = new Set([...short, ...[...this.fqdns].map((f) => f.split('.')[0])]);
    [...labels].sort().forEach((l) => this.hostMap.set(l, `host-${this.hostMap.size + 1}`));
    this.short = new KnownNames(short);
    this.prefixes = new Prefixes([...short, ...this.fqdns, ...domains, ...this.ips, ...this.ip6s]);
    this.frozen = true;
  }

  private host(label: string): string {
    let p = this.hostMap.get(label);
    if (!p) this.hostMap.set(label, (p = `host-${this.hostMap.size + 1}`));
    return p;
  }

  private domain(d: string): string {
    let p = this.domainMap.get(d);
    if (!p) this.domainMap.set(d, (p = `domain-${this.domainMap.size + 1}.example`));
    return p;
  }

  private ip(m: string): string {
    const c = canonicalIpv4(m);
    if (c === null || isNeutral(c)) return m;
    let p = this.ipMap.get(c);
    if (!p) this.ipMap.set(c, (p = `10.255.255.${(this.ipMap.size % 254) + 1}`));
    return p;
  }

  private ip6(m: string): string {
    const c = canonicalIpv6(m);
    if (c === null || isNeutralIpv6(m)) return m;
    let p = this.ip6Map.get(c);
    if (!p) this.ip6Map.set(c, (p = `2001:db8:ffff:ffff::${((this.ip6Map.size % 0xfffe) + 1).toString(16)}`));
    return p;
  }

  /** The pseudonym of a dotted name, or null when it names no host: a known domain is found by its labels, not by scanning every domain. */
  private name(n: string): string | null {
    if (isPublicName(n)) return null;
    if (this.domainMap.has(n)) return this.domainMap.get(n)!;
    for (let i = n.indexOf('.'); i > 0; i = n.indexOf('.', i + 1)) {
      const d = this.domainMap.get(n.slice(i + 1));
      if (d) return `${this.host(n.slice(0, i))}.${d}`;
    }
    if (!this.fqdns.has(n) && !looksLikeFqdn(n)) return null;
    const dot = n.indexOf('.');
    return `${this.host(n.slice(0, dot))}.${this.domain(n.slice(dot + 1))}`;
  }

  /** A dotted word: the longest leading run of labels that names a host is replaced, the rest (`.log.gz`) kept. */
  private fqdn(m: string): string {
    const n = m.toLowerCase();
    for (let end = n.length; end > 0; end = n.lastIndexOf('.', end - 1)) {
      const head = n.slice(0, end);
      if (!head.includes('.')) break;
      const p = this.name(head);
      if (p) return p + m.slice(end);
    }
    return m;
  }

  /** One string with every address and name replaced. */
  text(s: string): string {
    if (!this.frozen) this.freeze();
    const cut = cutTail(s);
    if (cut >= 0 && mayHide(s.slice(cut, -1), this.prefixes)) return this.text(s.slice(0, cut)) + MASK + '…';
    // IPv6 first: its pseudonyms hold no dotted quad, and `::ffff:a.b.c.d` is left to IPv4
    let out = s.replace(IPV6, (m) => this.ip6(m)).replace(IPV4, (m) => this.ip(m)).replace(FQDN, (m) => this.fqdn(m));
    out = this.short.replace(out, (m) => this.host(m));
    return out.replace(CLOUD_HOST, (m) => this.host(m.toLowerCase()));
  }

  /** A deep copy of `value` with every string rewritten (keys are the tool's own and stay). */
  apply<T>(value: T): T {
    if (typeof value === 'string') return this.text(value) as T;
    if (Array.isArray(value)) return value.map((v) => this.apply(v)) as T;
    if (value && typeof value === 'object') {
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, this.apply(v)])) as T;
    }
    return value;
  }

  /** The private mapping, for --redact-map. */
  mapping(): RedactionMap {
    return {
      addresses: Object.fromEntries([...this.ipMap, ...this.ip6Map]),
      hosts: Object.fromEntries(this.hostMap),
      domains: Object.fromEntries(this.domainMap),
    };
  }
}

/**
 * Learns from `value` (and `alsoSeen`, e.g. all events behind a report, so a report and the event
 * stream of the same input get the same pseudonyms), then returns the redacted copy and the mapping.
 */
export function redact<T>(value: T, nodes: string[] = [], alsoSeen?: unknown): { value: T; map: RedactionMap } {
  const r = new Redactor();
  for (const n of nodes) r.addNode(n);
  r.learn(value);
  if (alsoSeen !== undefined) r.learn(alsoSeen);
  r.freeze();
  return { value: r.apply(value), map: r.mapping() };
}
