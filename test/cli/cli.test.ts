// The CLI end to end through main(argv, io): exit codes, errors, stdin, --output, the JSON contract.
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { execFileSync } from 'node:child_process';
import Ajv2020 from 'ajv/dist/2020';
import { main } from '../../src/cli/main';
import { fakeIo } from '../support/cli';

// the contract lives in shared/; a copy travels with the repo so a plain clone can test it
const SCHEMA = path.join(__dirname, '../contract/report.schema.json');
const SHARED = path.join(__dirname, '../../../shared/contract/report.schema.json');
const CASE1 = 'fixtures/ecs-server-down';
const CASE2 = 'fixtures/ecs-agent-down';

async function json(args: string[], stdin: string | null = null) {
  const io = fakeIo({ stdin: stdin });
  const code = await main([...args, '--format', 'json'], io);
  return { code, report: JSON.parse(io.out()), err: io.err() };
}

async function allText(dir: string): Promise<string> {
  const out: string[] = [];
  const walk = async (d: string) => {
    for (const n of (await fs.readdir(d)).sort()) {
      const p = path.join(d, n);
      if ((await fs.stat(p)).isDirectory()) await walk(p);
      else out.push(await fs.readFile(p, 'utf8'));
    }
  };
  await walk(dir);
  return out.join('');
}

describe('errors', () => {
  test('a missing path is one clear stderr line and exit 2', async () => {
    const io = fakeIo();
    expect(await main(['no/such/bundle'], io)).toBe(2);
    expect(io.err()).toBe('rke2-outage: cannot read no/such/bundle: no such file or directory\n');
    expect(io.out()).toBe('');
  });
  test('an unknown option is a usage error, exit 2', async () => {
    const io = fakeIo();
    expect(await main([CASE1, '--frobnicate'], io)).toBe(2);
    expect(io.err()).toMatch(/Unknown argument/);
  });
  test('a bad duration names the option', async () => {
    const io = fakeIo();
    expect(await main([CASE1, '--gap', 'soon'], io)).toBe(2);
    expect(io.err()).toMatch(/--gap "soon"/);
  });
  test('no incident says so and exits 0; --fail-on incident exits 1 only when one is found', async () => {
    const io = fakeIo();
    expect(await main(['fixtures/startup-only'], io)).toBe(0);
    expect(io.out()).toMatch(/^No outage found in 1 input/);
    expect(await main(['fixtures/startup-only', '--fail-on', 'incident'], fakeIo())).toBe(0);
    expect(await main([CASE2, '--fail-on', 'incident'], fakeIo())).toBe(1);
  });
});

describe('JSON contract', () => {
  let validate: ReturnType<Ajv2020['compile']>;
  beforeAll(async () => {
    validate = new Ajv2020({ strict: false }).compile(JSON.parse(await fs.readFile(SCHEMA, 'utf8')));
  });
  test('the repo copy of the schema is the shared contract', async () => {
    const shared = await fs.readFile(SHARED, 'utf8').catch(() => null);
    if (shared !== null) expect(await fs.readFile(SCHEMA, 'utf8')).toBe(shared);
  });
  test.each([[CASE1], [CASE2], ['fixtures/startup-only']])('%s validates against report.schema.json', async (dir) => {
    const { report } = await json([dir]);
    const ok = validate(report);
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
  });
});

describe('inputs', () => {
  test('both seed cases together: two incidents, the second estimated', async () => {
    const { report } = await json([CASE1, CASE2]);
    expect(report.incidents.map((i: any) => [i.peer.address, i.start, i.estimatedStart, i.durations.interruption])).toEqual([
      ['10.113.207.142', '2022-12-29T09:13:37.000Z', false, 1585],
      [null, '2022-12-29T12:02:01.000Z', true, 1080],
    ]);
  });
  test('the same lines through stdin give the same incidents', async () => {
    const text = (await allText(CASE1)) + (await allText(CASE2));
    const files = await json([CASE1, CASE2]);
    const piped = await json(['-'], text);
    const key = (r: any) => r.incidents.map((i: any) => [i.peer.address, i.start, i.durations]);
    expect(key(piped.report)).toEqual(key(files.report));
    expect(piped.report.inputs[0].path).toBe('<stdin>');
  });
  test('--node names stdin', async () => {
    const { report } = await json(['-', '--node', 'feng-ws9'], 'time="2022-12-29T17:13:53+08:00" level=info msg="Stopped tunnel to 10.0.0.12:9345"\n');
    expect(report.inputs[0].node).toBe('feng-ws9');
    expect(report.incidents[0].observers[0].node).toBe('feng-ws9');
  });
  test('a single .gz file is read', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'rke2o-'));
    const src = path.join(CASE2, 'kubectl-logs-pod-reaper-27871940-469b7.txt');
    const gz = path.join(dir, 'reaper.log.gz');
    execFileSync('sh', ['-c', `gzip -c ${src} > ${gz}`]);
    const { report } = await json([gz]);
    expect(report.incidents[0].durations.interruption).toBe(1080);
    await fs.rm(dir, { recursive: true });
  });
});

describe('--output', () => {
  test('writes the report to the file and nothing to stdout', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'rke2o-'));
    const file = path.join(dir, 'report.json');
    const io = fakeIo();
    expect(await main([CASE2, '--format', 'json', '--output', file], io)).toBe(0);
    expect(io.out()).toBe('');
    expect(JSON.parse(await fs.readFile(file, 'utf8')).incidents).toHaveLength(1);
    expect(await fs.readdir(dir)).toEqual(['report.json']);
    await fs.rm(dir, { recursive: true });
  });
  test('a missing input leaves no output file behind', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'rke2o-'));
    expect(await main(['nope', '--output', path.join(dir, 'r.txt')], fakeIo())).toBe(2);
    expect(await fs.readdir(dir)).toEqual([]);
    await fs.rm(dir, { recursive: true });
  });
});

describe('unknown observers', () => {
  test('a paste without --node is labelled after the input (stdin), never pod-reaper', async () => {
    const io = fakeIo({ stdin: 'time="2022-12-29T17:13:53+08:00" level=info msg="Stopped tunnel to 10.0.0.12:9345"\n' });
    expect(await main(['-', '--format', 'markdown'], io)).toBe(0);
    const row = io.out().split('\n').find((l) => l.includes('tunnel stopped'))!;
    expect(row).toContain('| stdin |');
    const milestoneRows = io.out().split('\n').filter((l) => /first sign of failure|tunnel stopped/.test(l) && l.startsWith('| 09'));
    expect(milestoneRows.length).toBeGreaterThan(0);
    for (const r of milestoneRows) expect(r).not.toContain('pod-reaper');
  });
});
