/**
 * The CLI's one watch for Ctrl-C, SIGTERM and `q` (cli/interrupt.ts): the
 * first stop aborts the signal and remembers its cause, a second quits at
 * once through the registered exit function, and releasing it gives the
 * signals back.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { ExitCode, Interrupted } from '../../cli/exit-codes.js';
import { exitCodeFor, onSecondStop, watchInterrupts, type Interruption } from '../../cli/interrupt.js';

let watch: Interruption | null = null;
afterEach(() => {
  watch?.release();
  watch = null;
  onSecondStop(() => undefined);
});

describe('watchInterrupts', () => {
  it('SIGINT aborts the signal, tells the listeners once, and ends with exit 130; a second stop quits at once', () => {
    const exits: number[] = [];
    const heard: string[] = [];
    onSecondStop((code) => exits.push(code));
    watch = watchInterrupts();
    watch.onStop((cause) => heard.push(cause));
    expect(watch.signal.aborted).toBe(false);
    process.emit('SIGINT', 'SIGINT');
    expect(watch.signal.aborted).toBe(true);
    expect(watch.cause).toBe('SIGINT');
    expect(exits).toEqual([]);
    const error = watch.interrupted('stopped');
    expect(error).toBeInstanceOf(Interrupted);
    expect(error.exitCode).toBe(130);
    process.emit('SIGTERM', 'SIGTERM');
    expect(exits).toEqual([143]);
    expect(heard).toEqual(['SIGINT']);
  });

  it('SIGTERM ends with 143; q with 130', () => {
    watch = watchInterrupts();
    process.emit('SIGTERM', 'SIGTERM');
    expect(watch.interrupted('stopped').exitCode).toBe(ExitCode.terminated);
    watch.release();
    watch = watchInterrupts();
    watch.stop('quit');
    expect(watch.interrupted('stopped').exitCode).toBe(ExitCode.interrupted);
    expect([exitCodeFor('SIGINT'), exitCodeFor('quit'), exitCodeFor('SIGTERM')]).toEqual([130, 130, 143]);
  });

  it('release removes its handlers: the signals are no longer taken', () => {
    const before = [process.listenerCount('SIGINT'), process.listenerCount('SIGTERM')];
    watch = watchInterrupts();
    expect([process.listenerCount('SIGINT'), process.listenerCount('SIGTERM')]).toEqual([before[0] + 1, before[1] + 1]);
    watch.release();
    expect([process.listenerCount('SIGINT'), process.listenerCount('SIGTERM')]).toEqual(before);
  });
});
