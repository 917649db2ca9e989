// The rule table: one generated test per rule runs its own examples both ways (STYLE §2).
import { RULES } from '../../src/rules/registry';
import { checkRule, checkRules, rulesFor } from '../../src/rules/validate';
import { needleRegex } from '../../src/rules/needles';
import { cleanLine } from '../../src/formats/registry';

describe('rule registry', () => {
  test('ids are unique and every rule has examples both ways', () => {
    expect(checkRules()).toEqual([]);
    for (const r of RULES) {
      expect(r.examples.match.length).toBeGreaterThan(0);
      expect(r.examples.noMatch.length).toBeGreaterThan(0);
    }
  });
  test('the needle prefilter lets every match example through', () => {
    const re = needleRegex(RULES);
    for (const r of RULES) for (const l of r.examples.match) expect(re.test(cleanLine(l))).toBe(true);
  });
});

describe.each(RULES.map((r) => [r.id, r] as const))('rule %s', (_id, rule) => {
  test.each(rule.examples.match.map((l) => [l.slice(0, 90), l]))('matches: %s', (_s, line) => {
    expect(rulesFor(line)).toEqual([rule.id]);
  });
  test.each(rule.examples.noMatch.map((l) => [l.slice(0, 90), l]))('does not match: %s', (_s, line) => {
    expect(rulesFor(line)).not.toContain(rule.id);
  });
  test('passes its own check', () => {
    expect(checkRule(rule)).toEqual([]);
  });
});
