/**
 * `careload plan` as a library function: the cheapest staffing of the
 * planned teams for which every target (the scenario's thresholds) passes
 * at its confidence, found by simulation on common random numbers (every
 * candidate runs the same seed, so replication i meets the same customers
 * whatever the staffing) from an Erlang C start. Each candidate is judged
 * by the sequential check of `careload check`: a clear pass or fail
 * is decided on few replications, and replications are added only while a
 * candidate is close to a target. A plan is only ever a candidate whose
 * targets passed in simulation.
 */
import { checkScenario } from '../check/run.js';
import type { ScenarioCheck, ThresholdResult } from '../check/types.js';
import { RunAborted, type ReplicationPool } from '../runner/replicate.js';
import { scenarioHash } from '../scenario/hash.js';
import { formatSimulatedClock, formatTimeOfDay } from '../format/time.js';
import type { Scenario } from '../scenario/types.js';
import { erlangHeadcount, teamLoads, type BracketGoal } from './bracket.js';
import { rosteredDuring, staffingCost } from './cost.js';
import { searchStaffing, SearchStopped, type SearchStep } from './search.js';
import { applyStaffing, planVariables, PlanSettingsError, teamWith, type PlanVariable, type VariableSettings } from './variables.js';

/** Options for {@link planStaffing}. */
export interface PlanOptions extends VariableSettings {
  /** Confidence of targets that state none (default 0.95). */
  confidence?: number;
  /** Replications at a candidate's first look (default 10). */
  firstLook?: number;
  /** Most replications per candidate (default 80). */
  maxReplications?: number;
  workers?: number;
  pool?: ReplicationPool;
  /** Aborting stops the search: the plan then holds the best candidate that passed so far, marked stopped. */
  signal?: AbortSignal;
  /** Where the search starts (one value per planned team), instead of the Erlang C start: e.g. the plan of a neighbouring variant. */
  start?: readonly number[];
  /** Called after each candidate is judged. */
  onCandidate?: (progress: PlanProgress) => void;
  /** Called before a candidate is simulated: which staffing, and why. */
  onSimulating?: (next: PlanNext) => void;
  /** Called as the candidate being simulated finishes replications: `done` of at most `max`. */
  onReplications?: (done: number, max: number) => void;
}

/** The defaults of {@link PlanOptions}. */
export const PLAN_DEFAULTS = { confidence: 0.95, firstLook: 10, maxReplications: 80 } as const;

/**
 * What a running plan is doing: a step of the search, then the checks
 * around the chosen staffing. The counts are rough (a bisection's length,
 * the neighbours left to confirm): the search may restart from a cheaper
 * staffing it finds on the way, and noise may make it retry.
 */
export interface PlanPhase {
  /**
   * raising: every team up until the targets pass; lowering: one team down
   * to the least that passes; trading: agents of one team for agents of
   * another; confirming: every one-agent-fewer neighbour must fail; fewer and
   * curve: after the search, one agent fewer on each team and the
   * targets-against-headcount curve.
   */
  step: SearchStep['phase'] | 'fewer' | 'curve';
  /** The teams the step is about: the one lowered, or the two traded (the one given up first); empty otherwise. */
  teams: string[];
  /** Rough count of candidates the step still needs after this one (null: cannot tell, as while raising). */
  left: number | null;
  /**
   * Candidates still to simulate once the search ends: one agent fewer on
   * each team and the curve, around the cheapest staffing that passed so far
   * (exact once the search is over), or null before any passed.
   */
  after: number | null;
}

/** The candidate about to be simulated. */
export interface PlanNext {
  /** The planned teams, in the order of `values`. */
  teams: string[];
  /** How each team varies: its headcount, or a change on every shift. */
  kinds: PlanVariable['kind'][];
  values: number[];
  phase: PlanPhase;
}

/** Where a running plan stands. */
export interface PlanProgress {
  /** The planned teams, in the order of candidates' values. */
  teams: string[];
  /** How each team varies: its headcount, or a change on every shift. */
  kinds: PlanVariable['kind'][];
  /** What the plan was doing when it judged the latest candidate. */
  phase: PlanPhase;
  /** Candidates judged so far. */
  tried: number;
  /** Replications run so far over all candidates. */
  replications: number;
  /** The candidate just judged. */
  latest: PlanCandidate;
  /** The cheapest candidate that passed so far, or null. */
  best: PlanCandidate | null;
}

