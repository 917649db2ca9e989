// Checks the rule table when the tool starts (STYLE §3): ids unique, examples both ways, each
// example line really carries a needle (or the prefilter would hide it) and classifies as declared.
import { parseLastResort, parseLine, cleanLine, sniffLine } from '../formats/registry';
import type { Rule } from './rule';
import { classify } from './classify';
import { RULES } from './registry';
import { append } from '../lists';

const CTX = { path: '<example>', line: 1, node: null, role: 'unknown' as const, source: 0, time: null };

/** The rule ids an example line produces, or a reason it produces none. */
export function rulesFor(line: string, rules: Rule[] = RULES): string[] {
  const clean = cleanLine(line);
  const rec = sniffLine(clean) ? parseLine(clean) : parseLastResort(clean);
  if (!rec) return [];
  return classify(rec, { ...CTX, raw: clean }, rules).map((e) => e.rule);
}

export function checkRule(rule: Rule, rules: Rule[] = RULES): string[] {
  const errors: string[] = [];
  const where = `rule ${rule.id} (match ${rule.match.source})`;
  if (!rule.needles.length) errors.push(`${where}: no needles`);
  if (!rule.examples.match.length || !rule.examples.noMatch.length) errors.push(`${where}: needs examples that match and that do not`);
  for (const line of rule.examples.match) {
    const clean = cleanLine(line);
    if (!rule.needles.some((n) => clean.includes(n))) errors.push(`${where}: example has none of the needles: ${line.slice(0, 100)}`);
    const got = rulesFor(line, rules);
    if (!got.includes(rule.id)) errors.push(`${where}: example does not match (got ${got.join(',') || 'nothing'}): ${line.slice(0, 100)}`);
    else if (got.length > 1) errors.push(`${where}: example also matches ${got.filter((g) => g !== rule.id).join(',')}: ${line.slice(0, 100)}`);
  }
  for (const line of rule.examples.noMatch) {
    if (rulesFor(line, rules).includes(rule.id)) errors.push(`${where}: noMatch example matches: ${line.slice(0, 100)}`);
  }
  return errors;
}

export function checkRules(rules: Rule[] = RULES): string[] {
  const errors: string[] = [];
  const ids = new Set<string>();
  for (const r of rules) {
    if (ids.has(r.id)) errors.push(`rule ${r.id}: duplicate id`);
    ids.add(r.id);
    append(errors, checkRule(r, rules));
  }
  return errors;
}
