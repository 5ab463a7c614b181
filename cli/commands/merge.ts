/** The `merge` command as registered with yargs: a light spec, whose handler imports the command's code when it runs. */
import type { Argv } from 'yargs';

/** The command line that runs it: `careload merge <files..>`. */
export const command = 'merge <files..>';
/** One line for --help. */
export const describe = 'combine the shards of a run or compare (--shard K/N) into the result of the run without shards';

/** Its options and positional arguments. */
export const builder = (y: Argv) =>
  y
    .positional('files', { type: 'string', array: true, demandOption: true, describe: "every shard's summary.json (or compare.json), e.g. parts/*/summary.json" })
    .option('out', { type: 'string', describe: 'directory for the merged files [default: results/<scenario name>]' })
    .option('format', { choices: ['text', 'json'] as const, default: 'text' as const, describe: 'stdout format' })
    .option('inconclusive', {
      choices: ['fail', 'pass'] as const,
      default: 'fail' as const,
      describe: "how a threshold the run's replications cannot decide counts (fail: exit 99)",
    })
    .option('color', { type: 'boolean', default: true, describe: 'colours on a terminal (--no-color or NO_COLOR: none)' });

/** Values of its flags, as parsed by yargs. */
export interface MergeFlags {
  files: string[];
  out?: string;
  format: 'text' | 'json';
  inconclusive: 'fail' | 'pass';
  color: boolean;
}

/** Merges the shards; the command's code is loaded only now. */
export async function handler(args: MergeFlags): Promise<void> {
  const { handler: merge } = await import('../handlers/merge.js');
  await merge(args);
}
