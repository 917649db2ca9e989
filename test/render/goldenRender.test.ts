// Golden Markdown, HTML and Jira for both seed fixtures and a three-incident bundle (STYLE §12). UPDATE_GOLDEN=1 rewrites them.
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { runCli, CASE1, CASE2 } from '../support/cli';

const DIR = path.join(__dirname, '..', 'golden');
const UPDATE = process.env.UPDATE_GOLDEN === '1';

const CASES: Array<[string, string[]]> = [
  ['ecs-server-down.md', [CASE1, '--format', 'markdown']],
  ['ecs-server-down.shanghai.md', [CASE1, '--format', 'markdown', '--tz', 'Asia/Shanghai']],
  ['ecs-server-down.html', [CASE1, '--format', 'html']],
  ['ecs-agent-down.md', [CASE2, '--format', 'markdown']],
  ['ecs-agent-down.html', [CASE2, '--format', 'html']],
  ['ecs-server-down.jira', [CASE1, '--format', 'jira']],
  ['three-incidents.md', [CASE1, CASE2, 'fixtures/rke2-2024-server-down', '--format', 'markdown']],
];

describe('golden Markdown and HTML reports', () => {
  test.each(CASES)('%s', async (file, argv) => {
    const run = await runCli(argv);
    expect(run.code).toBe(0);
    const golden = path.join(DIR, file);
    if (UPDATE) await fs.writeFile(golden, run.stdout);
    const expected = await fs.readFile(golden, 'utf8').catch(() => {
      throw new Error(`missing ${golden}: run UPDATE_GOLDEN=1 npx jest test/render/goldenRender.test.ts`);
    });
    expect(run.stdout).toBe(expected);
  });
});
