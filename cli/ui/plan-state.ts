/**
 * What the live view of `careload plan` knows, and how each event of the
 * plan changes it. Plain functions on plain data (no ink, no React), so a
 * test can script a plan's events and look at the screen they give.
 */
import type { PlanCandidate, PlanNext, PlanPhase, PlanProgress, PlanSweepRow, RequirementStep } from '../../src/index.js';

/** The plan under way (one variant of a sweep, or the plan itself). */
export interface PlanRunning {
  teams: string[];
  kinds: PlanProgress['kinds'];
  /** Candidates judged and replications run in this plan. */
  tried: number;
  replications: number;
  latest: PlanCandidate | null;
  best: PlanCandidate | null;
  /** What the plan was doing at its latest event. */
  phase: PlanPhase | null;
  /** Every candidate judged (for the curve through the best so far). */
  candidates: PlanCandidate[];
  /** The candidate being simulated, and its replications so far. */
  simulating: { values: number[]; done: number; max: number } | null;
  /** Elapsed seconds (of the whole command) when this plan started. */
  startedAt: number;
}

/** `--by-interval`: the curve so far. */
export interface IntervalRunning {
  team: string;
  /** Intervals in the report window. */
  total: number;
  /** The interval being planned (from 1). */
  index: number;
  /** The intervals planned. */
  steps: RequirementStep[];
  /** The headcount being simulated, and its replications so far. */
  simulating: { agents: number; done: number; max: number } | null;
  /** The latest headcount judged in the current interval. */
  latest: PlanCandidate | null;
  replications: number;
}

/** A sweep (`--surge-scale`, `--vary`): what varies, its variants, and the rows done. */
export interface SweepState {
  varied: string;
  labels: string[];
  /** The variant under way (from 0). */
  index: number;
  rows: { row: PlanSweepRow; seconds: number }[];
}

/** The live view's state. */
export interface PlanLiveState {
  scenario: string;
  file: string;
  targets: string[];
  confidence: number;
  sweep: SweepState | null;
  plan: PlanRunning | null;
  interval: IntervalRunning | null;
  /** Wall-clock seconds since the command started planning. */
  elapsed: number;
  /** `q` was pressed: the plan is being stopped. */
  stopping: boolean;
}

/** The state before anything runs. */
export function initialPlanState(scenario: { name: string; file: string; targets: readonly string[]; confidence: number }, sweep?: { varied: string; labels: readonly string[] }): PlanLiveState {
  return {
    scenario: scenario.name,
    file: scenario.file,
    targets: [...scenario.targets],
    confidence: scenario.confidence,
    sweep: sweep ? { varied: sweep.varied, labels: [...sweep.labels], index: 0, rows: [] } : null,
    plan: null,
    interval: null,
    elapsed: 0,
    stopping: false,
  };
}

const freshPlan = (teams: string[], kinds: PlanProgress['kinds'], startedAt: number): PlanRunning => ({
  teams,
  kinds,
  tried: 0,
  replications: 0,
  latest: null,
  best: null,
  phase: null,
  candidates: [],
  simulating: null,
  startedAt,
});

/** A plan starts: the plan itself, or variant `index` of the sweep. */
export function planStarted(state: PlanLiveState, index = 0): PlanLiveState {
  return { ...state, sweep: state.sweep ? { ...state.sweep, index } : null, plan: null };
}

/** A candidate is about to be simulated. */
export function simulating(state: PlanLiveState, next: PlanNext): PlanLiveState {
  const plan = state.plan ?? freshPlan(next.teams, next.kinds, state.elapsed);
  return { ...state, plan: { ...plan, phase: next.phase, simulating: { values: next.values, done: 0, max: 0 } } };
}

/** The candidate being simulated finished replications: `done` of at most `max`. */
export function replicationsDone(state: PlanLiveState, done: number, max: number): PlanLiveState {
  if (state.plan?.simulating) return { ...state, plan: { ...state.plan, simulating: { ...state.plan.simulating, done, max } } };
  if (state.interval?.simulating) return { ...state, interval: { ...state.interval, simulating: { ...state.interval.simulating, done, max } } };
  return state;
}

