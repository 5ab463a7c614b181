/** `erlang` from a plain command line: the entry of its start-up bundle (see cli/quick-bundle.ts). */
import type { ErlangFlags } from '../commands/erlang.js';
import { runPlainCommand } from '../plain-command.js';

/** Runs erlang on `args` (after the command's name) when the line is plain: its exit code, else `undefined` (for yargs). */
export function runQuick(args: readonly string[]): Promise<number | undefined> {
  return runPlainCommand(async () => {
    const erlang = await import('../commands/erlang.js');
    return { options: erlang.options, handler: (flags) => erlang.handler(flags as unknown as ErlangFlags) };
  }, args);
}
