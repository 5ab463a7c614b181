/** The `run` command as registered with yargs: a light spec, whose handler imports the command's code when it runs. */
import type { Argv } from 'yargs';
import { HTML_OPTION } from '../html.js';
import { withRunOptions, withScenario, withShard, type RunFlags } from '../options.js';
import type { PlainOption, PlainPositionals } from '../plain-flags.js';

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

/**
 * The options a plain `run` command line may hold, parsed without yargs
 * (cli/plain-flags.ts): the run flags as the builder declares them to yargs,
 * less the scenario flags (`--set`, `--overlay`, ...: those go through
 * yargs). A unit test checks both parsers give the handler the same flags.
 */
export const plainOptions = [
  { name: 'seed' },
  { name: 'replications', alias: 'r' },
  { name: 'format', choices: ['text', 'json'], default: 'text' },
  { name: 'out' },
  { name: 'workers' },
  { name: 'max-work' },
  { name: 'quiet', type: 'boolean', alias: 'q', default: false },
  { name: 'tui', type: 'boolean', default: true },
  { name: 'color', type: 'boolean', default: true },
  { name: 'shard' },
  { name: 'inconclusive', choices: ['fail', 'pass'], default: 'fail' },
  { name: 'html' },
] as const satisfies readonly PlainOption[];

/** Its positional argument, for the plain parser. */
export const positionals: PlainPositionals = { first: 'scenario' };

/** Runs the scenario; the command's code (the runner, the terminal UI) is loaded only now. */
export async function handler(args: RunFlags & { inconclusive: 'fail' | 'pass' }): Promise<void> {
  const { handler: run } = await import('../handlers/run.js');
  await run(args);
}
