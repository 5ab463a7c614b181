/** The `compare` command as registered with yargs: a light spec, whose handler imports the command's code when it runs. */
import type { Argv } from 'yargs';
import { ROUTING_POLICY_NAMES } from '../../src/scenario/policies.js';
import { HTML_OPTION } from '../html.js';
import { withRunOptions, withScenario, withShard, type RunFlags } from '../options.js';

/** The command line that runs it: `careload compare <scenario>`. */
export const command = 'compare <scenario>';
/** One line for --help. */
export const describe = 'compare routing policies or scenario variants on the same customers, with paired differences';

/** Its options and positional argument. */
export const builder = (y: Argv) =>
  withShard(withRunOptions(withScenario(y), 'compare.json'))
    .option('policy', { type: 'string', array: true, default: [] as string[], describe: `a routing policy to compare (${ROUTING_POLICY_NAMES.join(', ')}); repeatable` })
    .option('variant', { type: 'string', array: true, default: [] as string[], describe: 'an overlay file (partial scenario) merged over the base; repeatable' })
    .option('html', HTML_OPTION)
    .option('baseline', {
      type: 'boolean',
      default: true,
      describe: 'run the scenario unchanged as the first column, the reference of every difference (--no-baseline: leave it out; the first variant named is the reference)',
    });

/** Values of compare's flags, as parsed by yargs. */
export interface CompareArgs extends RunFlags {
  policy: string[];
  variant: string[];
  /** False with --no-baseline. */
  baseline: boolean;
}

/** Runs and compares the variants; the command's code (the runner, the terminal UI) is loaded only now. */
export async function handler(args: CompareArgs): Promise<void> {
  const { handler: compare } = await import('../handlers/compare.js');
  await compare(args);
}
