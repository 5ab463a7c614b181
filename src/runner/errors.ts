import type { ReplicationResult } from '../metrics/recorder.js';

/** A run stopped before every replication finished. */
export class RunAborted extends Error {
  constructor(readonly completed: ReplicationResult[]) {
    super(`run stopped after ${completed.length} replication(s)`);
    this.name = 'RunAborted';
  }
}

/**
 * A replication failed on a worker thread (an internal error there, or the
 * thread died): which one, and the seed it ran with, so it can be
 * reproduced (`--seed`, and the replication's index) on its own.
 */
export class ReplicationFailed extends Error {
  constructor(
    /** The replication's index, from 0. */
    readonly replication: number,
    /** The scenario's seed (replication i of seed s is the same in every run). */
    readonly seed: number,
    /** What the worker reported. */
    readonly reason: string,
  ) {
    super(`replication ${replication} (seed ${seed}) failed in a worker: ${reason}`);
    this.name = 'ReplicationFailed';
  }
}
