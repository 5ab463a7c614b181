/**
 * A team of threads for one run: worker threads started for this run only,
 * and optionally the calling thread, all taking replication indexes from
 * one shared counter (Atomics), so that whichever thread is free takes the
 * next replication with no round trip through the main thread. Which
 * thread ran a replication changes nothing in it (it depends only on the
 * scenario, the seed and its index), and results are stored by index, so
 * the run's results are the same for any team.
 */
import { Worker } from 'node:worker_threads';
import type { ReplicationResult } from '../metrics/recorder.js';
import { simulateReplication } from '../model/simulation.js';
import type { Scenario } from '../scenario/types.js';
import { failedOnCallingThread, ReplicationFailed } from './errors.js';
import { unpackResult, type PackedResult } from './transfer.js';
import { workerScript } from './worker-entry.js';

/** What each worker thread of a team is given at start (its workerData, with the scenario). */
export interface TeamStart {
  /** One Int32: the next replication index to take. */
  counter: SharedArrayBuffer;
  /** One Int32 per worker thread: the replication it runs (-1 before its first), read when the thread dies. */
  current: SharedArrayBuffer;
  /** This thread's entry in `current`. */
  slot: number;
  /** Index after the last replication to run. */
  end: number;
  /** Whether to post progress ticks. */
  ticks: boolean;
}

/** What a team's worker thread posts to the calling thread. */
export type TeamMessage =
  | { kind: 'result'; packed: PackedResult }
  | { kind: 'tick'; replication: number; simulatedTime: number; events: number }
  | { kind: 'failed'; replication: number; reason: string };

/** Options for {@link runTeam}. */
export interface TeamOptions {
  first: number;
  end: number;
  /** Worker threads to start (at least 1). */
  threads: number;
  /** Whether the calling thread takes replications too, between handling the threads' messages. */
  callingThread: boolean;
  /** Each finished replication, in the order they finish. */
  onResult: (result: ReplicationResult) => void;
  onTick?: (replication: number, simulatedTime: number, events: number) => void;
  signal?: AbortSignal;
}

/** Thrown by {@link runTeam} when its signal stopped it (the caller knows what finished). */
export class TeamStopped extends Error {
  constructor() {
    super('stopped');
    this.name = 'TeamStopped';
  }
}

/**
 * Runs replications first..end-1 on a team (see the module comment); resolves once every result was handed to onResult.
 * @throws TeamStopped when `signal` aborts (the threads are ended at once)
 * @throws ReplicationFailed when a replication fails (on any thread of the team), or a worker thread dies
 */
export function runTeam(scenario: Scenario, options: TeamOptions): Promise<void> {
  const { first, end, threads, onResult, onTick, signal } = options;
  const counter = new SharedArrayBuffer(4);
  const next = new Int32Array(counter);
  next[0] = first;
  const current = new SharedArrayBuffer(4 * threads);
  const running = new Int32Array(current).fill(-1);
  const total = end - first;
  let received = 0;
  let settled = false;
  const workers: Worker[] = [];

  return new Promise<void>((resolve, reject) => {
    const onAbort = () => finish(new TeamStopped());
    function finish(error?: Error): void {
      if (settled) return;
      settled = true;
      signal?.removeEventListener('abort', onAbort);
      if (error === undefined) {
        // Every result is in: the threads are ending on their own, and need not hold the process up.
        for (const w of workers) w.unref();
        resolve();
        return;
      }
      // Stopped or failed: end the other threads now rather than after their replications.
      void Promise.all(workers.map((w) => w.terminate())).finally(() => reject(error));
    }
    const got = (result: ReplicationResult) => {
      if (settled) return;
      onResult(result);
      if (++received === total) finish();
    };
    if (signal?.aborted) {
      finish(new TeamStopped());
      return;
    }
    signal?.addEventListener('abort', onAbort, { once: true });

    for (let slot = 0; slot < threads; slot++) {
      const start: TeamStart = { counter, current, slot, end, ticks: onTick !== undefined };
      const worker = new Worker(workerScript('team-worker'), { workerData: { ...start, scenario, entry: './team-worker.ts' } });
      // What the thread was running when it failed (its first replication if it died loading).
      const failedAt = () => {
        const r = Atomics.load(running, slot);
        return r >= 0 ? r : first;
      };
      worker.on('message', (message: TeamMessage) => {
        if (settled) return;
        if (message.kind === 'result') got(unpackResult(message.packed));
        else if (message.kind === 'tick') onTick?.(message.replication, message.simulatedTime, message.events);
        else finish(new ReplicationFailed(message.replication, scenario.seed, message.reason.split('\n')[0]));
      });
      worker.on('error', (e: unknown) => finish(new ReplicationFailed(failedAt(), scenario.seed, (e instanceof Error ? e.message : String(e)).split('\n')[0])));
      worker.on('exit', (code) => {
        // Its messages arrive before its exit: a thread that ended normally has posted all its results.
        if (code !== 0) finish(new ReplicationFailed(failedAt(), scenario.seed, `the worker thread ended unexpectedly (exit code ${code})`));
      });
      workers.push(worker);
    }

    if (options.callingThread) {
      void (async () => {
        for (;;) {
          // Let the threads' messages, timers and signal handlers run between two replications.
          await new Promise((resolve) => setImmediate(resolve));
          if (settled) return;
          const replication = Atomics.add(next, 0, 1);
          if (replication >= end) return;
          let result: ReplicationResult;
          try {
            result = simulateReplication(scenario, replication, onTick ? (t, events) => onTick(replication, t, events) : undefined);
          } catch (e) {
            finish(failedOnCallingThread(replication, scenario.seed, e));
            return;
          }
          got(result);
        }
      })();
    }
  });
}

