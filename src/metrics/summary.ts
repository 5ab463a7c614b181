import type { Scenario } from '../scenario/types.js';
import { clipInterval, meanCI, SHARE_RANGE, type ValueRange } from './ci.js';
import { unitOfKey } from './directions.js';
import { histogramQuantiles } from './histogram.js';
import { AVAILABILITY_FIELD_COUNT, AvailabilityField, Field, TeamField } from './fields.js';
import type { ReplicationResult } from './recorder.js';
import { fieldIndex, Scopes, teamFieldIndex } from './scopes.js';

/** A metric over replications: the mean and its 95% Student-t interval (null when undefined). */
export interface Estimate {
  mean: number | null;
  ci95: [number, number] | null;
}

/** The metrics reported for one scope (overall, a channel or a tier). */
export interface ScopeSummary {
  arrivals: Estimate;
  answered: Estimate;
  abandoned: Estimate;
  unanswered: Estimate;
  abandonRate: Estimate;
  waitMean: Estimate;
  waitMeanAll: Estimate;
  waitP50: Estimate;
  waitP90: Estimate;
  waitP95: Estimate;
  firstResponseMean: Estimate;
  firstResponseP50: Estimate;
  firstResponseP90: Estimate;
  firstResponseP95: Estimate;
  nextResponseMean: Estimate;
  /** Next replies posted within their tier's nextResponse target / next replies in tiers that set one (null when none does). */
  nextResponseAttainment: Estimate;
  slaAttainment: Estimate;
  pickupWithinTarget: Estimate;
  backlogMean: Estimate;
  negativeShare: Estimate;
  /** Agent time spent writing this scope's replies / all agent on-shift time (scopes add up to overall). */
  utilization: Estimate;
  deflected: Estimate;
  misrouted: Estimate;
  followUps: Estimate;
  merged: Estimate;
  welcomed: Estimate;
  /** Share of arrivals (less deflected) first-replied within report.answeredWithin, whatever their tier. */
  answeredWithin: Estimate;
  /** Share of conversations starting negative that ended positive. */
  recoveryNegative: Estimate;
  /** Share of conversations starting neutral that ended positive. */
  recoveryNeutral: Estimate;
  /** Satisfied survey answers / survey answers. */
  csat: Estimate;
  /** Survey answers / surveys sent (closed, answered conversations). */
  surveyResponseRate: Estimate;
}

/** Sentiment names in index order. */
const SENTIMENT_NAMES = ['negative', 'neutral', 'positive'] as const;
type SentimentName = (typeof SENTIMENT_NAMES)[number];

/** The metrics reported for one team. */
export interface TeamSummary {
  utilization: Estimate;
  handled: Estimate;
  agentsOnShiftMean: Estimate;
  /** Time-average scheduled headcount (agents finishing after their shift not counted). */
  agentsRosteredMean: Estimate;
  /** Time-average rostered agents at work: rostered less those away (shrinkage). */
  agentsProductiveMean: Estimate;
  /** Time integral of open conversations / time integral of slots (agents on shift x concurrency). */
  slotOccupancy: Estimate;
  /** Agent-hours worked past shift end: from leaving the roster until the agent's last open conversation closed. */
  overrunHours: Estimate;
}

/** One row of the time series: means over replications for the interval starting at t. */
export interface SeriesRow {
  t: number;
  arrivals: number;
  arrivalsByChannel: Record<string, number>;
  backlog: number;
  backlogByTier: Record<string, number>;
  agentsOnShift: number;
  agentsOnShiftByTeam: Record<string, number>;
  /** Open conversations / slots of agents on shift, all teams together (null when nobody was on shift). */
  slotOccupancy: number | null;
  slotOccupancyByTeam: Record<string, number | null>;
  /** Time-average number of agents working past their shift end. */
  overrunAgentsByTeam: Record<string, number>;
  slaAttainment: number | null;
  slaAttainmentByTier: Record<string, number | null>;
  negativeShare: number | null;
  negativeShareByChannel: Record<string, number | null>;
}

/**
 * The figures of one named window (report.windows): its bounds and the same
 * scope and team metrics as the main summary, over the conversations that
 * arrived in it (time integrals clipped to it).
 */
export interface WindowSummary {
  /** Bounds, seconds: conversations arriving in [from, to). */
  from: number;
  to: number;
  overall: ScopeSummary;
  byChannel: Record<string, ScopeSummary>;
  byTier: Record<string, ScopeSummary>;
  byTeam: Record<string, TeamSummary>;
}

