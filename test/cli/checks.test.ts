// CLI gaps found against DESIGN §8: `events` warns about inputs not read to the end and honours
// --strict like the report; --year is checked (a typo must not move every line to year 22).
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { gzipSync } from 'node:zlib';
import { runCli } from '../support/cli';
import { cleanup, tempDir, ws1Text } from '../bad-input/harness';

async function cli(args: string[]): Promise<{ code: number; out: string; err: string }> {
  const r = await runCli(args, { stdin: null });
  return { code: r.code, out: r.stdout, err: r.stderr };
}

let dir: string;
beforeAll(() => {
  dir = tempDir();
  writeFileSync(path.join(dir, 'stderr.log'), ws1Text());
  const gz = gzipSync(ws1Text());
  writeFileSync(path.join(dir, 'stderr.log.1.gz'), gz.subarray(0, Math.floor(gz.length / 2))); // a download cut short
  mkdirSync(path.join(dir, 'host', 'feng-ws1.sme-feng.athens.cloudera.com'), { recursive: true });
  writeFileSync(path.join(dir, 'host', 'feng-ws1.sme-feng.athens.cloudera.com', 'stderr.log.1.gz'), gz.subarray(0, Math.floor(gz.length / 2)));
});
afterAll(() => cleanup(dir));

describe('events and inputs not read to the end', () => {
  test('the read error is on stderr, the events before it are printed, exit 0', async () => {
    const r = await cli(['events', path.join(dir, 'stderr.log.1.gz')]);
    expect(r.code).toBe(0);
    expect(r.err).toMatch(/^rke2-outage: warning: \S*stderr\.log\.1\.gz: read error after line \d+: unexpected end of file/m);
    expect(r.out.trim().split('\n').length).toBeGreaterThan(0);
  });

  test('--strict makes it exit 2, as the report does', async () => {
    const events = await cli(['events', dir, '--strict']);
    const report = await cli([dir, '--strict', '-f', 'json']);
    expect([events.code, report.code]).toEqual([2, 2]);
    expect(events.out).toContain('"kind":"tunnel.stopped"');
  });

  test('--redact hides node names in those warnings too', async () => {
    const r = await cli(['events', path.join(dir, 'host'), '--redact']);
    expect(r.err).toMatch(/^rke2-outage: warning: \S*stderr\.log\.1\.gz: read error/m);
    expect(r.out + r.err).not.toContain('feng-ws1');
  });
});

describe('--year', () => {
  test.each([['22'], ['abc'], ['20222']])('--year %s is a usage error naming the option', async (y) => {
    const r = await cli([path.join(dir, 'stderr.log'), '--year', y]);
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err).toMatch(/^rke2-outage: --year.*: expected a four-digit year such as 2022\n$/);
  });

  test('a real year is taken', async () => {
    expect((await cli([path.join(dir, 'stderr.log'), '--year', '2022', '-f', 'json'])).code).toBe(0);
  });
});

describe('--output that cannot be written', () => {
  test.each([
    ['a missing folder', () => path.join(dir, 'no-such-folder', 'report.md'), 'no such folder'],
    ['a folder', () => path.join(dir, 'host'), 'is a folder'],
    ['a path through a file', () => path.join(dir, 'stderr.log', 'report.md'), 'a part of the path is not a folder'],
  ])('%s: one line naming the file and why, exit 2, no temp file left', async (_what, target, why) => {
    const before = readdirSync(dir).sort();
    const r = await cli([path.join(dir, 'stderr.log'), '-o', target()]);
    expect(r.code).toBe(2);
    expect(r.err).toBe(`rke2-outage: cannot write ${target()}: ${why}\n`);
    expect(readdirSync(dir).sort()).toEqual(before);
  });
});

describe('yargs messages spread over lines', () => {
  test('a bad choice is one line that names the option, the value and the choices', async () => {
    const r = await cli([path.join(dir, 'stderr.log'), '-f', 'pdf']);
    expect(r.code).toBe(2);
    expect(r.err).toBe('rke2-outage: --format pdf: the report is written as table, json, markdown, html, jira, ndjson\n');
  });
});

describe('options given without their value', () => {
  test.each([['-o', '-o needs a value'], ['--gap', '--gap needs a value'], ['--node', '--node needs a value'], ['--host', '--host needs a value']])('%s at the end is a usage error, not the default', async (opt, msg) => {
    const r = await cli([path.join(dir, 'stderr.log'), opt]);
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err).toBe(`rke2-outage: ${msg}\n`);
  });

  test('--host takes one NAME=IP: a path after it is still a path', async () => {
    const r = await cli(['--host', 'feng-ws2=10.113.207.142', path.join(dir, 'stderr.log'), '--host', 'feng-ws3=10.113.207.143', '-f', 'json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out).incidents[0].peer).toMatchObject({ address: '10.113.207.142', node: 'feng-ws2' });
  });
});
