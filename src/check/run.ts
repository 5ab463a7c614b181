/**
 * `careload check` as a library function: runs a scenario's replications in
 * growing batches on the same seeds (replication i is the same whichever
 * batch runs it) and decides each threshold on its interval, until every
 * threshold is decided or the maximum is reached. See ./verdict.ts for why
 * the looks keep the stated confidence.
 */
import { clipInterval, meanCI, SHARE_RANGE, type ValueRange } from '../metrics/ci.js';
import { comparedMetrics } from '../metrics/compare.js';
import { replicationValuesDocument, type ReplicationValuesDocument } from '../report/replications.js';
import { findRegressions, judgedKeys, pairable, type Tolerance } from './baseline.js';
import type { ReplicationResult } from '../metrics/recorder.js';
import { runReplications, type ReplicationPool } from '../runner/replicate.js';
import { scenarioHash } from '../scenario/hash.js';
import type { Scenario } from '../scenario/types.js';
import { holds } from '../thresholds/grammar.js';
import type { ThresholdSpec } from '../thresholds/resolve.js';
import { thresholdValues } from './evaluate.js';
import type { BaselineCheck, ScenarioCheck, ThresholdResult, ThresholdScope } from './types.js';
import { lookSchedule, SequentialVerdict } from './verdict.js';

/** Options for {@link checkScenario}. */
export interface CheckOptions {
  /** Confidence of thresholds that state none (default 0.95). */
  confidence?: number;
  /** Replications at the first look (default: the scenario's). */
  firstLook?: number;
  /** Most replications to run (default 200). */
  maxReplications?: number;
  /** How a threshold still inconclusive at the end counts (default 'fail'). */
  inconclusive?: 'fail' | 'pass';
  /** The scenario file, recorded in the result. */
  file?: string;
  workers?: number;
  pool?: ReplicationPool;
  signal?: AbortSignal;
  /** A recorded run to compare with: metrics that got worse beyond the tolerance fail the check. */
  baseline?: { file: string; values: ReplicationValuesDocument; tolerance: Tolerance };
  /** Stop adding replications as soon as one threshold fails (the planner: one failure decides a candidate). */
  stopAtFirstFailure?: boolean;
  /** Called after each replication, with replications done and the most that may run. */
  onProgress?: (done: number, max: number) => void;
  /** Called as each batch of replications starts, with the look it leads to (for a live view). */
  onBatch?: (batch: CheckBatch) => void;
  /** Called after each look, with every threshold's mean, interval and verdict so far (for a live view). */
  onLook?: (look: CheckLook) => void;
}

/** A batch of a sequential check starting: {@link CheckOptions.onBatch}. */
export interface CheckBatch {
  /** The look this batch leads to, from 1. */
  look: number;
  /** Looks planned: the check stops earlier once every threshold is decided. */
  looks: number;
  /** Replications done before this batch. */
  from: number;
  /** Replications done once it finishes (the look is taken then). */
  to: number;
  /** The most replications the check may run. */
  max: number;
}

/** A look of a sequential check just taken: {@link CheckOptions.onLook}. */
export interface CheckLook {
  /** This look, from 1. */
  look: number;
  /** Looks planned. */
  looks: number;
  /** Replications done. */
  replications: number;
  /** The most replications the check may run. */
  max: number;
  /**
   * Every threshold as it stands: a decided one keeps the look that decided
   * it, an undecided one shows this look's mean, interval and `inconclusive`.
   * The same rows the check's result ends with once no look follows.
   */
  thresholds: ThresholdResult[];
  /** True when no batch follows: every threshold is decided (or one failed, with `stopAtFirstFailure`), or this was the last look planned. */
  last: boolean;
}

/** The defaults of {@link CheckOptions}. */
export const CHECK_DEFAULTS = { confidence: 0.95, maxReplications: 200, inconclusive: 'fail' } as const;

/** A check's outcome, and the replications it ran (kept for callers that want more than the verdicts). */
export interface CheckRun {
  check: ScenarioCheck;
  results: ReplicationResult[];
}

/**
 * Checks a scenario's thresholds (`scenario.thresholds`) with sequential
 * replications. A scenario without thresholds passes with none checked.
 */
