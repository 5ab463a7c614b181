import type { Scenario } from '../scenario/types.js';
import { clipInterval, pairedDifferenceCI, SHARE_DIFFERENCE_RANGE } from './ci.js';
import { SCOPE_DIRECTIONS, type Direction } from './directions.js';
import type { ReplicationResult } from './recorder.js';
import { Scopes } from './scopes.js';
import { estimate, metricRange, scopeValues, type Estimate, type ScopeSummary } from './summary.js';

/** A metric compared across variants, in one scope. */
export interface ComparedMetric {
  /** Key such as `overall.slaAttainment` or `byTier.urgent.slaAttainment`. */
  key: string;
  /** The tier's name, or null for overall. */
  tier: string | null;
  metric: keyof ScopeSummary;
  better: Direction;
}

/**
 * Scope index of a compared metric in one variant's results, looked up by
 * tier name because a variant may declare other channels (which shifts the
 * tier scopes); -1 when the variant has no such tier.
 */
function scopeIn(scenario: Scenario, m: ComparedMetric): number {
  if (m.tier === null) return Scopes.overall;
  const t = scenario.tiers.findIndex((x) => x.name === m.tier);
  return t < 0 ? -1 : Scopes.of(scenario).tier(t);
}

const withDirection = (metrics: (keyof ScopeSummary)[]): [keyof ScopeSummary, Direction][] => metrics.map((m) => [m, SCOPE_DIRECTIONS[m]]);
const SCOPE_METRICS = withDirection(['slaAttainment', 'firstResponseMean', 'firstResponseP90', 'abandonRate']);
const OVERALL_ONLY = withDirection(['waitMean', 'backlogMean', 'followUps', 'misrouted', 'utilization']);

/** The metrics `compare` reports: overall, then per tier. */
export function comparedMetrics(scenario: Scenario): ComparedMetric[] {
  const list: ComparedMetric[] = [...SCOPE_METRICS, ...OVERALL_ONLY].map(([metric, better]) => ({ key: `overall.${metric}`, tier: null, metric, better }));
  for (const t of scenario.tiers) {
    for (const [metric, better] of SCOPE_METRICS) list.push({ key: `byTier.${t.name}.${metric}`, tier: t.name, metric, better });
  }
  return list;
}

/** The verdict on a paired difference (variant minus baseline). */
export type Verdict = 'better' | 'worse' | 'higher' | 'lower' | 'no significant difference';

export interface DifferenceEstimate extends Estimate {
  verdict: Verdict;
}

/** A variant and its replications. */
export interface VariantRun {
  label: string;
  scenario: Scenario;
  results: readonly ReplicationResult[];
  /** True for the scenario unchanged (compare's baseline); absent or false for a policy or overlay. */
  baseline?: boolean;
}

export interface Comparison {
  /**
   * The reference of every difference: the first variant, which is the
   * scenario unchanged (`baseline: true`) unless compare ran with
   * `--no-baseline`, when it is the first policy or overlay named.
   */
  reference: { label: string; baseline: boolean };
  metrics: { key: string; better: Direction }[];
  variants: { label: string; policy: string; values: Record<string, Estimate> }[];
  /** Each variant after the first against the first, replication by replication. */
  differences: { label: string; against: string; values: Record<string, DifferenceEstimate> }[];
}

function verdict(ci: [number, number] | null, better: Direction): Verdict {
  if (ci === null || (ci[0] <= 0 && ci[1] >= 0)) return 'no significant difference';
  const higher = ci[0] > 0;
  if (better === null) return higher ? 'higher' : 'lower';
  return higher === (better === 'higher') ? 'better' : 'worse';
}

/**
 * Compares variants run on the same customers (same seed, common random
 * numbers): each metric per variant with its interval, and each variant's
 * paired difference from the first (the reference: compare's baseline,
 * the scenario unchanged, when it runs first) with its 95% interval and a
 * verdict.
 * Pairing by replication removes the customer-to-customer noise the
 * variants share, so real differences show at far fewer replications.
 */
export function compareRuns(runs: readonly VariantRun[]): Comparison {
  const metrics = comparedMetrics(runs[0].scenario);
  const values = runs.map((run) => new Map(metrics.map((m) => {
    const scope = scopeIn(run.scenario, m);
    return [m.key, scope < 0 ? run.results.map(() => NaN) : scopeValues(run.scenario, run.results, scope, m.metric)];
  })));
  return {
    reference: { label: runs[0].label, baseline: runs[0].baseline === true },
    metrics: metrics.map((m) => ({ key: m.key, better: m.better })),
    variants: runs.map((run, v) => ({
      label: run.label,
      policy: run.scenario.routing.policy,
      values: Object.fromEntries(metrics.map((m) => [m.key, estimate(values[v].get(m.key)!, metricRange(m.metric))])),
    })),
    differences: runs.slice(1).map((run, i) => ({
      label: run.label,
      against: runs[0].label,
      values: Object.fromEntries(
        metrics.map((m) => {
          // A difference of two shares lies in [-1, 1]: its interval is clipped there.
          const d = clipInterval(pairedDifferenceCI(values[i + 1].get(m.key)!, values[0].get(m.key)!), metricRange(m.metric) ? SHARE_DIFFERENCE_RANGE : undefined);
          const ci: [number, number] | null = d.n > 1 ? [d.lo, d.hi] : null;
          const e: DifferenceEstimate = { mean: d.n > 0 ? d.mean : null, ci95: ci, verdict: verdict(ci, m.better) };
          return [m.key, e];
        }),
      ),
    })),
  };
}
