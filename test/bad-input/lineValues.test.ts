// Class 1 of issue 13: one line must never crash the run. Any field of any format given a hostile
// value (a time out of range, 1e20, deep nesting, garbage) makes an unparsed line: the parsers
// never throw, a record's values are always usable, and the lines after it are still read.
import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import * as fc from 'fast-check';
import { FORMATS, LAST_RESORT, parseLine } from '../../src/formats/registry';
import { parseWith, type LineFormat } from '../../src/formats/format';
import { MAX_TIME, MIN_TIME } from '../../src/formats/timestamps';
import { SourceScanner } from '../../src/read/scanner';
import { finishAlone } from '../../src/read/finish';
import type { LogRecord } from '../../src/types';
import { INFO } from '../support/reference';
import { cleanup, outage, run, START, tempDir, ws1Text } from './harness';
import { runCli } from '../support/cli';

const deep = (n: number) => '{"a":'.repeat(n) + '1' + '}'.repeat(n);
/** Values an attacker or a broken writer puts in a field. */
const HOSTILE = [
  '1e20', '-1e20', '8640000000000', '8640000000001', '-8640000000000', '99999999999999999999', 'NaN', 'Infinity', '-0', '1e-400',
  '0001-01-01T00:00:00Z', '0000-01-01T00:00:00Z', '9999-12-31T23:59:59.999999999Z', '10000-01-01T00:00:00Z', '2022-13-45T99:99:99+99:99',
  '2022-12-29T09:13:37+23:59', '2022-02-31T24:00:60Z', 'Dec 99 99:99:99', 'Feb 31 23:59:60', '9999 99:99:99.999999', '0000 00:00:00',
  '"', '\\', '\\"', '{', '[', '}', ']', '', ' ', '\u2028', '\u202e', '\x1b]52;c;SGVsbG8=\x07', '\0\0\0', 'é'.repeat(300), 'x'.repeat(70_000),
  deep(4200), '['.repeat(5000),
];
const JSON_HOSTILE: unknown[] = [1e20, -1e20, 8640000000000, 8.64e15, Number.MAX_VALUE, -Number.MAX_VALUE, 0, -0.5, 'x', '', null, true, [], {}, { ts: 1 }];

/** The spans of a line's named groups (time, host, msg, ...), found with the format's own pattern. */
function spans(f: LineFormat, line: string): Array<[number, number]> {
  const m = new RegExp(f.pattern.source, f.pattern.flags.replace('g', '') + 'd').exec(line);
  const idx = (m as (RegExpExecArray & { indices?: { groups?: Record<string, [number, number] | undefined> } }) | null)?.indices?.groups ?? {};
  return Object.values(idx).filter((s): s is [number, number] => !!s);
}

/** A sample line of a format with one field (a group, or a JSON value) replaced by a hostile value. */
const mutated = fc.tuple(
  fc.constantFrom(...[...FORMATS, ...LAST_RESORT].flatMap((f) => f.samples.map((s) => [f, s.line] as const))),
  fc.nat(),
  fc.oneof(fc.constantFrom(...HOSTILE), fc.string({ unit: 'binary', maxLength: 40 }), fc.double().map(String), fc.bigInt().map(String)),
  fc.oneof(fc.constantFrom(...JSON_HOSTILE), fc.double(), fc.string({ unit: 'binary', maxLength: 20 })),
).map(([[f, line], pick, value, jsonValue]) => {
  if (line.startsWith('{')) {
    const o = JSON.parse(line) as Record<string, unknown>;
    const keys = Object.keys(o);
    o[keys[pick % keys.length]] = pick % 7 === 0 ? JSON.parse(deep(200)) : jsonValue;
    return JSON.stringify(o);
  }
  const s = spans(f, line);
  if (!s.length) return value + line;
  const [a, b] = s[pick % s.length];
  return line.slice(0, a) + value + line.slice(b);
});

/** Every value later stages compute with is usable: times print, numbers are finite. */
function expectUsable(rec: LogRecord | null): void {
  if (!rec) return;
  expect(typeof rec.msg).toBe('string');
  if (rec.time !== null) {
    expect(rec.time).toBeGreaterThanOrEqual(MIN_TIME);
    expect(rec.time).toBeLessThanOrEqual(MAX_TIME);
    expect(() => new Date(rec.time!).toISOString()).not.toThrow();
  }
  if (rec.relSeconds !== undefined) expect(Number.isFinite(rec.relSeconds)).toBe(true);
  if (rec.prefixLagMs !== undefined) expect(Number.isFinite(rec.prefixLagMs)).toBe(true);
  if (rec.local) for (const v of [rec.local.month, rec.local.day, rec.local.hour, rec.local.minute, rec.local.second]) expect(Number.isInteger(v)).toBe(true);
}

