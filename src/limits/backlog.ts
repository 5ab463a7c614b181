import { samplerOf } from '../core/distributions.js';
import { ChannelLoad } from '../model/load-curve.js';
import { rosterSteps } from '../scenario/staffing.js';
import type { Channel, Scenario } from '../scenario/types.js';

const HOUR = 3600;
/** Most steps the fluid model takes: longer runs use steps longer than an hour. */
const MAX_STEPS = 200_000;
/**
 * Longest run (horizon + drain, seconds) the fluid model is used for: its
 * rosters are unrolled day by day, so runs of centuries would take long.
 * 20 years, far beyond any planning horizon.
 */
export const FLUID_MAX_SPAN = 20 * 365 * 86400;
/** Rate samples per step (the midpoints of its quarters): exact for the hourly profile, close for surge ramps. */
const SAMPLES = 4;

/** A stretch of simulated time, seconds from t = 0. */
export interface TimeRange {
  from: number;
  to: number;
}

/**
 * The fluid (average) backlog of a scenario, step by step: conversations
 * arrive at the channels' expected rates (profiles and surges included),
 * and the agents on the roster close them as fast as the scarcer of their
 * two resources allows, on average.
 */
export interface FluidBacklog {
  /** Length of one step, seconds (an hour, longer for very long runs). */
  step: number;
  /** Expected conversations arriving over [0, horizon) (follow-ups not counted). */
  arrivals: number;
  /** Highest expected arrival rate over any step, per second. */
  peakRate: number;
  /** Largest fluid backlog, conversations. */
  peakBacklog: number;
  /** Fluid backlog left when the run must end (horizon + drain), conversations. */
  endBacklog: number;
  /** Fluid backlog when arrivals stop (at the horizon), conversations. */
  horizonBacklog: number;
  /** Start of the stretch over which the backlog has not emptied, still open at the horizon (null when it is empty there). */
  busyFrom: number | null;
  /** Fluid backlog a day before the horizon (half the horizon before it, in runs shorter than two days), conversations. */
  dayBeforeHorizonBacklog: number;
  /** Stretches of [0, horizon) during which the fluid backlog grows, merged, in order. */
  growth: TimeRange[];
}

/** What one conversation of a channel costs on average: agent work and time holding an agent's slot, seconds; and the rate at which a waiting one leaves unanswered, per second. */
interface ChannelCost {
  work: number;
  hold: number;
  leave: number;
}

/**
 * The fluid backlog of a scenario: for each step, the expected arrivals
 * (rate x step) against the conversations the roster can close in it, which
 * is the smaller of
 * - work: agents x (1 - shrinkage) x speed x step / mean agent work per
 *   conversation (turns x handle time, one reply written at a time), and
 * - slots: agents x (1 - shrinkage) x concurrency x step / mean time a
 *   conversation holds a slot (turns x handle time + (turns - 1) x reply delay).
 * The backlog carries over from step to step and never goes below 0; those
 * waiting leave at 1 / mean patience (channels with patience) plus
 * self-service share / within (channels with self-service) per second.
 * After the horizon, nothing arrives and the roster drains the backlog
 * until horizon + drain.
 *
 * A rough model on purpose: every team is pooled (any agent may take any
 * conversation, so a team overloaded while another idles is not seen),
 * reserve teams count as always on (optimistic), and nobody waits
 * for a reply to a follow-up turn (the slots bound covers those). It costs O(steps x channels) and runs before a
 * run, from the scenario alone.
 */
export function fluidBacklog(scenario: Scenario): FluidBacklog {
  // A run asks for it up to three times (the work limit, where replications run, the run's warnings): computed once per scenario object.
  const known = computed.get(scenario);
  if (known !== undefined) return known;
  const fluid = computeFluidBacklog(scenario);
  computed.set(scenario, fluid);
  return fluid;
}

/** The fluid backlogs already computed, by scenario object (scenarios are not changed once built; callers only read the result). */
const computed = new WeakMap<Scenario, FluidBacklog>();

