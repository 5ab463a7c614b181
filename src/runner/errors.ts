import type { ReplicationResult } from '../metrics/recorder.js';

/** A run stopped before every replication finished. */
export class RunAborted extends Error {
  constructor(readonly completed: ReplicationResult[]) {
    super(`run stopped after ${completed.length} replication(s)`);
    this.name = 'RunAborted';
  }
}

/**
 * A replication failed (an internal error, or on a worker thread the thread
 * died): which one, and the seed it ran with, so it can be reproduced
 * (`--seed`, and the replication's index) on its own.
 */
export class ReplicationFailed extends Error {
  constructor(
    /** The replication's index, from 0. */
    readonly replication: number,
    /** The scenario's seed (replication i of seed s is the same in every run). */
    readonly seed: number,
    /** What failed, in one line. */
    readonly reason: string,
    /** Whether it ran on a worker thread (false: on the calling thread, as small runs do). */
    readonly onWorkerThread = true,
    options?: ErrorOptions,
  ) {
    super(`replication ${replication} (seed ${seed}) failed${onWorkerThread ? ' in a worker' : ''}: ${reason}`, options);
    this.name = 'ReplicationFailed';
  }
}

/** The ReplicationFailed of a replication that threw `e` on the calling thread (the error kept as its cause, for CARELOAD_DEBUG's stack). */
export function failedOnCallingThread(replication: number, seed: number, e: unknown): ReplicationFailed {
  const message = e instanceof Error ? e.message : String(e);
  return new ReplicationFailed(replication, seed, message.split('\n')[0], false, { cause: e });
}
