import type { Argv } from 'yargs';
import { withScenario, type ScenarioFlags } from '../options.js';

export const command = 'validate <scenario>';
export const describe = 'check a scenario file and print what it models';

export const builder = (y: Argv) => withScenario(y);

/** Validates the scenario; the command's code is loaded only now. Problems surface as a ScenarioError (exit 104). */
export async function handler(args: ScenarioFlags): Promise<void> {
  const { handler: validate } = await import('../handlers/validate.js');
  validate(args);
}
