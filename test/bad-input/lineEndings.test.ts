// Line endings and empty inputs: CRLF, mixed endings and a missing final newline read the same as
// the LF original; an empty file and an empty stdin are valid inputs with nothing found.
import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { cleanup, outage, run, START, tempDir, ws1Text } from './harness';

let dir: string;
beforeEach(() => { dir = tempDir(); });
afterEach(() => cleanup(dir));

async function summaryOf(text: string) {
  const f = path.join(dir, 'stderr.log');
  writeFileSync(f, text);
  const r = await run([f]);
  expect(r.code).toBe(0);
  const { lines, parsed, events, firstTime, lastTime } = r.report!.inputs[0];
  return { lines, parsed, events, firstTime, lastTime, start: outage(r)?.start, milestones: outage(r)?.milestones };
}

test('CRLF, mixed endings and no final newline give the LF report', async () => {
  const lf = ws1Text();
  const base = await summaryOf(lf);
  expect(base.start).toBe(START);
  expect(await summaryOf(lf.replace(/\n/g, '\r\n'))).toEqual(base);
  expect(await summaryOf(lf.split('\n').map((l, i) => l + (i % 3 === 0 && l ? '\r' : '')).join('\n'))).toEqual(base);
  expect(await summaryOf(lf.replace(/\n$/, ''))).toEqual(base);
});

test('an empty file: read, zero lines, no incident, exit 0', async () => {
  const f = path.join(dir, 'stderr.log');
  writeFileSync(f, '');
  const r = await run([f]);
  expect(r.code).toBe(0);
  expect(r.report!.incidents).toEqual([]);
  expect(r.report!.inputs).toEqual([expect.objectContaining({ lines: 0, parsed: 0, events: 0 })]);
});

test('an empty stdin: zero lines, no incident, exit 0', async () => {
  const r = await run(['-']);
  expect(r.code).toBe(0);
  expect(r.report!.incidents).toEqual([]);
  expect(r.report!.inputs).toEqual([expect.objectContaining({ path: '<stdin>', lines: 0 })]);
});

test('a log on stdin with CRLF endings finds the outage', async () => {
  const r = await run(['-'], ws1Text().replace(/\n/g, '\r\n'));
  expect(r.code).toBe(0);
  expect(outage(r)?.start).toBe(START);
});
