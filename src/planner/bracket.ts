/**
 * The analytic start of a plan: each planned team's peak offered load, and
 * the headcount Erlang C gives for it. The simulation decides; this only
 * saves it from searching from nowhere.
 *
 * A channel's arrivals (baseline x profile x surges) are shared among the
 * teams that take it in proportion to their chat slots at that time (equal
 * shares when nobody is rostered). A conversation holds a slot from pickup
 * to its end: its turns' writing time plus the customer's time between
 * turns. The team's requirement is the least headcount whose slots meet
 * the service level on waiting within the target, and whose writing time
 * stays under `maxOccupancy` of its agents.
 */
import { samplerOf } from '../core/distributions.js';
import { ChannelLoad } from '../model/load-curve.js';
import { rosteredAgents, requiredAgents } from './erlang.js';
import type { Scenario } from '../scenario/types.js';
import { scheduledHeadcountAt } from '../scenario/staffing.js';
import { activeSpans } from './cost.js';

/** A team's busiest moment in the window, as offered load. */
export interface TeamLoad {
  team: number;
  /** Time of the peak, seconds from t = 0. */
  at: number;
  /** Arrivals per second offered to the team at the peak. */
  rate: number;
  /** Mean slot holding time of its conversations, seconds. */
  slotTime: number;
  /** Mean agent writing time per conversation, seconds. */
  workTime: number;
  /** Headcount on the roster at the peak as written. */
  headcount: number;
}

/** The service goal the bracket aims at: share of conversations picked up within `target` seconds. */
export interface BracketGoal {
  share: number;
  target: number;
  /** Largest share of agents' time spent writing (default 0.85). */
  maxOccupancy?: number;
}

const SAMPLE = 600;

function headcountAt(scenario: Scenario, team: number, t: number): number {
  const on = activeSpans(scenario, scenario.teams[team], scenario.horizon + 1).some(([a, b]) => t >= a && t < b);
  return on ? scheduledHeadcountAt(scenario, team, t) : 0;
}

/** Peak offered load of each team over [from, to). */
export function teamLoads(scenario: Scenario, from: number, to: number): TeamLoad[] {
  const loads = scenario.channels.map((c, i) => new ChannelLoad(c, i, scenario.surges, scenario.startsAt, scenario.calendar?.weekday));
  const perChannel = scenario.channels.map((c) => {
    const turns = samplerOf(c.turns).mean;
    const handle = samplerOf(c.handleTime).mean;
    const reply = c.customerReplyDelay ? samplerOf(c.customerReplyDelay).mean : 0;
    return { work: turns * handle, slot: turns * handle + Math.max(0, turns - 1) * reply };
  });
  const best = scenario.teams.map((_, k): TeamLoad => ({ team: k, at: from, rate: 0, slotTime: 0, workTime: 0, headcount: 0 }));
  for (let t = from; t < to; t += SAMPLE) {
    const heads = scenario.teams.map((_, k) => headcountAt(scenario, k, t));
    const slots = scenario.teams.map((team, k) => heads[k] * team.concurrency);
    const rate = new Float64Array(scenario.teams.length);
    const slotSum = new Float64Array(scenario.teams.length);
    const workSum = new Float64Array(scenario.teams.length);
    scenario.channels.forEach((_, c) => {
      const takers = scenario.teams.map((team, k) => (team.channels.includes(c) ? k : -1)).filter((k) => k >= 0);
      if (takers.length === 0) return;
      const total = takers.reduce((s, k) => s + slots[k], 0);
      const lambda = loads[c].rate(t);
      for (const k of takers) {
        const share = total > 0 ? slots[k] / total : 1 / takers.length;
        const speed = scenario.teams[k].speed;
        rate[k] += lambda * share;
        slotSum[k] += lambda * share * (perChannel[c].slot - perChannel[c].work + perChannel[c].work / speed);
        workSum[k] += (lambda * share * perChannel[c].work) / speed;
      }
    });
    scenario.teams.forEach((_, k) => {
      if (rate[k] > best[k].rate) best[k] = { team: k, at: t, rate: rate[k], slotTime: slotSum[k] / rate[k], workTime: workSum[k] / rate[k], headcount: heads[k] };
    });
  }
  return best;
}

/**
 * Least headcount for a team's peak load: its slots meet the goal on
 * Erlang C waiting (src/planner/erlang.ts, what `careload erlang` answers),
 * and its agents' writing time stays under the occupancy cap; rostered
 * after `shrinkage`. 0 for a team offered nothing.
 */
export function erlangHeadcount(load: TeamLoad, concurrency: number, goal: BracketGoal, shrinkage = 0): number {
  if (load.rate <= 0) return 0;
  // The cap is on writing time, which slots do not see: agents needed for the work alone.
  const byWork = Math.ceil((load.rate * load.workTime) / (goal.maxOccupancy ?? 0.85));
  const slots = requiredAgents({ rate: load.rate, aht: load.slotTime, target: goal.target, serviceLevel: Math.min(goal.share, 0.999) }).agents;
  return rosteredAgents(Math.max(byWork, Math.ceil(slots / concurrency)), shrinkage);
}
