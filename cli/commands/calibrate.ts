/** The `calibrate` command as registered with yargs: a light spec, whose handler imports the command's code when it runs. */
import type { Argv } from 'yargs';
import { withRunOptions, withScenario, type RunFlags } from '../options.js';

/** The command line that runs it: `careload calibrate <scenario>`. */
export const command = 'calibrate <scenario>';
/** One line for --help. */
export const describe = "fit the outcome model's free parameters to observed KPIs and write them as an overlay";

/** Its options and positional argument. */
export const builder = (y: Argv) =>
  withRunOptions(withScenario(y), 'calibrated.yaml and calibration.json')
    .option('observe', { type: 'string', array: true, default: [] as string[], describe: 'an observed KPI, e.g. --observe recoveryNegative=0.43; repeatable' });

/** Values of calibrate's flags, as parsed by yargs. */
export interface CalibrateArgs extends RunFlags {
  observe: string[];
}

/** Fits the observed KPIs; the command's code (the runner) is loaded only now. */
export async function handler(args: CalibrateArgs): Promise<void> {
  const { handler: calibrate } = await import('../handlers/calibrate.js');
  await calibrate(args);
}
