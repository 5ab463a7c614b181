/**
 * A threshold's per-replication values: its metric, in its scope, under its
 * aggregation, one value per replication in index order (NaN where the
 * metric is undefined in a replication, e.g. a percentile of no replies).
 * The verdicts are decided on these values' interval.
 */
import { histogramQuantile } from '../metrics/histogram.js';
import type { ReplicationResult } from '../metrics/recorder.js';
import { Extreme, EXTREME_COUNT, Scopes } from '../metrics/scopes.js';
import { scopeValues, teamValues, type ScopeSummary, type TeamSummary } from '../metrics/summary.js';
import type { Scenario } from '../scenario/types.js';
import type { ThresholdSpec } from '../thresholds/resolve.js';

/** The durations thresholds name, with where each is recorded. */
const DURATIONS = {
  wait: { mean: 'waitMean', hist: 'waitHist', min: Extreme.waitMin, max: Extreme.waitMax },
  firstResponse: { mean: 'firstResponseMean', hist: 'firstResponseHist', min: Extreme.firstResponseMin, max: Extreme.firstResponseMax },
  nextResponse: { mean: 'nextResponseMean', hist: 'nextResponseHist', min: Extreme.nextResponseMin, max: Extreme.nextResponseMax },
} as const;

/** The measurement window a threshold reads: 0 for report.window, k for the k-th named window. */
export function windowOf(t: ThresholdSpec): number {
  return t.window === null ? 0 : t.window.index + 1;
}

/** The recorder scope a threshold reads, in window 0 (not for team thresholds); see {@link Scopes.inWindow} for its row in the threshold's window. */
export function scopeOf(scenario: Scenario, t: ThresholdSpec): number {
  const scopes = Scopes.of(scenario);
  switch (t.scope.kind) {
    case 'overall':
      return Scopes.overall;
    case 'channel':
      return scopes.channel(t.scope.index);
    case 'tier':
      return scopes.tier(t.scope.index);
    case 'brand':
      return scopes.brand(t.scope.index);
    case 'team':
      throw new RangeError(`${t.metric} is a team metric: it has no conversation scope`);
  }
}

/** The threshold's value in each replication, in index order. */
export function thresholdValues(scenario: Scenario, results: readonly ReplicationResult[], t: ThresholdSpec): number[] {
  const window = windowOf(t);
  if (t.scope.kind === 'team') return teamValues(scenario, results, t.scope.index, t.name as keyof TeamSummary, window);
  const scope = scopeOf(scenario, t);
  if (t.unit !== 'seconds') return scopeValues(scenario, results, scope, t.name as keyof ScopeSummary, window);
  const d = DURATIONS[t.name as keyof typeof DURATIONS];
  const a = t.aggregation;
  // The scope's row in the threshold's window, for the histograms and extremes read directly.
  const row = Scopes.of(scenario).inWindow(window, scope);
  switch (a.kind) {
    case 'avg':
      return scopeValues(scenario, results, scope, d.mean, window);
    case 'med':
      return results.map((rep) => histogramQuantile(rep[d.hist], row, 0.5));
    case 'p':
      return results.map((rep) => histogramQuantile(rep[d.hist], row, a.percentile / 100));
    case 'min':
    case 'max': {
      const slot = a.kind === 'min' ? d.min : d.max;
      return results.map((rep) => {
        const v = rep.extremes[row * EXTREME_COUNT + slot];
        return Number.isFinite(v) ? v : NaN;
      });
    }
    default:
      throw new RangeError(`${t.metric}: aggregation ${a.kind} does not apply to a duration`);
  }
}
