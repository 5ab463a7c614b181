/**
 * A tier's goal (the share of its conversations that should get their first
 * reply within target) judged the way a threshold is: on the run's 95%
 * interval, never on the mean alone.
 */
import { intervalVerdict, type Verdict } from '../check/verdict.js';
import type { Estimate } from '../metrics/summary.js';

/**
 * The verdict of `estimate >= goal` on its 95% interval, as the threshold
 * `slaAttainment >= goal` on the tier would get on the run's replications:
 * pass when the whole interval reaches the goal, fail when none of it does,
 * inconclusive when it straddles the goal or there is no interval (fewer
 * than two replications where the metric is defined).
 */
export function goalVerdict(estimate: Estimate, goal: number): Verdict {
  if (estimate.mean === null || estimate.ci95 === null) return 'inconclusive';
  return intervalVerdict(estimate.ci95[0], estimate.ci95[1], '>=', goal);
}

/** The report's word for each goal verdict, with a mark that reads without colour. */
export const GOAL_MARKS: Readonly<Record<Verdict, string>> = { pass: '✓ met', fail: '✗ missed', inconclusive: '? inconclusive' };