/** Everything a run reports; deterministic for a scenario and seed. */
export interface Summary {
  replications: number;
  overall: ScopeSummary;
  byChannel: Record<string, ScopeSummary>;
  byTier: Record<string, ScopeSummary>;
  byTeam: Record<string, TeamSummary>;
  /** Per named window (report.windows), by name; present only when the scenario names windows. */
  windows?: Record<string, WindowSummary>;
  timeseries: { interval: number; rows: SeriesRow[] };
  /** Start -> end sentiment shares over all measured conversations with an outcome (each row sums to 1). */
  sentimentTransitions: Record<SentimentName, Record<SentimentName, Estimate>>;
  events: Estimate;
}

type Row = {
  f: Float64Array;
  base: number;
  scope: number;
  rep: ReplicationResult;
  onShiftTime: number;
  /** p50, p90 and p95 of the scope's wait, first-response and next-response histograms, in one pass each (see histogramQuantiles). */
  quantiles: (hist: QuantileHistogram) => Float64Array;
};

/** The histograms the summary reads quantiles from. */
type QuantileHistogram = 'waitHist' | 'firstResponseHist' | 'nextResponseHist';
/** The quantiles the summary reports, ascending (the order {@link histogramQuantiles} needs). */
const QUANTILES = [0.5, 0.9, 0.95] as const;

const ratio = (a: number, b: number) => (b > 0 ? a / b : NaN);

/** How each scope metric is computed from one replication's accumulators. */
const SCOPE_METRICS: Record<keyof ScopeSummary, (r: Row, window: number) => number> = {
  arrivals: (r) => r.f[r.base + Field.arrivals],
  answered: (r) => r.f[r.base + Field.answered],
  abandoned: (r) => r.f[r.base + Field.abandoned],
  unanswered: (r) => r.f[r.base + Field.unanswered],
  abandonRate: (r) => ratio(r.f[r.base + Field.abandoned], r.f[r.base + Field.arrivals]),
  waitMean: (r) => ratio(r.f[r.base + Field.waitSum], r.f[r.base + Field.answered]),
  waitMeanAll: (r) => ratio(r.f[r.base + Field.waitAllSum], r.f[r.base + Field.answered] + r.f[r.base + Field.abandoned]),
  waitP50: (r) => r.quantiles('waitHist')[0],
  waitP90: (r) => r.quantiles('waitHist')[1],
  waitP95: (r) => r.quantiles('waitHist')[2],
  firstResponseMean: (r) => ratio(r.f[r.base + Field.firstResponseSum], r.f[r.base + Field.firstReplies]),
  firstResponseP50: (r) => r.quantiles('firstResponseHist')[0],
  firstResponseP90: (r) => r.quantiles('firstResponseHist')[1],
  firstResponseP95: (r) => r.quantiles('firstResponseHist')[2],
  nextResponseMean: (r) => ratio(r.f[r.base + Field.nextResponseSum], r.f[r.base + Field.nextReplies]),
  nextResponseAttainment: (r) => ratio(r.f[r.base + Field.nextResponseHits], r.f[r.base + Field.nextRepliesTargeted]),
  slaAttainment: (r) => ratio(r.f[r.base + Field.slaHits], r.f[r.base + Field.arrivals] - r.f[r.base + Field.deflected]),
  pickupWithinTarget: (r) => ratio(r.f[r.base + Field.pickupHits], r.f[r.base + Field.arrivals] - r.f[r.base + Field.deflected]),
  backlogMean: (r, window) => ratio(r.f[r.base + Field.backlogArea], window),
  negativeShare: (r) => ratio(r.f[r.base + Field.negativeArrivals], r.f[r.base + Field.arrivals]),
  utilization: (r) => ratio(r.f[r.base + Field.writingTime], r.onShiftTime),
  deflected: (r) => r.f[r.base + Field.deflected],
  misrouted: (r) => r.f[r.base + Field.misrouted],
  followUps: (r) => r.f[r.base + Field.followUps],
  merged: (r) => r.f[r.base + Field.merged],
  welcomed: (r) => r.f[r.base + Field.welcomed],
  answeredWithin: (r) => ratio(r.f[r.base + Field.answeredWithin], r.f[r.base + Field.arrivals] - r.f[r.base + Field.deflected]),
  recoveryNegative: (r) => transitionShare(r.f, r.base, 0, 2),
  recoveryNeutral: (r) => transitionShare(r.f, r.base, 1, 2),
  csat: (r) => ratio(r.f[r.base + Field.satisfied], r.f[r.base + Field.responses]),
  surveyResponseRate: (r) => ratio(r.f[r.base + Field.responses], r.f[r.base + Field.surveyed]),
};

