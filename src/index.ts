/**
 * careload's library API, the package's one entry point (`import ... from
 * 'careload'`): load and validate a scenario, run its replications, summarise
 * and compare them, calibrate the outcome model, check against queueing
 * theory, and write the result documents. The careload CLI is a thin shell
 * over exactly these exports.
 *
 * Importing this module loads neither worker threads nor the terminal UI:
 * workerpool is loaded only when a run first needs worker threads.
 *
 * @example
 * import { loadScenario, runReplications, summarize, summaryDocument, toJson } from 'careload';
 * const scenario = loadScenario('scenarios/mmc-validation.yaml', { set: ['replications=4'] });
 * const results = await runReplications(scenario, { workers: 2 });
 * process.stdout.write(toJson(summaryDocument(scenario, summarize(scenario, results))));
 */

/** Scenarios: read, validate and resolve a scenario file (YAML or JSON) with `--set` overrides and overlays; its hash; its type. */
export { loadScenario, parseScenario, type LoadOptions } from './scenario/load.js';
export { scenarioHash } from './scenario/hash.js';
/** The scenario format as a JSON Schema (draft-07), for editors: what `careload schema` prints. */
export { scenarioJsonSchema, scenarioJsonSchemaText } from './scenario/json-schema.js';
export type { JsonSchema } from './scenario/json-patterns.js';
/** Input limits and checks every file careload reads shares: the size cap, the alias limit, reserved names, and `--set` syntax. */
export { MAX_SOURCE_BYTES, MAX_ALIAS_COUNT, RESERVED_KEYS, sourceLabel } from './scenario/source.js';
export { setSyntaxError } from './scenario/overrides.js';
/** The closest of some words to a misspelt one (edit distance), for "did you mean" hints. */
export { closestWord, editDistance } from './scenario/closest.js';
export type { Scenario, Channel, Team, Tier, Surge, OutcomeModel, CsatModel, ScheduleStep, NamedWindow } from './scenario/types.js';
export { MAX_NAMED_WINDOWS } from './scenario/types.js';
/** Staffing: a team's scheduled headcount over the run, and per-interval headcounts written as a dated schedule (`{ at: "d2 08:00", agents: 12 }`). */
export { datedSchedule, rosterSteps, scheduledHeadcountAt, teamPeakHeadcount, type DatedScheduleEntry } from './scenario/staffing.js';

/** Recorded traces: replay (`arrivals: { trace }`, read by the loader), generate a replication's arrivals, the columns. */
export { generateTrace, type GenerateOptions, type GeneratedTrace } from './trace/generate.js';
export { inspectTrace, TraceError, MAX_LISTED_PROBLEMS, type TraceInspection, type TraceProblem } from './trace/inspect.js';
export { TRACE_COLUMNS, TRACE_COLUMN_HELP, type TraceColumn } from './trace/columns.js';
export { formatIdentity, identityOfId, replicationMask, type ConversationKey } from './trace/keys.js';
export { AtomicFileWriter } from './report/write.js';
export type { TraceSource, TraceContents, Calendar } from './scenario/types.js';

/** Errors and their formatting: a scenario's problems, one `file:line:col: message` line each. */
export { ScenarioError, formatProblem, type ScenarioProblem } from './scenario/load.js';

/** The registry of routing policies and agent-selection rules a scenario may name. */
export { ROUTING_POLICIES, ROUTING_POLICY_NAMES, AGENT_SELECTIONS, AGENT_SELECTION_NAMES, type RoutingPolicyName, type AgentSelectionName } from './scenario/policies.js';

/** Running: replications inline or on worker threads, a reusable pool of threads, and the error an aborted run rejects with. */
export { runReplications, defaultWorkers, createReplicationPool, INLINE_WORK, SHARED_REPLICATION_WORK, RunAborted, ReplicationFailed, type ReplicateOptions, type ReplicationPool } from './runner/replicate.js';

