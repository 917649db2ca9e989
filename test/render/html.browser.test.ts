// Opens the HTML report of seed Case #1 in headless Chromium (Debian's `chromium`, driven by
// playwright-core): the swimlane renders with one lane per node, no console errors, no network
// request, and the hostile pod name shows as text without running. Screenshots go to test/output/
// (the pictures in README.md and docs/ come from docs/screenshots.js).
// Skips (with a message) when no Chromium binary is installed; .ci/run installs it.
import { existsSync, promises as fs } from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { renderHtml } from '../../src/render/html';
import { lanesOf } from '../../src/render/swimlane';
import { runCli, CASE1 } from '../support/cli';
import { hostileCase1, hostileReport, HOSTILE_POD, HOSTILE_POD_NOSPACE } from '../support/hostile';
import { handmadeReport } from './handmade';

// CHROMIUM_PATH, when set, is the only candidate (so the skip can be checked: CHROMIUM_PATH=/none).
const CANDIDATES = process.env.CHROMIUM_PATH ? [process.env.CHROMIUM_PATH] : ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable'];
const BIN = CANDIDATES.find((p): p is string => !!p && existsSync(p));
const OUT = path.join(__dirname, '..', 'output');

if (!BIN) {
  // eslint-disable-next-line no-console
  console.warn(`SKIPPED headless Chromium test: no chromium binary found (tried ${CANDIDATES.join(', ')}). Install it with: apt-get install -y chromium, or set CHROMIUM_PATH.`);
}