/** The scope metrics, in the order summary.json lists them. */
export const SCOPE_METRIC_NAMES = Object.keys(SCOPE_METRICS) as (keyof ScopeSummary)[];
/** Each scope metric's position in {@link SCOPE_METRIC_NAMES} (and in a cached metric row). */
const SCOPE_METRIC_INDEX = Object.fromEntries(SCOPE_METRIC_NAMES.map((m, i) => [m, i])) as Record<keyof ScopeSummary, number>;

/** Share of conversations starting in `start` that ended in `end`. */
function transitionShare(f: Float64Array, base: number, start: number, end: number): number {
  const row = base + Field.transitions + 3 * start;
  return ratio(f[row + end], f[row] + f[row + 1] + f[row + 2]);
}

/**
 * Mean and 95% interval of per-replication values (NaN values are left out),
 * the interval clipped to `range` when given (a share's to [0, 1]).
 */
export function estimate(values: readonly number[], range?: ValueRange): Estimate {
  const ci = clipInterval(meanCI(values), range);
  if (ci.n === 0) return { mean: null, ci95: null };
  return { mean: ci.mean, ci95: ci.n > 1 ? [ci.lo, ci.hi] : null };
}

/** The range a summary metric's values lie in: [0, 1] for a share, none for the others. */
export function metricRange(metric: string): ValueRange | undefined {
  return unitOfKey(metric) === 'share' ? SHARE_RANGE : undefined;
}

/** A measurement window's bounds, seconds: window 0 is report.window, window k the k-th of report.windows. */
export function windowSpan(scenario: Scenario, window: number): { from: number; to: number } {
  return window === 0 ? scenario.report.window : scenario.report.windows[window - 1];
}

/** A window's length, seconds. */
function windowLength(scenario: Scenario, window: number): number {
  const { from, to } = windowSpan(scenario, window);
  return to - from;
}

/** The accumulator row of one scope in one window of one replication. */
function rowOf(scenario: Scenario, rep: ReplicationResult, scope: number, window: number): Row {
  const row = Scopes.of(scenario).inWindow(window, scope);
  const read: Partial<Record<QuantileHistogram, Float64Array>> = {};
  return {
    f: rep.fields,
    base: fieldIndex(row, 0),
    scope: row,
    rep,
    onShiftTime: totalOnShift(rep, scenario.teams.length, window),
    quantiles: (hist) => (read[hist] ??= histogramQuantiles(rep[hist], row, QUANTILES)),
  };
}

/**
 * Every scope metric of each (window, scope) row of a replication, computed
 * on first use and kept while the result lives: the summary, replications.json
 * and the thresholds all read the same values, which are then computed once
 * (each histogram read once for its three quantiles). Keyed by the scenario
 * object too: the values depend on it (windows, teams).
 */
const metricRows = new WeakMap<ReplicationResult, { scenario: Scenario; rows: (Float64Array | undefined)[] }>();

/** The values of every scope metric (in SCOPE_METRIC_NAMES order) of one scope in one window of one replication. */
function metricRow(scenario: Scenario, rep: ReplicationResult, scope: number, window: number, length: number): Float64Array {
  let cached = metricRows.get(rep);
  if (cached?.scenario !== scenario) metricRows.set(rep, (cached = { scenario, rows: [] }));
  const index = Scopes.of(scenario).inWindow(window, scope);
  let values = cached.rows[index];
  if (values === undefined) {
    const row = rowOf(scenario, rep, scope, window);
    values = Float64Array.from(SCOPE_METRIC_NAMES, (metric) => SCOPE_METRICS[metric](row, length));
    cached.rows[index] = values;
  }
  return values;
}

/**
 * Per-replication values of one scope metric, in replication order: the
 * raw material of both the summary's intervals and paired comparisons.
 * Scopes are numbered by {@link Scopes}; `window` is the measurement
 * window (0, the default: report.window; k: the k-th named window).
 */
export function scopeValues(scenario: Scenario, results: readonly ReplicationResult[], scope: number, metric: keyof ScopeSummary, window = 0): number[] {
  const length = windowLength(scenario, window);
  const at = SCOPE_METRIC_INDEX[metric];
  return results.map((rep) => metricRow(scenario, rep, scope, window, length)[at]);
}

function scopeSummary(scenario: Scenario, results: readonly ReplicationResult[], scope: number, window: number): ScopeSummary {
  const out = {} as Record<keyof ScopeSummary, Estimate>;
  for (const key of SCOPE_METRIC_NAMES) out[key] = estimate(scopeValues(scenario, results, scope, key, window), metricRange(key));
  return out;
}

