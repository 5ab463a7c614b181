/**
 * A threshold's per-replication values read back from a recorded run's
 * replications.json instead of live results: the same numbers
 * thresholdValues (src/check/evaluate.ts) gives on the results the file was written from
 * (up to the file's 10-digit rounding of non-integers), so a recorded run
 * can be judged against thresholds without rerunning it.
 */
import { denseHistogram, histogramQuantile } from '../metrics/histogram.js';
import { RecordedRunError, type ReplicationValuesDocument } from '../report/replications.js';
import type { ThresholdSpec } from '../thresholds/resolve.js';
import { DURATIONS } from './evaluate.js';

/** The replications.json key prefix of a threshold's scope and window, e.g. `windows.outage.byTier.urgent`. */
export function recordedScopeKey(t: ThresholdSpec): string {
  const window = t.window === null ? '' : `windows.${t.window.name}.`;
  switch (t.scope.kind) {
    case 'overall':
      return `${window}overall`;
    case 'channel':
      return `${window}byChannel.${t.scope.name}`;
    case 'tier':
      return `${window}byTier.${t.scope.name}`;
    case 'brand':
      return `${window}byBrand.${t.scope.name}`;
    case 'team':
      return `${window}byTeam.${t.scope.name}`;
  }
}

/**
 * The threshold's value in each recorded replication, in the document's
 * index order; NaN where undefined (as thresholdValues (src/check/evaluate.ts)).
 * @throws RecordedRunError when the document lacks what the threshold reads
 *   (a scope it does not name, or histograms and extremes in a file written
 *   before careload recorded them)
 */
export function recordedThresholdValues(doc: ReplicationValuesDocument, t: ThresholdSpec): number[] {
  const scope = recordedScopeKey(t);
  const list = <T>(record: Record<string, T[]> | undefined, key: string, what: string): T[] => {
    const found = record?.[key];
    if (found === undefined) {
      const why = record === undefined ? `the file has no ${what} (written by an older careload: rerun it)` : `no ${what} ${key} in the file`;
      throw new RecordedRunError(`${t.metric}: ${why}`);
    }
    return found;
  };
  const numbers = (values: (number | null)[]) => values.map((v) => v ?? NaN);
  if (t.unit !== 'seconds') return numbers(list(doc.values, `${scope}.${t.name}`, 'values for'));
  const d = DURATIONS[t.name as keyof typeof DURATIONS];
  const a = t.aggregation;
  switch (a.kind) {
    case 'avg':
      return numbers(list(doc.values, `${scope}.${d.mean}`, 'values for'));
    case 'med':
      return quantiles(list(doc.histograms, `${scope}.${t.name}`, 'histograms for'), 0.5);
    case 'p':
      return quantiles(list(doc.histograms, `${scope}.${t.name}`, 'histograms for'), a.percentile / 100);
    case 'min':
      return numbers(list(doc.extremes, `${scope}.${t.name}Min`, 'extremes for'));
    case 'max':
      return numbers(list(doc.extremes, `${scope}.${t.name}Max`, 'extremes for'));
    default:
      throw new RangeError(`${t.metric}: aggregation ${a.kind} does not apply to a duration`);
  }
}

/** The q-quantile of each recorded histogram, read as the live ones are. */
function quantiles(histograms: readonly (readonly number[])[], q: number): number[] {
  return histograms.map((sparse) => histogramQuantile(denseHistogram(sparse), 0, q));
}
