/**
 * The HTML report in a real browser (issue 16): the system's Chromium,
 * driven by playwright-core (no browser download; `.ci/run` installs the
 * system package when missing). Each shipped scenario's report (and a
 * comparison's) is opened from disk with the network cut off, and must show
 * no console errors, draw every chart, show summary.json's figures in its
 * tables, print to the page count it lays out (A4 and Letter), and stay
 * under 1 MB. A screenshot of each goes to results/report-screenshots/.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findScenarios } from '../../src/index.js';

const ROOT = resolve(import.meta.dirname, '../..');
const BIN = join(ROOT, 'dist/cli/careload.js');
const SHOTS = join(ROOT, 'results/report-screenshots');
const shipped = findScenarios([join(ROOT, 'scenarios')]).scenarios;

/** The system's Chromium: CHROMIUM_PATH, or where Debian and Ubuntu install it. */
function chromiumPath(): string | undefined {
  return [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'].find((p) => p !== undefined && p !== '' && existsSync(p));
}

/** Runs the built CLI; resolves with its exit code and output. */
function careload(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((done) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: ROOT, env: { ...process.env, NO_COLOR: '1' } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (code) => done({ code, stdout, stderr }));
  });
}

/** The value at a cell's data-path in a result document; a key may itself hold dots (`byTier.urgent.slaAttainment`), so the longest key that exists is taken first. */
function at(doc: unknown, parts: string[]): unknown {
  if (parts.length === 0) return doc;
  if (doc === null || typeof doc !== 'object') return undefined;
  for (let k = parts.length; k >= 1; k--) {
    const key = parts.slice(0, k).join('.');
    if (key in doc) return at((doc as Record<string, unknown>)[key], parts.slice(k));
  }
  return undefined;
}

/** The number a cell shows, in the document's unit (shares as fractions, durations in seconds); null for `–`. */
function shown(text: string, unit: string): number | null {
  if (text === '–') return null;
  const n = Number.parseFloat(text.replace(/^-/, ''));
  const sign = text.startsWith('-') ? -1 : 1;
  if (unit === 'share') return (sign * n) / 100;
  if (unit === 'seconds') return sign * n * (text.endsWith('h') ? 3600 : text.endsWith('m') ? 60 : 1);
  return sign * n;
}

/** How far a shown figure may be from the exact one: its last decimal's half. */
function rounding(text: string, unit: string): number {
  const decimals = /\.(\d+)/.exec(text)?.[1].length ?? 0;
  const scale = unit === 'share' ? 0.01 : unit === 'seconds' ? (text.endsWith('h') ? 3600 : text.endsWith('m') ? 60 : 1) : 1;
  return 0.5 * 10 ** -decimals * scale + 1e-9;
}

// Run in the page (as text: the tests are typed without the DOM's types).
/** Every chart's place and the size of the canvas uPlot drew in it. */
const CHARTS_IN_PAGE = `[...document.querySelectorAll('[data-chart]')].map((el) => {
  const box = el.querySelector('canvas')?.getBoundingClientRect();
  return { id: el.getAttribute('data-chart'), width: box?.width ?? 0, height: box?.height ?? 0 };
})`;
/** Every table cell that names the result file figure it shows. */
const CELLS_IN_PAGE = `[...document.querySelectorAll('table[data-doc] td[data-path]')].map((td) => ({
  doc: td.closest('table').getAttribute('data-doc'),
  path: td.getAttribute('data-path'),
  value: td.getAttribute('data-value'),
  unit: td.getAttribute('data-unit'),
  text: td.textContent.trim(),
}))`;