/** A staffing that was simulated, and how its targets fared. */
export interface PlanCandidate {
  /** Value per planned team (headcount, or change per shift), in the order of `variables`. */
  values: number[];
  /** Weighted agent-hours over the horizon. */
  cost: number;
  verdict: 'pass' | 'fail';
  /** Replications it was judged on. */
  replications: number;
  targets: ThresholdResult[];
}

/** How a planned team is staffed in the plan (plan.json's `staffing`). */
export type TeamStaffing = number | { change: number; schedule: ScheduleEntry[] };

/** A schedule entry as the scenario file writes it: `07:00` (daily) or `d2 08:00` (dated). */
export interface ScheduleEntry {
  at: string;
  agents: number;
}

/** One point of the headcount curve: one team varied around the plan, the others as planned. */
export interface CurvePoint {
  team: string;
  value: number;
  candidate: PlanCandidate;
}

/** A plan's outcome. */
export interface Plan {
  scenario: string;
  scenarioHash: string;
  seed: number;
  confidence: number;
  /** The planned teams, with where the search started and the team's shrinkage (rostered agents away). */
  variables: (PlanVariable & { start: number; shrinkage: number })[];
  /** The targets, as expressions. */
  targets: string[];
  /** The scenario's thresholds not planned for (see {@link isCeilingOnService}), as expressions. */
  leftOut?: string[];
  /** found: the cheapest confirmed staffing; infeasible: even the maxima fail; stopped: ended early (best so far, if any). */
  status: 'found' | 'infeasible' | 'stopped';
  /** The chosen candidate, or null when none passed. */
  chosen: PlanCandidate | null;
  /** The chosen staffing per team (null when none passed). */
  staffing: Record<string, TeamStaffing> | null;
  /** At one agent fewer on each planned team (why fewer fails). */
  fewer: { team: string; candidate: PlanCandidate }[];
  /** When infeasible: the maxima's evaluation (which targets fail there). */
  atMax: PlanCandidate | null;
  /** Each planned team varied around the chosen staffing. */
  curve: CurvePoint[];
  /** Every candidate simulated, in the order tried. */
  candidates: PlanCandidate[];
  /** Replications run over all candidates. */
  replications: number;
}

/**
 * Judges one staffing the planner's way: the sequential check, stopping at the
 * first failed target, an undecided one counting as failed; a stop (abort)
 * ends the search rather than the program.
 * @throws SearchStopped when the signal aborts the run
 */
export async function judgeStaffing(
  scenario: Scenario,
  settings: Required<Pick<PlanOptions, 'confidence' | 'firstLook' | 'maxReplications'>> & Pick<PlanOptions, 'workers' | 'pool' | 'signal' | 'onReplications'>,
): Promise<ScenarioCheck> {
  const { onReplications, ...check } = settings;
  try {
    const { check: result } = await checkScenario(scenario, { ...check, inconclusive: 'fail', stopAtFirstFailure: true, onProgress: onReplications });
    return result;
  } catch (e) {
    if (e instanceof RunAborted) throw new SearchStopped();
    throw e;
  }
}

/** Something that prevents planning: no targets, an unknown team, bounds that cannot hold. */
export { PlanSettingsError } from './variables.js';

const FIRST_RESPONSE_METRICS = new Set(['slaAttainment', 'pickupWithinTarget', 'answeredWithin']);

/** The service goal the Erlang start aims at, read from the targets (80% within the shortest tier target if none says). */
export function bracketGoal(scenario: Scenario): BracketGoal {
  const shortest = Math.min(...scenario.tiers.map((t) => t.firstResponseTarget));
  let goal: BracketGoal = { share: 0.8, target: shortest };
  for (const t of scenario.thresholds) {
    // A cap on utilization caps the writing time the start allows.
    if (t.name === 'utilization' && (t.operator === '<=' || t.operator === '<')) goal.maxOccupancy = Math.min(goal.maxOccupancy ?? 0.85, t.target);
    if (!FIRST_RESPONSE_METRICS.has(t.name) || (t.operator !== '>=' && t.operator !== '>')) continue;
    const target = t.name === 'answeredWithin' ? scenario.report.answeredWithin : t.scope.kind === 'tier' ? scenario.tiers[t.scope.index].firstResponseTarget : shortest;
    if (t.target > goal.share || target < goal.target) goal = { ...goal, share: Math.max(goal.share, t.target), target: Math.min(goal.target, target) };
  }
  return goal;
}

