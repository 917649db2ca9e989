// The README is self-contained (issue 12): every file it or docs/ links to is in the repository,
// and nothing points outside it (../shared, DESIGN §n).
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import * as path from 'node:path';

const ROOT = path.join(__dirname, '../..');
const DOCS = ['README.md', ...readdirSync(path.join(ROOT, 'docs')).filter((f) => f.endsWith('.md')).map((f) => `docs/${f}`)];

test.each(DOCS)('%s links only to files in the repository', (file) => {
  const text = readFileSync(path.join(ROOT, file), 'utf8');
  expect(text).not.toMatch(/\.\.\/shared|DESIGN §/);
  const links = [...text.matchAll(/\]\(([^)#]+)(?:#[^)]*)?\)/g)].map((m) => m[1]).filter((l) => !/^[a-z]+:/.test(l));
  for (const l of links) expect({ link: l, exists: existsSync(path.join(ROOT, path.dirname(file), l)) }).toEqual({ link: l, exists: true });
});
