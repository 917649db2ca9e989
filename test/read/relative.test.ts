// Paths are shown relative to the argument they came from, its own name kept (DESIGN §7): the
// user's folders above it (a customer's name, a home folder) never appear in any output.
import { cpSync, mkdirSync } from 'node:fs';
import * as path from 'node:path';
import { relativeTo } from '../../src/read/relative';
import { runCli } from '../support/cli';
import { cleanup, FIXTURE, tempDir } from '../bad-input/harness';

test.each([
  [['/home/eng/cases/ACME-Bank-case-4711/bundle'], '/home/eng/cases/ACME-Bank-case-4711/bundle/ds01/journald/rke2-server', 'bundle/ds01/journald/rke2-server'],
  [['/home/eng/cases/ACME-Bank-case-4711/bundle/'], '/home/eng/cases/ACME-Bank-case-4711/bundle/x.tar.gz!ds01/rke2.log', 'bundle/x.tar.gz!ds01/rke2.log'],
  [['../ACME/stderr.log'], '../ACME/stderr.log', 'stderr.log'],
  [['logs'], 'logs/a.log', 'logs/a.log'],
  [['-', 'cases/ACME/reaper.txt'], '<stdin>', '<stdin>'],
  [['/dev/stdin'], '/dev/stdin', '/dev/stdin'],
])('%j: %s is shown as %s', (args, p, shown) => {
  expect(relativeTo(args)(p)).toBe(shown);
});

describe('a bundle under a customer\'s folder', () => {
  let dir: string;
  let bundle: string;
  beforeAll(() => {
    dir = tempDir();
    bundle = path.join(dir, 'ACME-Bank-case-4711', 'bundle');
    mkdirSync(bundle, { recursive: true });
    cpSync(FIXTURE, bundle, { recursive: true });
  });
  afterAll(() => cleanup(dir));
  test.each(['table', 'markdown', 'html', 'json', 'jira'])('%s: the folder above the argument never appears', async (format) => {
    const r = await runCli([bundle, '--format', format, '--redact']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('bundle/');
    expect(r.stdout + r.stderr).not.toMatch(/ACME|rke2-outage-bad-/);
  });
  test('events: neither', async () => {
    const r = await runCli(['events', bundle]);
    expect(r.stdout).toContain('"path":"bundle/');
    expect(r.stdout + r.stderr).not.toMatch(/ACME/);
  });
});