/** The variables to plan: those named, or every team rostered during the report window. */
function chooseVariables(scenario: Scenario, options: PlanOptions): PlanVariable[] {
  const { from, to } = scenario.report.window;
  const teams = options.teams ?? scenario.teams.filter((_, k) => rosteredDuring(scenario, k, from, to)).map((t) => t.name);
  if (teams.length === 0) throw new PlanSettingsError('no team is rostered during the report window: name the teams to plan with --teams');
  return planVariables(scenario, { ...options, teams });
}

/** The staffing of chosen values, as plan.json and plan.yaml show it. */
export function staffingOf(scenario: Scenario, variables: readonly PlanVariable[], values: readonly number[]): Record<string, TeamStaffing> {
  const out: Record<string, TeamStaffing> = {};
  variables.forEach((v, i) => {
    if (v.kind === 'agents') {
      out[v.name] = values[i];
      return;
    }
    const team = teamWith(scenario.teams[v.team], v.kind, values[i]);
    const schedule = team.datedSchedule
      ? team.datedSchedule.map((e) => ({ at: formatSimulatedClock(e.at, scenario.startsAt), agents: e.agents }))
      : (team.schedule ?? []).map((e) => ({ at: formatTimeOfDay(e.at), agents: e.agents }));
    out[v.name] = { change: values[i], schedule };
  });
  return out;
}

/** Shares that more agents raise, or leave alone: never lower. */
const RAISED_BY_STAFFING = new Set(['slaAttainment', 'nextResponseAttainment', 'pickupWithinTarget', 'answeredWithin', 'recoveryNegative', 'recoveryNeutral', 'csat']);

/**
 * True for an upper bound on a share that more agents raise, such as a
 * case study's figure stated as a band (`answeredWithin <= 85%`): not a
 * staffing target, since the search assumes more agents never hurt (with it,
 * the maxima would fail and no plan be found). The plan leaves these out
 * and says so; `check` still judges them.
 */
export function isCeilingOnService(t: { name: string; operator: string }): boolean {
  return RAISED_BY_STAFFING.has(t.name) && (t.operator === '<' || t.operator === '<=');
}

/**
 * Plans the staffing of a scenario's teams against its thresholds (less
 * those {@link isCeilingOnService} leaves out).
 * @throws PlanSettingsError when there is nothing to plan against or with
 */