function computeFluidBacklog(scenario: Scenario): FluidBacklog {
  const end = scenario.horizon + scenario.drain;
  const step = Math.max(HOUR, Math.ceil(end / MAX_STEPS / HOUR) * HOUR);
  const loads = scenario.channels.map((c, i) => new ChannelLoad(c, i, scenario.surges, scenario.startsAt, scenario.calendar?.weekday));
  const costs = scenario.channels.map(channelCost);
  const rosters = scenario.teams.map((_, k) => new RosterAverage(rosterSteps(scenario, k)));

  let backlog = 0;
  let arrivals = 0;
  let peakRate = 0;
  let peakBacklog = 0;
  let horizonBacklog = 0;
  let busyFrom: number | null = null;
  let busyAtHorizon: number | null = null;
  const lookBack = Math.min(86400, scenario.horizon / 2);
  let dayBeforeHorizonBacklog = 0;
  const growth: TimeRange[] = [];
  for (let from = 0; from < end; from += step) {
    const to = Math.min(from + step, end);
    const length = to - from;
    // Arrivals stop at the horizon: the part of the step before it.
    const arriving = Math.max(0, Math.min(to, scenario.horizon) - from);
    let rate = 0;
    let work = 0;
    let hold = 0;
    let leave = 0;
    if (arriving > 0) {
      for (let c = 0; c < loads.length; c++) {
        const r = meanRate(loads[c], from, from + arriving);
        rate += r;
        work += r * costs[c].work;
        hold += r * costs[c].hold;
        leave += r * costs[c].leave;
      }
    }
    const inflow = rate * arriving;
    arrivals += inflow;
    peakRate = Math.max(peakRate, rate);
    // Per conversation, weighted by this step's arrivals (the whole run's mix when nothing arrives).
    const perConversation = rate > 0 ? { work: work / rate, hold: hold / rate, leave: leave / rate } : runMix(scenario, costs);
    let workCapacity = 0;
    let slotCapacity = 0;
    scenario.teams.forEach((team, k) => {
      const agents = rosters[k].between(from, to) * (1 - team.shrinkage);
      workCapacity += agents * team.speed;
      slotCapacity += agents * team.concurrency;
    });
    const closable = Math.min(
      perConversation.work > 0 ? (workCapacity * length) / perConversation.work : Infinity,
      perConversation.hold > 0 ? (slotCapacity * length) / perConversation.hold : Infinity,
    );
    const next = Math.max(0, backlog + inflow - closable) * Math.exp(-perConversation.leave * length);
    if (next > backlog && from < scenario.horizon) addRange(growth, from, Math.min(to, scenario.horizon));
    if (next > 0 && backlog === 0) busyFrom = from;
    if (next === 0) busyFrom = null;
    backlog = next;
    peakBacklog = Math.max(peakBacklog, backlog);
    if (from < scenario.horizon - lookBack && to >= scenario.horizon - lookBack) dayBeforeHorizonBacklog = backlog;
    if (from < scenario.horizon && to >= scenario.horizon) {
      horizonBacklog = backlog;
      busyAtHorizon = backlog > 0 ? busyFrom : null;
    }
  }
  return { step, arrivals, peakRate, peakBacklog, endBacklog: backlog, horizonBacklog, busyFrom: busyAtHorizon, dayBeforeHorizonBacklog, growth };
}

/** A channel's mean agent work and slot holding time per conversation. */
function channelCost(c: Channel): ChannelCost {
  const turns = samplerOf(c.turns).mean;
  const handle = samplerOf(c.handleTime).mean;
  const reply = c.customerReplyDelay ? samplerOf(c.customerReplyDelay).mean : 0;
  const abandon = c.patience ? 1 / samplerOf(c.patience).mean : 0;
  const deflect = c.selfService ? c.selfService.share / c.selfService.within : 0;
  return { work: turns * handle, hold: turns * handle + Math.max(0, turns - 1) * reply, leave: abandon + deflect };
}

/** The cost of a conversation averaged over the channels by baseline rate. */
function runMix(scenario: Scenario, costs: readonly ChannelCost[]): ChannelCost {
  const total = scenario.channels.reduce((sum, c) => sum + c.rate, 0);
  if (!(total > 0)) return { work: 0, hold: 0, leave: 0 };
  let work = 0;
  let hold = 0;
  let leave = 0;
  scenario.channels.forEach((c, i) => {
    work += (c.rate / total) * costs[i].work;
    hold += (c.rate / total) * costs[i].hold;
    leave += (c.rate / total) * costs[i].leave;
  });
  return { work, hold, leave };
}

/** Mean arrival rate over [from, to), from samples at the midpoints of its quarters. */
function meanRate(load: ChannelLoad, from: number, to: number): number {
  let sum = 0;
  for (let i = 0; i < SAMPLES; i++) sum += load.rate(from + ((i + 0.5) * (to - from)) / SAMPLES);
  return sum / SAMPLES;
}

/** Appends [from, to) to the ranges, merging it with the last when they touch. */
function addRange(ranges: TimeRange[], from: number, to: number): void {
  const last = ranges[ranges.length - 1];
  if (last && last.to >= from) last.to = Math.max(last.to, to);
  else ranges.push({ from, to });
}

/** Time-averaged headcount of a roster over successive, advancing ranges (a cursor over its steps). */
class RosterAverage {
  private k = 0;

  constructor(private readonly steps: readonly { at: number; agents: number }[]) {}

  /** Mean headcount over [from, to); `from` never goes back between calls. */
  between(from: number, to: number): number {
    const s = this.steps;
    while (this.k + 1 < s.length && s[this.k + 1].at <= from) this.k++;
    let area = 0;
    for (let i = this.k; i < s.length && s[i].at < to; i++) {
      const a = Math.max(from, s[i].at);
      const b = i + 1 < s.length ? Math.min(to, s[i + 1].at) : to;
      if (b > a) area += s[i].agents * (b - a);
    }
    return area / (to - from);
  }
}
