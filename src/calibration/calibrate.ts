import { Scopes } from '../metrics/scopes.js';
import type { ReplicationResult } from '../metrics/recorder.js';
import { estimate, scopeValues, type Estimate, type ScopeSummary } from '../metrics/summary.js';
import type { Scenario } from '../scenario/types.js';

/** A KPI the user observed in the real operation. */
export interface Observation {
  metric: string;
  value: number;
}

/**
 * A free parameter of the outcome model, the KPI that identifies it, and how
 * to read and write it. Each KPI increases with its parameter, which is
 * what makes a one-dimensional search enough.
 */
interface FreeParameter {
  metric: keyof ScopeSummary;
  /** Scenario key path, for the overlay and messages. */
  path: string[];
  lo: number;
  hi: number;
  get(s: Scenario): number;
  set(s: Scenario, v: number): Scenario;
}

/** The outcome model's free parameters, in fitting order (later ones depend on earlier ones). */
export const FREE_PARAMETERS: readonly FreeParameter[] = [
  {
    metric: 'recoveryNegative',
    path: ['outcomes', 'positive', 'negative'],
    lo: -10,
    hi: 10,
    get: (s) => s.outcomes.positive.negative,
    set: (s, v) => ({ ...s, outcomes: { ...s.outcomes, positive: { ...s.outcomes.positive, negative: v } } }),
  },
  {
    metric: 'recoveryNeutral',
    path: ['outcomes', 'positive', 'neutral'],
    lo: -10,
    hi: 10,
    get: (s) => s.outcomes.positive.neutral,
    set: (s, v) => ({ ...s, outcomes: { ...s.outcomes, positive: { ...s.outcomes.positive, neutral: v } } }),
  },
  {
    metric: 'csat',
    path: ['csat', 'bias'],
    lo: -10,
    hi: 10,
    get: (s) => s.csat.bias,
    set: (s, v) => ({ ...s, csat: { ...s.csat, bias: v } }),
  },
  {
    metric: 'surveyResponseRate',
    path: ['surveys', 'responseRate'],
    lo: 0,
    hi: 1,
    get: (s) => s.surveys.responseRate,
    set: (s, v) => ({ ...s, surveys: { responseRate: v } }),
  },
];

/** One row of the calibration report. */
export interface CalibratedKpi {
  metric: string;
  observed: number;
  simulated: Estimate;
  /** The fitted parameter's key path, or null when no outcome parameter moves this KPI. */
  parameter: string | null;
  /** The fitted value, or null when nothing was fitted (no parameter, undefined here, or out of the parameter's reach: the scenario's value is kept). */
  fitted: number | null;
  /** Why the KPI was not matched, if it was not. */
  note: string | null;
}

/** What {@link calibrate} found: the calibrated scenario, each KPI observed against simulated, and the fitted values. */
export interface CalibrationResult {
  scenario: Scenario;
  kpis: CalibratedKpi[];
  /** Fitted values by key path, for the overlay file: never a value that missed its target (out of reach). */
  fitted: { path: string[]; value: number }[];
  /** Parameters whose KPI was out of reach: left out of `fitted` (and the overlay), the scenario's value kept. */
  notWritten: { path: string[]; metric: string; kept: number }[];
  evaluations: number;
}

/** Runs a scenario's replications (the same seed every time: common random numbers). */
export type Evaluate = (scenario: Scenario) => Promise<readonly ReplicationResult[]>;

const BISECTION_STEPS = 12;
const SWEEPS = 2;

/**
 * Fits the outcome model's free parameters (and only those) to observed
 * KPIs over the scenario's measurement window. The queueing side of the
 * simulation does not depend on these parameters and every outcome draw is
 * keyed by conversation, so with the seed fixed each KPI is a monotone,
 * deterministic function of its parameter: bisection finds it, and a second
 * sweep settles the small interactions (a neutral customer who worsened
 * recovers like a negative one; CSAT depends on final sentiments).
 *
 * KPIs no outcome parameter moves (SLA, abandonment: staffing and routing
 * decide them) are reported as not reachable, with the value simulated. A
 * target outside what its parameter's whole range gives is out of reach:
 * the parameter keeps the scenario's value (the other parameters are fitted
 * with it) and is left out of `fitted`, so no overlay claims it.
 */
