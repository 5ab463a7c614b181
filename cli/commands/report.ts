/** The `report` command as registered with yargs: a light spec, whose handler imports the command's code when it runs. */
import type { Argv } from 'yargs';

/** The command line that runs it: `careload report <results>`. */
export const command = 'report <results>';
/** One line for --help. */
export const describe = 'render finished results (a run, compare, plan or check) as one self-contained HTML page, without rerunning';

/** Its options and positional arguments. */
export const builder = (y: Argv) =>
  y
    .positional('results', { type: 'string', demandOption: true, describe: 'a results folder (summary.json, compare.json, plan.json, check.json) or one of those files' })
    .option('out', { type: 'string', describe: 'the page to write [default: report.html in the results folder]' });

/** Values of its flags, as parsed by yargs. */
export interface ReportFlags {
  results: string;
  out?: string;
}

/** Writes the page; the command's code is loaded only now. */
export async function handler(args: ReportFlags): Promise<void> {
  const { handler: report } = await import('../handlers/report.js');
  await report(args);
}
