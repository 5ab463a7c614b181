import type { ThresholdResult } from '../check/types.js';
import type { Summary } from '../metrics/summary.js';
import { scenarioHash } from '../scenario/hash.js';
import type { Scenario } from '../scenario/types.js';
import { runWarnings, type RunWarning } from '../limits/warnings.js';
import { runIdOfScenario } from './run-id.js';

// The version and the serialiser live in a small module of their own, so that `careload erlang` can print JSON without loading the schema.
import { roundNumbers, SCHEMA_VERSION, toJson } from './json-text.js';
export { roundNumbers, SCHEMA_VERSION, toJson };

/** The summary.json document: a run's results and exactly what produced them. */
export interface SummaryDocument extends Summary {
  schemaVersion: number;
  /** The run id (see runIdOf): the same in run.json and replications.json beside it. */
  runId: string;
  /** The scenario: its name, the hash of what it models, and its file as run (after --set and overlays). */
  scenario: { name: string; hash: string; source?: Record<string, unknown> };
  seed: number;
  /** Measurement window, seconds: metrics cover conversations arriving in [from, to). */
  window: { from: number; to: number };
  routing: { policy: string };
  /** The scenario's thresholds judged on this run's replications (present when it has any). */
  thresholds?: ThresholdResult[];
  /** Present when the run was stopped early: how many replications the summary covers. */
  partial?: StoppedEarly;
  /** Present when arrivals were replayed from traces: which, and what varies between replications. */
  traces?: TraceReport[];
  /** Present when there is something to warn about: the run is unstable at peak, or its default report interval was coarsened (see runWarnings). */
  warnings?: RunWarning[];
}

/** A replayed trace as a report names it. */
export interface TraceReport {
  /** The path as the scenario wrote it. */
  file: string;
  /** sha256 of its bytes, 16 hex digits. */
  digest: string;
  /** Rows replayed (before surges thin or repeat them). */
  rows: number;
  /** Rows skipped as bad (with --skip-bad-rows), and the first one's problem. */
  skipped: number;
  firstSkipped: string | null;
  /** What replications of a trace vary, in words (the report prints it). */
  note: string;
}

/** The traces a scenario replays, as reports name them (empty when it replays none). */
export function traceReports(scenario: Scenario): TraceReport[] {
  return scenario.traces.map((t) => {
    const c = t.contents;
    return {
      file: t.file,
      digest: c?.digest ?? '',
      rows: c?.rows ?? 0,
      skipped: c?.skipped ?? 0,
      firstSkipped: c?.firstSkipped ?? null,
      note: 'the arrivals are the trace\'s rows in every replication; what the trace leaves out (handle times, patience, outcomes, the attributes of empty cells) is drawn anew in each, so intervals measure that variation only',
    };
  });
}

/** How far a run got, when it was stopped early. */
export interface StoppedEarly {
  done: number;
  total: number;
}

/**
 * Builds the summary document of a run (summary.json); `stoppedEarly` marks a
 * run stopped before every replication finished; `thresholds` are the
 * scenario's thresholds judged on the run (see judgeThresholds).
 */
export function summaryDocument(
  scenario: Scenario,
  summary: Summary,
  stoppedEarly: StoppedEarly | null = null,
  thresholds: readonly ThresholdResult[] = [],
): SummaryDocument {
  const document: SummaryDocument = {
    schemaVersion: SCHEMA_VERSION,
    runId: runIdOfScenario(scenario, stoppedEarly),
    scenario: { name: scenario.name, hash: scenarioHash(scenario), ...(scenario.source ? { source: scenario.source } : {}) },
    seed: scenario.seed,
    window: { from: scenario.report.window.from, to: scenario.report.window.to },
    routing: { policy: scenario.routing.policy },
    ...summary,
  };
  const judged = thresholds.length > 0 ? { ...document, thresholds: [...thresholds] } : document;
  const stopped = stoppedEarly ? { ...judged, partial: stoppedEarly } : judged;
  const traced = scenario.traces.length > 0 ? { ...stopped, traces: traceReports(scenario) } : stopped;
  // Only when there is one, so the summaries of other runs stay byte-identical.
  const warnings = runWarnings(scenario);
  return warnings.length > 0 ? { ...traced, warnings } : traced;
}