const work = mkdtempSync(join(tmpdir(), 'careload-report-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** A report to open: its page and the result files its tables show. */
interface Report {
  name: string;
  page: string;
  docs: Record<string, string>;
}
const reports: Report[] = [];
let browser: Browser | undefined;

beforeAll(async () => {
  // Two replications stand for a full run: the page's size follows the series, not the replications.
  const runs = shipped.map(async (file) => {
    const name = basename(file).replace(/\.(ya?ml|json)$/, '');
    const out = join(work, name);
    const r = await careload(['run', file, '-r', '2', '--out', out, '-q', '--no-tui', '--html', join(out, 'report.html')]);
    // 99: thresholds failed at two replications, a result like any other.
    if (r.code !== 0 && r.code !== 99) throw new Error(`careload run ${name}: exit ${r.code}: ${r.stderr}`);
    reports.push({ name, page: join(out, 'report.html'), docs: { summary: join(out, 'summary.json') } });
  });
  const compareOut = join(work, 'compare');
  const compared = careload(['compare', join(ROOT, 'scenarios/swisscom-outage.yaml'), '--policy', 'fifo', '--policy', 'priority', '-r', '2', '--out', compareOut, '-q', '--no-tui']).then(async (r) => {
    if (r.code !== 0) throw new Error(`careload compare: exit ${r.code}: ${r.stderr}`);
    const report = await careload(['report', compareOut, '--out', join(compareOut, 'report.html')]);
    if (report.code !== 0) throw new Error(`careload report: exit ${report.code}: ${report.stderr}`);
    reports.push({ name: 'swisscom-outage-compare', page: join(compareOut, 'report.html'), docs: { compare: join(compareOut, 'compare.json') } });
  });
  await Promise.all([...runs, compared]);
  reports.sort((a, b) => a.name.localeCompare(b.name));
  const executablePath = chromiumPath();
  if (executablePath === undefined) throw new Error('no Chromium found: install the system package (apt-get install -y chromium) or set CHROMIUM_PATH');
  browser = await chromium.launch({ executablePath, args: ['--no-sandbox'] });
  mkdirSync(SHOTS, { recursive: true });
}, 600_000);

afterAll(async () => {
  await browser?.close();
});

describe('the HTML report in Chromium', () => {
  it('made a report for every shipped scenario and a comparison', () => {
    expect(reports.map((r) => r.name)).toEqual(expect.arrayContaining(['swisscom-outage', 'mmc-validation', 'swisscom-outage-compare']));
    expect(reports.length).toBe(shipped.length + 1);
  });

  it('every report: offline, no console errors, every chart drawn, tables equal to the result files, printed to its page count, under 1 MB', async () => {
    for (const report of reports) {
      expect(statSync(report.page).size, report.name).toBeLessThan(2 ** 20);
      const context = await browser!.newContext({ offline: true, viewport: { width: 1000, height: 900 } });
      const requests: string[] = [];
      await context.route('**/*', (route) => {
        const url = route.request().url();
        if (url.startsWith('file:')) return route.continue();
        requests.push(url);
        return route.abort();
      });
      const page = await context.newPage();
      const errors: string[] = [];
      page.on('console', (m) => {
        if (m.type() === 'error' || m.type() === 'warning') errors.push(m.text());
      });
      page.on('pageerror', (e) => errors.push(e.message));
      await page.goto(pathToFileURL(report.page).href);
      await page.waitForLoadState('load');
      expect(errors, report.name).toEqual([]);
      expect(requests, report.name).toEqual([]);

      // Every chart: a canvas of non-zero size in its place.
      const charts = await page.evaluate<{ id: string; width: number; height: number }[]>(CHARTS_IN_PAGE);
      expect(charts.length, report.name).toBeGreaterThan(0);
      for (const c of charts) {
        expect(c.width, `${report.name} ${c.id}`).toBeGreaterThan(100);
        expect(c.height, `${report.name} ${c.id}`).toBeGreaterThan(100);
      }

      // Every figure in a table that names its source equals that file's value, and shows it rounded.
      const cells = await page.evaluate<{ doc: string; path: string; value: string; unit: string; text: string }[]>(CELLS_IN_PAGE);
      expect(cells.length, report.name).toBeGreaterThan(5);
      const docs = Object.fromEntries(Object.entries(report.docs).map(([k, f]) => [k, JSON.parse(readFileSync(f, 'utf8')) as unknown]));
      for (const cell of cells) {
        const where = `${report.name} ${cell.doc} ${cell.path}`;
        const expected = at(docs[cell.doc], cell.path.split('.'));
        expect(expected, where).not.toBeUndefined();
        expect(cell.value === 'null' ? null : Number(cell.value), where).toBe(expected);
        const figure = shown(cell.text, cell.unit);
        if (expected === null) expect(figure, where).toBeNull();
        else expect(Math.abs(figure! - (expected as number)), `${where}: shows ${cell.text}`).toBeLessThanOrEqual(rounding(cell.text, cell.unit));
      }

      // Printed: one sheet per laid-out page, on A4 and on Letter (no chart or table spills over).
      const pages = Number(await page.evaluate("document.querySelector('main').getAttribute('data-print-pages')"));
      for (const format of ['A4', 'Letter'] as const) {
        const pdf = (await page.pdf({ format })).toString('latin1');
        const count = (pdf.match(/\/Type\s*\/Page(?!s)/g) ?? []).length;
        expect(count, `${report.name} ${format}`).toBe(pages);
      }
      await page.screenshot({ path: join(SHOTS, `${report.name}.png`), fullPage: true });
      await context.close();
    }
  }, 300_000);
});
