/** The `generate` command as registered with yargs: a light spec, whose handler imports the command's code when it runs. */
import type { Argv } from 'yargs';
import { withScenario, type ScenarioFlags } from '../options.js';

/** Values of its flags. */
export interface GenerateFlags extends ScenarioFlags {
  out?: string;
  replication?: string;
  seed?: string;
  format: 'text' | 'json';
  columns?: string;
  export?: string;
}

/** The command line that runs it: `careload generate <scenario> --out trace.csv`. */
export const command = 'generate <scenario>';
/** One line for --help. */
export const describe = "write the arrivals a scenario generates as a trace (CSV) to edit, replay with arrivals: { trace }, or feed a platform's load test";

/** Its options and positional argument. */
export const builder = (y: Argv) =>
  withScenario(y)
    .option('out', { type: 'string', describe: 'the trace file to write [default: results/<scenario name>/trace.csv, unless only --export is asked]' })
    .option('export', { type: 'string', describe: "also simulate the replication and write its conversations as a care platform's export (what careload fit reads) to this file" })
    .option('replication', { type: 'string', describe: 'which replication\'s arrivals, from 1 (replaying the trace reproduces that replication) [default: 1]' })
    .option('columns', { type: 'string', describe: 'the columns to write, comma-separated, e.g. timestamp,channel,id (timestamp always, channel with several channels; with id kept the rest replays alike) [default: all]' })
    .option('seed', { type: 'string', describe: "random seed (overrides the scenario's seed)" })
    .option('format', { choices: ['text', 'json'] as const, default: 'text' as const, describe: 'stdout format' });

/** Writes the trace; the command's code is loaded only now. */
export async function handler(args: GenerateFlags): Promise<void> {
  const { handler: generate } = await import('../handlers/generate.js');
  generate(args);
}