/** Simulating one replication directly (what each worker runs), and its raw result. */
export { Simulation, simulateReplication } from './model/simulation.js';
export type { ReplicationResult } from './metrics/recorder.js';
/** A result's duration histograms: dense as recorded, sparse when a worker thread sent them; read either form with these. */
export { SparseHistograms, denseHistograms, histogramQuantile, histogramQuantiles, HISTOGRAM_BUCKETS, type Histograms } from './metrics/histogram.js';

/** Summarising: estimates with 95% confidence intervals per scope, team and report interval. */
export { summarize, estimate, scopeValues, type Estimate, type Summary, type ScopeSummary, type TeamSummary, type SeriesRow } from './metrics/summary.js';
// Per-replication team metrics (utilization, slotOccupancy, overrunHours, ...), as scopeValues gives scope metrics.
export { teamValues } from './metrics/summary.js';
export { clipInterval, meanCI, pairedDifferenceCI, SHARE_DIFFERENCE_RANGE, SHARE_RANGE, studentTQuantile, type MeanCI, type ValueRange } from './metrics/ci.js';

/** Comparing variants on common random numbers: paired differences with verdicts. */
export { compareRuns, comparedMetrics, type Comparison, type VariantRun, type DifferenceEstimate, type Verdict, type ComparedMetric } from './metrics/compare.js';

/** Thresholds: the grammar (k6-style keys and conditions), the metric catalogue, and validation against a scenario. */
export { parseThresholdExpression, parseMetricKey, parseCondition, formatMetricKey, formatCondition, type MetricKey, type Condition, type Aggregation, type Operator } from './thresholds/grammar.js';
export { METRICS, metricSpec, type MetricSpec, type MetricUnit, type TagName } from './thresholds/catalog.js';
export { resolveThreshold, type ThresholdSpec, type ThresholdNames, type ThresholdScopeRef, type ThresholdWindowRef } from './thresholds/resolve.js';

/** Checking: interval verdicts with sequential replications, check.json, and which files of a folder are scenarios. */
export { checkScenario, judgeThresholds, CHECK_DEFAULTS, type CheckOptions, type CheckRun, type CheckBatch, type CheckLook } from './check/run.js';
export { checkDocument, withThresholds, type CheckSettings } from './check/document.js';
export { thresholdValues } from './check/evaluate.js';
export { recordedThresholdValues, recordedScopeKey } from './check/recorded.js';
export { diffRuns, findRegressions, parseTolerance, pairable, type MetricChange, type Regression, type Tolerance, type ChangeVerdict } from './check/baseline.js';
export { decide, intervalVerdict, lookSchedule, perLookLevel, SequentialVerdict, type Decision, type Verdict as ThresholdVerdict } from './check/verdict.js';
export type { CheckDocument, CheckStopped, ScenarioCheck, ThresholdResult, ThresholdScope, BaselineCheck } from './check/types.js';
export { findScenarios, type FoundScenarios, type SkippedFile } from './scenario/discover.js';
export { checkTextReport, thresholdsTable, thresholdsFail, thresholdRow, VERDICT_MARKS, THRESHOLD_COLUMNS } from './report/check-text.js';
export { checkJunit } from './report/junit.js';
export { checkMarkdown } from './report/markdown.js';
export { diffTextReport } from './report/diff-text.js';

/** Calibrating the outcome model's free parameters to observed KPIs. */
export { calibrate, isObservable, isShare, FREE_PARAMETERS, type Observation, type CalibrationResult, type CalibratedKpi, type Evaluate } from './calibration/calibrate.js';

/** Queueing theory: Erlang B, C and A formulas (`erlang.erlangC(servers, load)` and so on). */
export * as erlang from './theory/erlang.js';

