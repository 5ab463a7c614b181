/** `validate` from a plain command line: the entry of its start-up bundle (see cli/quick-bundle.ts). */
import type { ValidateFlags } from '../commands/validate.js';
import { runPlainCommand } from '../plain-command.js';

/** Runs validate on `args` (after the command's name) when the line is plain: its exit code, else `undefined` (for yargs). */
export function runQuick(args: readonly string[]): Promise<number | undefined> {
  return runPlainCommand(async () => {
    const [validate, { scenarioFlagDefaults }] = await Promise.all([import('../commands/validate.js'), import('../options.js')]);
    return { options: validate.options, positionals: validate.positionals, defaults: scenarioFlagDefaults, handler: (flags) => validate.handler(flags as unknown as ValidateFlags) };
  }, args);
}
