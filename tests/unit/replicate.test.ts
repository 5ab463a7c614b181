/**
 * runReplications on a pool the caller owns: an aborted run stops only its
 * own work and leaves the pool open for the caller's other and later runs.
 */
import { describe, expect, it } from 'vitest';
import { denseHistograms, SparseHistograms } from '../../src/metrics/histogram.js';
import type { ReplicationResult } from '../../src/metrics/recorder.js';
import { estimateWork } from '../../src/limits/work.js';
import { callingThreadJoins, createReplicationPool, INLINE_WORK, ReplicationFailed, RunAborted, runReplications, SHARED_REPLICATION_WORK } from '../../src/runner/replicate.js';
import { packResult, unpackResult } from '../../src/runner/transfer.js';
import { simulateReplication } from '../../src/model/simulation.js';
import type { Scenario } from '../../src/scenario/types.js';
import { parseScenario } from '../../src/scenario/load.js';

/** A result as text, every array dense: equal texts, equal results value for value (histograms sent back sparse included). */
const whole = (r: ReplicationResult) =>
  JSON.stringify(r, (_k, v: unknown) => (v instanceof SparseHistograms ? Array.from(denseHistograms(v)) : ArrayBuffer.isView(v) ? Array.from(v as Float64Array) : v));

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
    for (const options of [{ workers: 1 }, { workers: 2, inlineWork: 0 }, { alwaysWorkers: true, workers: 1, inlineWork: 0 }]) {
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
      for (const options of [{ workers: 1, alwaysWorkers: true, inlineWork: 0 }, { pool }]) {
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

  it('on the calling thread too (a small run, or a team it joins): the same one line, without "in a worker", the error kept as its cause', async () => {
    const broken = { ...scenario, channels: null } as unknown as Scenario;
    const inline = await runReplications(broken, { workers: 1, first: 2 }).then(() => null, (e: unknown) => e);
    expect(inline).toBeInstanceOf(ReplicationFailed);
    expect((inline as ReplicationFailed).message).toMatch(/^replication 2 \(seed 5\) failed: [^\n]+$/);
    expect((inline as ReplicationFailed).onWorkerThread).toBe(false);
    expect((inline as ReplicationFailed).cause).toBeInstanceOf(TypeError);
    // In a team the calling thread joins, whichever thread fails first is reported: either way one line naming it.
    // (No routing: the work estimate that decides whether the calling thread joins reads fine, the simulation fails.)
    const noRouting = { ...scenario, routing: null } as unknown as Scenario;
    const team = await runReplications(noRouting, { workers: 2, alwaysWorkers: true, inlineWork: 0, shareCallingThread: true }).then(() => null, (e: unknown) => e);
    expect(team).toBeInstanceOf(ReplicationFailed);
    expect((team as ReplicationFailed).message).toMatch(/^replication \d \(seed 5\) failed( in a worker)?: [^\n]+$/);
  });
});

describe('where replications run: the calling thread for small runs, worker threads otherwise (issue 14)', () => {
  /** Every typed array and number of a result, in a form toEqual compares exactly. */

  it('this test scenario is small, by the estimate the runner uses', () => {
    expect(estimateWork(scenario).conversations).toBeLessThan(INLINE_WORK);
  });

  it('gives results identical in every value on the calling thread, on one and two worker threads, and on a caller-owned pool', async () => {
    const inline = (await runReplications(scenario, { workers: 2 })).map(whole);
    expect(inline).toHaveLength(6);
    const pool = createReplicationPool(2);
    try {
      for (const options of [{ workers: 1, alwaysWorkers: true, inlineWork: 0 }, { workers: 2, inlineWork: 0 }, { pool }, { workers: 1 }]) {
        expect((await runReplications(scenario, options)).map(whole)).toEqual(inline);
      }
    } finally {
      await pool.close();
    }
  });

  it('runs a small run on the calling thread even when worker threads are asked for (no thread is started)', async () => {
    // Inline, the first replication runs (and ticks) synchronously, before runReplications returns its promise;
    // on a worker thread nothing could have ticked by then.
    let sameTick = 0;
    const ticks: number[] = [];
    const run = runReplications(scenario, { workers: 2, alwaysWorkers: true, onTick: (rep) => ticks.push(rep) });
    sameTick = ticks.length;
    await run;
    expect(sameTick).toBeGreaterThan(0);
  });

  it('runs a large run (or inlineWork 0) on worker threads: no progress before the promise is returned', async () => {
    const ticks: number[] = [];
    const run = runReplications(scenario, { workers: 1, alwaysWorkers: true, inlineWork: 0, onTick: (rep) => ticks.push(rep) });
    expect(ticks).toEqual([]);
    expect(await run).toHaveLength(6);
  });

  it('passes on a worker\'s progress at most every 50 ms per replication (the first tick always), not at each of its 100 ticks', async () => {
    const count = async (options: Parameters<typeof runReplications>[1]) => {
      const ticks = new Map<number, number>();
      await runReplications(scenario, { ...options, onTick: (rep) => ticks.set(rep, (ticks.get(rep) ?? 0) + 1) });
      return [...ticks.values()];
    };
    const inline = await count({ workers: 1 });
    const onWorkers = await count({ workers: 2, alwaysWorkers: true, inlineWork: 0 });
    expect(Math.min(...inline)).toBeGreaterThanOrEqual(50);
    expect(onWorkers).toHaveLength(6);
    // Each replication here takes milliseconds: one tick, a few on a very busy machine.
    expect(Math.max(...onWorkers)).toBeLessThan(20);
  });

  it('a result packed into one buffer unpacks equal in every value, as views on that buffer', async () => {
    const [r] = await runReplications({ ...scenario, replications: 1 }, { workers: 1 });
    const packed = packResult(r);
    const back = unpackResult(structuredClone(packed, { transfer: [packed.buffer] }));
    expect(whole(back)).toEqual(whole(r));
    expect(back.fields.buffer).toBe(back.series.arrivals.buffer);
    expect(packed.buffer.byteLength).toBe(0); // transferred: moved, not copied
  });

  it('sends the mostly empty histograms sparse: the packed buffer is a fraction of the dense arrays', () => {
    const r = simulateReplication(scenario, 0);
    const packed = packResult(r);
    const dense = [r.waitHist, r.firstResponseHist, r.nextResponseHist].reduce((s, a) => s + denseHistograms(a).byteLength, 0);
    expect(packed.slots.find((s) => s.path[0] === 'waitHist')?.nonZero).toBeGreaterThan(0);
    expect(packed.buffer.byteLength).toBeLessThan(dense / 2);
    const back = unpackResult(packed);
    // and they stay sparse on arrival: the main thread never allocates their zeros
    expect(back.waitHist).toBeInstanceOf(SparseHistograms);
    expect(whole(back)).toEqual(whole(r));
  });
});