export async function planStaffing(given: Scenario, options: PlanOptions = {}): Promise<Plan> {
  if (given.thresholds.length === 0) throw new PlanSettingsError('no targets: the scenario has no thresholds; add some or give --threshold');
  const leftOut = given.thresholds.filter(isCeilingOnService);
  const scenario = { ...given, thresholds: given.thresholds.filter((t) => !isCeilingOnService(t)) };
  if (scenario.thresholds.length === 0) throw new PlanSettingsError('no targets: every threshold is an upper bound on a share more agents raise, which no staffing target can be; add some or give --threshold');
  const confidence = options.confidence ?? PLAN_DEFAULTS.confidence;
  const firstLook = options.firstLook ?? PLAN_DEFAULTS.firstLook;
  const maxReplications = Math.max(firstLook, options.maxReplications ?? PLAN_DEFAULTS.maxReplications);
  const variables = chooseVariables(scenario, options);
  const weights = variables.map((v) => ({ team: v.team, weight: v.weight }));
  const cost = (x: readonly number[]) => staffingCost(applyStaffing(scenario, variables, x), weights);

  // Erlang C on each team's peak offered load, as the scenario is written.
  const loads = teamLoads(scenario, scenario.report.window.from, scenario.report.window.to);
  const goal = bracketGoal(scenario);
  const start = variables.map((v, i) => {
    if (options.start?.[i] !== undefined) return Math.min(v.max, Math.max(v.min, options.start[i]));
    const load = loads[v.team];
    const need = erlangHeadcount(load, scenario.teams[v.team].concurrency, goal, scenario.teams[v.team].shrinkage);
    const value = v.kind === 'agents' ? need : need - load.headcount;
    return Math.min(v.max, Math.max(v.min, value));
  });

  const cache = new Map<string, PlanCandidate>();
  let replications = 0;
  let best: PlanCandidate | null = null;
  const teams = variables.map((v) => v.name);
  const kinds = variables.map((v) => v.kind);
  // The staffings checked after the search around `x`: one agent fewer on each team, then the curve.
  const aroundOf = (x: readonly number[]): { step: 'fewer' | 'curve'; team: number; values: number[] }[] => {
    const out: { step: 'fewer' | 'curve'; team: number; values: number[] }[] = [];
    for (const [i, v] of variables.entries()) if (x[i] > v.min) out.push({ step: 'fewer', team: i, values: x.map((u, k) => (k === i ? u - 1 : u)) });
    // The headcount curve: each team from three below the plan to two above, the others as planned.
    for (const [i, v] of variables.entries()) {
      for (let value = Math.max(v.min, x[i] - 3); value <= Math.min(v.max, x[i] + 2); value++) out.push({ step: 'curve', team: i, values: x.map((u, k) => (k === i ? value : u)) });
    }
    return out;
  };
  const unsimulated = (points: readonly { values: number[] }[], but: string) => new Set(points.map((p) => p.values.join(',')).filter((k) => k !== but && !cache.has(k))).size;
  const searchPhase = (step: SearchStep, key: string): PlanPhase => ({
    step: step.phase,
    teams: step.variables.map((i) => teams[i]),
    left: step.left === null ? null : Math.max(0, step.left - 1),
    after: best === null ? null : unsimulated(aroundOf(best.values), key),
  });
  const evaluate = async (x: readonly number[], phaseOf: (key: string) => PlanPhase): Promise<PlanCandidate> => {
    const key = x.join(',');
    const hit = cache.get(key);
    if (hit) return hit;
    if (options.signal?.aborted) throw new SearchStopped();
    options.onSimulating?.({ teams, kinds, values: x.slice(), phase: phaseOf(key) });
    const check = await judgeStaffing(applyStaffing(scenario, variables, x), { confidence, firstLook, maxReplications, workers: options.workers, pool: options.pool, signal: options.signal, onReplications: options.onReplications });
    const candidate: PlanCandidate = { values: x.slice(), cost: cost(x), verdict: check.verdict, replications: check.replications, targets: check.thresholds };
    cache.set(key, candidate);
    replications += check.replications;
    if (candidate.verdict === 'pass' && (best === null || candidate.cost < best.cost)) best = candidate;
    options.onCandidate?.({ teams, kinds, phase: phaseOf(key), tried: cache.size, replications, latest: candidate, best });
    return candidate;
  };

  const result = await searchStaffing({
    min: variables.map((v) => v.min),
    max: variables.map((v) => v.max),
    cost,
    start,
    evaluate: async (x, step) => {
      const c = await evaluate(x, (key) => searchPhase(step, key));
      return { pass: c.verdict === 'pass', candidate: c };
    },
    stopped: () => options.signal?.aborted ?? false,
  });

  const chosen = result.best?.evaluation.candidate ?? null;
  const fewer: Plan['fewer'] = [];
  const curve: CurvePoint[] = [];
  if (chosen !== null && result.status === 'found') {
    const points = aroundOf(chosen.values);
    for (const [k, point] of points.entries()) {
      const later = points.slice(k + 1);
      const phaseOf = (key: string): PlanPhase => ({
        step: point.step,
        teams: [],
        left: unsimulated(later.filter((p) => p.step === point.step), key),
        after: unsimulated(later.filter((p) => p.step !== point.step), key),
      });
      let c: PlanCandidate | null;
      try {
        c = await evaluate(point.values, phaseOf);
      } catch (e) {
        if (!(e instanceof SearchStopped)) throw e;
        c = cache.get(point.values.join(',')) ?? null;
      }
      if (c === null) continue;
      const team = variables[point.team].name;
      if (point.step === 'fewer') fewer.push({ team, candidate: c });
      else curve.push({ team, value: point.values[point.team], candidate: c });
    }
  }
  const status = result.status === 'found' && options.signal?.aborted ? 'stopped' : result.status;
  return {
    scenario: scenario.name,
    scenarioHash: scenarioHash(given),
    seed: scenario.seed,
    confidence,
    variables: variables.map((v, i) => ({ ...v, start: start[i], shrinkage: scenario.teams[v.team].shrinkage })),
    targets: scenario.thresholds.map((t) => `${t.metric} ${t.condition}`),
    leftOut: leftOut.map((t) => `${t.metric} ${t.condition}`),
    status,
    chosen,
    staffing: chosen ? staffingOf(scenario, variables, chosen.values) : null,
    fewer,
    atMax: result.atMax?.evaluation.candidate ?? null,
    curve,
    candidates: [...cache.values()],
    replications,
  };
}
