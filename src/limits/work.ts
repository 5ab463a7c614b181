import { ScenarioError } from '../scenario/errors.js';
import { teamPeakHeadcount } from '../scenario/staffing.js';
import { surgeWeight } from '../scenario/surges.js';
import type { Scenario, Surge } from '../scenario/types.js';
import { ChannelLoad } from '../model/load-curve.js';
import { fluidBacklog, FLUID_MAX_SPAN } from './backlog.js';

/** Default most conversations a command may simulate in one run (all replications together); `--max-work` raises it. */
export const DEFAULT_MAX_WORK = 2e9;
/** Default most memory a run may be estimated to need, bytes; `--max-work` raises it in proportion. */
export const DEFAULT_MAX_MEMORY = 4 * 2 ** 30;

/** Rough bytes one agent costs (its arrays, heap entries, roster and absence state), plus {@link BYTES_PER_SLOT} per slot. */
const BYTES_PER_AGENT = 64;
const BYTES_PER_SLOT = 8;
/** Rough bytes one conversation in flight costs (its columns, with the store's doubling, its events and queue entries). */
const BYTES_PER_CONVERSATION = 400;
/** Bytes per time-series value: the recorder's, and the copy each finished replication keeps. */
const BYTES_PER_SERIES_VALUE = 8;
/** Rough bytes of a finished replication besides its time series (accumulators per scope, team and window). */
const BYTES_PER_RESULT = 64 * 1024;

/**
 * What a run of a scenario is expected to cost, estimated from the scenario
 * alone before anything runs. Rough on purpose: enough to refuse a run
 * orders of magnitude too big, not to predict its duration.
 */
export interface WorkEstimate {
  /** Expected conversations arriving in one replication (the arrival rates integrated over the horizon, profiles and surges included; follow-ups not counted). */
  conversationsPerReplication: number;
  replications: number;
  /** conversationsPerReplication x replications. */
  conversations: number;
  /** Agents at the teams' peak headcounts, all teams. */
  agents: number;
  /** Conversations in flight at the peak: every agent slot full, plus the fluid backlog's peak, plus an hour of peak arrivals. */
  inFlight: number;
  /** Peak memory, bytes: one replication's agents, conversations in flight and time series, plus what every finished replication keeps. */
  memory: number;
}

/**
 * Estimates a run's work (see {@link WorkEstimate}); `replications`
 * overrides the scenario's (a plan or check runs up to its own maximum).
 *
 * memory = agents x (64 B + 8 B x concurrency) + inFlight x 400 B
 *        + rows x series x 8 B + replications x (64 KiB + rows x series x 8 B)
 * where rows = horizon / report.interval and series = 2 per channel + 4 per tier + 3 per team.
 */
export function estimateWork(scenario: Scenario, replications = scenario.replications): WorkEstimate {
  // Past the fluid model's reach (runs of decades), a closed form: rates averaged over whole days, surges by their weight.
  const fluid = scenario.horizon + scenario.drain <= FLUID_MAX_SPAN ? fluidBacklog(scenario) : longRun(scenario);
  const perReplication = fluid.arrivals;
  let agents = 0;
  let slots = 0;
  for (const team of scenario.teams) {
    const peak = teamPeakHeadcount(team);
    agents += peak;
    slots += peak * team.concurrency;
  }
  const inFlight = Math.min(perReplication, slots + fluid.peakBacklog + fluid.peakRate * 3600);
  const rows = Math.ceil(scenario.horizon / scenario.report.interval);
  const seriesValues = rows * (2 * scenario.channels.length + 4 * scenario.tiers.length + 3 * scenario.teams.length);
  const memory = agents * BYTES_PER_AGENT + slots * BYTES_PER_SLOT + inFlight * BYTES_PER_CONVERSATION
    + seriesValues * BYTES_PER_SERIES_VALUE + replications * (BYTES_PER_RESULT + seriesValues * BYTES_PER_SERIES_VALUE);
  return { conversationsPerReplication: perReplication, replications, conversations: perReplication * replications, agents, inFlight, memory };
}

/**
 * The arrivals and peak rate of a run too long for the fluid model: each
 * channel's rate x (horizon + its surges' (volume - 1) x weight integrated
 * over [0, horizon)), the profile taken at its mean of 1 (exact over whole
 * days); the backlog is not estimated.
 */
