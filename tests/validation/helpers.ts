import { expect } from 'vitest';
import { meanCI, studentTQuantile } from '../../src/metrics/ci.js';
import { Field, FIELD_COUNT, TEAM_FIELD_COUNT, TeamField } from '../../src/metrics/fields.js';
import { denseHistograms, HISTOGRAM_BUCKETS } from '../../src/metrics/histogram.js';
import { type ReplicationResult } from '../../src/metrics/recorder.js';
import { runReplications } from '../../src/runner/replicate.js';
import { parseScenario } from '../../src/scenario/load.js';
import type { Scenario } from '../../src/scenario/types.js';

/** Builds a scenario from YAML text (the same loader users go through). */
export function scenarioFrom(yaml: string): Scenario {
  return parseScenario(yaml, 'validation.yaml');
}

/** Runs every replication of a scenario on worker threads. */
export function replicate(scenario: Scenario): Promise<ReplicationResult[]> {
  return runReplications(scenario, { workers: 2 });
}

/** A per-replication value of field `f` in scope `scope` (0 = overall). */
export function field(r: ReplicationResult, f: number, scope = 0): number {
  return r.fields[scope * FIELD_COUNT + f];
}

/** Overall utilization of one replication. */
export function utilization(r: ReplicationResult): number {
  let writing = 0;
  let onShift = 0;
  for (let k = 0; k < r.teams.length / TEAM_FIELD_COUNT; k++) {
    writing += r.teams[k * TEAM_FIELD_COUNT + TeamField.writingTime];
    onShift += r.teams[k * TEAM_FIELD_COUNT + TeamField.onShiftTime];
  }
  return writing / onShift;
}

/** Share of answered conversations picked up within 0.01 s (histogram bucket 0). */
export function immediateShare(r: ReplicationResult, scope = 0): number {
  return denseHistograms(r.waitHist)[scope * HISTOGRAM_BUCKETS] / field(r, Field.answered, scope);
}

/**
 * Asserts that theory lies inside the replications' confidence interval.
 * The interval is taken at 99.9% rather than 95%: a suite of a few dozen
 * such checks at 95% would fail somewhere by chance alone most of the time.
 */
export function expectWithinCI(label: string, values: number[], theory: number, level = 0.999): void {
  const ci = meanCI(values, level);
  const half = (ci.hi - ci.lo) / 2;
  const message = `${label}: theory ${theory}, simulated ${ci.mean} ± ${half} (${level * 100}% CI, n=${ci.n}, t=${studentTQuantile(0.5 + level / 2, ci.n - 1).toFixed(3)})`;
  expect(Math.abs(ci.mean - theory), message).toBeLessThanOrEqual(half);
  // A CI so wide that it proves nothing would pass vacuously: bound its width.
  expect(half, `${message}: interval too wide to be a test`).toBeLessThan(Math.max(0.075 * Math.abs(theory), 1e-3));
}

export { Field };
