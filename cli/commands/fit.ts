/** The `fit` command as registered with yargs: a light spec, whose handler imports the command's code when it runs. */
import type { Argv } from 'yargs';

/** The command line that runs it: `careload fit <export> --out scenario.yaml`. */
export const command = 'fit <export>';
/** One line for --help. */
export const describe = "fit a scenario to an export of past conversations (a care platform's CSV) and print the fit's diagnostics";

/** Its options and positional argument. */
export const builder = (y: Argv) =>
  y
    .positional('export', { type: 'string', demandOption: true, describe: 'the CSV export: one row per conversation, with a header line' })
    .option('out', { type: 'string', demandOption: true, describe: 'the scenario file to write (YAML)' })
    .option('map', { type: 'string', describe: "rename columns so a platform's own export works unedited, e.g. created=CreatedDate,channel=Source" })
    .option('starts-at', { type: 'string', describe: 'time of day at time 0, "HH:MM", for an export whose times are seconds [default: "00:00"]' })
    .option('name', { type: 'string', describe: 'the scenario name [default: the --out file name]' })
    .option('json', { type: 'boolean', default: false, describe: 'print the diagnostics as JSON' });

/** Values of its flags, as parsed by yargs. */
export interface FitFlags {
  export: string;
  out: string;
  /** One or more (a repeated flag arrives as a list). */
  map?: string | string[];
  startsAt?: string;
  name?: string;
  json: boolean;
}

/** Fits the scenario; the command's code is loaded only now. A bad export surfaces as a ScenarioError (exit 104). */
export async function handler(args: FitFlags): Promise<void> {
  const { handler: fit } = await import('../handlers/fit.js');
  await fit(args);
}
