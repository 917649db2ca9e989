// The options table (issue 8 item 6) is the one source: yargs, --help, the timing defaults and
// the README come from it; usage errors are one line and exit 2 (issue 12).
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { gzipSync } from 'node:zlib';
import { DEFAULT_TIMING } from '../../src/assemble/timing';
import { OPTIONS, defaultOf, durationArg } from '../../src/cli/options';
import { parseArgs } from '../../src/cli/parser';
import { timingFrom } from '../../src/cli/analyzeOptions';
import { formatFor } from '../../src/cli/formats';
import { fakeIo, runCli, CASE1, CASE2 } from '../support/cli';
import { main } from '../../src/cli/main';

describe('the options table', () => {
  test('timing defaults come from DEFAULT_TIMING, as a user types them', () => {
    expect(durationArg(DEFAULT_TIMING.gap)).toBe('30m');
    expect(defaultOf(OPTIONS.grace)).toBe(durationArg(DEFAULT_TIMING.grace));
    expect(timingFrom({})).toEqual(DEFAULT_TIMING);
    expect(timingFrom({ grace: '50s', gap: '1h' })).toEqual({ ...DEFAULT_TIMING, grace: 50, gap: 3600 });
  });
  test('every option is in --help with its help line and example, and in the README', async () => {
    const run = await runCli(['--help']);
    const readme = await fs.readFile(path.join(__dirname, '../../README.md'), 'utf8');
    for (const [name, spec] of Object.entries(OPTIONS)) {
      expect(run.stdout).toContain(`--${name}`);
      if ('example' in spec) expect(run.stdout.replace(/\s+/g, ' ')).toContain(`e.g. ${spec.example}`);
      expect({ name, inReadme: readme.includes(`--${name}`) }).toEqual({ name, inReadme: true });
    }
  });
  test('a bare - stays among the paths, wherever it is', async () => {
    expect((await parseArgs(['-', 'bundle/'])).args.paths).toEqual(['-', 'bundle/']);
    expect((await parseArgs(['bundle/', '-', '--gap', '5m'])).args.paths).toEqual(['bundle/', '-']);
    expect((await parseArgs(['events', '-'])).args.paths).toEqual(['-']);
  });
  test('cat reaper.txt | rke2-outage - bundle/ reads both', async () => {
    const reaper = await fs.readFile(path.join(CASE2, 'kubectl-logs-pod-reaper-27871940-469b7.txt'), 'utf8');
    const io = fakeIo({ stdin: reaper });
    expect(await main(['-', CASE1, '-f', 'json'], io)).toBe(0);
    const r = JSON.parse(io.out());
    expect(r.inputs.map((i: { path: string }) => i.path)).toContain('<stdin>');
    expect(r.incidents).toHaveLength(2);
  });
});

describe('usage errors: one line, exit 2, nothing written', () => {
  test.each([
    [[CASE1, '--gap', '5'], 'rke2-outage: --gap 5: give a unit, e.g. 5s or 5m'],
    [['rules', 'extra'], 'rke2-outage: rules takes no arguments (got extra)'],
    [['events', CASE1, '-f', 'markdown'], 'rke2-outage: --format markdown: `events` is written as ndjson'],
    [['rules', '-f', 'html'], 'rke2-outage: --format html: `rules` is written as table, json'],
  ])('%j', async (argv, err) => {
    const run = await runCli(argv as string[]);
    expect([run.code, run.stderr, run.stdout]).toEqual([2, err + '\n', '']);
  });
  test('--strict on an input with nothing readable', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'rke2o-'));
    await fs.mkdir(path.join(dir, 'systeminfo'));
    await fs.writeFile(path.join(dir, 'systeminfo', 'uptime'), ' 17:48:37 up 3 days\n');
    const strict = await runCli([dir, '--strict']);
    expect([strict.code, strict.stdout]).toEqual([2, '']);
    expect(strict.stderr).toMatch(/^rke2-outage: --strict: nothing readable in the input[^\n]*\n$/);
    expect((await runCli([dir])).code).toBe(0);
    // text that is no log at all: lines, none of them a log line
    await fs.writeFile(path.join(dir, 'notes.txt'), 'hello\nthe node went down at nine\n');
    expect((await runCli([dir, '--strict'])).code).toBe(2);
    // one log line anywhere makes it readable
    await fs.writeFile(path.join(dir, 'rke2.log'), 'time="2022-12-29T17:13:37+08:00" level=info msg="Containerd is now running"\n');
    expect((await runCli([dir, '--strict'])).code).toBe(0);
    await fs.rm(dir, { recursive: true });
  });
});

describe('--output picks the format from the file name unless -f says otherwise', () => {
  test.each([['r.html', 'html'], ['r.md', 'markdown'], ['r.json', 'json'], ['r.ndjson', 'ndjson'], ['r.txt', 'table'], ['r.log', 'table']])('%s -> %s', (file, format) => {
    expect(formatFor('report', { output: file })).toBe(format);
  });
  test('-f wins; events keep ndjson whatever the name', () => {
    expect(formatFor('report', { output: 'r.html', format: 'markdown' })).toBe('markdown');
    expect(formatFor('events', { output: 'e.json' })).toBe('ndjson');
  });
  test('-o report.html writes HTML, -o events.ndjson the event stream', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'rke2o-'));
    expect((await runCli([CASE2, '-o', path.join(dir, 'report.html')])).code).toBe(0);
    expect(await fs.readFile(path.join(dir, 'report.html'), 'utf8')).toMatch(/^<!doctype html>/);
    expect((await runCli([CASE2, '-o', path.join(dir, 'events.ndjson')])).code).toBe(0);
    const lines = (await fs.readFile(path.join(dir, 'events.ndjson'), 'utf8')).trim().split('\n');
    expect(JSON.parse(lines[0]).kind).toBeDefined();
    await fs.rm(dir, { recursive: true });
  });
});

describe('warnings once', () => {
  test('on a terminal the report says them and stderr stays quiet; to a pipe stderr has them too', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'rke2o-'));
    const reaper = await fs.readFile(path.join(CASE2, 'kubectl-logs-pod-reaper-27871940-469b7.txt'));
    const gz = gzipSync(reaper);
    await fs.writeFile(path.join(dir, 'cut.log.gz'), gz.subarray(0, Math.floor(gz.length / 2))); // a download cut short
    await fs.writeFile(path.join(dir, 'reaper.txt'), reaper);
    const tty = await runCli([dir], { tty: true, env: { COLUMNS: '100', NO_COLOR: '1' } });
    expect(tty.stderr).toBe('');
    const pipe = await runCli([dir]);
    expect(pipe.stderr).toMatch(/rke2-outage: warning: .*cut\.log\.gz: read error/);
    for (const out of [tty.stdout, pipe.stdout]) expect(out.split('read error').length - 1).toBe(1);
    await fs.rm(dir, { recursive: true });
  });
});
