/**
 * Stopping a long command (run, compare, calibrate, check, plan) the same
 * way whatever stops it: Ctrl-C (SIGINT), SIGTERM, or `q` (and ctrl-c as a
 * key) in a live view. The first stop aborts {@link Interruption.signal}:
 * the command ends the replications under way, writes what finished
 * (marked partial) and throws {@link Interruption.interrupted}, which
 * cli/careload.ts turns into exit 130 (143 after SIGTERM). A second stop
 * quits at once through the exit function careload.ts registered (only
 * careload.ts ends the process): nothing more is written, and nothing is
 * torn since every file is written by an atomic rename.
 */
import { ExitCode, Interrupted } from './exit-codes.js';

/** What stopped the command: a signal, or `q` in a live view. */
export type StopCause = 'SIGINT' | 'SIGTERM' | 'quit';

let exitAtOnce: (code: number) => void = () => undefined;

/** Registers how a second stop ends the process at once (cli/careload.ts gives `process.exit`). */
export function onSecondStop(exit: (code: number) => void): void {
  exitAtOnce = exit;
}

/** The exit code of a command stopped by `cause`: 143 after SIGTERM, 130 otherwise (SIGINT, `q`). */
export function exitCodeFor(cause: StopCause): number {
  return cause === 'SIGTERM' ? ExitCode.terminated : ExitCode.interrupted;
}

/** One command's watch for Ctrl-C, SIGTERM and `q`: see the module comment. */
export interface Interruption {
  /** Aborted at the first stop: give it to the runner, the check or the plan. */
  readonly signal: AbortSignal;
  /** What stopped the command, or null while it runs. */
  readonly cause: StopCause | null;
  /** Stops the command (a live view's `q` or ctrl-c key); a second call quits at once. */
  stop(cause: StopCause): void;
  /** Called once, at the first stop (e.g. to say on screen what will be written). */
  onStop(listener: (cause: StopCause) => void): void;
  /** The error that ends a stopped command with its exit code (130 or 143). */
  interrupted(message: string): Interrupted;
  /** Removes the signal handlers: Ctrl-C then ends the process as by default. */
  release(): void;
}

/**
 * Starts watching for SIGINT and SIGTERM (and lets a live view report `q`)
 * until `release`. While watched, neither signal ends the process by
 * itself: the command must check `signal` and stop.
 */
export function watchInterrupts(): Interruption {
  const controller = new AbortController();
  const listeners: ((cause: StopCause) => void)[] = [];
  let cause: StopCause | null = null;
  const stop = (next: StopCause) => {
    if (cause !== null) {
      exitAtOnce(exitCodeFor(next));
      return;
    }
    cause = next;
    for (const listener of listeners) listener(next);
    controller.abort();
  };
  const onInt = () => stop('SIGINT');
  const onTerm = () => stop('SIGTERM');
  process.on('SIGINT', onInt);
  process.on('SIGTERM', onTerm);
  return {
    signal: controller.signal,
    get cause() {
      return cause;
    },
    stop,
    onStop: (listener) => void listeners.push(listener),
    interrupted: (message) => new Interrupted(message, exitCodeFor(cause ?? 'SIGINT')),
    release: () => {
      process.removeListener('SIGINT', onInt);
      process.removeListener('SIGTERM', onTerm);
    },
  };
}
