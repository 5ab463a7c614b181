/** Exit codes of the careload command (documented in the README). */
export const ExitCode = {
  ok: 0,
  /** A bug or an unexpected failure (I/O, worker crash). */
  internal: 1,
  /** Bad command line: unknown option, missing argument, bad value. */
  usage: 2,
  /** The scenario file cannot be read, parsed or validated. */
  invalidScenario: 104,
} as const;

/** A command-line mistake, reported in one line with exit code 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}
