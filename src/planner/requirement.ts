/**
 * The requirement curve (`careload plan --by-interval`): the least headcount
 * of one team in each interval of the report window, each interval's targets
 * met by the conversations arriving in it, found by simulation interval by
 * interval with the backlog carried over. Interval k is planned with the
 * earlier intervals at their requirements (so their shortfall, the backlog
 * they leave, reaches it) and the team holding the candidate headcount from
 * k to the end of the window; outside the window the team keeps its roster
 * as written. Beside it, the Erlang C answer for each interval on its own
 * (its peak offered load, no backlog): the gap between the two is what the
 * backlog costs.
 */
import type { ReplicationPool } from '../runner/replicate.js';
import { datedSchedule, rosterSteps, type DatedScheduleEntry } from '../scenario/staffing.js';
import { formatSimulatedClock } from '../format/time.js';
import { scenarioHash } from '../scenario/hash.js';
import type { Scenario, ScheduleStep } from '../scenario/types.js';
import { erlangHeadcount, teamLoads } from './bracket.js';
import { bracketGoal, judgeStaffing, PLAN_DEFAULTS, type PlanCandidate } from './plan.js';
import { searchStaffing, SearchStopped, type SearchResult } from './search.js';
import { DEFAULT_MAX_AGENTS, PlanSettingsError } from './variables.js';

/** Options for {@link requirementCurve}. */
export interface RequirementOptions {
  /** The team whose curve is planned. */
  team: string;
  /** Interval length, seconds. */
  interval: number;
  min?: number;
  max?: number;
  confidence?: number;
  firstLook?: number;
  maxReplications?: number;
  workers?: number;
  pool?: ReplicationPool;
  signal?: AbortSignal;
  /** Called after each interval is planned. */
  onInterval?: (done: number, total: number, step: RequirementStep) => void;
  /** Called before a headcount is simulated for interval `index` (from 1) of `total`. */
  onSimulating?: (index: number, total: number, agents: number) => void;
  /** Called as the headcount being simulated finishes replications: `done` of at most `max`. */
  onReplications?: (done: number, max: number) => void;
  /** Called after a headcount of interval `index` (from 1) of `total` is judged. */
  onCandidate?: (index: number, total: number, candidate: PlanCandidate) => void;
}

/** One interval of the curve. */
export interface RequirementStep {
  /** Seconds from t = 0. */
  from: number;
  to: number;
  /** `d2 08:00`: the interval's start on the scenario's clock. */
  at: string;
  /** Least headcount meeting the interval's targets, or null when none within the bounds does. */
  agents: number | null;
  /** Erlang C's answer for the interval on its own (no backlog carried over). */
  erlang: number;
  /** The targets at that headcount (or at the maximum when none passed). */
  candidate: PlanCandidate | null;
}

/** The curve and what produced it. */
export interface RequirementCurve {
  scenario: string;
  scenarioHash: string;
  seed: number;
  confidence: number;
  team: string;
  interval: number;
  targets: string[];
  /** found: every interval planned; infeasible: some interval not met within the bounds; stopped: ended early. */
  status: 'found' | 'infeasible' | 'stopped';
  steps: RequirementStep[];
  /** The team's whole roster with the curve in the window, as a dated schedule for an overlay. */
  schedule: DatedScheduleEntry[];
  replications: number;
}

/** The team's roster: as written outside [from, to), `inside` within (steps in order, the first at `from`). */
function spliced(scenario: Scenario, team: number, from: number, to: number, inside: readonly ScheduleStep[]): ScheduleStep[] {
  const written = rosterSteps(scenario, team);
  const at = (t: number) => written.reduce((agents, s) => (s.at <= t ? s.agents : agents), 0);
  const before = written.filter((s) => s.at < from);
  const after = written.filter((s) => s.at > to);
  return [...before, ...inside, ...(to < scenario.horizon + scenario.drain ? [{ at: to, agents: at(to) }] : []), ...after];
}

/** The scenario with the team on a dated roster. */
function withRoster(scenario: Scenario, team: number, steps: readonly ScheduleStep[]): Scenario {
  const teams = scenario.teams.slice();
  teams[team] = { ...teams[team], agents: 0, schedule: null, datedSchedule: steps.slice() };
  return { ...scenario, teams };
}

/**
 * Plans one team's headcount interval by interval over the report window.
 * @throws PlanSettingsError for an unknown or reserve team, or a bad interval
 */