// Capacity planning: the cheapest staffing that passes the targets.
export { planStaffing, judgeStaffing, staffingOf, PLAN_DEFAULTS, PlanSettingsError, type Plan, type PlanOptions, type PlanProgress, type PlanPhase, type PlanNext, type PlanCandidate, type TeamStaffing, type ScheduleEntry, type CurvePoint } from './planner/plan.js';
export { planVariables, applyStaffing, changedSchedule, DEFAULT_MAX_AGENTS, type PlanVariable, type VariableKind, type VariableSettings } from './planner/variables.js';
export { staffingCost, rosteredAgentSeconds, rosteredDuring } from './planner/cost.js';
export { teamLoads, erlangHeadcount, type TeamLoad, type BracketGoal } from './planner/bracket.js';
export { BASELINE_LABEL, compareLineup, withSurgeScale, type CompareEntry } from './planner/variants.js';
export { requirementCurve, type RequirementCurve, type RequirementOptions, type RequirementStep } from './planner/requirement.js';
export { requirementDocument, requirementOverlay, requirementTextReport, type RequirementDocument } from './report/requirement.js';
export { planDocument, planOverlay, sweepRow, targetRow, type PlanDocument, type PlanCandidateRow, type PlanTargetRow, type PlanSweepRow, type ShownStaffing } from './report/plan-json.js';
export { planTextReport, staffingLine, curveCharts, formatPlanTarget, type PlanTimings } from './report/plan-text.js';
export { headcountChart, type HeadcountChartInput, type HeadcountChartPoint } from './report/headcount-chart.js';
export { searchStaffing, SearchStopped, type SearchStep, type SearchProblem, type SearchResult, type Tried, type Judged } from './planner/search.js';

/** Staffing from theory: how N agents do on a load, the least N meeting a service level (rostered after shrinkage), and what `careload erlang` prints. */
export { erlangRow, erlangTable, requiredAgents, rosteredAgents, meetsTarget, erlangStaffing, UnreachableServiceLevel, type ErlangQuestion, type ErlangRow, type ServiceLevelMeasure, type StaffingQuestion, type StaffingAnswer, type ErlangStaffing } from './planner/erlang.js';
export { erlangDocument, erlangTextReport, type ErlangDocument } from './planner/erlang-report.js';

/** Result documents: summary.json, run.json, compare.json, calibration.json and calibrated.yaml, and their stable JSON form. */
export { summaryDocument, toJson, SCHEMA_VERSION, type SummaryDocument, type StoppedEarly } from './report/json.js';
export { runRecord, type RunRecord, type RunRecordInput } from './report/run-record.js';
export { replicationValuesDocument, replicationValuesJson, readReplicationValues, RecordedRunError, type ReplicationValuesDocument } from './report/replications.js';
export { compareDocument, type CompareDocument } from './report/compare-json.js';
export { calibrationDocument, calibratedOverlay, calibrationTextReport, type CalibrationDocument, type OverlayUsage } from './report/calibration.js';

/** Text reports and their helpers: tables, shares and durations with their intervals. */
export { compareTextReport } from './report/compare-text.js';
export { formatSecondsEstimate, formatShare, table } from './report/text.js';
export { goalVerdict, GOAL_MARKS } from './report/goal.js';
/** Every way a time is written: messages, reports and the terminal UI share them. */
export { formatDuration, formatElapsed, formatSeconds, formatSimulatedClock, formatTimeOfDay } from './format/time.js';
export { formatCount } from './format/count.js';
/** Reading `dN HH:MM` (day N of the run at a time of day), the form {@link formatSimulatedClock} writes, and its simulated time. */
export { parseDayAndTime, simulatedTimeOf, type DayAndTime } from './format/time.js';

/** Reading values with units as scenario files write them: durations (`3m`), rates (`200/h`), shares (`80%`). */
export { durationSeconds } from './format/time.js';
export { parseDuration, parseRate, parseShare, type Parsed } from './scenario/units.js';

/** Writing a result file whole or not at all. */
export { writeFileAtomic } from './report/write.js';

