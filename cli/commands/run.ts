/** The `run` command as registered with yargs: a light spec, whose handler imports the command's code when it runs. */
import type { Argv } from 'yargs';
import { HTML_OPTION } from '../html.js';
import { withRunOptions, withScenario, withShard, type RunFlags } from '../options.js';

/** The command line that runs it: `careload run <scenario>`. */
export const command = 'run <scenario>';
/** One line for --help. */
export const describe = 'simulate a scenario and report SLA, backlog, abandonment and sentiment with confidence intervals';

/** Its options and positional argument. */
export const builder = (y: Argv) =>
  withShard(withRunOptions(withScenario(y), 'summary.json')).option('inconclusive', {
    choices: ['fail', 'pass'] as const,
    default: 'fail' as const,
    describe: "how a threshold the run's replications cannot decide counts (fail: exit 99)",
  }).option('html', HTML_OPTION);

/** Runs the scenario; the command's code (the runner, the terminal UI) is loaded only now. */
export async function handler(args: RunFlags & { inconclusive: 'fail' | 'pass' }): Promise<void> {
  const { handler: run } = await import('../handlers/run.js');
  await run(args);
}
