/**
 * The planner's decision variables: one per planned team. A team with a
 * constant `agents` varies its headcount; a team with a `schedule` varies a
 * change applied to every entry of it (`+2` adds two agents to each shift,
 * never going below zero), so the shape of its day is kept.
 */
import type { Scenario, ScheduleStep, Team } from '../scenario/types.js';

/** How a planned team's staffing is varied. */
export type VariableKind = 'agents' | 'change';

/** One planned team. */
export interface PlanVariable {
  /** Index into Scenario.teams. */
  team: number;
  name: string;
  kind: VariableKind;
  /** The value as the scenario has it: its headcount, or 0 (no change) for a schedule. */
  written: number;
  /** Smallest and largest value the search may try. */
  min: number;
  max: number;
  /** Weight of one agent-hour of this team in the cost. */
  weight: number;
}

/** The default most agents (or most added per shift) a team may get, when `--max` does not say. */
export const DEFAULT_MAX_AGENTS = 200;

/** A team's schedule after adding `change` agents to every entry (no entry below zero). */
export function changedSchedule(steps: readonly ScheduleStep[], change: number): ScheduleStep[] {
  return steps.map((s) => ({ at: s.at, agents: Math.max(0, s.agents + change) }));
}

/** The team with the variable's value applied. */
export function teamWith(team: Team, kind: VariableKind, value: number): Team {
  if (kind === 'agents') return { ...team, agents: value };
  return { ...team, schedule: changedSchedule(team.schedule ?? [], value) };
}

/** The scenario staffed with `values` (one per variable, in order); everything else is shared. */
export function applyStaffing(scenario: Scenario, variables: readonly PlanVariable[], values: readonly number[]): Scenario {
  const teams = scenario.teams.slice();
  variables.forEach((v, i) => {
    teams[v.team] = teamWith(scenario.teams[v.team], v.kind, values[i]);
  });
  return { ...scenario, teams };
}

/** Bounds and weights given per team name. */
export interface VariableSettings {
  /** Teams to plan (default: every team). */
  teams?: readonly string[];
  min?: Readonly<Record<string, number>>;
  max?: Readonly<Record<string, number>>;
  /** Weight per agent-hour (default 1). */
  cost?: Readonly<Record<string, number>>;
}

/** A team name that the scenario does not have, or a bound that cannot hold. */
export class PlanSettingsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PlanSettingsError';
  }
}

/**
 * The variables for a scenario: the named teams (all teams by default),
 * with their bounds. A scheduled team's change is bounded below by minus
 * its smallest shift (so every shift keeps its place in the day) unless
 * `min` says otherwise.
 * @throws PlanSettingsError for an unknown team or min > max
 */
export function planVariables(scenario: Scenario, settings: VariableSettings = {}): PlanVariable[] {
  const names = scenario.teams.map((t) => t.name);
  const known = (what: string, name: string) => {
    if (!names.includes(name)) throw new PlanSettingsError(`${what}: no team ${JSON.stringify(name)}; teams: ${names.join(', ')}`);
  };
  settings.teams?.forEach((n) => known('--teams', n));
  for (const [flag, map] of [['--min', settings.min], ['--max', settings.max], ['--cost', settings.cost]] as const) {
    for (const n of Object.keys(map ?? {})) known(flag, n);
  }
  const chosen = settings.teams ?? names;
  return chosen.map((name) => {
    const team = scenario.teams.findIndex((t) => t.name === name);
    const spec = scenario.teams[team];
    const kind: VariableKind = spec.schedule !== null ? 'change' : 'agents';
    const smallestShift = spec.schedule ? Math.min(...spec.schedule.map((s) => s.agents)) : 0;
    const min = settings.min?.[name] ?? (kind === 'agents' ? 0 : -smallestShift);
    const max = settings.max?.[name] ?? DEFAULT_MAX_AGENTS;
    if (min > max) throw new PlanSettingsError(`team ${name}: --min ${min} is above --max ${max}`);
    if (kind === 'agents' && min < 0) throw new PlanSettingsError(`--min ${name}=${min}: a headcount cannot be negative`);
    return { team, name, kind, written: kind === 'agents' ? spec.agents : 0, min, max, weight: settings.cost?.[name] ?? 1 };
  });
}