/** A run's result set: written together under one run id, read back only as a set of one run and of this schema version. */
export { writeRunFiles, type RunFiles } from './report/run-files.js';
export { runIdOf, runIdOfScenario, type RunIdentity } from './report/run-id.js';
export { readCareloadDocument, checkRunSet, type ReadOptions } from './report/read.js';
export { removeStaleTemps } from './report/write.js';
/** Where results may go: `--out` checked before anything runs. */
export { checkOutputFolder, checkOutputFile, OutputPathError } from './report/out-dir.js';
export { errnoText } from './report/errno.js';

/** Sharded runs (`--shard K/N`): which replications a shard runs, its ids and shard.bin, and merging the shards into the run without shards. */
export { shardRange, shardProblem, runBase, compareBase, shardRunId, asShardDocument, shardData, encodeShardData, decodeShardData, SHARD_FILE, type Shard, type ShardInfo, type ShardData, type ShardRunInputs, type RunBase, type VariantIdentity } from './shard/shard.js';
export { mergeShards, ShardMergeError, type MergedRun, type MergedCompare } from './shard/merge.js';

/** careload's own version, from its package.json. */
export { careloadVersion } from './version.js';

/** The simulation's building blocks: the event engine, random streams and distributions. */
export { Engine, type EventHandler } from './core/engine.js';
export { createStream, KeyedUniform, type Stream, type Uniform } from './core/rng.js';
export { samplerOf, type CountSpec, type DistSpec, type Sampler } from './core/distributions.js';

/** Limits: a run's work and memory estimated before it starts (refused past --max-work), and the fluid backlog behind the unstable-at-peak warning. */
export { estimateWork, workLimits, workLimitMessage, assertWorkWithinLimits, DEFAULT_MAX_WORK, DEFAULT_MAX_MEMORY, type WorkEstimate, type WorkLimits } from './limits/work.js';
export { fluidBacklog, type FluidBacklog, type TimeRange } from './limits/backlog.js';
export { runWarnings, type RunWarning, type UnstableWarning, type IntervalWarning } from './limits/warnings.js';
export { MAX_REPORT_ROWS, DEFAULT_REPORT_ROWS, defaultReportInterval } from './scenario/report-interval.js';

/** Recorded data out: one replication's conversations as a care platform's export would have them (CSV). */
export { exportConversations, EXPORT_COLUMNS, type ExportOptions, type ExportSummary } from './trace/export.js';
/** Recorded data in: a scenario fitted to an export of past conversations, with its diagnostics (`careload fit`). */
export { readExport, parseColumnMap, ColumnMapError, REQUIRED_COLUMNS, OPTIONAL_COLUMNS, FIT_COLUMNS, type ColumnMap, type ExportRecords } from './fit/read.js';
export { fitExport, type FitOptions, type FitResult, type ChannelFit, type MixFit, type SurgeFit } from './fit/fit.js';
export { fitDuration, FAMILIES, type Family, type Estimate as FitEstimate, type CandidateFit, type DurationFit } from './fit/distributions.js';
export { fitArrivals, type ArrivalFit, type ArrivalClock, type DetectedSurge, type WeightPattern } from './fit/arrivals.js';
export { fitScenarioText } from './fit/scenario-text.js';
export { fitTextReport, fitDocument } from './fit/report.js';
export { parseTimeOfDay } from './scenario/units.js';

/** The HTML report (issue 16): one self-contained page from a run's, a comparison's, a plan's or a check's results; pure rendering, and reading a results folder for it. */
export { renderHtmlReport, type HtmlReportInput } from './report/html/page.js';
export { reportAssets, type ReportAssets } from './report/html/assets.js';
export { readReportFolder, REPORT_FILES } from './report/html/folder.js';
export { downsample, downsampleFactor, intervalBand, MAX_POINTS, type ChartSpec, type ChartSeries, type ChartUnit } from './report/html/chart.js';
export { replicationSeries, type ReplicationSeries } from './metrics/series-replications.js';