(BIN ? describe : describe.skip)('HTML report in headless Chromium', () => {
  jest.setTimeout(60_000);
  let browser: Browser;
  let dir: string;

  beforeAll(async () => {
    await fs.mkdir(OUT, { recursive: true });
    dir = await hostileCase1();
    browser = await chromium.launch({ executablePath: BIN, args: ['--no-sandbox', '--disable-gpu'] });
  });
  afterAll(async () => {
    await browser?.close();
    await fs.rm(dir, { recursive: true, force: true });
  });

  /** Loads a file and records what a hostile or broken page would do. */
  async function open(file: string) {
    const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
    const url = pathToFileURL(file).href;
    const seen = { console: [] as string[], requests: [] as string[], dialogs: [] as string[], errors: [] as string[] };
    page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') seen.console.push(m.text()); });
    page.on('pageerror', (e) => seen.errors.push(String(e)));
    page.on('request', (r) => { if (r.url() !== url) seen.requests.push(r.url()); });
    page.on('dialog', async (d) => { seen.dialogs.push(d.message()); await d.dismiss(); });
    await page.goto(url, { waitUntil: 'load' });
    await page.waitForTimeout(300);
    return { page, seen };
  }

  /** The Case #1 report as the CLI writes it, in test/output/. */
  async function writeCase1(): Promise<string> {
    const file = path.join(OUT, 'case1.html');
    await fs.writeFile(file, (await runCli([CASE1, '--format', 'html', '--tz', 'Asia/Shanghai'])).stdout);
    return file;
  }

  test('Case #1: one lane per node, rendered, no console errors, no network', async () => {
    const file = await writeCase1();
    const json = JSON.parse((await runCli([CASE1, '--format', 'json'])).stdout);
    const { page, seen } = await open(file);
    for (const svg of ['svg.swimlane:not(.detail)', 'svg.swimlane.detail']) {
      const lanes = await page.$$eval(`${svg} g.lane`, (gs) => gs.map((g) => g.getAttribute('data-node')));
      expect(lanes).toEqual(lanesOf(json.incidents[0]));
      expect(lanes).toHaveLength(6);
      const box = await page.locator(svg).boundingBox();
      expect(box!.width).toBeGreaterThan(800);
      expect(box!.height).toBeGreaterThan(150);
      // the marker labels as Chromium lays them out: none overprints another (BEGINS and MITIGATED are seconds apart)
      const labels = await page.$$eval(`${svg} text.ms-label`, (ts) => ts.map((t) => { const b = (t as unknown as { getBBox(): { x: number; y: number; width: number; height: number } }).getBBox(); return { text: t.textContent, x: b.x, y: b.y, w: b.width, h: b.height }; }));
      expect(labels.map((l) => l.text)).toEqual(expect.arrayContaining(['OUTAGE BEGINS', 'OUTAGE MITIGATED']));
      const overlaps = labels.flatMap((a, i) => labels.slice(i + 1).filter((b) => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h).map((b) => `${a.text} / ${b.text}`));
      expect(overlaps).toEqual([]);
    }
    expect(await page.locator('svg.swimlane:not(.detail) circle.mark').count()).toBe(json.incidents[0].timeline.length);
    const hover = await page.locator('svg.swimlane:not(.detail) circle.mark[data-kind="tunnel.stopped"] title').first().textContent();
    expect(hover).toMatch(/^2022-12-29 09:13:53 UTC \(17:13:53 \+08:00\)\ntunnel\.stopped/);
    expect(seen).toEqual({ console: [], requests: [], dialogs: [], errors: [] });
    await page.screenshot({ path: path.join(OUT, 'case1.png') });
    await page.screenshot({ path: path.join(OUT, 'case1-full.png'), fullPage: true });
    await page.close();
  });

  /** The seed cases and a three-incident bundle in one HTML file: long paths, several incidents. */
  async function writeThree(): Promise<string> {
    const file = path.join(OUT, 'three.html');
    await fs.writeFile(file, (await runCli([CASE1, 'fixtures/ecs-agent-down', 'fixtures/rke2-2024-server-down', '--format', 'html', '--tz', 'Asia/Shanghai'])).stdout);
    return file;
  }

  /** Elements wider than the page, or whose content is cut (scrolls inside them). */
  const overflowing = (width: number) => `(() => {
    const out = [];
    if (document.documentElement.scrollWidth > ${width}) out.push('page ' + document.documentElement.scrollWidth);
    for (const el of document.querySelectorAll('table, svg.swimlane, pre, code, .log, .facts, .legend, p, li')) {
      const r = el.getBoundingClientRect();
      if (r.right > ${width} + 0.5 || el.scrollWidth > el.clientWidth + 1 && getComputedStyle(el).overflowX !== 'visible') out.push(el.tagName + '.' + el.className + ' ' + Math.round(r.right));
    }
    return out;
  })()`;

  test('at 800 px nothing scrolls sideways and SVG text keeps a readable size', async () => {
    for (const file of [await writeCase1(), await writeThree()]) {
      const { page, seen } = await open(file);
      await page.setViewportSize({ width: 800, height: 1000 });
      expect(await page.evaluate(overflowing(800))).toEqual([]);
      const sizes = await page.$$eval('svg.swimlane:not(.detail) text.lane-label, svg.swimlane:not(.detail) text.axis', (ts) => ts.map((t) => t.getBoundingClientRect().height));
      expect(Math.min(...sizes)).toBeGreaterThanOrEqual(10.5);
      expect(seen).toEqual({ console: [], requests: [], dialogs: [], errors: [] });
      if (file.endsWith('case1.html')) {
        await page.screenshot({ path: path.join(OUT, 'case1-800.png') });
      }
      await page.close();
    }
  });

  test('prints on A4: no table or swimlane cut, no blank page, incidents not forced onto new pages', async () => {
    const file = await writeThree();
    const { page, seen } = await open(file);
    // A4 minus the 12 mm margins of @page, at 96 px per inch: the width print lays out in
    const printable = Math.floor(((210 - 24) / 25.4) * 96);
    const pageH = ((297 - 24) / 25.4) * 96;
    await page.setViewportSize({ width: printable, height: 1000 });
    await page.emulateMedia({ media: 'print' });
    expect(await page.evaluate(overflowing(printable))).toEqual([]);
    expect(await page.evaluate(`[...document.querySelectorAll('section.incident')].map((s) => getComputedStyle(s).breakBefore)`)).toEqual(['auto', 'auto', 'auto']);
    const height = (await page.evaluate('document.documentElement.scrollHeight')) as number;
    const pdf = await page.pdf({ path: path.join(OUT, 'three.pdf'), format: 'A4', printBackground: true, preferCSSPageSize: true });
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length;
    // rows and pictures kept whole leave some room at page ends, never a page's worth
    expect(pages).toBeGreaterThanOrEqual(Math.ceil(height / pageH));
    expect(pages).toBeLessThanOrEqual(Math.ceil((height * 1.15) / pageH));
    expect(seen).toEqual({ console: [], requests: [], dialogs: [], errors: [] });
    await page.close();
  });

  test('cluster windows seconds apart: their names, the marker and phase labels never overprint, and stay in the picture', async () => {
    // etcd quorum lost 3 s before the control plane goes down (the all-servers-down shape), and both at one instant
    const r = handmadeReport();
    const apart = { ...r, windows: [{ ...r.windows![1], start: '2024-10-20T09:00:27.000Z' }, r.windows![0]] };
    for (const [name, report] of [['apart', apart], ['same instant', r]] as const) {
      const file = path.join(OUT, `windows-${name.replace(' ', '-')}.html`);
      await fs.writeFile(file, renderHtml(report, { tz: 'Asia/Shanghai', color: false }));
      const { page, seen } = await open(file);
      await page.setViewportSize({ width: 800, height: 1000 });
      const svgs = (await page.evaluate(`[...document.querySelectorAll('svg.swimlane')].map((svg) => ({
        windows: svg.querySelectorAll('text.window-label').length,
        width: svg.viewBox.baseVal.width,
        labels: [...svg.querySelectorAll('text.window-label, text.ms-label, text.phase-label')].map((t) => { const b = t.getBBox(); return { text: t.getAttribute('class') + ': ' + t.textContent, x: b.x, y: b.y, w: b.width, h: b.height }; }),
      }))`)) as Array<{ windows: number; width: number; labels: Array<{ text: string; x: number; y: number; w: number; h: number }> }>;
      expect(svgs.filter((s) => s.windows === 2).length).toBeGreaterThanOrEqual(1);
      for (const { labels, width } of svgs) {
        const overlaps = labels.flatMap((a, i) => labels.slice(i + 1).filter((b) => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h).map((b) => `${a.text} / ${b.text}`));
        expect({ name, overlaps }).toEqual({ name, overlaps: [] });
        expect({ name, outside: labels.filter((l) => l.x < 0 || l.x + l.w > width).map((l) => l.text) }).toEqual({ name, outside: [] });
      }
      expect(seen).toEqual({ console: [], requests: [], dialogs: [], errors: [] });
      await page.locator('svg.swimlane').first().screenshot({ path: path.join(OUT, `windows-${name.replace(' ', '-')}.png`) });
      await page.close();
    }
  });

  test('evidence refs (E1, E12) never wrap; headings, durations and causes never break inside a word; at 800 px and on A4', async () => {
    const file = await writeThree();
    const { page } = await open(file);
    // a ref's text on more than one line box: wrapped (or broken inside the word)
    const refs = `[...document.querySelectorAll('td')].filter((td) => /^E\\d+$/.test(td.textContent))`;
    const wrapped = `${refs}.filter((td) => { const r = document.createRange(); r.selectNodeContents(document.createTreeWalker(td, NodeFilter.SHOW_TEXT).nextNode()); return r.getClientRects().length > 1; }).map((td) => td.textContent)`;
    // the words of table headings and short cells, each on one line box ("interru|ption", "26m25|s", "unkno|wn");
    // a line may end after a hyphen (a node name breaks as feng-|ws1.sme-|feng.athens.cloudera.com)
    const broken = `(() => { const out = []; for (const el of document.querySelectorAll('th, td.num, td.word, td.t')) { const w = document.createTreeWalker(el, NodeFilter.SHOW_TEXT); for (let n = w.nextNode(); n; n = w.nextNode()) for (const m of n.data.matchAll(/[^\\s-]+-*/g)) { const r = document.createRange(); r.setStart(n, m.index); r.setEnd(n, m.index + m[0].length); if (r.getClientRects().length > 1) out.push(m[0]); } } return out; })()`;
    expect((await page.evaluate(`${refs}.length`)) as number).toBeGreaterThan(20);
    for (const width of [800, 480]) {
      await page.setViewportSize({ width, height: 1000 });
      expect({ width, wrapped: await page.evaluate(wrapped) }).toEqual({ width, wrapped: [] });
      if (width === 800) expect({ width, broken: await page.evaluate(broken) }).toEqual({ width, broken: [] });
    }
    await page.setViewportSize({ width: Math.floor(((210 - 24) / 25.4) * 96), height: 1000 });
    await page.emulateMedia({ media: 'print' });
    expect({ print: true, wrapped: await page.evaluate(wrapped), broken: await page.evaluate(broken) }).toEqual({ print: true, wrapped: [], broken: [] });
    await page.close();
  });

  test('a hostile pod name is shown as text and never runs', async () => {
    const file = path.join(OUT, 'case1-hostile.html');
    await fs.writeFile(file, renderHtml(await hostileReport(dir), { tz: 'UTC', color: false }));
    const { page, seen } = await open(file);
    expect(await page.locator('img, script, iframe, object').count()).toBe(0);
    const text = await page.locator('body').innerText();
    expect(text).toContain(HOSTILE_POD);
    expect(text).toContain(HOSTILE_POD_NOSPACE);
    expect(seen).toEqual({ console: [], requests: [], dialogs: [], errors: [] });
    await page.screenshot({ path: path.join(OUT, 'case1-hostile.png'), fullPage: true });
    await page.close();
  });
});