test('property: a hostile value in any field of any format is an unparsed line or a usable record', () => {
  fc.assert(fc.property(mutated, (line) => {
    expectUsable(parseLine(line));
    for (const f of [...FORMATS, ...LAST_RESORT]) expectUsable(parseWith(f, line));
  }), { numRuns: 4000 });
});

test('property: the line stage never throws on them and finishes with printable times', () => {
  fc.assert(fc.property(fc.array(mutated, { maxLength: 12 }), (lines) => {
    const sc = new SourceScanner({ ...INFO });
    for (const l of lines) sc.line(l);
    const done = finishAlone(sc.result());
    expect(done.summary.lines).toBe(lines.length);
    for (const ev of done.events) for (const t of [ev.time, ev.until]) if (t !== null) expect(() => new Date(t).toISOString()).not.toThrow();
  }), { numRuns: 400 });
});

describe('through the CLI: the hostile line is unparsed, the rest of the file is read', () => {
  let dir: string;
  beforeEach(() => { dir = tempDir(); });
  afterEach(() => cleanup(dir));

  const zap = (ts: string) => `{"level":"info","ts":${ts},"msg":"x"}`;
  const deepLine = `{"level":"info","msg":"x","ts":"2022-12-29T09:13:37Z","n":${deep(4200)}}`;
  test.each([
    ['a zap ts of 1e20', zap('1e20')],
    ['the last valid date in seconds', zap('8640000000000')],
    ['a negative zap ts', zap('-1e20')],
    ['a JSON line nested 4,200 levels deep', deepLine],
    ['an RFC 3339 time in year 10000 (logrus)', 'time="10000-01-01T00:00:00Z" level=info msg="Stopped tunnel to 10.0.0.9:9345"'],
    ['an offset of +99:99', 'time="2022-12-29T17:13:37+99:99" level=info msg="Stopped tunnel to 10.0.0.9:9345"'],
  ])('%s: as the first, a middle and the last line', async (_name, bad) => {
    const lines = ws1Text().split('\n').filter(Boolean);
    const f = path.join(dir, 'stderr.log');
    writeFileSync(f, [bad, ...lines.slice(0, 300), bad, ...lines.slice(300), bad].join('\n'));
    const r = await run([f]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(outage(r)?.start).toBe(START);
    const inp = r.report!.inputs[0];
    expect(inp.lines).toBe(lines.length + 3);
    expect(inp.lines - inp.parsed).toBeGreaterThanOrEqual(3);
    expect(inp.warnings).toEqual([]);
  });

  test('year 0001 is read as year 0001, never 1901', () => {
    expect(new Date(parseLine('time="0001-02-03T04:05:06Z" level=info msg="x"')!.time!).toISOString()).toBe('0001-02-03T04:05:06.000Z');
    expect(new Date(parseLine('{"level":"info","ts":"0099-12-31T23:59:59Z","msg":"x"}')!.time!).toISOString()).toBe('0099-12-31T23:59:59.000Z');
    expect(new Date(parseLine('Thu Dec 29 09:40:02 UTC 0001 processing namespace cdp')!.time!).toISOString()).toBe('0001-12-29T09:40:02.000Z');
  });

  test('a log dated in year 0001 (before 1970, inside what Date holds) shows its real first and last times in the coverage, never null', async () => {
    mkdirSync(path.join(dir, 'node-a'));
    const f = path.join(dir, 'node-a', 'stderr.log');
    writeFileSync(f, 'time="0001-02-03T04:05:06Z" level=info msg="x"\ntime="0001-02-03T04:06:07Z" level=info msg="y"\n');
    const r = await run([f]);
    expect(r.code).toBe(0);
    expect(r.report!.inputs[0]).toMatchObject({ lines: 2, firstTime: '0001-02-03T04:05:06.000Z', lastTime: '0001-02-03T04:06:07.000Z', warnings: [] });
    const table = await runCli([f]);
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(/0001-02-03 04:05:06 UTC .* 0001-02-03 04:06:07 UTC/);
  });
});
