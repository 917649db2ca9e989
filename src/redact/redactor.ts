// Consistent pseudonyms for addresses, host/node names and FQDNs (DESIGN §7, issue 4): learn every
// string of the report (or event list) first, assign pseudonyms in sorted order (same input, same
// result), then rewrite every string in one pass so nothing original remains.
import { allocateIpv4, IPV4, isNeutral, validIpv4 } from './ipv4';
import { allocateIpv6, canonicalIpv6, IPV6, isNeutralIpv6 } from './ipv6';
import { FQDN, looksLikeFqdn, nodeNameOf } from './names';
import { escapeRegex } from '../rules/needles';

/** The private mapping written by --redact-map: original -> pseudonym. */
export interface RedactionMap {
  addresses: Record<string, string>;
  hosts: Record<string, string>;
  domains: Record<string, string>;
}

/** Fields whose string value names a node (observer, peer, Kubernetes node name). */
const NAME_KEYS = new Set(['node', 'nodeName', 'peer']);
const BOUNDARY = (alt: string) => new RegExp(`(?<![A-Za-z0-9])(?:${alt})(?![A-Za-z0-9])`, 'gi');

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
  private shortRe: RegExp | null = null;
  private frozen = false;

  /** A name the input gives as a node (`--host NAME=IP`, an observer, a peer). */
  addNode(name: string): void {
    const n = nodeNameOf(name);
    if (n) this.nodes.add(n.toLowerCase());
  }

  /** Walks a value and remembers every address, DNS name and node name in it. */
  learn(value: unknown, key = ''): void {
    if (typeof value === 'string') {
      for (const m of value.match(IPV4) ?? []) this.ips.add(m);
      for (const m of value.match(IPV6) ?? []) this.ip6s.add(m);
      for (const m of value.match(FQDN) ?? []) if (looksLikeFqdn(m)) this.fqdns.add(m.toLowerCase());
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
    const named = [...this.nodes].filter((n) => n.includes('.'));
    for (const n of named) this.fqdns.add(n);
    const domains = new Set([...this.fqdns].map((f) => f.slice(f.indexOf('.') + 1)));
    [...domains].sort().forEach((d, i) => this.domainMap.set(d, `domain-${i + 1}.example`));
    const short = new Set<string>([...this.nodes].map((n) => n.split('.')[0]));
    for (const f of this.fqdns) {
      const first = f.split('.')[0];
      if (/\d/.test(first) || this.nodes.has(f)) short.add(first);
    }
    const labels = new Set([...short, ...[...this.fqdns].map((f) => f.split('.')[0])]);
    [...labels].sort().forEach((l) => this.hostMap.set(l, `host-${this.hostMap.size + 1}`));
    const alts = [...short].sort((a, b) => b.length - a.length).map(escapeRegex);
    this.shortRe = alts.length ? BOUNDARY(alts.join('|')) : null;
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
    if (isNeutral(m) || !validIpv4(m)) return m;
    let p = this.ipMap.get(m);
    if (!p) this.ipMap.set(m, (p = `10.255.255.${(this.ipMap.size % 254) + 1}`));
    return p;
  }

  private ip6(m: string): string {
    const c = canonicalIpv6(m);
    if (c === null || isNeutralIpv6(m)) return m;
    let p = this.ip6Map.get(c);
    if (!p) this.ip6Map.set(c, (p = `2001:db8:ffff:ffff::${((this.ip6Map.size % 0xfffe) + 1).toString(16)}`));
    return p;
  }

  private fqdn(m: string): string {
    const n = m.toLowerCase();
    if (this.domainMap.has(n)) return this.domainMap.get(n)!;
    const known = [...this.domainMap.keys()].filter((d) => n.endsWith('.' + d)).sort((a, b) => b.length - a.length)[0];
    if (known) return `${this.host(n.slice(0, -(known.length + 1)))}.${this.domainMap.get(known)}`;
    if (!this.fqdns.has(n) && !looksLikeFqdn(n)) return m;
    const dot = n.indexOf('.');
    return `${this.host(n.slice(0, dot))}.${this.domain(n.slice(dot + 1))}`;
  }

  /** One string with every address and name replaced. */
  text(s: string): string {
    if (!this.frozen) this.freeze();
    // IPv6 first: its pseudonyms hold no dotted quad, and `::ffff:a.b.c.d` is left to IPv4
    let out = s.replace(IPV6, (m) => this.ip6(m)).replace(IPV4, (m) => this.ip(m)).replace(FQDN, (m) => this.fqdn(m));
    if (this.shortRe) out = out.replace(this.shortRe, (m) => this.host(m.toLowerCase()));
    return out;
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
