/**
 * The result documents of `careload check`: what check.json holds and what
 * the JUnit and Markdown writers render. Plain data, in the order written.
 */
import type { SkippedFile } from '../scenario/discover.js';
import type { NamedWindow } from '../scenario/types.js';
import type { Regression } from './baseline.js';
import type { MetricUnit } from '../thresholds/catalog.js';
import type { Operator } from '../thresholds/grammar.js';
import type { Verdict } from './verdict.js';

/** The scope a threshold's tags select; a missing tag means overall. */
export interface ThresholdScope {
  tier?: string;
  channel?: string;
  team?: string;
  brand?: string;
  /** A named measurement window (`report.windows`); the scenario's window when absent. */
  window?: string;
}

export type { MetricUnit } from '../thresholds/catalog.js';

/** One threshold's outcome. */
export interface ThresholdResult {
  /** The metric key as written canonically: `slaAttainment{tier:urgent}`. */
  metric: string;
  /** The condition as written canonically: `>= 80%`, `p(90) < 2h`. */
  condition: string;
  /** `metric condition`, the threshold in one line. */
  expression: string;
  scope: ThresholdScope;
  /** The aggregation applied per replication: `rate`, `count`, `avg`, `p(90)`, ... */
  aggregation: string;
  unit: MetricUnit;
  operator: Operator;
  /** Target in the metric's unit (shares as fractions, durations in seconds). */
  target: number;
  /** Confidence the verdict is stated at (across all looks). */
  confidence: number;
  observed: {
    /** Mean over replications of the per-replication aggregate (null when never defined). */
    mean: number | null;
    /** The interval the verdict was decided on (per-look level), null with fewer than two values. */
    ci: [number, number] | null;
    /** The plain 95% interval over all replications run, for reading. */
    ci95: [number, number] | null;
  };
  /** How far the mean is on the right side of the target (negative: wrong side), in the metric's unit. */
  margin: number | null;
  verdict: Verdict;
  /** Replications the verdict was decided on. */
  replications: number;
}

/** A check against a recorded run (`careload check --baseline`). */
export interface BaselineCheck {
  /** The baseline's summary.json. */
  file: string;
  tolerance: string;
  /** Paired replication by replication (both runs used the same seed), or compared as two independent samples. */
  paired: boolean;
  /** How many metrics were judged (the error budget is split over them). */
  judged: number;
  confidence: number;
  regressions: Regression[];
}

/** One checked scenario. */
export interface ScenarioCheck {
  scenario: string;
  file: string;
  scenarioHash: string;
  seed: number;
  /** Replications run. */
  replications: number;
  /** The named windows (report.windows) its thresholds read, with their bounds in seconds; present when any threshold reads one. */
  windows?: NamedWindow[];
  thresholds: ThresholdResult[];
  /** Present with --baseline: the metrics that got worse than a recorded run beyond the tolerance. */
  baseline?: BaselineCheck;
  /** pass when every threshold passed (and nothing regressed against the baseline); fail otherwise (inconclusive counts per the run's setting). */
  verdict: 'pass' | 'fail';
}

/** A file in a checked folder that is not a scenario with thresholds. */
export type { SkippedFile } from '../scenario/discover.js';

/** check.json. */
export interface CheckDocument {
  schemaVersion: number;
  /** Default confidence of thresholds that name none. */
  confidence: number;
  maxReplications: number;
  /** How an inconclusive threshold counts at the end. */
  inconclusive: 'fail' | 'pass';
  scenarios: ScenarioCheck[];
  skipped: SkippedFile[];
  /** fail when any scenario failed; stopped when the check was stopped before every scenario was checked (see `partial`), whatever those checked said. */
  verdict: 'pass' | 'fail' | 'stopped';
  /** Present when the check was stopped early (Ctrl-C, SIGTERM or `q`). */
  partial?: CheckStopped;
}

/** How far a stopped check got: check.json's `partial`. */
export interface CheckStopped {
  /** Scenarios checked to the end (those in `scenarios`). */
  done: number;
  /** Scenarios there were to check. */
  total: number;
  /** The scenario under way when the check stopped, with the replications it had run: not judged. Null when it stopped between two. */
  notJudged: { scenario: string; file: string; replications: number } | null;
}
