// Class 2 of issue 13: volume. About 125,000 events in one file, and 200,000 inputs, crashed the
// run with `RangeError: Maximum call stack size exceeded` (an argument list as long as the data:
// `events.push(...s.events)`, cli-table3's `push.apply`). No argument list may grow with the input;
// a table of 200,000 inputs is summarised, not drawn.
import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import * as tar from 'tar-stream';
import { createWriteStream } from 'node:fs';
import { runCli } from '../support/cli';
import { cleanup, run, tempDir } from './harness';

jest.setTimeout(300_000);

let dir: string;
beforeEach(() => { dir = tempDir(); });
afterEach(() => cleanup(dir));

test('125,000 events in one file: read, assembled and reported', async () => {
  const t0 = Date.UTC(2022, 11, 29, 9, 0, 0);
  const lines = Array.from({ length: 125_000 }, (_, i) => `time="${new Date(t0 + i * 1000).toISOString().replace('.000Z', 'Z')}" level=info msg="Connecting to proxy" url="wss://10.0.0.${(i % 200) + 1}:9345/v1-rke2/connect"`);
  const f = path.join(dir, 'stderr.log');
  writeFileSync(f, lines.join('\n') + '\n');
  const r = await run([f]);
  // every peer recurs every 200 s: past the run budget its repeats join one run across silences (read/runs.ts), said once
  expect(r.stderr.trim().split('\n')).toEqual([expect.stringMatching(/^rke2-outage: warning: stderr\.log: 25,200 runs kept: past 25,000, .*\(99,800 silence\(s\) in 200 run\(s\)\)/)]);
  expect(r.code).toBe(0);
  expect(r.report!.inputs[0]).toMatchObject({ lines: 125_000, events: 125_000 });
  const events = await run(['events', f]);
  expect(events.code).toBe(0);
  expect(events.stdout.trim().split('\n')).toHaveLength(125_000);
});

/** A tar of `n` small logs, one per folder (`b/nN/stderr.log`), written as it is packed. */
async function manyLogs(file: string, n: number): Promise<void> {
  const pack = tar.pack();
  const done = new Promise<void>((resolve, reject) => pack.pipe(createWriteStream(file)).on('finish', resolve).on('error', reject));
  for (let i = 0; i < n; i++) {
    const body = `time="2022-12-29T09:13:${String(i % 60).padStart(2, '0')}Z" level=info msg="hello ${i}"\n`;
    await new Promise<void>((res, rej) => pack.entry({ name: `b/n${i}/stderr.log`, mtime: new Date(0) }, body, (e) => (e ? rej(e) : res())));
  }
  pack.finalize();
  await done;
}

test('200,000 inputs: every one read and counted; the table summarises them instead of drawing 200,000 rows', async () => {
  const f = path.join(dir, 'many.tar');
  await manyLogs(f, 200_000);
  const r = await runCli([f]);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  expect(r.stdout).toMatch(/No outage found in 200000 input/);
  // the rest of the table is one line with its totals
  expect(r.stdout).toMatch(/… and 199,900 more inputs \(\d[\d,]* lines, /);
  expect(r.stdout.split('\n').length).toBeLessThan(1000);
});
