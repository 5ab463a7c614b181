/** The `validate` command as registered with yargs: a light spec, whose handler imports the command's code when it runs. */
import type { Argv } from 'yargs';
import { fileArg, withScenario, type ScenarioFlags } from '../options.js';
import type { PlainOption, PlainPositionals } from '../plain-flags.js';

/** Values of its flags: the scenario, and any more files or folders. */
export interface ValidateFlags extends ScenarioFlags {
  more: string[];
  /** `json`: one entry per file on stdout (see cli/handlers/validate.ts). */
  format: 'text' | 'json';
}

/** The command line that runs it: `careload validate <scenario> [more..]`. */
export const command = 'validate <scenario> [more..]';
/** One line for --help. */
export const describe = 'check scenario files (or folders of them) and print what each models';

/** Its own options (besides the scenario flags), as data: the builder gives them to yargs, and a plain command line is parsed from them without yargs (see cli/plain-flags.ts). */
export const options = [
  { name: 'format', choices: ['text', 'json'], default: 'text', describe: 'stdout format (json: one entry per file, with its problems)' },
] as const satisfies readonly PlainOption[];

/** Its positional arguments, for the plain parser. */
export const positionals: PlainPositionals = { first: 'scenario', rest: 'more' };

/** Its options and positional argument. */
export const builder = (y: Argv) =>
  withScenario(y).positional('more', { type: 'string', array: true, default: [] as string[], coerce: (v: string[]) => v.map(fileArg), describe: 'more scenario files or folders (a folder: its files with name and channels)' })
    .option('format', { ...options[0], choices: [...options[0].choices] });

/** Validates the scenario; the command's code is loaded only now. Problems surface as a ScenarioError (exit 104). */
export async function handler(args: ValidateFlags): Promise<void> {
  const { handler: validate } = await import('../handlers/validate.js');
  validate(args);
}
