// `rke2-outage rules`: the rule table (id, kind, versions, one example), as text or JSON, with the
// key to the versions column.
import { RULES } from '../rules/registry';
import { CliError } from '../errors';
import { formatFor } from './formats';
import type { Args, Io } from './io';
import { writeAtomic } from './output';

/** What the versions column's keys mean (k3s/rke2 release lines whose wording was read). */
export const VERSION_KEYS = [
  'Versions: 21, 24, 25, 27, 32, 34 are rke2/k3s 1.21 ... 1.34; 26e = 1.26 builds of early 2024;',
  '28* = 1.28.15 and the other October-2024 backports; 29e = builds from December 2024 on; main = master;',
  '"a-b" a range, "+" that release and later, "all" every release read; kcm = kube-controller-manager.',
];

/** The rule table; `json` gives one object per rule with all its examples. */
export function renderRules(json: boolean): string {
  if (json) {
    return JSON.stringify(RULES.map((r) => ({ id: r.id, kind: r.kind, versions: r.versions, needles: r.needles, examples: r.examples.match })), null, 2) + '\n';
  }
  const w = (k: 'id' | 'kind') => Math.max(k.length, ...RULES.map((r) => r[k].length)); // bounded: the rule table
  const [wi, wk] = [w('id'), w('kind')];
  const head = `${'id'.padEnd(wi)}  ${'kind'.padEnd(wk)}  versions`;
  const rows = RULES.map((r) => `${r.id.padEnd(wi)}  ${r.kind.padEnd(wk)}  ${r.versions}\n${' '.repeat(wi + 2)}e.g. ${r.examples.match[0] ?? '—'}`);
  return [head, ...rows, '', `${RULES.length} rules. \`rke2-outage rules --format json\` lists every example.`, ...VERSION_KEYS].join('\n') + '\n';
}

/** The `rules` command: takes no paths; -f table or json. */
export async function runRules(a: Args, io: Io): Promise<number> {
  const extra = (a._ as unknown[]).slice(1);
  if (extra.length) throw new CliError(`rke2-outage: rules takes no arguments (got ${extra.map(String).join(' ')})`);
  const text = renderRules(formatFor('rules', a) === 'json');
  if (a.output) await writeAtomic(String(a.output), text);
  else io.stdout.write(text);
  return 0;
}
