import { availableParallelism } from 'node:os';
import workerpool from 'workerpool';
import type { ReplicationResult } from '../metrics/recorder.js';
import { simulateReplication } from '../model/simulation.js';
import type { Scenario } from '../scenario/types.js';

/** Options for {@link runReplications}. */
export interface ReplicateOptions {
  /** Worker threads; 0 or 1 runs every replication on the calling thread. Default: one per core. */
  workers?: number;
  /** Called after each replication finishes, with how many are done. */
  onProgress?: (done: number, total: number, result: ReplicationResult) => void;
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
  if (workers <= 1) {
    for (let i = 0; i < total; i++) {
      finished(simulateReplication(scenario, i));
      // Let timers (progress output, signal handlers) run between replications.
      await new Promise((resolve) => setImmediate(resolve));
    }
    return results;
  }
  const pool = workerpool.pool(workerScript(), { maxWorkers: workers, workerType: 'thread' });
  try {
    await Promise.all(
      Array.from({ length: total }, (_, i) =>
        pool.exec('replicate', [scenario, i]).then((r: ReplicationResult) => finished(r)),
      ),
    );
  } finally {
    await pool.terminate();
  }
  return results;
}
