// Opens the HTML report of seed Case #1 in headless Chromium (Debian's `chromium`, driven by
// playwright-core): the swimlane renders with one lane per node, no console errors, no network
// request, and the hostile pod name shows as text without running. Screenshots go to test/output/.
// Skips (with a message) when no Chromium binary is installed; .ci/run installs it.
import { existsSync, promises as fs } from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { renderHtml } from '../../src/render/html';
import { lanesOf } from '../../src/render/swimlane';
import { runCli, CASE1 } from '../support/cli';
import { hostileCase1, hostileReport, HOSTILE_POD, HOSTILE_POD_NOSPACE } from '../support/hostile';

// CHROMIUM_PATH, when set, is the only candidate (so the skip can be checked: CHROMIUM_PATH=/none).
const CANDIDATES = process.env.CHROMIUM_PATH ? [process.env.CHROMIUM_PATH] : ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable'];
const BIN = CANDIDATES.find((p): p is string => !!p && existsSync(p));
const OUT = path.join(__dirname, '..', 'output');
const DOCS = path.join(__dirname, '..', '..', 'docs');

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
    if (process.env.UPDATE_GOLDEN === '1') await fs.copyFile(path.join(OUT, 'case1.png'), path.join(DOCS, 'report-case1.png'));
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
        if (process.env.UPDATE_GOLDEN === '1') await fs.copyFile(path.join(OUT, 'case1-800.png'), path.join(DOCS, 'report-800px.png'));
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
