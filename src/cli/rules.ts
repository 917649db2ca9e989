// `rke2-outage rules`: the rule table (id, kind, versions, one example), as text or JSON.
import { RULES } from '../rules/registry';

/** The rule table; `json` gives one object per rule with all its examples. */
export function renderRules(json: boolean): string {
  if (json) {
    return JSON.stringify(RULES.map((r) => ({ id: r.id, kind: r.kind, versions: r.versions, needles: r.needles, examples: r.examples.match })), null, 2) + '\n';
  }
  const w = (k: 'id' | 'kind') => Math.max(k.length, ...RULES.map((r) => r[k].length));
  const [wi, wk] = [w('id'), w('kind')];
  const head = `${'id'.padEnd(wi)}  ${'kind'.padEnd(wk)}  versions`;
  const rows = RULES.map((r) => `${r.id.padEnd(wi)}  ${r.kind.padEnd(wk)}  ${r.versions}\n${' '.repeat(wi + 2)}e.g. ${r.examples.match[0] ?? '—'}`);
  return [head, ...rows, '', `${RULES.length} rules. \`rke2-outage rules --format json\` lists every example.`].join('\n') + '\n';
}
