/**
 * runReplications on a pool the caller owns: an aborted run stops only its
 * own work and leaves the pool open for the caller's other and later runs.
 */
import { describe, expect, it } from 'vitest';
import type { ReplicationResult } from '../../src/metrics/recorder.js';
import { createReplicationPool, ReplicationFailed, RunAborted, runReplications } from '../../src/runner/replicate.js';
import type { Scenario } from '../../src/scenario/types.js';
import { parseScenario } from '../../src/scenario/load.js';

const scenario = parseScenario(`
horizon: 30h
warmup: 2h
replications: 6
seed: 5
channels:
  chat:
    rate: 200/h
    handleTime: { dist: exponential, mean: 3m }
tiers:
  standard: { firstResponse: 5m }
teams:
  agents: { agents: 14 }
`, 'pool.yaml');

/** What identifies a replication's outcome (typed arrays compared element by element). */
const outcome = (r: ReplicationResult) => ({ replication: r.replication, events: r.events, fields: Array.from(r.fields) });

describe('runReplications with a caller-owned pool', () => {
  it('an aborted run leaves the pool running: a concurrent run finishes, and the pool serves a later run', async () => {
    const inline = (await runReplications(scenario, { workers: 1 })).map(outcome);
    const pool = createReplicationPool(2);
    try {
      const controller = new AbortController();
      const stopped = runReplications(scenario, { pool, signal: controller.signal, onProgress: () => controller.abort() });
      const concurrent = runReplications({ ...scenario, replications: 3 }, { pool });

      const error = await stopped.then(() => null, (e: unknown) => e);
      expect(error).toBeInstanceOf(RunAborted);
      expect((error as RunAborted).completed.length).toBeGreaterThanOrEqual(1);
      expect((error as RunAborted).completed.length).toBeLessThan(scenario.replications);
      // Terminating the pool on abort would reject these with "Pool terminated".
      expect((await concurrent).map(outcome)).toEqual(inline.slice(0, 3));

      const again = await runReplications(scenario, { pool });
      expect(again.map(outcome)).toEqual(inline);
    } finally {
      await pool.close();
    }
  });

  it('a run on a closed pool fails clearly', async () => {
    const pool = createReplicationPool(1);
    await pool.close();
    await expect(runReplications(scenario, { pool })).rejects.toThrow('the replication pool is closed');
  });

  it('a run whose signal is already aborted stops before any replication, inline or on threads', async () => {
    const signal = AbortSignal.abort();
    for (const options of [{ workers: 1 }, { workers: 2 }, { alwaysWorkers: true, workers: 1 }]) {
      const error = await runReplications(scenario, { ...options, signal }).then(() => null, (e: unknown) => e);
      expect(error).toBeInstanceOf(RunAborted);
      expect((error as RunAborted).completed).toEqual([]);
    }
  });

  it('only pools from createReplicationPool are accepted', async () => {
    const fake = { workers: 2, close: () => Promise.resolve() };
    await expect(runReplications(scenario, { pool: fake })).rejects.toThrow(TypeError);
  });
});

describe('a replication that fails on a worker thread', () => {
  it('rejects with the replication and seed it ran, in one line, on an own pool and on a caller-owned one', async () => {
    // A scenario the loader would refuse: the simulation throws inside the worker.
    const broken = { ...scenario, channels: null } as unknown as Scenario;
    const pool = createReplicationPool(1);
    try {
      for (const options of [{ workers: 1, alwaysWorkers: true }, { pool }]) {
        const error = await runReplications(broken, { ...options, first: 4 }).then(() => null, (e: unknown) => e);
        expect(error).toBeInstanceOf(ReplicationFailed);
        const failed = error as ReplicationFailed;
        expect([failed.replication, failed.seed]).toEqual([4, 5]);
        expect(failed.message).toMatch(/^replication 4 \(seed 5\) failed in a worker: .+$/);
        expect(failed.message).not.toContain('\n');
      }
    } finally {
      await pool.close();
    }
  });
});
