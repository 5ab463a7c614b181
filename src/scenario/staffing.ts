import { formatSimulatedClock } from '../format/time.js';
import type { Scenario, ScheduleStep, Team } from './types.js';

const DAY = 86400;

/**
 * Index of the schedule step in force at `timeOfDay` (seconds after
 * midnight): the last step at or before it, or the day's last step when the
 * day's first step is still to come (yesterday's last step still holds).
 */
export function stepInForce(steps: readonly ScheduleStep[], timeOfDay: number): number {
  let current = steps.length - 1;
  for (let i = 0; i < steps.length; i++) if (steps[i].at <= timeOfDay) current = i;
  return current;
}

/** Seconds from `timeOfDay` until the step after `current` takes over. */
export function untilNextStep(steps: readonly ScheduleStep[], current: number, timeOfDay: number): number {
  const next = (current + 1) % steps.length;
  const d = (((steps[next].at - timeOfDay) % DAY) + DAY) % DAY;
  return d === 0 ? DAY : d;
}

/** Largest headcount a team ever has. */
export function peakHeadcount(agents: number, steps: readonly ScheduleStep[] | null): number {
  return steps ? Math.max(0, ...steps.map((s) => s.agents)) : agents;
}

/** Largest headcount a team's roster ever asks for: its constant `agents`, or its schedule's (daily or dated) largest step. */
export function teamPeakHeadcount(team: Team): number {
  return peakHeadcount(team.agents, team.schedule ?? team.datedSchedule);
}

/**
 * A team's scheduled headcount over the whole run, [0, horizon + drain), as
 * steps in simulated time (seconds from t = 0): the first at 0, each holding
 * until the next, neighbours with equal headcounts merged. A daily schedule
 * is unrolled day by day from `startsAt`; a dated one is taken as written.
 * Reserve activation is not included: it depends on the run (surges, backlog).
 */
export function rosterSteps(scenario: Scenario, team: number): ScheduleStep[] {
  const t = scenario.teams[team];
  const end = scenario.horizon + scenario.drain;
  const out: ScheduleStep[] = [];
  const push = (at: number, agents: number) => {
    if (out.length === 0 || out[out.length - 1].agents !== agents) out.push({ at, agents });
  };
  if (t.datedSchedule) {
    for (const s of t.datedSchedule) if (s.at < end) push(s.at, s.agents);
  } else if (t.schedule) {
    const steps = t.schedule;
    let step = stepInForce(steps, scenario.startsAt);
    push(0, steps[step].agents);
    // The same walk as the simulation's roster: from step to step by the time to the next.
    for (let at = untilNextStep(steps, step, scenario.startsAt); at < end; at += untilNextStep(steps, step, steps[step].at)) {
      step = (step + 1) % steps.length;
      push(at, steps[step].agents);
    }
  } else {
    push(0, t.agents);
  }
  return out;
}

/** The headcount a team's schedule (not its activation) asks for at simulated time `t` (seconds from t = 0). */
export function scheduledHeadcountAt(scenario: Scenario, team: number, t: number): number {
  let agents = 0;
  for (const s of rosterSteps(scenario, team)) if (s.at <= t) agents = s.agents;
  return agents;
}

/** One entry of a dated schedule as a scenario file writes it. */
export interface DatedScheduleEntry {
  /** `dN HH:MM`: day N of the run (d1 contains t = 0) at that time of day. */
  at: string;
  agents: number;
}

/**
 * Writes per-interval headcounts as a dated schedule for `teams.<name>.schedule`
 * (an overlay such as `{ teams: { desk: { schedule: [...] } } }`): each step's
 * time (seconds from t = 0) as `dN HH:MM` by the scenario's `startsAt`, equal
 * neighbours merged. Steps must start at 0, be in time order, fall on whole
 * minutes of the clock and hold whole headcounts >= 0.
 * @throws RangeError when a step breaks one of those rules.
 */
export function datedSchedule(scenario: Scenario, steps: readonly { at: number; agents: number }[]): DatedScheduleEntry[] {
  const out: DatedScheduleEntry[] = [];
  let previous = -Infinity;
  let agents = -1;
  steps.forEach((s, i) => {
    if (i === 0 && s.at !== 0) throw new RangeError(`a dated schedule starts at t = 0 (the run's start), got ${s.at} s`);
    if (!(s.at > previous)) throw new RangeError(`dated schedule steps must be in time order: step ${i} at ${s.at} s is not after ${previous} s`);
    if (!Number.isInteger((scenario.startsAt + s.at) / 60)) throw new RangeError(`step ${i} at ${s.at} s does not fall on a whole minute of the clock`);
    if (!Number.isSafeInteger(s.agents) || s.agents < 0) throw new RangeError(`step ${i}: expected a whole headcount >= 0, got ${s.agents}`);
    previous = s.at;
    if (s.agents === agents) return;
    agents = s.agents;
    out.push({ at: formatSimulatedClock(s.at, scenario.startsAt), agents: s.agents });
  });
  return out;
}
