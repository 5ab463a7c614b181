import { statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { readReportFolder, RecordedRunError, type HtmlReportInput } from '../../src/index.js';
import type { ReportFlags } from '../commands/report.js';
import { UsageError } from '../exit-codes.js';
import { writeHtmlReport } from '../html.js';
import { outFileFlag } from '../options.js';

/** Reads the results named, renders their page and writes it whole (report.html in the results folder unless --out names a file). */
export async function handler(args: ReportFlags): Promise<void> {
  let input: HtmlReportInput;
  try {
    input = readReportFolder(args.results);
  } catch (e) {
    if (e instanceof RecordedRunError) throw new UsageError(e.message);
    throw e;
  }
  const folder = statSync(args.results).isFile() ? dirname(args.results) : args.results;
  const out = outFileFlag('out', args.out) ?? join(folder, 'report.html');
  const bytes = await writeHtmlReport(out, input);
  process.stdout.write(`wrote ${out} (${Math.ceil(bytes / 1024)} kB)\n`);
}
