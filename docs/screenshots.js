#!/usr/bin/env node
// Regenerates the pictures of the HTML report in README.md and docs/report.md from the current
// build (run `npm run build` first), in headless Chromium through playwright-core, as the browser
// test opens it (test/render/html.browser.test.ts):
//   docs/report-case1.png            Case #1 (--tz Asia/Shanghai), 1200 x 900 window
//   docs/report-800px.png            the seed cases (Case #1 and #2), 800 px window
//   docs/report-a4-page-N.png        the same report printed on A4, a PNG per page (pdftoppm, poppler-utils)
//   docs/report-all-servers-down.png a bundle where every server went down, 800 px window (only when its path is given)
// Usage: node docs/screenshots.js [ALL_SERVERS_DOWN_BUNDLE]   (CHROMIUM_PATH overrides /usr/bin/chromium)
'use strict';
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { pathToFileURL } = require('node:url');
const { chromium } = require('playwright-core');

const ROOT = path.join(__dirname, '..');
const DOCS = __dirname;
const BIN = path.join(ROOT, 'bin', 'rke2-outage');
const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

/** The CLI's HTML report of `args`, written to a temporary file. */
function report(tmp, name, args) {
  const file = path.join(tmp, `${name}.html`);
  fs.writeFileSync(file, execFileSync(BIN, [...args, '-f', 'html'], { cwd: ROOT, maxBuffer: 256 << 20 }));
  return file;
}

async function main() {
  const allDown = process.argv[2];
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'rke2-outage-shots-'));
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu'] });
  const shot = async (file, out, width, height, print) => {
    const page = await browser.newPage({ viewport: { width, height } });
    await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
    if (print) {
      await page.emulateMedia({ media: 'print' });
      await page.pdf({ path: out, format: 'A4', printBackground: true, preferCSSPageSize: true });
    } else await page.screenshot({ path: out });
    await page.close();
    if (!print) console.log(path.relative(ROOT, out));
  };
  try {
    await shot(report(tmp, 'case1', ['fixtures/ecs-server-down', '--tz', 'Asia/Shanghai']), path.join(DOCS, 'report-case1.png'), 1200, 900);
    const seed = report(tmp, 'seed', ['fixtures/ecs-server-down', 'fixtures/ecs-agent-down']);
    await shot(seed, path.join(DOCS, 'report-800px.png'), 800, 1000);
    const pdf = path.join(tmp, 'seed.pdf');
    await shot(seed, pdf, 800, 1000, true);
    for (const f of fs.readdirSync(DOCS)) if (/^report-a4-page-\d+\.png$/.test(f)) fs.rmSync(path.join(DOCS, f));
    // 60 dpi: an A4 page is 496 x 702 px, small enough to show two side by side
    execFileSync('pdftoppm', ['-r', '60', '-png', pdf, path.join(tmp, 'a4')]);
    for (const f of fs.readdirSync(tmp).filter((x) => /^a4-\d+\.png$/.test(x)).sort()) {
      const out = path.join(DOCS, `report-a4-page-${Number(/-(\d+)\.png$/.exec(f)[1])}.png`);
      fs.copyFileSync(path.join(tmp, f), out);
      console.log(path.relative(ROOT, out));
    }
    if (allDown) await shot(report(tmp, 'all-down', [path.resolve(allDown)]), path.join(DOCS, 'report-all-servers-down.png'), 800, 1600);
  } finally {
    await browser.close();
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
