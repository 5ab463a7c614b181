/**
 * The plan.json document and the plan.yaml overlay: a plan and exactly what
 * produced it, and the staffing as a partial scenario that `run`,
 * `compare` and `check` take with `--overlay`.
 */
import { stringify } from 'yaml';
import type { ThresholdResult } from '../check/types.js';
import type { Plan, PlanCandidate, TeamStaffing } from '../planner/plan.js';
import type { PlanVariable } from '../planner/variables.js';
import { SCHEMA_VERSION } from './json.js';

/** A team's staffing as plan.json shows it: a headcount, or the change per shift and the schedule it gives (times as the scenario file writes them). */
export type ShownStaffing = TeamStaffing;

/** A target's outcome, in brief. */
export interface PlanTargetRow {
  expression: string;
  unit: ThresholdResult['unit'];
  /** The target's value in the metric's unit (shares as fractions, durations in seconds). */
  target: number;
  mean: number | null;
  ci95: [number, number] | null;
  verdict: ThresholdResult['verdict'];
}

/** A simulated staffing, in brief. */
export interface PlanCandidateRow {
  /** Value per planned team: headcount, or change on each shift. */
  staffing: Record<string, number>;
  cost: number;
  verdict: 'pass' | 'fail';
  replications: number;
  targets: PlanTargetRow[];
}

/** One row of a plan repeated over variants (`--surge-scale`, `--vary`). */
export interface PlanSweepRow {
  /** What varied: `surge x1.5`, `teams.crisis.activation.after=30m`. */
  label: string;
  status: Plan['status'];
  staffing: Record<string, ShownStaffing> | null;
  cost: number | null;
  /** At the chosen staffing (or at the maxima when infeasible). */
  targets: PlanTargetRow[];
  /** Staffings simulated for this row, and their replications. */
  candidates: number;
  replications: number;
}

/** The plan.json document. */
export interface PlanDocument {
  schemaVersion: number;
  kind: 'plan';
  scenario: { name: string; hash: string; file: string };
  seed: number;
  confidence: number;
  status: Plan['status'];
  /** Each planned team: how it varies, its bounds, cost weight and the Erlang start. */
  teams: (Pick<PlanVariable, 'name' | 'kind' | 'written' | 'min' | 'max' | 'weight'> & { start: number; shrinkage: number })[];
  targets: string[];
  /** The scenario's thresholds not planned for: upper bounds on shares more agents raise (present when any). */
  leftOut?: string[];
  /** The chosen staffing per team: a headcount, or `{ change, schedule }` for a scheduled team (null when none passed). */
  staffing: Record<string, ShownStaffing> | null;
  /** Weighted agent-hours over the horizon of the chosen staffing. */
  cost: number | null;
  chosen: PlanCandidateRow | null;
  /** One agent fewer on each team: why fewer fails. */
  fewer: (PlanCandidateRow & { team: string })[];
  /** When infeasible: the maxima, and which targets fail there. */
  atMax: PlanCandidateRow | null;
  /** Targets against headcount: each team varied around the plan, the others as planned. */
  curve: (PlanCandidateRow & { team: string; value: number })[];
  /** Every staffing simulated, in the order tried. */
  candidates: PlanCandidateRow[];
  /** Replications run over all candidates. */
  replications: number;
  /** The plan repeated over variants, when asked. */
  sweep?: { varied: string; rows: PlanSweepRow[] };
}

/** A target's outcome in brief. */
export function targetRow(t: ThresholdResult): PlanTargetRow {
  return { expression: t.expression, unit: t.unit, target: t.target, mean: t.observed.mean, ci95: t.observed.ci95, verdict: t.verdict };
}

function candidateRow(variables: readonly PlanVariable[], c: PlanCandidate): PlanCandidateRow {
  return {
    staffing: Object.fromEntries(variables.map((v, i) => [v.name, c.values[i]])),
    cost: c.cost,
    verdict: c.verdict,
    replications: c.replications,
    targets: c.targets.map(targetRow),
  };
}


/** A sweep row for one variant's plan. */
export function sweepRow(label: string, plan: Plan): PlanSweepRow {
  const at = plan.chosen ?? plan.atMax;
  return {
    label,
    status: plan.status,
    staffing: plan.staffing,
    cost: plan.chosen?.cost ?? null,
    targets: at ? at.targets.map(targetRow) : [],
    candidates: plan.candidates.length,
    replications: plan.replications,
  };
}

/** Builds plan.json. */
export function planDocument(plan: Plan, file: string, sweep?: PlanDocument['sweep']): PlanDocument {
  const v = plan.variables;
  return {
    schemaVersion: SCHEMA_VERSION,
    kind: 'plan',
    scenario: { name: plan.scenario, hash: plan.scenarioHash, file },
    seed: plan.seed,
    confidence: plan.confidence,
    status: plan.status,
    teams: v.map(({ name, kind, written, min, max, weight, start, shrinkage }) => ({ name, kind, written, min, max, weight, start, shrinkage })),
    targets: plan.targets,
    ...(plan.leftOut?.length ? { leftOut: plan.leftOut } : {}),
    staffing: plan.staffing,
    cost: plan.chosen?.cost ?? null,
    chosen: plan.chosen ? candidateRow(v, plan.chosen) : null,
    fewer: plan.fewer.map((f) => ({ team: f.team, ...candidateRow(v, f.candidate) })),
    atMax: plan.atMax ? candidateRow(v, plan.atMax) : null,
    curve: plan.curve.map((p) => ({ team: p.team, value: p.value, ...candidateRow(v, p.candidate) })),
    candidates: plan.candidates.map((c) => candidateRow(v, c)),
    replications: plan.replications,
    ...(sweep ? { sweep } : {}),
  };
}

/**
 * plan.yaml: the chosen staffing as an overlay (`teams.x.agents`, or the
 * changed `teams.x.schedule`), or null when no staffing passed.
 */
export function planOverlay(plan: Plan): string | null {
  if (plan.staffing === null) return null;
  const teams: Record<string, unknown> = {};
  for (const [name, s] of Object.entries(plan.staffing ?? {})) {
    teams[name] = typeof s === 'number' ? { agents: s } : { schedule: s.schedule };
  }
  const header = [
    `# careload plan for ${plan.scenario} (seed ${plan.seed}, scenario hash ${plan.scenarioHash})${plan.status === 'stopped' ? ': STOPPED EARLY, the best staffing that passed so far' : ''}`,
    `# targets: ${plan.targets.join('; ')}`,
    `# use: careload run <scenario> --overlay plan.yaml`,
  ];
  return `${header.join('\n')}\n${stringify({ teams })}`;
}
