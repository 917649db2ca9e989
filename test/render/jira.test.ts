// Jira wiki markup: the seed case's snapshot is the golden file (goldenRender.test.ts); here every
// table is checked by a small parser of Jira's table syntax, and log text is shown to stay text.
import { jiraNoformat, jiraTable, jiraText } from '../../src/render/jiraEscape';
import { renderJira } from '../../src/render/jira';
import { runCli, CASE1, CASE2 } from '../support/cli';
import { handmadeReport } from './handmade';

/** Splits a table line on the cell borders Jira reads (`||` in a head, `|` in a row; `\|` is text). */
function cells(line: string, head: boolean): string[] | null {
  const sep = head ? '||' : '|';
  if (!line.startsWith(sep) || !line.endsWith(sep) || line.endsWith('\\' + sep)) return null;
  const inner = line.slice(sep.length, -sep.length);
  return head ? inner.split(/(?<!\\)\|\|/) : inner.split(/(?<!\\)\|/);
}

/** Every table: a head line, then rows with as many non-empty cells, none holding an unescaped `|`. */
function checkTables(text: string): number {
  let tables = 0;
  let width = 0;
  for (const line of text.split('\n')) {
    if (line.startsWith('||')) {
      const head = cells(line, true);
      expect({ line, ok: head !== null && head.every((c) => c.trim() !== '' && !/(?<!\\)\|/.test(c)) }).toEqual({ line, ok: true });
      width = head!.length;
      tables++;
    } else if (line.startsWith('|')) {
      const row = cells(line, false);
      expect({ line, width: row?.length, empty: row?.some((c) => c === '') }).toEqual({ line, width, empty: false });
    } else width = 0;
  }
  return tables;
}

describe('Jira tables parse', () => {
  test.each([['seed cases', [CASE1, CASE2]], ['three incidents', [CASE1, CASE2, 'fixtures/rke2-2024-server-down']]])('%s', async (_n, paths) => {
    const run = await runCli([...paths, '-f', 'jira']);
    expect(run.code).toBe(0);
    expect(checkTables(run.stdout)).toBeGreaterThan(8);
    expect(run.stdout).toMatch(/^h1\. Outage report$/m);
    expect(run.stdout).toMatch(/\{noformat\}\nE1 ecs-server-down\/\S+stderr\.log:308\n {3}time="2022-12-29T17:13:37\+08:00"/);
  });
  test('the hand-made report with windows, cause and runs', () => {
    expect(checkTables(renderJira(handmadeReport(), { tz: 'Asia/Shanghai', color: false }))).toBeGreaterThan(8);
  });
});

describe('Jira escaping', () => {
  test('markup characters in log text stay text; cells never break', () => {
    expect(jiraText('a|b *x* {code} [link|http://x] !img.png! -strike-')).toBe('a\\|b \\*x\\* \\{code\\} \\[link\\|http://x\\] \\!img.png\\! \\-strike-');
    expect(jiraText('')).toBe(' ');
    expect(jiraText('c:\\path')).toBe('c:&#92;path');
    expect(jiraTable(['a', 'b'], [[jiraText('x|y'), '']])).toBe('||a||b||\n|x\\|y| |');
  });
  test('a log line cannot close the {noformat} block', () => {
    expect(jiraNoformat('x {noformat} y {NOFORMAT}')).toBe('x { noformat} y { noformat}');
  });
});

/** The Jira text outside its {noformat} blocks (log lines are literal there). */
const markup = (text: string) => text.split(/\{noformat\}[\s\S]*?\{noformat\}/).join('\n');

/** Markdown that Jira would show as it is: code spans, bold, links, ATX headings, fences. */
function markdownisms(text: string): string[] {
  return markup(text).split('\n').flatMap((line) => [
    ...(/`/.test(line) ? [`backtick: ${line}`] : []),
    ...(/\*\*/.test(line) ? [`**bold**: ${line}`] : []),
    ...(/(?<!\\)\]\(/.test(line) ? [`[text](url): ${line}`] : []), // an escaped \] is text
    ...(/^\s*#/.test(line) ? [`# heading: ${line}`] : []),
  ]);
}

describe('Jira output holds no Markdown', () => {
  test.each([
    ['seed cases', [CASE1, CASE2]],
    ['three incidents', [CASE1, CASE2, 'fixtures/rke2-2024-server-down']],
    ['Rancher 2023', ['fixtures/rancher-2023-server-down']],
    ['year rollover', ['fixtures/year-rollover']],
    ['Cloudera zip 2022', ['fixtures/cloudera-zip-2022']],
    ['startup only', ['fixtures/startup-only']],
  ])('%s', async (_n, paths) => {
    const run = await runCli([...paths, '-f', 'jira', '--tz', 'Asia/Shanghai']);
    expect(run.code).toBe(0);
    expect(markdownisms(run.stdout)).toEqual([]);
  });

  test('a command in a finding is {{monospace}}, its characters escaped inside', async () => {
    expect((await runCli([CASE1, CASE2, '-f', 'jira'])).stdout).toContain('check they are gone ({{kubectl get pod <pod> \\-n <ns>}})');
    expect((await runCli(['fixtures/rke2-2024-server-down', '-f', 'jira'])).stdout).toContain('({{kubectl get pods \\-A \\-o wide \\| grep Terminating}}, then {{kubectl delete pod <pod> \\-n <ns> \\--grace-period=0 \\--force}})');
  });

  test('the hand-made report, with backticks in a window message, a finding and log text', () => {
    const r = handmadeReport();
    r.windows![0] = { ...r.windows![0], message: `${r.windows![0].message} Run \`kubectl get nodes\`.` };
    r.incidents[0].findings.push({ code: 'x', severity: 'info', message: 'a **bold** [link](http://x) # not a heading `one` and an unpaired ` tick', evidence: [] });
    const text = renderJira(r, { tz: 'UTC', color: false });
    expect(markdownisms(text)).toEqual([]);
    expect(text).toContain('Run {{kubectl get nodes}}.');
    expect(text).toContain('a \\*\\*bold\\*\\* \\[link\\](http://x) \\# not a heading {{one}} and an unpaired &#96; tick');
  });
});
