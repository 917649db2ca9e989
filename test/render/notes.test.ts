// Notes on the input: a bundle's not-log files in one line with relative paths; info notes apart
// from the findings that need a reader; "how to read this report" in every ticket format.
import { notesOf, reportFindings } from '../../src/render/notes';
import { runCli } from '../support/cli';
import { handmadeReport } from './handmade';

test('not-log files are grouped in one line by the part bundles share', () => {
  const notes = notesOf(handmadeReport());
  expect(notes[0].text).toBe('5 files are not logs (not read): systeminfo/uptime ×2, systeminfo/df, kubectl/pods ×2');
  expect(notes.filter((n) => n.code === 'input-not-log')).toHaveLength(1);
});

test('a Rancher bundle: one not-log line, paths relative to the shared folder, no finding listed twice', async () => {
  const md = (await runCli(['fixtures/rancher-2023-server-down', '-f', 'markdown'])).stdout;
  const notes = md.slice(md.indexOf('## Notes on the input'), md.indexOf('## Coverage'));
  expect(notes.match(/not logs/g)).toHaveLength(1);
  expect(notes).toMatch(/- \d+ files are not logs \(not read\): systeminfo\/uptime ×5/);
  expect(notes).not.toContain('fixtures/rancher-2023-server-down/');
  expect(md).not.toContain('`input-not-log`');
});

test('warnings and critical findings stay findings, with paths under the shared folder', () => {
  expect(reportFindings(handmadeReport()).map((f) => f.message)).toEqual(['ecs-m2 runs 4s ahead of ecs-w1.']);
});

test.each([['markdown', '## How to read this report'], ['html', '<h2 id="guide">How to read this report</h2>'], ['jira', 'h2. How to read this report']])('%s ends with how to read it, interruption vs downtime', async (format, heading) => {
  const text = (await runCli(['fixtures/ecs-server-down', '-f', format])).stdout;
  const guide = text.slice(text.indexOf(heading));
  expect(guide.length).toBeGreaterThan(500);
  for (const term of ['interruption', 'downtime', 'phase', 'from the start', 'OUTAGE MITIGATED']) expect(guide).toContain(term);
});