/** A team's value of `field` in window `window`. */
function teamValue(rep: ReplicationResult, teams: number, team: number, field: number, window: number): number {
  return rep.teams[teamFieldIndex(window * teams + team, field)];
}

/** A team's value of an availability `field` in window `window`. */
function availabilityValue(rep: ReplicationResult, teams: number, team: number, field: number, window: number): number {
  return rep.availability[(window * teams + team) * AVAILABILITY_FIELD_COUNT + field];
}

/** One team's accumulators in one window of one replication. */
interface TeamRow {
  /** The team's value of a TeamField. */
  value: (field: number) => number;
  /** The team's value of an AvailabilityField. */
  availability: (field: number) => number;
  /** The team's slots per agent. */
  concurrency: number;
}

/** How each team metric is computed from one replication's accumulators (`length`: the window's, seconds). */
const TEAM_METRICS: Record<keyof TeamSummary, (t: TeamRow, length: number) => number> = {
  utilization: (t) => ratio(t.value(TeamField.writingTime), t.value(TeamField.onShiftTime)),
  handled: (t) => t.value(TeamField.handled),
  agentsOnShiftMean: (t, length) => ratio(t.value(TeamField.onShiftTime), length),
  agentsRosteredMean: (t, length) => ratio(t.availability(AvailabilityField.rosteredTime), length),
  agentsProductiveMean: (t, length) => ratio(t.availability(AvailabilityField.rosteredTime) - t.availability(AvailabilityField.awayTime), length),
  slotOccupancy: (t) => ratio(t.value(TeamField.openTime), t.concurrency * t.value(TeamField.onShiftTime)),
  overrunHours: (t) => t.value(TeamField.overrunTime) / 3600,
};
/** The team metrics, in the order summary.json lists them. */
export const TEAM_METRIC_NAMES = Object.keys(TEAM_METRICS) as (keyof TeamSummary)[];

/** Per-replication values of one team metric, in replication order, in measurement window `window` (0: report.window). */
export function teamValues(scenario: Scenario, results: readonly ReplicationResult[], team: number, metric: keyof TeamSummary, window = 0): number[] {
  const length = windowLength(scenario, window);
  const teams = scenario.teams.length;
  const concurrency = scenario.teams[team].concurrency;
  return results.map((rep) =>
    TEAM_METRICS[metric](
      {
        value: (field) => teamValue(rep, teams, team, field, window),
        availability: (field) => availabilityValue(rep, teams, team, field, window),
        concurrency,
      },
      length,
    ),
  );
}

/** Agent on-shift time of all `teams` teams inside window `window`. */
function totalOnShift(rep: ReplicationResult, teams: number, window: number): number {
  let total = 0;
  for (let k = 0; k < teams; k++) total += teamValue(rep, teams, k, TeamField.onShiftTime, window);
  return total;
}

/** The scope and team sections of one measurement window: overall, by channel, by tier, by team. */
function scopeSections(scenario: Scenario, results: readonly ReplicationResult[], window: number): Pick<Summary, 'overall' | 'byChannel' | 'byTier' | 'byTeam'> {
  const scopes = Scopes.of(scenario);
  return {
    overall: scopeSummary(scenario, results, Scopes.overall, window),
    byChannel: Object.fromEntries(scenario.channels.map((c, i) => [c.name, scopeSummary(scenario, results, scopes.channel(i), window)])),
    byTier: Object.fromEntries(scenario.tiers.map((t, i) => [t.name, scopeSummary(scenario, results, scopes.tier(i), window)])),
    byTeam: Object.fromEntries(
      scenario.teams.map((t, k) => [
        t.name,
        Object.fromEntries(TEAM_METRIC_NAMES.map((metric) => [metric, estimate(teamValues(scenario, results, k, metric, window), metricRange(metric))])) as unknown as TeamSummary,
      ]),
    ),
  };
}

/** The named windows' figures, by name (window k + 1 of the accumulators is the k-th named window). */
function windowSummaries(scenario: Scenario, results: readonly ReplicationResult[]): Record<string, WindowSummary> {
  return Object.fromEntries(scenario.report.windows.map((w, k) => [w.name, { from: w.from, to: w.to, ...scopeSections(scenario, results, k + 1) }]));
}

/**
 * Combines replications, in index order, into the reported summary. The
 * same results in the same order give the same summary, whichever thread
 * computed each replication.
 */
