/**
 * Two recorded runs side by side: each metric's difference with its
 * interval, paired replication by replication when both runs used the same
 * seed (common random numbers: most noise cancels), Welch's two-sample
 * interval otherwise. `careload diff` shows the differences; `careload
 * check --baseline` fails a metric that got worse beyond a tolerance, judged
 * on the interval, never on a bare difference.
 */
import { durationSeconds } from '../format/time.js';
import { clipInterval, meanCI, pairedDifferenceCI, SHARE_DIFFERENCE_RANGE, SHARE_RANGE, welchDifferenceCI, type MeanCI, type ValueRange } from '../metrics/ci.js';
import { directionOfKey, unitOfKey, type Direction } from '../metrics/directions.js';
import type { ReplicationValuesDocument } from '../report/replications.js';

/** The verdict on a difference (current minus baseline), as `compare` gives it. */
export type ChangeVerdict = 'better' | 'worse' | 'higher' | 'lower' | 'no significant difference';

/** One metric in two runs. */
export interface MetricChange {
  key: string;
  better: Direction;
  baseline: { mean: number | null; ci95: [number, number] | null };
  current: { mean: number | null; ci95: [number, number] | null };
  /** current - baseline, with its interval at the level used. */
  difference: { mean: number | null; ci: [number, number] | null };
  verdict: ChangeVerdict;
}

/**
 * How far a metric may get worse: `2pp` (points, for shares; other metrics
 * 2% of their baseline), `5%` (relative to the baseline, every metric), or
 * an absolute amount (`30s`, `0.5`) in the metric's own unit.
 */
export interface Tolerance {
  kind: 'absolute' | 'relative' | 'points';
  value: number;
  text: string;
}

/** Parses a tolerance: `2pp`, `5%`, a duration such as `30s`, or a plain number; null when malformed. */
export function parseTolerance(text: string): Tolerance | null {
  const t = text.trim();
  let m = /^(\d*\.?\d+)\s*pp$/.exec(t);
  if (m) return { kind: 'points', value: Number(m[1]) / 100, text: t };
  m = /^(\d*\.?\d+)\s*%$/.exec(t);
  if (m) return { kind: 'relative', value: Number(m[1]) / 100, text: t };
  if (/^(\d*\.?\d+)$/.test(t)) return { kind: 'absolute', value: Number(t), text: t };
  const seconds = durationSeconds(t);
  return seconds === null ? null : { kind: 'absolute', value: seconds, text: t };
}

/** True when two runs can be paired replication by replication: same seed (the scenario may differ, as in compare). */
export function pairable(a: ReplicationValuesDocument, b: ReplicationValuesDocument): boolean {
  return a.seed === b.seed;
}

const values = (v: readonly (number | null)[]) => v.map((x) => (x === null ? NaN : x));
const interval = (c: MeanCI): [number, number] | null => (c.n > 1 && Number.isFinite(c.lo) ? [c.lo, c.hi] : null);
const estimateOf = (v: readonly (number | null)[], range: ValueRange | undefined) => {
  const c = clipInterval(meanCI(values(v)), range);
  return { mean: c.n > 0 ? c.mean : null, ci95: interval(c) };
};

function verdictOf(ci: [number, number] | null, better: Direction): ChangeVerdict {
  if (ci === null || (ci[0] <= 0 && ci[1] >= 0)) return 'no significant difference';
  const higher = ci[0] > 0;
  if (better === null) return higher ? 'higher' : 'lower';
  return higher === (better === 'higher') ? 'better' : 'worse';
}

/**
 * Each of `keys` (default: every key both runs have) in both runs, and the
 * difference current - baseline at interval level `level`. Paired over the
 * replications both runs have (by index) when {@link pairable}.
 */
export function diffRuns(baseline: ReplicationValuesDocument, current: ReplicationValuesDocument, keys?: readonly string[], level = 0.95): MetricChange[] {
  const all = keys ?? Object.keys(current.values).filter((k) => k in baseline.values);
  const paired = pairable(baseline, current);
  const common = paired ? commonReplications(baseline, current) : null;
  return all.flatMap((key) => {
    const b = baseline.values[key];
    const c = current.values[key];
    if (b === undefined || c === undefined) return [];
    // A share's interval lies in [0, 1], a difference of shares' in [-1, 1].
    const share = unitOfKey(key) === 'share';
    const d = clipInterval(
      common
        ? pairedDifferenceCI(common.current.map((i) => values(c)[i]), common.baseline.map((i) => values(b)[i]), level)
        : welchDifferenceCI(values(c), values(b), level),
      share ? SHARE_DIFFERENCE_RANGE : undefined,
    );
    const ci = interval(d);
    const better = directionOfKey(key);
    return [{ key, better, baseline: estimateOf(b, share ? SHARE_RANGE : undefined), current: estimateOf(c, share ? SHARE_RANGE : undefined), difference: { mean: d.n > 0 ? d.mean : null, ci }, verdict: verdictOf(ci, better) }];
  });
}

/** Positions, in each run's lists, of the replication indexes both runs have. */
function commonReplications(baseline: ReplicationValuesDocument, current: ReplicationValuesDocument): { baseline: number[]; current: number[] } {
  const at = new Map(baseline.replications.map((r, i) => [r, i]));
  const out = { baseline: [] as number[], current: [] as number[] };
  current.replications.forEach((r, i) => {
    const j = at.get(r);
    if (j !== undefined) {
      out.baseline.push(j);
      out.current.push(i);
    }
  });
  return out;
}

/** The keys a baseline comparison judges: those with a better direction that both runs recorded. */
export function judgedKeys(baseline: ReplicationValuesDocument, current: ReplicationValuesDocument, keys: readonly string[]): string[] {
  return keys.filter((k) => directionOfKey(k) !== null && k in baseline.values && k in current.values);
}

/** A regression found against a baseline. */
export interface Regression extends MetricChange {
  /** The tolerance in the metric's unit. */
  allowed: number;
}

/**
 * The metrics among `keys` that got worse than the baseline beyond the
 * tolerance, judged on the interval: the whole interval of the difference
 * lies beyond the allowed change in the worse direction. The error budget
 * 1 - confidence is split over the metrics judged (Bonferroni), so a clean
 * change is flagged by chance with probability at most 1 - confidence.
 */
export function findRegressions(
  baseline: ReplicationValuesDocument,
  current: ReplicationValuesDocument,
  keys: readonly string[],
  tolerance: Tolerance,
  confidence = 0.95,
): Regression[] {
  const judged = judgedKeys(baseline, current, keys);
  const level = 1 - (1 - confidence) / Math.max(1, judged.length);
  return diffRuns(baseline, current, judged, level).flatMap((change) => {
    const ci = change.difference.ci;
    if (ci === null || change.baseline.mean === null) return [];
    const relative = tolerance.kind === 'relative' || (tolerance.kind === 'points' && unitOfKey(change.key) !== 'share');
    const allowed = relative ? tolerance.value * Math.abs(change.baseline.mean) : tolerance.value;
    const worse = change.better === 'higher' ? ci[1] < -allowed : ci[0] > allowed;
    return worse ? [{ ...change, allowed }] : [];
  });
}