/** A candidate was judged. */
export function judged(state: PlanLiveState, p: PlanProgress): PlanLiveState {
  const plan = state.plan ?? freshPlan(p.teams, p.kinds, state.elapsed);
  return {
    ...state,
    plan: {
      ...plan,
      teams: p.teams,
      kinds: p.kinds,
      tried: p.tried,
      replications: p.replications,
      latest: p.latest,
      best: p.best,
      phase: p.phase,
      candidates: [...plan.candidates, p.latest],
      simulating: null,
    },
  };
}

/** A variant of the sweep is done, after `seconds`. */
export function variantDone(state: PlanLiveState, row: PlanSweepRow, seconds: number): PlanLiveState {
  return state.sweep ? { ...state, sweep: { ...state.sweep, rows: [...state.sweep.rows, { row, seconds }] } } : state;
}

/** `--by-interval` starts: `total` intervals of `team`. */
export function intervalsStarted(state: PlanLiveState, team: string, total: number): PlanLiveState {
  return { ...state, interval: { team, total, index: 1, steps: [], simulating: null, latest: null, replications: 0 } };
}

/** A headcount of interval `index` is about to be simulated. */
export function intervalSimulating(state: PlanLiveState, index: number, total: number, agents: number): PlanLiveState {
  const i = state.interval;
  if (!i) return state;
  return { ...state, interval: { ...i, total, index, latest: index === i.index ? i.latest : null, simulating: { agents, done: 0, max: 0 } } };
}

/** A headcount of interval `index` was judged. */
export function intervalJudged(state: PlanLiveState, index: number, candidate: PlanCandidate): PlanLiveState {
  const i = state.interval;
  if (!i) return state;
  return { ...state, interval: { ...i, index, latest: candidate, simulating: null, replications: i.replications + candidate.replications } };
}

/** An interval was planned. */
export function intervalDone(state: PlanLiveState, done: number, total: number, step: RequirementStep): PlanLiveState {
  const i = state.interval;
  if (!i) return state;
  return { ...state, interval: { ...i, total, index: Math.min(total, done + 1), steps: [...i.steps, step], latest: null, simulating: null } };
}

/** The clock: seconds since planning started. */
export function ticked(state: PlanLiveState, elapsed: number): PlanLiveState {
  return { ...state, elapsed };
}

/** `q` was pressed. */
export function stopping(state: PlanLiveState): PlanLiveState {
  return { ...state, stopping: true };
}

/**
 * A rough estimate of what is left: candidates still to simulate in this
 * plan (null while it cannot tell, as while raising), seconds they take at
 * the pace so far, and the variants of a sweep after this one.
 */
export function timeLeft(state: PlanLiveState): { candidates: number | null; seconds: number | null; variants: number; variantSeconds: number | null } {
  const plan = state.plan;
  const variants = state.sweep ? state.sweep.labels.length - state.sweep.index - 1 : 0;
  const done = state.sweep?.rows ?? [];
  const variantSeconds = done.length > 0 ? done.reduce((s, r) => s + r.seconds, 0) / done.length : null;
  if (!plan || !plan.phase || plan.phase.left === null) return { candidates: null, seconds: null, variants, variantSeconds };
  const candidates = plan.phase.left + (plan.phase.after ?? 0) + (plan.simulating ? 1 : 0);
  const perCandidate = plan.tried > 0 ? (state.elapsed - plan.startedAt) / plan.tried : null;
  return { candidates, seconds: perCandidate === null ? null : candidates * perCandidate, variants, variantSeconds };
}

/**
 * The curve through the best staffing so far: for each team, the
 * candidates judged with every other team as in the best (the plan's
 * curve, as far as the search has drawn it).
 */
export function curveSoFar(plan: PlanRunning): { team: number; points: { value: number; candidate: PlanCandidate }[] }[] {
  const best = plan.best;
  if (!best) return [];
  return plan.teams.map((_, i) => ({
    team: i,
    points: plan.candidates
      .filter((c) => c.values.every((v, k) => k === i || v === best.values[k]))
      .map((c) => ({ value: c.values[i], candidate: c }))
      .sort((a, b) => a.value - b.value),
  }));
}
