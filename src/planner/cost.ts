/**
 * What a staffing costs: agent-hours on the roster over the horizon, each
 * team's weighted. Computed from the roster as written, without simulating:
 * schedules step through the days, and a reserve team counts only while a
 * surge activates it (from `after` past a surge's start to `standDown`
 * past its end). A reserve that a backlog calls in cannot be known before
 * simulating, so it is charged as if on the roster the whole horizon (the
 * most it could cost); say so where plans are shown.
 */
import { stepInForce } from '../scenario/staffing.js';
import { surgeEnd } from '../scenario/surges.js';
import type { Scenario, Team } from '../scenario/types.js';

const DAY = 86400;

/** Time intervals [from, to) over which something holds, sorted and disjoint. */
type Spans = [number, number][];

/** Union of spans, clipped to [0, end). */
function union(spans: Spans, end: number): Spans {
  const sorted = spans.map(([a, b]): [number, number] => [Math.max(0, a), Math.min(end, b)]).filter(([a, b]) => b > a).sort((x, y) => x[0] - y[0]);
  const out: Spans = [];
  for (const [a, b] of sorted) {
    const last = out[out.length - 1];
    if (last && a <= last[1]) last[1] = Math.max(last[1], b);
    else out.push([a, b]);
  }
  return out;
}

/** When a team may be on the roster within [0, end): always, or its activation windows. */
export function activeSpans(scenario: Scenario, team: Team, end: number): Spans {
  const a = team.activation;
  if (a === null || a.whenBacklog !== null) return [[0, end]];
  const spans: Spans = [];
  scenario.surges.forEach((s, i) => {
    if (a.surge !== null && a.surge !== i) return;
    spans.push([s.start + (a.after ?? 0), surgeEnd(s) + a.standDown]);
  });
  return union(spans, end);
}

/** Integral of a team's scheduled headcount over [from, to), agent-seconds. */
export function scheduledAgentSeconds(scenario: Scenario, team: Team, from: number, to: number): number {
  if (team.schedule === null) return team.agents * Math.max(0, to - from);
  const steps = team.schedule;
  let total = 0;
  let t = from;
  while (t < to) {
    const tod = (((scenario.startsAt + t) % DAY) + DAY) % DAY;
    const i = stepInForce(steps, tod);
    // Seconds until the next entry takes over (a lone entry holds all day).
    const next = steps.length === 1 ? DAY - tod : ((((steps[(i + 1) % steps.length].at - tod) % DAY) + DAY) % DAY || DAY);
    const until = Math.min(to, t + next);
    total += steps[i].agents * (until - t);
    t = until;
  }
  return total;
}

/** Agent-seconds a team is on the roster over [from, to). */
export function rosteredAgentSeconds(scenario: Scenario, team: Team, from = 0, to = scenario.horizon): number {
  return activeSpans(scenario, team, to)
    .map(([a, b]): number => scheduledAgentSeconds(scenario, team, Math.max(a, from), b))
    .reduce((s, v) => s + v, 0);
}

/** True when a team may have agents on the roster at some time in [from, to). */
export function rosteredDuring(scenario: Scenario, team: Team, from: number, to: number): boolean {
  if (team.activation?.whenBacklog != null) return true;
  return activeSpans(scenario, team, to).some(([a, b]) => b > from && a < to) && (team.schedule !== null || team.agents > 0 || team.activation !== null);
}

/** Weighted agent-hours of the given teams (indexes) over the horizon. */
export function staffingCost(scenario: Scenario, teams: readonly { team: number; weight: number }[]): number {
  return teams.reduce((sum, { team, weight }) => sum + (weight * rosteredAgentSeconds(scenario, scenario.teams[team])) / 3600, 0);
}
