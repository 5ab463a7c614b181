/** The `diff` command as registered with yargs: a light spec, whose handler imports the command's code when it runs. */
import type { Argv } from 'yargs';

/** The command line that runs it: `careload diff <a> <b>`. */
export const command = 'diff <a> <b>';
/** One line for --help. */
export const describe = 'the metrics that differ between two recorded runs (their summary.json), with intervals and verdicts';

/** Its options and positional arguments. */
export const builder = (y: Argv) =>
  y
    .positional('a', { type: 'string', demandOption: true, describe: "the first run's summary.json (the reference)" })
    .positional('b', { type: 'string', demandOption: true, describe: "the second run's summary.json" })
    .option('all', { type: 'boolean', default: false, describe: 'list every metric, not only those that differ significantly' })
    .option('format', { choices: ['text', 'json'] as const, default: 'text' as const, describe: 'stdout format' });

/** Values of its flags, as parsed by yargs. */
export interface DiffFlags {
  a: string;
  b: string;
  all: boolean;
  format: 'text' | 'json';
}

/** Diffs the runs; the command's code is loaded only now. */
export async function handler(args: DiffFlags): Promise<void> {
  const { handler: diff } = await import('../handlers/diff.js');
  diff(args);
}
