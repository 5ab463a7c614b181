import { availableParallelism } from 'node:os';
import workerpool from 'workerpool';
import type { ReplicationResult } from '../metrics/recorder.js';
import { simulateReplication } from '../model/simulation.js';
import type { Scenario } from '../scenario/types.js';

/** Options for {@link runReplications}. */
export interface ReplicateOptions {
  /** Worker threads; 0 or 1 runs every replication on the calling thread (unless `alwaysWorkers`). Default: one per core. */
  workers?: number;
  /** Run on worker threads even with one worker, keeping the calling thread free (the live terminal view). */
  alwaysWorkers?: boolean;
  /** Called after each replication finishes, with how many are done. */
  onProgress?: (done: number, total: number, result: ReplicationResult) => void;
  /** Called as a replication advances: the simulated time it reached and its events so far. */
  onTick?: (replication: number, simulatedTime: number, events: number) => void;
  /** Aborting stops the run: the promise then rejects with {@link RunAborted}, carrying the finished replications. */
  signal?: AbortSignal;
  /** A pool to run on (kept open by the caller across many runs, as calibration does); one is made per run otherwise. */
  pool?: ReplicationPool;
}

/** Worker threads kept for several runs: starting threads costs more than a short simulation. */
export interface ReplicationPool {
  readonly workers: number;
  /** @internal */ readonly pool: ReturnType<typeof workerpool.pool>;
  close(): Promise<void>;
}

/** Starts `workers` worker threads for {@link runReplications}; close it when done. */
export function createReplicationPool(workers: number): ReplicationPool {
  const pool = workerpool.pool(workerScript(), { maxWorkers: Math.max(1, workers), workerType: 'thread' });
  return { workers: Math.max(1, workers), pool, close: async () => void (await pool.terminate()) };
}

/** A run stopped before every replication finished. */
export class RunAborted extends Error {
  constructor(readonly completed: ReplicationResult[]) {
    super(`run stopped after ${completed.length} replication(s)`);
    this.name = 'RunAborted';
  }
}

/** The worker script next to this module: compiled JS, or a bootstrap that registers tsx for sources. */
function workerScript(): string {
  const here = import.meta.url;
  const file = here.endsWith('.ts') ? './worker-tsx.mjs' : './worker.js';
  return new URL(file, here).pathname;
}

/** Default worker count: one per core, never more than the replications. */
export function defaultWorkers(replications: number): number {
  return Math.max(1, Math.min(availableParallelism(), replications));
}

/**
 * Runs replications 0..n-1 of a scenario, inline or on worker threads, and
 * returns them in index order. Each replication depends only on (scenario,
 * seed, index), so the results are the same for any number of workers.
 */
export async function runReplications(scenario: Scenario, options: ReplicateOptions = {}): Promise<ReplicationResult[]> {
  const total = scenario.replications;
  const workers = Math.min(options.workers ?? defaultWorkers(total), total);
  const results: ReplicationResult[] = new Array(total);
  let done = 0;
  const finished = (r: ReplicationResult) => {
    results[r.replication] = r;
    options.onProgress?.(++done, total, r);
  };
  const completed = () => results.filter((r) => r !== undefined);
  const { signal, onTick } = options;
  if (workers <= 1 && !options.alwaysWorkers && !options.pool) {
    for (let i = 0; i < total; i++) {
      if (signal?.aborted) throw new RunAborted(completed());
      finished(simulateReplication(scenario, i, onTick ? (t, events) => onTick(i, t, events) : undefined));
      // Let timers (progress output, signal handlers) run between replications.
      await new Promise((resolve) => setImmediate(resolve));
    }
    return results;
  }
  const own = options.pool === undefined;
  const pool = options.pool?.pool ?? workerpool.pool(workerScript(), { maxWorkers: Math.max(1, workers), workerType: 'thread' });
  const aborted = new Promise<never>((_, reject) => {
    signal?.addEventListener('abort', () => reject(new RunAborted(completed())), { once: true });
  });
  aborted.catch(() => undefined);
  try {
    const all = Promise.all(
      Array.from({ length: total }, (_, i) =>
        pool
          .exec('replicate', [scenario, i, onTick !== undefined], {
            on: (p: { replication: number; simulatedTime: number; events: number }) => onTick?.(p.replication, p.simulatedTime, p.events),
          })
          .then((r: ReplicationResult) => finished(r)),
      ),
    );
    // After an abort, terminating the pool rejects the pending calls: nobody waits for them any more.
    all.catch(() => undefined);
    await Promise.race([all, aborted]);
  } finally {
    if (own || signal?.aborted) await pool.terminate(signal?.aborted === true);
  }
  return results;
}
