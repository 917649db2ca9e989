// Address pseudonyms that keep the shape and the subnets: addresses sharing a /16 or /24 still
// share one after redaction, and hosts keep their order inside a /24. Pseudonyms never equal an
// original address, so no original can survive under another's name.
import { numberNested } from './nested';

/**
 * A dotted quad not glued to other digits or dots-and-digits (bounded: fixed repetition). A dot
 * before it is fine when no digit precedes the dot: `x.10.113.207.152` (a reverse-DNS style name).
 */
export const IPV4 = /(?<!\d)(?<!\d\.)(?:\d{1,3}\.){3}\d{1,3}(?!\.?\d)/g;

/** Addresses that identify nothing: loopback, unspecified, broadcast. */
export function isNeutral(ip: string): boolean {
  return ip.startsWith('127.') || ip === '0.0.0.0' || ip === '255.255.255.255';
}

export function validIpv4(ip: string): boolean {
  return ip.split('.').every((o) => Number(o) <= 255 && (o === '0' || !o.startsWith('0')));
}

/** The address a dotted quad means, zero-padded octets read as decimal (`010.113.207.153`); null when an octet is over 255. */
export function canonicalIpv4(ip: string): string | null {
  const o = ip.split('.').map(Number);
  return o.length === 4 && o.every((x) => x <= 255) ? o.join('.') : null;
}

const num = (ip: string) => ip.split('.').reduce((a, o) => a * 256 + Number(o), 0);

/** Assigns pseudonyms under 10.0.0.0/8: one second octet per original /16, one third per /24. */
export function allocateIpv4(originals: Iterable<string>): Map<string, string> {
  const all = [...new Set(originals)].filter((ip) => validIpv4(ip) && !isNeutral(ip)).sort((a, b) => num(a) - num(b));
  const taken = new Set(all);
  const items = all.map((ip) => {
    const [a, b, c] = ip.split('.');
    return { original: ip, outer: `${a}.${b}`, inner: `${a}.${b}.${c}` };
  });
  return numberNested(items, (b16, c24, h) => `10.${b16 % 256}.${c24 % 256}.${h % 255}`, taken, 1000);
}
