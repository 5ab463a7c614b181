/**
 * `--html FILE` of run, compare, plan and check, and `careload report`:
 * renders the report page from results in hand and writes it whole or not
 * at all. The page's code (and uPlot) loads only when a page is written.
 */
import type { HtmlReportInput } from '../src/report/html/page.js';
import { ThresholdsFailed } from './exit-codes.js';

/** The `--html` option, as each command that takes it registers it. */
export const HTML_OPTION = { type: 'string', describe: 'also write the results as one self-contained HTML page to this file (see careload report)' } as const;

/** Renders the page of `input` and writes it to `file` (atomically); returns the page's size in bytes. */
export async function writeHtmlReport(file: string, input: HtmlReportInput): Promise<number> {
  const [{ renderHtmlReport }, { reportAssets }, { writeFileAtomic }] = await Promise.all([
    import('../src/report/html/page.js'),
    import('../src/report/html/assets.js'),
    import('../src/report/write.js'),
  ]);
  const html = renderHtmlReport(input, reportAssets());
  writeFileAtomic(file, html);
  return Buffer.byteLength(html);
}

/**
 * `--html FILE`: renders the results a command just wrote (`results`: the
 * result file, e.g. results/x/summary.json, or a folder) into `file`, and
 * says so on stdout unless stdout carries JSON.
 */
export async function writeHtmlFrom(file: string, results: string, format: 'text' | 'json'): Promise<void> {
  const { readReportFolder } = await import('../src/report/html/folder.js');
  const bytes = await writeHtmlReport(file, readReportFolder(results));
  if (format !== 'json') process.stdout.write(`wrote ${file} (${Math.ceil(bytes / 1024)} kB)\n`);
}

/**
 * Runs `write` (which writes a command's results and may end by throwing
 * ThresholdsFailed), then writes the page of those results when `--html`
 * asked for one: failed thresholds are a result to report too.
 */
export async function writeThenHtml(html: string | undefined, results: string, format: 'text' | 'json', write: () => void): Promise<void> {
  try {
    write();
  } catch (e) {
    if (html !== undefined && e instanceof ThresholdsFailed) await writeHtmlFrom(html, results, format);
    throw e;
  }
  if (html !== undefined) await writeHtmlFrom(html, results, format);
}