function longRun(scenario: Scenario): { arrivals: number; peakRate: number; peakBacklog: number } {
  let arrivals = 0;
  let peakRate = 0;
  scenario.channels.forEach((c, i) => {
    const surges = scenario.surges.filter((s) => s.channels.includes(i));
    const extra = surges.reduce((sum, s) => sum + (s.volume - 1) * weightIntegral(s, scenario.horizon), 0);
    // A traced channel's rows over the horizon, as an average rate.
    const rate = c.tracedRate === null ? c.rate : c.tracedRate.rates.reduce((sum, r) => sum + r, 0) * c.tracedRate.step / scenario.horizon;
    arrivals += rate * Math.max(0, scenario.horizon + extra);
    peakRate += new ChannelLoad(c, i, scenario.surges, scenario.startsAt, scenario.calendar?.weekday).maxRate;
  });
  return { arrivals, peakRate, peakBacklog: 0 };
}

/** A surge's weight integrated over [0, until), seconds (exact: the weight is linear between its corners). */
function weightIntegral(s: Surge, until: number): number {
  const corners = [s.start, s.start + s.rampUp, s.start + s.rampUp + s.duration, s.start + s.rampUp + s.duration + s.rampDown];
  let area = 0;
  for (let k = 0; k + 1 < corners.length; k++) {
    const a = Math.max(0, corners[k]);
    const b = Math.min(until, corners[k + 1]);
    // Trapezoid at the midpoint: exact for a linear piece.
    if (b > a) area += (b - a) * surgeWeight(s, (a + b) / 2);
  }
  return area;
}

/** The limits a run must stay within: `maxWork` conversations and a memory ceiling raised in proportion above the default. */
export interface WorkLimits {
  conversations: number;
  memory: number;
}

/** The limits for a `--max-work` value (the defaults when it is undefined). */
export function workLimits(maxWork: number = DEFAULT_MAX_WORK): WorkLimits {
  return { conversations: maxWork, memory: DEFAULT_MAX_MEMORY * Math.max(1, maxWork / DEFAULT_MAX_WORK) };
}

/**
 * Why a run is too big for the limits, as one line giving the estimate and
 * the `--max-work` value that would allow it; null when it fits.
 */
export function workLimitMessage(estimate: WorkEstimate, maxWork: number = DEFAULT_MAX_WORK): string | null {
  const limits = workLimits(maxWork);
  if (estimate.conversations <= limits.conversations && estimate.memory <= limits.memory) return null;
  // The smallest --max-work that admits both the conversations and the memory.
  const needed = Math.max(estimate.conversations, DEFAULT_MAX_WORK * (estimate.memory / DEFAULT_MAX_MEMORY));
  return `too big to run: about ${count(estimate.conversations)} conversations (${count(estimate.conversationsPerReplication)} per replication x ${estimate.replications} replications) `
    + `and ${bytes(estimate.memory)} of memory, over the limit of ${count(limits.conversations)} conversations and ${bytes(limits.memory)}; `
    + `shorten the horizon or lower replications, or raise the limit with --max-work ${roundUp(needed)}`;
}

/**
 * Refuses a run past the work limits before it starts.
 * @param where the scenario file, named in the error
 * @throws ScenarioError (exit 104) with the estimate and how to raise the limit
 */
export function assertWorkWithinLimits(scenario: Scenario, where: string, options: { maxWork?: number; replications?: number } = {}): WorkEstimate {
  const estimate = estimateWork(scenario, options.replications);
  const message = workLimitMessage(estimate, options.maxWork);
  if (message !== null) throw new ScenarioError([{ where, path: '', message }]);
  return estimate;
}

/** A count in two significant digits: 3.6e10, 180000. */
function count(n: number): string {
  return n >= 1e6 ? Number(n.toPrecision(2)).toExponential().replace('+', '') : String(Math.round(n));
}

/** Bytes in GB or MB. */
function bytes(n: number): string {
  return n >= 2 ** 30 ? `${Number((n / 2 ** 30).toPrecision(3))} GB` : `${Math.ceil(n / 2 ** 20)} MB`;
}

/** A --max-work value at or above n, in two significant digits: 3.7e10. */
function roundUp(n: number): string {
  const exponent = Math.floor(Math.log10(n)) - 1;
  const rounded = Math.ceil(n / 10 ** exponent) * 10 ** exponent;
  return Number(rounded.toPrecision(2)).toExponential().replace('+', '');
}
