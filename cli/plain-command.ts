/** Runs a command from a plain command line, without yargs (see cli/plain-flags.ts). */
import { ExitCode } from './exit-codes.js';
import { parsePlainFlags, type PlainOption, type PlainPositionals } from './plain-flags.js';
import { reportError } from './report-error.js';

/** What a command gives the plain path: its flags as data, and its handler. */
export interface PlainCommand {
  /** Its options (all text, choices or booleans). */
  options: readonly PlainOption[];
  /** Its positional arguments, if it takes any. */
  positionals?: PlainPositionals;
  /** Values of the flags the plain parser does not know (the scenario flags' defaults), under the parsed ones. */
  defaults?: () => object;
  /** Runs the command with the parsed flags. */
  handler(flags: Record<string, unknown>): Promise<void>;
}

/**
 * Runs `load()`'s command on `args` (the arguments after its name) when the
 * command line is plain, and returns the exit code (a failure reported by
 * reportError); `undefined` when it is not plain, for yargs to parse and
 * report in its own words.
 */
export async function runPlainCommand(load: () => Promise<PlainCommand>, args: readonly string[]): Promise<number | undefined> {
  try {
    const command = await load();
    const plain = command.positionals ? parsePlainFlags(args, command.options, command.positionals) : parsePlainFlags(args, command.options);
    if (!plain) return undefined;
    await command.handler({ ...command.defaults?.(), ...plain });
    return ExitCode.ok;
  } catch (e) {
    return reportError(e);
  }
}
