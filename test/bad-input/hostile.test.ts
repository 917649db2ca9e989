// Hostile log text: ~100 KB lines built to make regular expressions backtrack (quotes, backslashes,
// repeated needles, unterminated fields, long field values), tried against every rule's match and
// field tests, every format's sniff and pattern, the logfmt reader and the whole line stage. A
// generous per-rule bound (500 ms for all hostile lines) is a safety net against catastrophic
// backtracking, not a performance test.
import { FORMATS, parseLine } from '../../src/formats/registry';
import { parseLogfmt } from '../../src/formats/logfmt';
import { RULES } from '../../src/rules/registry';
import { SourceScanner } from '../../src/read/scanner';
import { finishAlone } from '../../src/read/finish';
import { INFO } from '../support/reference';

const N = 100_000;
/** A linear pattern reads these lines in milliseconds; a quadratic one takes minutes. The margin keeps a busy CI machine from failing a linear one. */
const LINEAR_MS = 3000;
/** The same bound for the whole reader and line stage (every format and rule at once): linear takes seconds on a loaded machine, quadratic takes hours. */
const STAGE_MS = 60_000;
const fill = (s: string) => s.repeat(Math.ceil(N / s.length)).slice(0, N);

/** Bodies that stress quantifiers: runs of one class, then a character that breaks the match. */
const BODIES = [
  fill('"'), fill('\\'), fill('\\"'), fill('"\\'), fill(' '), fill('\t'), fill('='), fill('a='), fill('a="'), fill('a=" '),
  fill('x'), fill('0'), fill('1.'), fill(':'), fill('['), fill(']'), fill('{"'), fill('",'), fill('10.0.0.1:'), fill('->'),
  fill('é'), fill('\u2028'), fill('%q'), fill('<'), fill('&'),
];

/** Lines: a real prefix of every format, a rule needle, then a hostile body (with and without a closing quote). */
function hostileLines(): string[] {
  const prefixes = [
    'time="2022-12-29T17:13:37+08:00" level=error msg="',
    'Dec 29 17:13:37 ecs-m1 rke2[1532]: time="2022-12-29T17:13:37+08:00" level=info msg="',
    'I1229 09:14:09.413202       1 event.go:291] "',
    '{"level":"warn","ts":"2022-12-29T09:13:27.905Z","msg":"',
    'Thu Dec 29 09:40:02 UTC 2022 ',
    '2022-12-29T09:13:37.123456789Z stderr F ',
    '[27/Dec/2022 13:02:11 +0800] 105531 MainThread redactor     INFO     ',
    '',
  ];
  const needles = [...new Set(RULES.flatMap((r) => r.needles))];
  const out: string[] = [];
  for (const p of prefixes) {
    for (const b of BODIES) out.push(p + b, `${p}${needles[out.length % needles.length]} ${b}`, `${p}${b}" error="${b.slice(0, 1000)}`);
  }
  out.push(fill(needles.join(' ')), fill(needles.join('"')), fill(needles.join('\\ ')));
  return out.map((l) => l.slice(0, N));
}

const LINES = hostileLines();
const ms = (f: () => void) => { const t = process.hrtime.bigint(); f(); return Number(process.hrtime.bigint() - t) / 1e6; };

describe('hostile 100 KB lines', () => {
  test('are many and long', () => {
    expect(LINES.length).toBeGreaterThan(500);
    expect(Math.min(...LINES.map((l) => l.length))).toBeGreaterThan(N - 1000);
  });

  test.each(RULES.map((r) => [r.id, r] as const))('rule %s: match and field tests stay fast', (_id, rule) => {
    const fieldRes = Object.values(rule.where ?? {});
    const spent = ms(() => {
      for (const l of LINES) {
        rule.match.test(l);
        for (const re of fieldRes) re.test(l);
      }
    });
    expect(spent).toBeLessThan(LINEAR_MS);
  });

  test.each(FORMATS.map((f) => [f.name, f] as const))('format %s: sniff and pattern stay fast', (_n, f) => {
    const spent = ms(() => { for (const l of LINES) { f.sniff.test(l); f.pattern.test(l); } });
    expect(spent).toBeLessThan(LINEAR_MS);
  });

  test('the logfmt reader and parseLine neither throw nor hang', () => {
    const spent = ms(() => {
      for (const l of LINES) {
        expect(() => parseLogfmt(l, {})).not.toThrow();
        expect(() => parseLine(l)).not.toThrow();
      }
    });
    expect(spent).toBeLessThan(STAGE_MS);
  });

  test('the whole line stage reads them all and counts every line', () => {
    const sc = new SourceScanner({ ...INFO });
    const spent = ms(() => { for (const l of LINES) sc.line(l); });
    const s = finishAlone(sc.result()).summary;
    expect(s.lines).toBe(LINES.length);
    expect(s.parsed).toBeLessThanOrEqual(s.lines);
    expect(spent).toBeLessThan(STAGE_MS);
  });
});