export async function calibrate(
  base: Scenario,
  observations: readonly Observation[],
  evaluate: Evaluate,
  onStep?: (evaluations: number) => void,
): Promise<CalibrationResult> {
  let scenario = base;
  let evaluations = 0;
  const run = async (s: Scenario) => {
    const results = await evaluate(s);
    onStep?.(++evaluations);
    return results;
  };
  const meanOf = (s: Scenario, results: readonly ReplicationResult[], metric: keyof ScopeSummary) => {
    const e = estimate(scopeValues(s, results, Scopes.overall, metric));
    return e.mean ?? NaN;
  };
  const toFit = FREE_PARAMETERS.filter((p) => observations.some((o) => o.metric === p.metric));
  const undefinedHere = new Set<string>();
  // KPIs whose target the parameter's range cannot reach: their parameter keeps the scenario's value and is not a fit.
  const outOfReach = new Set<string>();
  const notes = new Map<string, string>();
  for (let sweep = 0; sweep < (toFit.length > 1 ? SWEEPS : 1); sweep++) {
    for (const p of toFit) {
      const target = observations.find((o) => o.metric === p.metric)!.value;
      let lo = p.lo;
      let hi = p.hi;
      const at = async (v: number) => meanOf(p.set(scenario, v), await run(p.set(scenario, v)), p.metric);
      const low = await at(lo);
      const high = await at(hi);
      if (Number.isNaN(low) || Number.isNaN(high)) {
        undefinedHere.add(p.metric);
        notes.set(p.metric, p.metric === 'csat'
          ? 'undefined here: no survey is answered (set surveys.responseRate)'
          : 'undefined here: no conversation it counts is measured');
        continue;
      }
      if (!(low <= target && target <= high)) {
        // The nearest bound would be a value that does not give the KPI either: keep the scenario's own, and write nothing for it.
        const kept = p.get(base);
        scenario = p.set(scenario, kept);
        outOfReach.add(p.metric);
        notes.set(p.metric, `out of reach of ${p.path.join('.')}: it spans ${low.toFixed(3)} to ${high.toFixed(3)} here; not written, the scenario's ${kept} kept`);
        continue;
      }
      outOfReach.delete(p.metric);
      notes.delete(p.metric);
      for (let i = 0; i < BISECTION_STEPS; i++) {
        const mid = (lo + hi) / 2;
        if ((await at(mid)) < target) lo = mid;
        else hi = mid;
      }
      scenario = p.set(scenario, Number(((lo + hi) / 2).toFixed(4)));
    }
  }
  const final = await run(scenario);
  const kpis = observations.map((o): CalibratedKpi => {
    const p = toFit.find((x) => x.metric === o.metric) ?? null;
    const known = (FREE_PARAMETERS.some((x) => x.metric === o.metric) || o.metric in SUMMARY_METRICS) ? o.metric as keyof ScopeSummary : null;
    const simulated = known ? estimate(scopeValues(scenario, final, Scopes.overall, known)) : { mean: null, ci95: null };
    let note = p ? notes.get(o.metric) ?? null : 'no outcome parameter moves it: staffing, routing and arrivals decide it';
    if (!p && !known) note = 'unknown metric';
    const isFitted = p !== null && !undefinedHere.has(o.metric) && !outOfReach.has(o.metric);
    return { metric: o.metric, observed: o.value, simulated, parameter: p ? p.path.join('.') : null, fitted: isFitted ? p.get(scenario) : null, note };
  });
  const fitted = toFit.filter((p) => !undefinedHere.has(p.metric) && !outOfReach.has(p.metric));
  const notWritten = toFit.filter((p) => outOfReach.has(p.metric)).map((p) => ({ path: p.path, metric: p.metric, kept: p.get(scenario) }));
  return { scenario, kpis, fitted: fitted.map((p) => ({ path: p.path, value: p.get(scenario) })), notWritten, evaluations };
}

/** Scope metrics a KPI may name (the overall scope's). */
const SUMMARY_METRICS: Record<string, true> = Object.fromEntries(
  [
    'slaAttainment', 'answeredWithin', 'pickupWithinTarget', 'abandonRate', 'waitMean', 'waitMeanAll', 'firstResponseMean',
    'firstResponseP90', 'utilization', 'negativeShare', 'recoveryNegative', 'recoveryNeutral', 'csat', 'surveyResponseRate',
  ].map((m) => [m, true]),
);

/** True when `metric` can be observed (it is an overall scope metric). */
export function isObservable(metric: string): boolean {
  return metric in SUMMARY_METRICS;
}

/** Observable metrics measured in seconds; all others are shares in [0, 1]. */
const DURATION_METRICS = new Set(['waitMean', 'waitMeanAll', 'firstResponseMean', 'firstResponseP90']);

/** True when `metric` is a share, whose observed value must lie in [0, 1]. */
export function isShare(metric: string): boolean {
  return !DURATION_METRICS.has(metric);
}
