import { formatSimulatedClock } from '../format/time.js';
import { coarsenedIntervalNote, defaultReportInterval } from '../scenario/report-interval.js';
import type { Scenario } from '../scenario/types.js';
import { fluidBacklog, FLUID_MAX_SPAN, type TimeRange } from './backlog.js';

/**
 * The backlog grows faster than the roster can work it off and is not gone
 * when the run must end: see {@link runWarnings} for the criterion.
 */
export interface UnstableWarning {
  kind: 'unstable';
  message: string;
  /** When the fluid backlog grows, seconds from t = 0 (merged stretches, in order), since it last was empty. */
  growth: TimeRange[];
  /** Hours of growth, summed over `growth`. */
  growthHours: number;
  /** Conversations the fluid model has waiting when arrivals stop (at the horizon). */
  backlogAtHorizon: number;
}

/** The default report interval was coarsened to keep the time series within its row limit. */
export interface IntervalWarning {
  kind: 'interval';
  message: string;
  /** The interval used, seconds. */
  interval: number;
}

/** Something a report should say about a run besides its numbers. */
export type RunWarning = UnstableWarning | IntervalWarning;

/** Backlog growth over the last day before the horizon that counts as still growing: 5% and at least one conversation. */
const GROWTH_SHARE = 0.05;
const GROWTH_MIN = 1;
/** Growth stretches named in a message; the rest are counted. */
const NAMED_RANGES = 3;

const cache = new WeakMap<Scenario, RunWarning[]>();

/**
 * What a report of this scenario's run should warn about, from the scenario
 * alone (so every report of it says the same), in this order:
 *
 * - `interval`: the scenario sets no report.interval and the default was
 *   coarsened past 15 minutes (see defaultReportInterval).
 * - `unstable`: the offered load stays above capacity for longer than the
 *   horizon can work off: the fluid backlog ({@link fluidBacklog}, with
 *   abandonment and self-service) is not empty at the horizon and is still
 *   growing there, by more than 5% (and one conversation) over the last day
 *   (the last half of a run shorter than two days). A peak the roster works
 *   off before the horizon (an outage surge), or a backlog that comes back
 *   to the same level every day (nights without staff), is not flagged.
 *   The stretches of growth since the backlog was last empty are reported.
 *   Not judged for runs over 20 years (horizon + drain).
 *
 * Empty for most scenarios; computed once per scenario object.
 */
export function runWarnings(scenario: Scenario): RunWarning[] {
  const known = cache.get(scenario);
  if (known) return known;
  const warnings: RunWarning[] = [];
  const explicit = scenario.source === undefined || isObject(scenario.source.report) && scenario.source.report.interval !== undefined;
  const interval = scenario.report.interval;
  const note = interval === defaultReportInterval(scenario.horizon) ? coarsenedIntervalNote(scenario.horizon, interval, explicit) : null;
  if (note !== null) warnings.push({ kind: 'interval', message: note, interval });
  if (scenario.horizon + scenario.drain > FLUID_MAX_SPAN) {
    cache.set(scenario, warnings);
    return warnings;
  }
  const fluid = fluidBacklog(scenario);
  const before = fluid.dayBeforeHorizonBacklog;
  if (fluid.busyFrom !== null && fluid.horizonBacklog > before + Math.max(GROWTH_MIN, GROWTH_SHARE * before)) {
    const since = fluid.busyFrom;
    const growth = fluid.growth.filter((r) => r.to > since).map((r) => ({ from: Math.max(r.from, since), to: r.to }));
    const growthHours = growth.reduce((sum, r) => sum + (r.to - r.from), 0) / 3600;
    warnings.push({ kind: 'unstable', message: unstableMessage(growth, growthHours, fluid.horizonBacklog, scenario.startsAt), growth, growthHours, backlogAtHorizon: fluid.horizonBacklog });
  }
  cache.set(scenario, warnings);
  return warnings;
}

function unstableMessage(growth: readonly TimeRange[], hours: number, backlog: number, startsAt: number): string {
  const named = growth.slice(0, NAMED_RANGES).map((r) => `${formatSimulatedClock(r.from, startsAt)} to ${formatSimulatedClock(r.to, startsAt)}`);
  const more = growth.length > NAMED_RANGES ? ` and ${growth.length - NAMED_RANGES} more` : '';
  return `unstable at peak: the offered load exceeds the roster's capacity and the backlog grows for ${Number(hours.toPrecision(3))} h (${named.join(', ')}${more}); `
    + `about ${Math.round(backlog)} conversations wait at the horizon and the backlog is still growing, so waits and backlog depend on the horizon: add agents or shorten the peak`;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null;
}
