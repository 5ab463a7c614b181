import type { Argv } from 'yargs';
import { withRunOptions, withScenario, type RunFlags } from '../options.js';

export const command = 'run <scenario>';
export const describe = 'simulate a scenario and report SLA, backlog, abandonment and sentiment with confidence intervals';

export const builder = (y: Argv) => withRunOptions(withScenario(y), 'summary.json');

/** Runs the scenario; the command's code (the runner, the terminal UI) is loaded only now. */
export async function handler(args: RunFlags): Promise<void> {
  const { handler: run } = await import('../handlers/run.js');
  await run(args);
}
