/** The `validate` command as registered with yargs: a light spec, whose handler imports the command's code when it runs. */
import type { Argv } from 'yargs';
import { withScenario, type ScenarioFlags } from '../options.js';

/** The command line that runs it: `careload validate <scenario>`. */
export const command = 'validate <scenario>';
/** One line for --help. */
export const describe = 'check a scenario file and print what it models';

/** Its options and positional argument. */
export const builder = (y: Argv) => withScenario(y);

/** Validates the scenario; the command's code is loaded only now. Problems surface as a ScenarioError (exit 104). */
export async function handler(args: ScenarioFlags): Promise<void> {
  const { handler: validate } = await import('../handlers/validate.js');
  validate(args);
}
