// A rule turns one matching record into one event. Rules are data with their own proof (STYLE §2).
import type { EventDetails, EventKind, LogRecord } from '../types';

export interface RuleExamples {
  /** real lines (seed, reference) that must produce this rule's event */
  match: string[];
  /** lines that look close but must not */
  noMatch: string[];
}

/** What every rule has, whatever its kind. */
interface RuleBase {
  id: string;
  /** which releases print this wording (for `rke2-outage rules` and the reader) */
  versions: string;
  /** literal substrings of the raw line; a line containing none never reaches `match` */
  needles: string[];
  /** applied to the record's message; named groups feed `peer` and `detail` */
  match: RegExp;
  /** only records of these formats */
  formats?: string[];
  /** extra conditions on fields (all must hold); `!` prefix on a key negates the test */
  where?: Record<string, RegExp>;
  /** where the peer comes from: a named group `addr`/`name`, the `url`/`error` field, an etcd peer
   * (address in `error`/`address`, else the hex member id), or nowhere */
  peer?: 'addr' | 'name' | 'url' | 'error' | 'url-or-error' | 'etcd' | 'none';
  examples: RuleExamples;
}

type DetailFn<K extends EventKind> = (g: Record<string, string>, rec: LogRecord) => EventDetails[K];

/** A rule of kind K: its `detail` builds that kind's typed detail (required when the kind has required fields). */
export type RuleOf<K extends EventKind> = RuleBase & { kind: K } & (Record<never, never> extends EventDetails[K] ? { detail?: DetailFn<K> } : { detail: DetailFn<K> });

/** Any rule: narrowed by `kind`. */
export type Rule = { [K in EventKind]: RuleOf<K> }[EventKind];

/** host:port (IPv4, [IPv6] or DNS name) as rke2 prints peers. */
export const ADDR = String.raw`(?:\d{1,3}(?:\.\d{1,3}){3}|\[[0-9A-Fa-f:.]{2,45}\]|[A-Za-z0-9][A-Za-z0-9.-]{0,252}):\d{1,5}`;

const DIAL_TARGET = new RegExp(String.raw`(?:dial tcp |->|wss://|https://)(${ADDR})`);

/** The remote address named inside an error or URL (`dial tcp X:9345`, `a->X`, `wss://X/`). */
export function addrIn(text: string | undefined): string | null {
  if (!text) return null;
  const m = DIAL_TARGET.exec(text);
  return m ? m[1] : null;
}

/** etcd member id fields, in the order etcd's rafthttp / prober lines carry them. */
const ETCD_ID_KEYS = ['peer-id', 'remote-peer-id', 'remote-member-id'];

/** The hex member id an etcd line is about, or null. */
export function etcdIdOf(fields: Record<string, string>): string | null {
  for (const k of ETCD_ID_KEYS) {
    const v = fields[k];
    if (v && /^[0-9a-f]{1,16}$/.test(v)) return v;
  }
  return null;
}