export function summarize(scenario: Scenario, results: readonly ReplicationResult[]): Summary {
  const { overall, byChannel, byTier, byTeam } = scopeSections(scenario, results, 0);
  return {
    replications: results.length,
    overall,
    byChannel,
    byTier,
    byTeam,
    ...(scenario.report.windows.length > 0 ? { windows: windowSummaries(scenario, results) } : {}),
    timeseries: { interval: scenario.report.interval, rows: seriesRows(scenario, results) },
    sentimentTransitions: Object.fromEntries(
      SENTIMENT_NAMES.map((start, s) => [
        start,
        Object.fromEntries(SENTIMENT_NAMES.map((end, e) => [end, estimate(results.map((rep) => transitionShare(rep.fields, fieldIndex(Scopes.overall, 0), s, e)), SHARE_RANGE)])),
      ]),
    ) as Summary['sentimentTransitions'],
    events: estimate(results.map((r) => r.events)),
  };
}

function seriesRows(scenario: Scenario, results: readonly ReplicationResult[]): SeriesRow[] {
  const { interval } = scenario.report;
  const C = scenario.channels.length;
  const T = scenario.tiers.length;
  const K = scenario.teams.length;
  const n = results.length;
  const bins = n > 0 ? results[0].series.slaHits.length / Math.max(1, T) : 0;
  const sumTiers = (a: Float64Array, b: number) => {
    let s = 0;
    for (let t = 0; t < T; t++) s += a[b * T + t];
    return s;
  };
  const avg = (f: (r: ReplicationResult) => number) => results.reduce((s, r) => s + f(r), 0) / n;
  const avgDefined = (f: (r: ReplicationResult) => number) => {
    const values = results.map(f).filter((v) => !Number.isNaN(v));
    return values.length > 0 ? values.reduce((s, v) => s + v, 0) / values.length : null;
  };
  const rows: SeriesRow[] = [];
  for (let b = 0; b < bins; b++) {
    const width = Math.min(interval, scenario.horizon - b * interval);
    const arrivalsIn = (r: ReplicationResult) => {
      let s = 0;
      for (let c = 0; c < C; c++) s += r.series.arrivals[b * C + c];
      return s;
    };
    const backlogIn = (r: ReplicationResult) => {
      let s = 0;
      for (let t = 0; t < T; t++) s += r.series.backlogArea[b * T + t];
      return s / width;
    };
    rows.push({
      t: b * interval,
      arrivals: avg(arrivalsIn),
      arrivalsByChannel: Object.fromEntries(scenario.channels.map((c, i) => [c.name, avg((r) => r.series.arrivals[b * C + i])])),
      backlog: avg(backlogIn),
      backlogByTier: Object.fromEntries(scenario.tiers.map((t, i) => [t.name, avg((r) => r.series.backlogArea[b * T + i] / width)])),
      agentsOnShift: avg((r) => {
        let s = 0;
        for (let k = 0; k < K; k++) s += r.series.onShiftArea[b * K + k];
        return s / width;
      }),
      agentsOnShiftByTeam: Object.fromEntries(scenario.teams.map((t, k) => [t.name, avg((r) => r.series.onShiftArea[b * K + k] / width)])),
      slotOccupancy: avgDefined((r) => {
        let open = 0;
        let slots = 0;
        for (let k = 0; k < K; k++) {
          open += r.series.openArea[b * K + k];
          slots += scenario.teams[k].concurrency * r.series.onShiftArea[b * K + k];
        }
        return ratio(open, slots);
      }),
      slotOccupancyByTeam: Object.fromEntries(
        scenario.teams.map((t, k) => [t.name, avgDefined((r) => ratio(r.series.openArea[b * K + k], t.concurrency * r.series.onShiftArea[b * K + k]))]),
      ),
      overrunAgentsByTeam: Object.fromEntries(scenario.teams.map((t, k) => [t.name, avg((r) => r.series.overrunArea[b * K + k] / width)])),
      slaAttainment: avgDefined((r) => ratio(sumTiers(r.series.slaHits, b), arrivalsIn(r) - sumTiers(r.series.deflected, b))),
      slaAttainmentByTier: Object.fromEntries(
        scenario.tiers.map((t, i) => [
          t.name,
          avgDefined((r) => ratio(r.series.slaHits[b * T + i], r.series.tierArrivals[b * T + i] - r.series.deflected[b * T + i])),
        ]),
      ),
      negativeShare: avgDefined((r) => {
        let s = 0;
        for (let c = 0; c < C; c++) s += r.series.negative[b * C + c];
        return ratio(s, arrivalsIn(r));
      }),
      negativeShareByChannel: Object.fromEntries(
        scenario.channels.map((c, i) => [c.name, avgDefined((r) => ratio(r.series.negative[b * C + i], r.series.arrivals[b * C + i]))]),
      ),
    });
  }
  return rows;
}
