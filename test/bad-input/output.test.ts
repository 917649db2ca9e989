// Class 5 of issue 13: --output writes through devices, FIFOs and links to them in place (never
// replacing them with a regular file); a regular file, or a link to one, is replaced atomically;
// an --output that names an input or the --redact-map file is refused with one line, exit 2.
import { closeSync, constants, createReadStream, existsSync, lstatSync, mkdirSync, openSync, readFileSync, readdirSync, readlinkSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import * as path from 'node:path';
import { cleanup, run, tempDir, ws1Text } from './harness';

let dir: string;
let log: string;
beforeEach(() => {
  dir = tempDir();
  mkdirSync(path.join(dir, 'in'));
  log = path.join(dir, 'in', 'stderr.log');
  writeFileSync(log, ws1Text());
});
afterEach(() => cleanup(dir));

test('-o /dev/null writes into the device and leaves it a device', async () => {
  const before = statSync('/dev/null');
  const r = await run([log, '-o', '/dev/null']);
  expect(r.code).toBe(0);
  expect(r.stderr).toBe('');
  const after = statSync('/dev/null');
  expect(after.isCharacterDevice()).toBe(true);
  expect([after.ino, after.rdev]).toEqual([before.ino, before.rdev]);
});

test('a link to /dev/null stays a link, and nothing is written beside it', async () => {
  const link = path.join(dir, 'out');
  symlinkSync('/dev/null', link);
  const r = await run([log, '-o', link]);
  expect(r.code).toBe(0);
  expect(lstatSync(link).isSymbolicLink()).toBe(true);
  expect(readlinkSync(link)).toBe('/dev/null');
  expect(readdirSync(dir).sort()).toEqual(['in', 'out']);
});

test('a link to a descriptor (/dev/stdout is /proc/self/fd/1) is written through, not replaced', async () => {
  const sink = path.join(dir, 'captured.json');
  const fd = openSync(sink, 'w');
  try {
    const link = path.join(dir, 'stdout');
    symlinkSync(`/proc/self/fd/${fd}`, link);
    const r = await run([log, '-o', link]);
    expect(r.code).toBe(0);
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(JSON.parse(readFileSync(sink, 'utf8')).incidents).toHaveLength(1);
  } finally {
    closeSync(fd);
  }
});

test('a FIFO receives the report and stays a FIFO', async () => {
  const fifo = path.join(dir, 'report.pipe');
  execFileSync('mkfifo', [fifo]);
  const got: Buffer[] = [];
  const reader = new Promise<void>((resolve) => createReadStream(fifo).on('data', (c) => got.push(c as Buffer)).on('end', resolve));
  const r = await run([log, '-o', fifo]);
  await reader;
  expect(r.code).toBe(0);
  expect(statSync(fifo).isFIFO()).toBe(true);
  expect(JSON.parse(Buffer.concat(got).toString()).incidents).toHaveLength(1);
  if (existsSync(fifo)) closeSync(openSync(fifo, constants.O_RDONLY | constants.O_NONBLOCK));
});

test('a link to a regular file: the file is replaced atomically, the link kept', async () => {
  const target = path.join(dir, 'report.json');
  writeFileSync(target, 'old');
  const link = path.join(dir, 'latest.json');
  symlinkSync(target, link);
  const r = await run([log, '-o', link]);
  expect(r.code).toBe(0);
  expect(lstatSync(link).isSymbolicLink()).toBe(true);
  expect(JSON.parse(readFileSync(target, 'utf8')).incidents).toHaveLength(1);
  expect(readdirSync(dir).sort()).toEqual(['in', 'latest.json', 'report.json']);
});

describe('refused: one line, exit 2, nothing written', () => {
  test('-o names one of the inputs', async () => {
    const r = await run([log, '-o', log]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`rke2-outage: --output ${log} is one of the inputs (${log}): it would be overwritten\n`);
    expect(readFileSync(log, 'utf8')).toBe(ws1Text());
  });

  test('-o names one of the inputs through another path (a link)', async () => {
    const alias = path.join(dir, 'alias.log');
    symlinkSync(log, alias);
    const r = await run([log, '-o', alias]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^rke2-outage: --output \S+alias\.log is one of the inputs \(\S+stderr\.log\): it would be overwritten\n$/);
    expect(readFileSync(log, 'utf8')).toBe(ws1Text());
  });

  test('-o names the --redact-map file', async () => {
    const map = path.join(dir, 'map.json');
    const r = await run([log, '-o', map, '--redact-map', map]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`rke2-outage: --output ${map} is the --redact-map file: give them different names\n`);
    expect(existsSync(map)).toBe(false);
  });

  test('the events command refuses the same', async () => {
    const r = await run(['events', log, '-o', log]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/is one of the inputs/);
    expect(readFileSync(log, 'utf8')).toBe(ws1Text());
  });
});
