import { createHash } from 'node:crypto';
import { scenarioHash } from '../scenario/hash.js';
import type { Scenario } from '../scenario/types.js';

/** What identifies a run's results: the same inputs give the same results, so the same id. */
export interface RunIdentity {
  /** {@link scenarioHash} of the scenario run. */
  scenarioHash: string;
  seed: number;
  /** Replications asked for. */
  replications: number;
  /** Replications finished, when the run was stopped early (absent for a complete run). */
  done?: number;
  /** The shard of a sharded run (absent when the run is whole). */
  shard?: { index: number; count: number };
}

/**
 * The run id of a result set: a short hash of what produced it (scenario
 * hash, seed, replications, shard, replications done when stopped early),
 * never of a clock or a process, so reruns and any worker count give
 * byte-identical files. summary.json, run.json and replications.json each
 * record it; readers refuse a folder whose files carry different ids (files
 * of two runs, e.g. after a run killed between its renames).
 */
export function runIdOf(identity: RunIdentity): string {
  const hashed = {
    scenarioHash: identity.scenarioHash,
    seed: identity.seed,
    replications: identity.replications,
    ...(identity.done === undefined ? {} : { done: identity.done }),
    ...(identity.shard === undefined ? {} : { shard: [identity.shard.index, identity.shard.count] }),
  };
  return createHash('sha256').update(JSON.stringify(hashed)).digest('hex').slice(0, 16);
}

/** The run id of a run of `scenario` (its seed and replications), stopped after `done` replications when given. */
export function runIdOfScenario(scenario: Scenario, stoppedEarly?: { done: number } | null): string {
  return runIdOf({
    scenarioHash: scenarioHash(scenario),
    seed: scenario.seed,
    replications: scenario.replications,
    ...(stoppedEarly ? { done: stoppedEarly.done } : {}),
  });
}
