/**
 * Takes the README's picture of the HTML report: runs
 * `careload run scenarios/swisscom-outage.yaml --html ...` (the scenario's own
 * seed and replications), opens the page in the system's Chromium with the
 * network off, and saves the top of it as docs/report-swisscom-outage.png.
 * Run it with `npm run docs:screenshot` after a change that shows on the page.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const OUT = join(ROOT, 'docs/report-swisscom-outage.png');
/** The picture's size in CSS pixels: the header, the verdict, the key figures and the first chart. */
const VIEW = { width: 860, height: 1700 };

function chromiumPath(): string {
  const found = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => p !== undefined && p !== '' && existsSync(p));
  if (found === undefined) throw new Error('no Chromium found: install the system package (apt-get install -y chromium) or set CHROMIUM_PATH');
  return found;
}

const work = mkdtempSync(join(tmpdir(), 'careload-shot-'));
try {
  const page = join(work, 'report.html');
  const run = spawnSync(process.execPath, [join(ROOT, 'dist/cli/careload.js'), 'run', 'scenarios/swisscom-outage.yaml', '--out', work, '-q', '--no-tui', '--html', page], {
    cwd: ROOT,
    encoding: 'utf8',
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  if (run.status !== 0) throw new Error(`careload run exited ${run.status}`);
  const browser = await chromium.launch({ executablePath: chromiumPath(), args: ['--no-sandbox'] });
  try {
    const context = await browser.newContext({ offline: true, viewport: VIEW, colorScheme: 'light' });
    const tab = await context.newPage();
    await tab.goto(pathToFileURL(page).href);
    await tab.waitForSelector('canvas');
    await tab.screenshot({ path: OUT });
  } finally {
    await browser.close();
  }
  console.log(`wrote ${OUT}`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