export async function checkScenario(scenario: Scenario, options: CheckOptions = {}): Promise<CheckRun> {
  const confidence = options.confidence ?? CHECK_DEFAULTS.confidence;
  const max = Math.max(2, options.maxReplications ?? CHECK_DEFAULTS.maxReplications);
  const looks = lookSchedule(options.firstLook ?? scenario.replications, max);
  const thresholds = scenario.thresholds;
  const verdicts = thresholds.map((t) => new SequentialVerdict(t.operator, t.target, t.confidence ?? confidence, looks.length, rangeOf(t)));
  const results: ReplicationResult[] = [];
  // No further batch once every threshold is decided (or, for the planner, one failed).
  const settled = () =>
    (thresholds.length > 0 && verdicts.every((v) => v.decided)) || (options.stopAtFirstFailure === true && verdicts.some((v) => v.decided && v.decision.verdict === 'fail'));
  for (const [k, n] of looks.entries()) {
    if (settled()) break;
    options.onBatch?.({ look: k + 1, looks: looks.length, from: results.length, to: n, max });
    const batch = await runReplications({ ...scenario, replications: n }, {
      first: results.length,
      workers: options.workers,
      pool: options.pool,
      signal: options.signal,
      onProgress: (done) => options.onProgress?.(results.length + done, max),
    });
    results.push(...batch);
    thresholds.forEach((t, i) => verdicts[i].look(thresholdValues(scenario, results, t)));
    if (options.onLook) {
      const last = thresholds.length === 0 || k === looks.length - 1 || settled();
      const rows = thresholds.map((t, i) => thresholdResult(scenario, results, t, verdicts[i], confidence));
      options.onLook({ look: k + 1, looks: looks.length, replications: results.length, max, thresholds: rows, last });
    }
    if (thresholds.length === 0) break;
  }
  const inconclusive = options.inconclusive ?? CHECK_DEFAULTS.inconclusive;
  const rows = thresholds.map((t, i) => thresholdResult(scenario, results, t, verdicts[i], confidence));
  const baseline = options.baseline ? againstBaseline(scenario, results, options.baseline, confidence) : undefined;
  const failed =
    rows.some((r) => r.verdict === 'fail' || (r.verdict === 'inconclusive' && inconclusive === 'fail')) || (baseline !== undefined && baseline.regressions.length > 0);
  return {
    check: {
      scenario: scenario.name,
      file: options.file ?? '',
      scenarioHash: scenarioHash(scenario),
      seed: scenario.seed,
      replications: results.length,
      ...windowsRead(scenario),
      thresholds: rows,
      ...(baseline ? { baseline } : {}),
      verdict: failed ? 'fail' : 'pass',
    },
    results,
  };
}

/** The named windows the scenario's thresholds read, in the scenario's order, as check.json lists them (nothing when none). */
function windowsRead(scenario: Scenario): Pick<ScenarioCheck, 'windows'> {
  const read = scenario.report.windows.filter((_, k) => scenario.thresholds.some((t) => t.window?.index === k));
  return read.length > 0 ? { windows: read.map(({ name, from, to }) => ({ name, from, to })) } : {};
}

/** The metrics `compare` reports, judged against a recorded run. */
function againstBaseline(scenario: Scenario, results: readonly ReplicationResult[], baseline: NonNullable<CheckOptions['baseline']>, confidence: number): BaselineCheck {
  const current = replicationValuesDocument(scenario, results);
  const keys = comparedMetrics(scenario).map((m) => m.key);
  const regressions = findRegressions(baseline.values, current, keys, baseline.tolerance, confidence);
  return {
    file: baseline.file,
    tolerance: baseline.tolerance.text,
    paired: pairable(baseline.values, current),
    judged: judgedKeys(baseline.values, current, keys).length,
    confidence,
    regressions,
  };
}

/**
 * Judges a scenario's thresholds on replications already run, in one look at
 * each threshold's confidence: what `careload run` reports. `check` with
 * `maxReplications` equal to the run's replications gives the same verdicts.
 */
export function judgeThresholds(scenario: Scenario, results: readonly ReplicationResult[], confidence: number = CHECK_DEFAULTS.confidence): ThresholdResult[] {
  return scenario.thresholds.map((t) => {
    const v = new SequentialVerdict(t.operator, t.target, t.confidence ?? confidence, 1, rangeOf(t));
    v.look(thresholdValues(scenario, results, t));
    return thresholdResult(scenario, results, t, v, confidence);
  });
}

/** Where a threshold's values lie: a share's in [0, 1], its intervals clipped there. */
function rangeOf(t: ThresholdSpec): ValueRange | undefined {
  return t.unit === 'share' ? SHARE_RANGE : undefined;
}

function thresholdResult(scenario: Scenario, results: readonly ReplicationResult[], t: ThresholdSpec, v: SequentialVerdict, confidence: number): ThresholdResult {
  // The plain 95% interval over the replications the verdict was decided on, so it sits around the mean shown.
  const all = clipInterval(meanCI(thresholdValues(scenario, results, t).slice(0, v.replications)), rangeOf(t));
  const mean = v.decision.mean;
  const scope: ThresholdScope = t.scope.kind === 'overall' ? {} : { [t.scope.kind]: t.scope.name };
  if (t.window !== null) scope.window = t.window.name;
  // Right side of the target is positive: for `<` targets, below is good.
  const margin = mean === null ? null : (holds(1, t.operator, 0) ? 1 : -1) * (mean - t.target);
  return {
    metric: t.metric,
    condition: t.condition,
    expression: `${t.metric} ${t.condition}`,
    scope,
    aggregation: t.aggregation.kind === 'p' ? `p(${t.aggregation.percentile})` : t.aggregation.kind,
    unit: t.unit,
    operator: t.operator,
    target: t.target,
    confidence: t.confidence ?? confidence,
    observed: { mean, ci: v.decision.ci, ci95: all.n > 1 ? [all.lo, all.hi] : null },
    margin,
    verdict: v.decision.verdict,
    replications: v.replications,
  };
}
