import { availableParallelism } from 'node:os';
import type { Pool as WorkerPool } from 'workerpool';
import type { ReplicationResult } from '../metrics/recorder.js';
import { estimateWork } from '../limits/work.js';
import { simulateReplication } from '../model/simulation.js';
import type { Scenario } from '../scenario/types.js';
import { failedOnCallingThread, ReplicationFailed, RunAborted } from './errors.js';
import { runTeam, TeamStopped } from './team.js';
import { unpackResult, type PackedResult } from './transfer.js';
import { workerScript } from './worker-entry.js';

// The errors have a module of their own, so the command line can recognise them without loading the model.
export { ReplicationFailed, RunAborted };

/** Options for {@link runReplications}. */
export interface ReplicateOptions {
  /** Index of the first replication to run (default 0): later batches of a sequential check continue where the last stopped. */
  first?: number;
  /** Index after the last replication to run (default: scenario.replications): a shard runs first..end-1 of a run. */
  end?: number;
  /** Worker threads; 0 or 1 runs every replication on the calling thread (unless `alwaysWorkers`). Default: one per core. */
  workers?: number;
  /**
   * Run on worker threads even with one worker, keeping the calling thread
   * free (the live terminal view) and a long replication stoppable at once;
   * a small run (see `inlineWork`) still runs on the calling thread.
   */
  alwaysWorkers?: boolean;
  /**
   * A run estimated at no more conversations than this (all its
   * replications together, see estimateWork) runs on the calling thread
   * whatever `workers` says, when no `pool` is given: starting threads
   * would cost more than they save. Default {@link INLINE_WORK}; 0: never.
   */
  inlineWork?: number;
  /**
   * With two or more workers, let the calling thread take replications too,
   * in place of one worker thread (one fewer thread to start and warm up),
   * when each replication is short (see {@link SHARED_REPLICATION_WORK}): a
   * signal is then seen between two of its replications, within about a
   * second. Off under a live view, which must keep drawing.
   */
  shareCallingThread?: boolean;
  /** Called after each replication finishes, with how many are done. */
  onProgress?: (done: number, total: number, result: ReplicationResult) => void;
  /** Called as a replication advances: the simulated time it reached and its events so far. */
  onTick?: (replication: number, simulatedTime: number, events: number) => void;
  /** Aborting stops the run: the promise then rejects with {@link RunAborted}, carrying the finished replications. */
  signal?: AbortSignal;
  /**
   * A pool to run on (kept open by the caller across many runs, as calibration
   * does); one is made per run otherwise. The caller owns it: a run never
   * closes it, not even an aborted one, and the caller closes it when done.
   */
  pool?: ReplicationPool;
}

/**
 * Default most conversations of a run kept on the calling thread (see
 * ReplicateOptions.inlineWork): a few tenths of a second of simulation,
 * about what starting a worker thread and loading the model in it costs.
 * Each replication of such a run is short, and the run yields to the event
 * loop between replications, so a signal still stops it at once.
 */
export const INLINE_WORK = 100_000;

/**
 * Most conversations one replication may be estimated at for the calling
 * thread to take part (see ReplicateOptions.shareCallingThread): about half
 * a second of simulation (a second for heavy conversations), the longest a
 * stop then waits for the replication under way there.
 */
export const SHARED_REPLICATION_WORK = 500_000;

/** Worker threads kept for several runs: starting threads costs more than a short simulation. */
export interface ReplicationPool {
  /** How many worker threads the pool runs at most. */
  readonly workers: number;
  /** Stops the worker threads once their current work is done; the pool cannot be used afterwards. */
  close(): Promise<void>;
}

/** Starts a pool of at most `workers` worker threads for {@link runReplications}; close it when done. */
export function createReplicationPool(workers: number): ReplicationPool {
  return new ThreadPool(Math.max(1, workers));
}

/**
 * The pool behind {@link ReplicationPool}. Its threads, and workerpool
 * itself, are loaded on first use only, so that importing careload (or
 * running a command that never simulates in parallel) does not load them.
 */
class ThreadPool implements ReplicationPool {
  private threads: Promise<WorkerPool> | null = null;
  private closed = false;

  constructor(readonly workers: number) {}

  /** The worker threads, started on first use. */
  start(): Promise<WorkerPool> {
    if (this.closed) return Promise.reject(new Error('the replication pool is closed'));
    this.threads ??= import('workerpool').then(({ default: workerpool }) =>
      // A worker has nothing to clean up: when a run is stopped (or a call cancelled), end a busy thread
      // after 100 ms rather than workerpool's default second, so that Ctrl-C stops a run at once.
      workerpool.pool(workerScript('worker'), {
        maxWorkers: this.workers,
        workerType: 'thread',
        workerTerminateTimeout: 100,
      }),
    );
    return this.threads;
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.threads) await (await this.threads).terminate(false);
  }
}


/** Default worker count: one per core, never more than the replications. */
export function defaultWorkers(replications: number): number {
  return Math.max(1, Math.min(availableParallelism(), replications));
}

/**
 * Runs replications first..end-1 of a scenario (first = options.first or 0,
 * end = options.end or scenario.replications), inline or on worker threads, and returns them
 * in index order. Each replication depends only on (scenario, seed, index),
 * so the results are the same for any number of workers, and a run in
 * batches (first = 0, then 10, ...) gives the same replications as one run.
 * @throws RunAborted when `options.signal` aborts the run
 * @throws ReplicationFailed when a replication fails (an internal error, or its worker thread died)
 */
