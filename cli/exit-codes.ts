/** Exit codes of the careload command (documented in the README). */
export const ExitCode = {
  ok: 0,
  /** A bug or an unexpected failure (I/O, worker crash). */
  internal: 1,
  /** Bad command line: unknown option, missing argument, bad value. */
  usage: 2,
  /** A threshold failed, or stayed inconclusive where that counts as failing (as k6 does). */
  thresholdsFailed: 99,
  /** The scenario file cannot be read, parsed or validated. */
  invalidScenario: 104,
  /** Stopped by the user (ctrl-c, SIGINT or `q`) before it finished: what finished is written, marked partial (stopped). */
  interrupted: 130,
  /** Stopped by SIGTERM before it finished: as 130. */
  terminated: 143,
} as const;

/** The run finished and wrote its results, but thresholds failed: exit 99 (the report already said which). */
export class ThresholdsFailed extends Error {
  override name = 'ThresholdsFailed';
}

/** A command-line mistake, reported in one line with exit code 2. */
export class UsageError extends Error {
  override name = 'UsageError';

  constructor(
    message: string,
    /** Follow the message with the `careload --help` hint (not when the files named, not the command line, are at fault). */
    readonly helpHint = true,
  ) {
    super(message);
  }
}

/** Stopped by the user or SIGTERM: exit 130 or 143 (the command already said what it wrote, if anything). */
export class Interrupted extends Error {
  override name = 'Interrupted';

  constructor(
    message: string,
    /** 130 (SIGINT, ctrl-c, `q`) or 143 (SIGTERM). */
    readonly exitCode: number = ExitCode.interrupted,
  ) {
    super(message);
  }
}