describe('a team of threads for one run, the calling thread one of them (issue 14)', () => {
  const team = { workers: 2, alwaysWorkers: true, inlineWork: 0 } as const;

  /** Ticks per replication: the calling thread passes on all of a replication's 100, a worker thread one every 50 ms. */
  const ticksOf = async (options: Parameters<typeof runReplications>[1]) => {
    const ticks = new Map<number, number>();
    const results = await runReplications(scenario, { ...options, onTick: (rep) => ticks.set(rep, (ticks.get(rep) ?? 0) + 1) });
    return { results, ticks };
  };

  it('gives the same results, value for value, with the calling thread in the team or not, for a whole run and for a batch', async () => {
    const inline = (await runReplications(scenario, { workers: 1 })).map(whole);
    const many = { ...scenario, replications: 12 };
    const inlineMany = (await runReplications(many, { workers: 1 })).map(whole);
    for (const options of [team, { ...team, shareCallingThread: true }, { ...team, workers: 3, shareCallingThread: true }]) {
      expect((await runReplications(scenario, options)).map(whole)).toEqual(inline);
      // A later batch, as check runs them: replications 7..11 of the same run.
      expect((await runReplications(many, { ...options, first: 7 })).map(whole)).toEqual(inlineMany.slice(7));
    }
  });

  it('the calling thread takes replications when asked and they are short, and never with one worker or long replications', async () => {
    const shared = await ticksOf({ ...team, shareCallingThread: true });
    expect(shared.results).toHaveLength(scenario.replications);
    // At least the first replication is the calling thread's: it starts before the worker thread has loaded.
    expect(Math.max(...shared.ticks.values())).toBeGreaterThanOrEqual(50);
    for (const options of [{ ...team, workers: 1, shareCallingThread: true }, team]) {
      const { ticks } = await ticksOf(options);
      expect(Math.max(...ticks.values())).toBeLessThan(20);
    }
    // Past SHARED_REPLICATION_WORK a replication each, the calling thread stays free (a stop must not wait for it).
    const long = { ...scenario, channels: scenario.channels.map((c) => ({ ...c, rate: c.rate * 1000 })) };
    expect(estimateWork(long, 1).conversationsPerReplication).toBeGreaterThan(SHARED_REPLICATION_WORK);
    expect([callingThreadJoins(scenario, 2, { shareCallingThread: true }), callingThreadJoins(long, 2, { shareCallingThread: true })]).toEqual([true, false]);
    expect([callingThreadJoins(scenario, 1, { shareCallingThread: true }), callingThreadJoins(scenario, 2, {})]).toEqual([false, false]);
  });

  it('a stop while the calling thread simulates ends the worker threads too: the finished replications, in order, no more', async () => {
    const many = { ...scenario, replications: 40 };
    const controller = new AbortController();
    const error = await runReplications(many, { ...team, shareCallingThread: true, signal: controller.signal, onProgress: (done) => done === 3 && controller.abort() })
      .then(() => null, (e: unknown) => e);
    expect(error).toBeInstanceOf(RunAborted);
    const completed = (error as RunAborted).completed;
    expect(completed.length).toBeGreaterThanOrEqual(3);
    expect(completed.length).toBeLessThan(40);
    const indexes = completed.map((r) => r.replication);
    expect(indexes).toEqual([...indexes].sort((a, b) => a - b));
  });
});
