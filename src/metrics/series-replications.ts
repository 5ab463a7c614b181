/**
 * The time series of each replication, not only their mean: what an
 * interval band around a series over time is drawn from (the HTML report).
 * Each value is computed per replication as summary.json's `timeseries`
 * rows compute theirs (see seriesRows in summary.ts), so the mean over
 * replications of a value here is that row's figure.
 */
import type { Scenario } from '../scenario/types.js';
import type { ReplicationResult } from './recorder.js';

/**
 * Series by name (`arrivals`, `backlog`, `agentsOnShift`, `slotsOnShift`,
 * `slaAttainment`, `negativeShare`, `slaAttainmentByTier.<tier>`,
 * `backlogByTier.<tier>`, `slotOccupancyByTeam.<team>`,
 * `agentsOnShiftByTeam.<team>`): per replication (in index order) one value
 * per interval, null where undefined in that replication.
 */
export type ReplicationSeries = Record<string, (number | null)[][]>;

const ratio = (a: number, b: number): number | null => (b > 0 ? a / b : null);

/** Each replication's time series, by name (see {@link ReplicationSeries}). */
export function replicationSeries(scenario: Scenario, results: readonly ReplicationResult[]): ReplicationSeries {
  const { interval } = scenario.report;
  const C = scenario.channels.length;
  const T = scenario.tiers.length;
  const K = scenario.teams.length;
  const out: ReplicationSeries = {};
  const put = (name: string, rep: number, values: (number | null)[]) => {
    (out[name] ??= [])[rep] = values;
  };
  results.forEach((r, rep) => {
    const s = r.series;
    const bins = s.slaHits.length / Math.max(1, T);
    const width = (b: number) => Math.min(interval, scenario.horizon - b * interval);
    const sum = (a: Float64Array, n: number, b: number) => {
      let total = 0;
      for (let i = 0; i < n; i++) total += a[b * n + i];
      return total;
    };
    const binsOf = <V>(f: (b: number) => V): V[] => Array.from({ length: bins }, (_, b) => f(b));
    put('arrivals', rep, binsOf((b) => sum(s.arrivals, C, b)));
    put('backlog', rep, binsOf((b) => sum(s.backlogArea, T, b) / width(b)));
    put('agentsOnShift', rep, binsOf((b) => sum(s.onShiftArea, K, b) / width(b)));
    put(
      'slotsOnShift',
      rep,
      binsOf((b) => scenario.teams.reduce((total, t, k) => total + (t.concurrency * s.onShiftArea[b * K + k]) / width(b), 0)),
    );
    put('slaAttainment', rep, binsOf((b) => ratio(sum(s.slaHits, T, b), sum(s.arrivals, C, b) - sum(s.deflected, T, b))));
    put('negativeShare', rep, binsOf((b) => ratio(sum(s.negative, C, b), sum(s.arrivals, C, b))));
    scenario.tiers.forEach((t, i) => {
      put(`slaAttainmentByTier.${t.name}`, rep, binsOf((b) => ratio(s.slaHits[b * T + i], s.tierArrivals[b * T + i] - s.deflected[b * T + i])));
      put(`backlogByTier.${t.name}`, rep, binsOf((b) => s.backlogArea[b * T + i] / width(b)));
    });
    scenario.teams.forEach((t, k) => {
      put(`slotOccupancyByTeam.${t.name}`, rep, binsOf((b) => ratio(s.openArea[b * K + k], t.concurrency * s.onShiftArea[b * K + k])));
      put(`agentsOnShiftByTeam.${t.name}`, rep, binsOf((b) => s.onShiftArea[b * K + k] / width(b)));
    });
  });
  return out;
}
