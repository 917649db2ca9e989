// The terminal table fits $COLUMNS: cut columns end in `…`, tables too wide fold into key/value
// lines, prose wraps; --wide (width null) cuts nothing; log text is made terminal-safe.
import { breakWord, cut, fitTable, fold, wrap } from '../../src/render/fit';
import { renderTable } from '../../src/render/table';
import { runCli, CASE1, CASE2 } from '../support/cli';
import { handmadeReport } from './handmade';

const cols = (n: number) => Array.from({ length: n }, (_, i) => ({ head: `c${i}` }));

describe('fit helpers', () => {
  test('cut ends (or starts) with … at exactly the width', () => {
    expect(cut('abcdefgh', 5)).toBe('abcd…');
    expect(cut('abcdefgh', 5, 'start')).toBe('…efgh');
    expect(cut('abc', 5)).toBe('abc');
  });
  test('a table that fits is drawn whole; one that does not is cut, then folded', () => {
    const rows = [['a', 'x'.repeat(30)]];
    expect(fitTable(cols(2), rows, { width: 80, color: false })).toContain('x'.repeat(30));
    const cutOne = fitTable([{ head: 'c0' }, { head: 'c1', cut: 'end' as const, min: 8 }], rows, { width: 20, color: false });
    expect(Math.max(...cutOne.split('\n').map((l) => [...l].length))).toBeLessThanOrEqual(20);
    expect(cutOne).toContain('…');
    const folded = fitTable(cols(2), rows, { width: 20, color: false });
    expect(folded).toBe(fold(cols(2), rows, 20));
    expect(folded.split('\n')).toEqual(['a', `  c1 ${'x'.repeat(14)}…`]);
  });
  test('wrap keeps words and indents continuation lines', () => {
    expect(wrap('one two three four', { width: 20, color: false }, '  ').split('\n').every((l) => l.length <= 20)).toBe(true);
    expect(wrap('one two', { width: null, color: false })).toBe('one two');
  });
  test('a word longer than a line (a path in a sentence) is broken over lines, after a slash when it can, never cut', () => {
    const p = 'ecs-server-down/feng-ws1.sme-feng.athens.cloudera.com/process/1546338947-ecs-ECS_SERVER/logs/stderr.log:54';
    expect(breakWord(p, 40)).toEqual(['ecs-server-down/feng-ws1.sme-feng.athens', '.cloudera.com/process/', '1546338947-ecs-ECS_SERVER/logs/', 'stderr.log:54']);
    expect(breakWord('x'.repeat(50), 20)).toEqual(['x'.repeat(20), 'x'.repeat(20), 'x'.repeat(10)]);
    const text = `it is registered in the cluster (${p}) but has no logs`;
    const w = wrap(text, { width: 40, color: false }, '  ');
    expect(w.split('\n').every((l) => [...l].length <= 40)).toBe(true);
    expect(w).not.toContain('…');
    expect(w.split('\n').map((l) => l.trim()).join('')).toContain(`(${p})`);
  });
  test('cells and prose are terminal-safe: control characters are shown, never sent', () => {
    const t = fitTable(cols(2), [['evil\u001b[2J', 'rtl\u202e']], { width: null, color: false });
    expect(t).toContain('evil\\x1b[2J');
    expect(t).toContain('rtl\\u202e');
    expect(t).not.toMatch(/[\u001b\u202e]/);
    expect(wrap('a\u0007b', { width: 40, color: false })).toBe('a\\x07b');
  });
});

describe.each([[80], [120]])('the seed cases in a %i-column terminal', (columns) => {
  test('no line is wider than the terminal, every milestone and pod is still there', async () => {
    const run = await runCli([CASE1, CASE2], { tty: true, env: { COLUMNS: String(columns), NO_COLOR: '1' } });
    expect(run.code).toBe(0);
    const wide = run.stdout.split('\n').filter((l) => [...l].length > columns);
    expect(wide).toEqual([]);
    for (const s of ['OUTAGE BEGINS first sign of failure', 'OUTAGE MITIGATED load balancer failed over', 'hiveserver2-0', 'cdp-release-alert-admin-service-68f5c6dd7c-glt9k', 'Summary:']) expect(run.stdout).toContain(s);
    // prose keeps every word: the story sentence is wrapped, not cut (a path in prose: the breakWord test above)
    const story = run.stdout.slice(run.stdout.indexOf('Server 10.113.207.142 went down'), run.stdout.indexOf('start 2022-12-29 09:13:37'));
    expect(story).not.toContain('…');
    expect(story.replace(/\n/g, ' ')).toContain('it did not come back in the logs (logs end 29m34s after the start).');
    // a reaper-only incident hours after the observers' logs end says no negative "logs end"
    expect(run.stdout).not.toMatch(/logs end [+]?-/);
    expect(run.stderr).toBe('');
  });
});

describe('--wide and pipes', () => {
  test('not a terminal: the full table, nothing cut', async () => {
    const run = await runCli([CASE1], { env: { COLUMNS: '80' } });
    expect(Math.max(...run.stdout.split('\n').map((l) => [...l].length))).toBeGreaterThan(120);
    expect(run.stdout).not.toMatch(/…\/logs\/stderr\.log/);
  });
  test('--wide on a terminal is the full table too; NO_COLOR keeps it plain', async () => {
    const run = await runCli([CASE1, '--wide'], { tty: true, env: { COLUMNS: '80', NO_COLOR: '1' } });
    expect(Math.max(...run.stdout.split('\n').map((l) => [...l].length))).toBeGreaterThan(120);
    expect(run.stdout).not.toContain('\u001b[');
  });
});

describe('milestones in time order', () => {
  test('a load balancer failover before the tunnel stopped is listed first', () => {
    const text = renderTable(handmadeReport(), { tz: 'UTC', color: false, width: null });
    expect(text.indexOf('OUTAGE MITIGATED load balancer failed over')).toBeLessThan(text.indexOf('tunnel stopped '));
  });
  test('--tz puts the zone beside UTC, as the ticket formats do', async () => {
    const run = await runCli([CASE1, '--tz', 'Asia/Shanghai']);
    expect(run.stdout).toContain('went down at 09:13:37 UTC (17:13:37 Asia/Shanghai)');
    expect(run.stdout).toMatch(/│ 09:13:53 \(17:13:53\)\s+│ \+16s/);
  });
});

describe('notes and warnings', () => {
  test('a bundle\'s not-log files are one line; a read error is said once in the report', () => {
    const text = renderTable(handmadeReport(), { tz: 'UTC', color: false, width: null });
    expect(text).toContain('- 5 files are not logs (not read): systeminfo/uptime ×2, systeminfo/df, kubectl/pods ×2');
    expect(text.split('read error after line 50').length - 1).toBe(1);
  });
});