export async function requirementCurve(scenario: Scenario, options: RequirementOptions): Promise<RequirementCurve> {
  if (scenario.thresholds.length === 0) throw new PlanSettingsError('no targets: the scenario has no thresholds; add some or give --threshold');
  const team = scenario.teams.findIndex((t) => t.name === options.team);
  if (team < 0) throw new PlanSettingsError(`--by-interval: no team ${JSON.stringify(options.team)}; teams: ${scenario.teams.map((t) => t.name).join(', ')}`);
  if (scenario.teams[team].activation !== null) throw new PlanSettingsError(`--by-interval: team ${options.team} is a reserve: its headcount follows its activation, plan it without --by-interval`);
  if (!(options.interval >= 60) || options.interval % 60 !== 0) throw new PlanSettingsError('--by-interval: expected whole minutes, at least 1m, e.g. 1h');
  const confidence = options.confidence ?? PLAN_DEFAULTS.confidence;
  const firstLook = options.firstLook ?? PLAN_DEFAULTS.firstLook;
  const maxReplications = Math.max(firstLook, options.maxReplications ?? PLAN_DEFAULTS.maxReplications);
  const min = options.min ?? 0;
  const max = options.max ?? DEFAULT_MAX_AGENTS;
  const { from: windowFrom, to: windowTo } = scenario.report.window;
  const goal = bracketGoal(scenario);
  const concurrency = scenario.teams[team].concurrency;

  const steps: RequirementStep[] = [];
  const chosen: ScheduleStep[] = [];
  let replications = 0;
  let status: RequirementCurve['status'] = 'found';
  let previous: number | null = null;
  const intervals: [number, number][] = [];
  for (let t = windowFrom; t < windowTo; t += options.interval) intervals.push([t, Math.min(windowTo, t + options.interval)]);

  for (const [k, [from, to]] of intervals.entries()) {
    const erlang = erlangHeadcount(teamLoads(scenario, from, to)[team], concurrency, goal, scenario.teams[team].shrinkage);
    const cache = new Map<number, PlanCandidate>();
    const evaluate = async (h: number): Promise<PlanCandidate> => {
      const hit = cache.get(h);
      if (hit) return hit;
      if (options.signal?.aborted) throw new SearchStopped();
      const roster = spliced(scenario, team, windowFrom, windowTo, [...chosen, { at: from, agents: h }]);
      // Only the conversations arriving in this interval are judged.
      const candidateScenario = { ...withRoster(scenario, team, roster), report: { ...scenario.report, window: { from, to } } };
      options.onSimulating?.(k + 1, intervals.length, h);
      const check = await judgeStaffing(candidateScenario, { confidence, firstLook, maxReplications, workers: options.workers, pool: options.pool, signal: options.signal, onReplications: options.onReplications });
      replications += check.replications;
      const c: PlanCandidate = { values: [h], cost: h, verdict: check.verdict, replications: check.replications, targets: check.thresholds };
      cache.set(h, c);
      options.onCandidate?.(k + 1, intervals.length, c);
      return c;
    };
    const result: SearchResult<{ pass: boolean; candidate: PlanCandidate }> = await searchStaffing({
      min: [min],
      max: [max],
      cost: (x) => x[0],
      start: [previous ?? Math.min(max, Math.max(min, erlang))],
      evaluate: async (x) => {
        const c = await evaluate(x[0]);
        return { pass: c.verdict === 'pass', candidate: c };
      },
      stopped: () => options.signal?.aborted ?? false,
    });
    if (result.status === 'stopped') {
      status = 'stopped';
      break;
    }
    const agents: number | null = result.best?.values[0] ?? null;
    if (agents === null) status = 'infeasible';
    // An interval nothing meets carries the maximum into the next (its backlog is then the least it can be).
    const held: number = agents ?? max;
    chosen.push({ at: from, agents: held });
    previous = held;
    const step: RequirementStep = { from, to, at: formatSimulatedClock(from, scenario.startsAt), agents, erlang, candidate: result.best?.evaluation.candidate ?? result.atMax?.evaluation.candidate ?? null };
    steps.push(step);
    options.onInterval?.(k + 1, intervals.length, step);
  }
  const roster = spliced(scenario, team, windowFrom, chosen.length === intervals.length ? windowTo : (intervals[chosen.length]?.[0] ?? windowTo), chosen);
  return {
    scenario: scenario.name,
    scenarioHash: scenarioHash(scenario),
    seed: scenario.seed,
    confidence,
    team: options.team,
    interval: options.interval,
    targets: scenario.thresholds.map((t) => `${t.metric} ${t.condition}`),
    status,
    steps,
    schedule: datedSchedule(scenario, roster),
    replications,
  };
}
