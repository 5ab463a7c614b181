/** How the command line reports a failure: one line per problem, and the exit code it maps to. */
import { ReplicationFailed } from '../src/runner/errors.js';
import { formatProblem, ScenarioError } from '../src/scenario/errors.js';
import { ExitCode, Interrupted, ThresholdsFailed, UsageError } from './exit-codes.js';

/** Prints an error as one line per problem, never a stack trace (unless CARELOAD_DEBUG is set), and returns its exit code. */
export function reportError(e: unknown): number {
  if (e instanceof ScenarioError) {
    for (const p of e.problems) process.stderr.write(`${formatProblem(p)}\n`);
    return ExitCode.invalidScenario;
  }
  if (e instanceof ThresholdsFailed) return ExitCode.thresholdsFailed;
  if (e instanceof Interrupted) return e.exitCode;
  if (e instanceof ReplicationFailed) {
    process.stderr.write(`careload: ${e.message}\n`);
    // The stack of what failed on this thread (a worker's failure has only its message).
    const stack = e.cause instanceof Error ? e.cause.stack : e.stack;
    if (process.env.CARELOAD_DEBUG && stack) process.stderr.write(`${stack}\n`);
    return ExitCode.internal;
  }
  if (e instanceof UsageError) {
    process.stderr.write(`careload: ${e.message}\n${e.helpHint ? "Run 'careload --help' for usage.\n" : ''}`);
    return ExitCode.usage;
  }
  const message = e instanceof Error ? e.message : String(e);
  process.stderr.write(`careload: internal error: ${message}\n`);
  if (process.env.CARELOAD_DEBUG && e instanceof Error) process.stderr.write(`${e.stack}\n`);
  return ExitCode.internal;
}
