/**
 * Verdicts on confidence intervals, and the sequential plan that keeps the
 * stated confidence honest when replications are added in batches.
 *
 * A threshold passes when its whole interval lies on the right side of the
 * target, fails when the whole interval lies on the wrong side, and is
 * inconclusive otherwise. Looking at the interval after every batch and
 * stopping at the first decision would inflate the error rate (each look is
 * another chance to be fooled by noise), so the error budget 1 - confidence
 * is split evenly over the planned looks (Bonferroni): each look uses a
 * two-sided Student-t interval at level 1 - (1 - confidence) / looks. The
 * chance that any look's interval misses the true mean, and so the chance of
 * any wrong verdict, is then at most 1 - confidence. Looks double the
 * replications each time, so there are few of them and the split costs
 * little width.
 */
import { clipInterval, meanCI, type ValueRange } from '../metrics/ci.js';
import { holds, type Operator } from '../thresholds/grammar.js';

/** A threshold's verdict. */
export type Verdict = 'pass' | 'fail' | 'inconclusive';

/** Mean and interval of per-replication values, and the verdict they give. */
export interface Decision {
  verdict: Verdict;
  /** Mean of the defined values (null when none is defined). */
  mean: number | null;
  /** The interval at the level used (null with fewer than two values). */
  ci: [number, number] | null;
  /** Defined values used. */
  n: number;
}

/**
 * The verdict of an interval [lo, hi] against `operator target`: pass when
 * every value in it satisfies the condition, fail when none does.
 */
export function intervalVerdict(lo: number, hi: number, operator: Operator, target: number): Verdict {
  const loOk = holds(lo, operator, target);
  const hiOk = holds(hi, operator, target);
  if (loOk && hiOk) return 'pass';
  if (!loOk && !hiOk) return 'fail';
  return 'inconclusive';
}

/**
 * Decides on per-replication values at interval level `level`. Values that
 * are NaN (the metric undefined in a replication) are left out; with fewer
 * than two defined values nothing can be said, unless they are all equal
 * (a metric with no noise needs no interval). With `range` (a share's
 * [0, 1]) the interval is clipped to it before the verdict.
 */
export function decide(values: readonly number[], operator: Operator, target: number, level: number, range?: ValueRange): Decision {
  const ci = clipInterval(meanCI(values, level), range);
  if (ci.n === 0) return { verdict: 'inconclusive', mean: null, ci: null, n: 0 };
  if (ci.n === 1) return { verdict: 'inconclusive', mean: ci.mean, ci: null, n: 1 };
  return { verdict: intervalVerdict(ci.lo, ci.hi, operator, target), mean: ci.mean, ci: [ci.lo, ci.hi], n: ci.n };
}

/**
 * Replication counts at which the sequential check looks: `first`, then
 * doubling, ending exactly at `max` (first <= max). E.g. (10, 200):
 * 10, 20, 40, 80, 160, 200.
 */
export function lookSchedule(first: number, max: number): number[] {
  const start = Math.max(2, Math.min(first, max));
  const looks: number[] = [];
  for (let n = start; n < max; n *= 2) looks.push(n);
  looks.push(max);
  return looks;
}

/** The interval level each of `looks` looks uses so that all of them together keep `confidence`. */
export function perLookLevel(confidence: number, looks: number): number {
  return 1 - (1 - confidence) / Math.max(1, looks);
}

/**
 * One threshold followed over the looks of a sequential check: each look
 * decides at the per-look level, and the first pass or fail is final (later
 * replications do not reopen it), as the error budget assumes.
 */
export class SequentialVerdict {
  /** The latest decision (final once not inconclusive). */
  decision: Decision = { verdict: 'inconclusive', mean: null, ci: null, n: 0 };
  /** Replications the decision was made on. */
  replications = 0;
  private readonly level: number;

  constructor(
    readonly operator: Operator,
    readonly target: number,
    readonly confidence: number,
    looks: number,
    /** Where the metric's values lie (a share's [0, 1]): intervals are clipped to it. */
    readonly range?: ValueRange,
  ) {
    this.level = perLookLevel(confidence, looks);
  }

  /** True once passed or failed. */
  get decided(): boolean {
    return this.decision.verdict !== 'inconclusive';
  }

  /** Looks at the values of the first `values.length` replications, unless already decided. */
  look(values: readonly number[]): Decision {
    if (this.decided) return this.decision;
    this.decision = decide(values, this.operator, this.target, this.level, this.range);
    this.replications = values.length;
    return this.decision;
  }
}
