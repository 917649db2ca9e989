// Address pseudonyms that keep the shape and the subnets: addresses sharing a /16 or /24 still
// share one after redaction, and hosts keep their order inside a /24. Pseudonyms never equal an
// original address, so no original can survive under another's name.

/** A dotted quad not glued to other digits or dots-and-digits (bounded: fixed repetition). */
export const IPV4 = /(?<![\d.])(?:\d{1,3}\.){3}\d{1,3}(?!\.?\d)/g;

/** Addresses that identify nothing: loopback, unspecified, broadcast. */
export function isNeutral(ip: string): boolean {
  return ip.startsWith('127.') || ip === '0.0.0.0' || ip === '255.255.255.255';
}

export function validIpv4(ip: string): boolean {
  return ip.split('.').every((o) => Number(o) <= 255 && (o === '0' || !o.startsWith('0')));
}

const num = (ip: string) => ip.split('.').reduce((a, o) => a * 256 + Number(o), 0);

/** Assigns pseudonyms under 10.0.0.0/8: one second octet per original /16, one third per /24. */
export function allocateIpv4(originals: Iterable<string>): Map<string, string> {
  const all = [...new Set(originals)].filter((ip) => validIpv4(ip) && !isNeutral(ip)).sort((a, b) => num(a) - num(b));
  const taken = new Set(all);
  const out = new Map<string, string>();
  const b16 = new Map<string, number>();
  const c24 = new Map<string, number>();
  const hosts = new Map<string, number>();
  for (const ip of all) {
    const [a, b, c] = ip.split('.');
    const k16 = `${a}.${b}`;
    const k24 = `${k16}.${c}`;
    if (!b16.has(k16)) b16.set(k16, b16.size + 1);
    if (!c24.has(k24)) c24.set(k24, [...c24.keys()].filter((k) => k.startsWith(k16 + '.')).length + 1);
    let h = hosts.get(k24) ?? 0;
    let pseudo: string;
    do {
      h += 1;
      pseudo = `10.${b16.get(k16)! % 256}.${c24.get(k24)! % 256}.${h % 255}`;
    } while (taken.has(pseudo) && h < 1000);
    hosts.set(k24, h);
    out.set(ip, pseudo);
  }
  return out;
}
