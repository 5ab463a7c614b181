/**
 * `run` from a plain command line: the entry of its start-up bundle (see
 * cli/quick-bundle.ts). Unlike erlang and validate, run watches Ctrl-C
 * (cli/interrupt.ts keeps that state for the process): the bundle's copy of
 * that module is the one its handler uses, so the entry point's way to quit
 * at once is registered there.
 */
import type { RunFlags } from '../options.js';
import { onSecondStop } from '../interrupt.js';
import { runPlainCommand } from '../plain-command.js';

/**
 * Runs run on `args` (after the command's name) when the line is plain: its
 * exit code, else `undefined` (for yargs). `exitAtOnce` ends the process at
 * a second Ctrl-C (only cli/careload.ts ends the process).
 */
export function runQuick(args: readonly string[], exitAtOnce?: (code: number) => void): Promise<number | undefined> {
  if (exitAtOnce) onSecondStop(exitAtOnce);
  return runPlainCommand(async () => {
    const [run, { scenarioFlagDefaults }] = await Promise.all([import('../commands/run.js'), import('../options.js')]);
    return {
      options: run.plainOptions,
      positionals: run.positionals,
      defaults: scenarioFlagDefaults,
      handler: (flags) => run.handler(flags as unknown as RunFlags & { inconclusive: 'fail' | 'pass' }),
    };
  }, args);
}
