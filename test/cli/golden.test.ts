// Golden files for whole runs (STYLE §12): each fixture's table and JSON output. UPDATE_GOLDEN=1 rewrites them.
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { main } from '../../src/cli/main';
import { fakeIo } from '../support/cli';

const CASES: Array<[string, string[]]> = [
  ['ecs-server-down', ['fixtures/ecs-server-down']],
  ['ecs-agent-down', ['fixtures/ecs-agent-down']],
  ['startup-only', ['fixtures/startup-only']],
];
const FORMATS = [['table', 'txt'], ['json', 'json']];
const DIR = path.join(__dirname, '../golden');

describe.each(CASES)('%s', (name, args) => {
  test.each(FORMATS)('%s output matches the golden file', async (format, ext) => {
    const io = fakeIo();
    expect(await main([...args, '--format', format], io)).toBe(0);
    const file = path.join(DIR, `${name}.${ext}`);
    if (process.env.UPDATE_GOLDEN) await fs.writeFile(file, io.out());
    expect(io.out()).toBe(await fs.readFile(file, 'utf8'));
  });
});