export async function runReplications(scenario: Scenario, options: ReplicateOptions = {}): Promise<ReplicationResult[]> {
  const first = options.first ?? 0;
  const end = Math.min(options.end ?? scenario.replications, scenario.replications);
  const total = Math.max(0, end - first);
  const workers = Math.min(options.workers ?? defaultWorkers(total), total);
  const results: ReplicationResult[] = new Array<ReplicationResult>(total);
  let done = 0;
  const finished = (r: ReplicationResult) => {
    results[r.replication - first] = r;
    options.onProgress?.(++done, total, r);
  };
  const completed = () => results.filter((r) => r !== undefined);
  const { signal, onTick } = options;
  const inline = !options.pool && ((workers <= 1 && !options.alwaysWorkers) || isSmall(scenario, total, options.inlineWork ?? INLINE_WORK));
  if (inline) {
    for (let i = first; i < first + total; i++) {
      if (signal?.aborted) throw new RunAborted(completed());
      let result: ReplicationResult;
      try {
        result = simulateReplication(scenario, i, onTick ? (t, events) => onTick(i, t, events) : undefined);
      } catch (e) {
        throw failedOnCallingThread(i, scenario.seed, e);
      }
      finished(result);
      // Let timers (progress output, signal handlers) run between replications.
      await new Promise((resolve) => setImmediate(resolve));
    }
    return results;
  }
  if (signal?.aborted) throw new RunAborted([]);
  if (options.pool === undefined) return runOnTeam(scenario, first, total, workers, options, finished, completed);
  // The caller's pool: one call per replication, the scenario with each (the pool serves many scenarios).
  const pool = asThreadPool(options.pool);
  let onAbort: (() => void) | undefined;
  const aborted = new Promise<never>((_, reject) => {
    onAbort = () => reject(new RunAborted(completed()));
    signal?.addEventListener('abort', onAbort, { once: true });
  });
  aborted.catch(() => undefined);
  let tasks: ReturnType<WorkerPool['exec']>[] = [];
  try {
    const threads = await pool.start();
    tasks = Array.from({ length: total }, (_, k) =>
      threads.exec('replicate', [scenario, first + k, onTick !== undefined], {
        on: (p: { replication: number; simulatedTime: number; events: number }) => onTick?.(p.replication, p.simulatedTime, p.events),
      }),
    );
    const all = Promise.all(
      tasks.map((task, k) =>
        task.then(
          (packed: PackedResult) => finished(unpackResult(packed)),
          (e: unknown) => {
            // After an abort the pending calls are cancelled on purpose: that is no failure.
            if (signal?.aborted) throw e;
            throw new ReplicationFailed(first + k, scenario.seed, failureReason(e));
          },
        ),
      ),
    );
    // After an abort, the pending calls are cancelled or terminated: nobody waits for them any more.
    all.catch(() => undefined);
    await Promise.race([all, aborted]);
  } finally {
    // A caller that runs many batches on one signal (check, plan) must not collect a listener per batch.
    if (onAbort) signal?.removeEventListener('abort', onAbort);
    // The caller's pool stays open: cancel only this run's unfinished calls
    // (no-ops for finished ones), so the pool is free for the caller's next run.
    for (const task of tasks) task.cancel();
  }
  return results;
}

/**
 * A run without a caller's pool: on a team of threads started for this run
 * (./team.ts), the calling thread one of them when the options allow and the
 * replications are short.
 */
async function runOnTeam(
  scenario: Scenario,
  first: number,
  total: number,
  workers: number,
  options: ReplicateOptions,
  finished: (r: ReplicationResult) => void,
  completed: () => ReplicationResult[],
): Promise<ReplicationResult[]> {
  const callingThread = callingThreadJoins(scenario, workers, options);
  try {
    await runTeam(scenario, {
      first,
      end: first + total,
      threads: callingThread ? workers - 1 : Math.max(1, workers),
      callingThread,
      onResult: finished,
      onTick: options.onTick,
      signal: options.signal,
    });
  } catch (e) {
    if (e instanceof TeamStopped) throw new RunAborted(completed());
    throw e;
  }
  return completed();
}

/**
 * Whether the calling thread takes replications in a run's team: when asked
 * to, with two or more workers, and replications estimated short enough
 * (SHARED_REPLICATION_WORK) for a stop to wait for the one it runs.
 */
export function callingThreadJoins(scenario: Scenario, workers: number, options: Pick<ReplicateOptions, 'shareCallingThread'>): boolean {
  return options.shareCallingThread === true && workers >= 2
    && estimateWork(scenario, 1).conversationsPerReplication <= SHARED_REPLICATION_WORK;
}

/** True when a run of `replications` of `scenario` is estimated at no more than `limit` conversations. */
function isSmall(scenario: Scenario, replications: number, limit: number): boolean {
  return limit > 0 && estimateWork(scenario, replications).conversations <= limit;
}

/**
 * What a worker's failure says, in one line: the error thrown in the
 * worker, or that the thread died (workerpool's many-line message shortened
 * to its exit code).
 */
function failureReason(e: unknown): string {
  const message = e instanceof Error ? e.message : String(e);
  if (message.startsWith('Workerpool Worker terminated Unexpectedly')) {
    const code = /exitCode: `([^`]*)`/.exec(message)?.[1];
    const signal = /signalCode: `([^`]*)`/.exec(message)?.[1];
    const how = signal && signal !== 'undefined' && signal !== 'null' ? `signal ${signal}` : `exit code ${code ?? 'unknown'}`;
    return `the worker thread ended unexpectedly (${how})`;
  }
  return message.split('\n')[0];
}

/** The pool behind a {@link ReplicationPool} from {@link createReplicationPool}. */
function asThreadPool(pool: ReplicationPool | undefined): ThreadPool {
  if (pool instanceof ThreadPool) return pool;
  throw new TypeError('options.pool: expected a pool made by createReplicationPool');
}
