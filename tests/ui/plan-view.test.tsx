/**
 * The live view of `careload plan`, fed a scripted plan: the events
 * planStaffing and requirementCurve report (the candidate about to be
 * simulated, its replications, each judged candidate with the search's
 * phase) go through the same state functions the command uses, and each
 * screen is read back. No simulation runs here.
 */
import { render } from 'ink-testing-library';
import { describe, expect, it } from 'vitest';
import type { PlanCandidate, PlanPhase, PlanProgress, PlanSweepRow, RequirementStep, ThresholdResult } from '../../src/index.js';
import {
  curveSoFar,
  initialPlanState,
  intervalDone,
  intervalJudged,
  intervalSimulating,
  intervalsStarted,
  judged,
  planStarted,
  replicationsDone,
  simulating,
  stopping,
  ticked,
  timeLeft,
  variantDone,
  type PlanLiveState,
} from '../../cli/ui/plan-state.js';
import { PlanLiveView } from '../../cli/ui/plan-view.js';

const ESC = '\u001b';

/** A target `metric op target` as checkScenario reports it. */
function target(metric: string, operator: '>=' | '<=', goal: number, mean: number, half: number, verdict: ThresholdResult['verdict']): ThresholdResult {
  const ci: [number, number] = [mean - half, mean + half];
  return {
    metric,
    condition: `${operator} ${100 * goal}%`,
    expression: `${metric} ${operator} ${100 * goal}%`,
    scope: {},
    aggregation: 'rate',
    unit: 'share',
    operator,
    target: goal,
    confidence: 0.95,
    observed: { mean, ci, ci95: ci },
    margin: operator === '>=' ? mean - goal : goal - mean,
    verdict,
    replications: 10,
  };
}

/** The M/M/14 case around its plan: SLA attainment rises and utilization falls with each agent. */
function candidate(agents: number): PlanCandidate {
  const sla = Math.min(0.81, 0.8 - 0.07 * (14 - agents) ** 1.3 || 0.8);
  const utilization = 10 / agents;
  const targets = [
    target('slaAttainment', '>=', 0.75, sla, 0.004, sla - 0.004 > 0.75 ? 'pass' : 'fail'),
    target('utilization', '<=', 0.75, utilization, 0.005, utilization + 0.005 < 0.75 ? 'pass' : 'fail'),
  ];
  return { values: [agents], cost: 100 * agents, verdict: targets.every((t) => t.verdict === 'pass') ? 'pass' : 'fail', replications: 10, targets };
}

const TEAMS = { teams: ['agents'], kinds: ['agents' as const] };
const phase = (step: PlanPhase['step'], left: number | null, after: number | null, teams: string[] = []): PlanPhase => ({ step, teams, left, after });

let tried = 0;
let best: PlanCandidate | null = null;
/** planStaffing's events for one candidate: about to simulate, replications, judged. */
function candidateEvents(state: PlanLiveState, agents: number, p: PlanPhase, elapsed: number): PlanLiveState {
  const c = candidate(agents);
  let s = simulating(state, { ...TEAMS, values: [agents], phase: p });
  s = replicationsDone(s, 4, 80);
  tried++;
  if (c.verdict === 'pass' && (best === null || c.cost < best.cost)) best = c;
  const progress: PlanProgress = { ...TEAMS, phase: p, tried, replications: 10 * tried, latest: c, best };
  return ticked(judged(s, progress), elapsed);
}

const screen = (state: PlanLiveState, width = 100, height = 60, color = false) => render(<PlanLiveView state={state} width={width} height={height} color={color} />).lastFrame()!;

describe('PlanLiveView through a scripted plan', () => {
  const start = initialPlanState({ name: 'mmc-validation', file: 'scenarios/mmc-validation.yaml', targets: ['slaAttainment >= 75%', 'utilization <= 75%'], confidence: 0.95 });
  const s0 = planStarted(start, 0);
  // Raising: the Erlang start 14 passes at once.
  const s1 = replicationsDone(simulating(s0, { ...TEAMS, values: [14], phase: phase('raising', null, null) }), 4, 80);
  const s2 = candidateEvents(s0, 14, phase('raising', null, 5), 2);
  // Lowering: 13 is being simulated.
  const s3 = replicationsDone(simulating(s2, { ...TEAMS, values: [13], phase: phase('lowering', 0, 4, ['agents']) }), 6, 80);
  const s4 = candidateEvents(s2, 13, phase('lowering', 0, 4, ['agents']), 4);
  // After the search: the curve.
  const s5 = candidateEvents(s4, 12, phase('curve', 3, 0), 6);
  const s6 = candidateEvents(s5, 11, phase('curve', 2, 0), 8);

  it('starts with the scenario, its targets and nothing tried', () => {
    const frame = screen(start);
    expect(frame).toMatch(/careload plan: mmc-validation \(scenarios\/mmc-validation\.yaml\) · starting · q: stop/);
    expect(frame).toMatch(/targets: slaAttainment >= 75%; utilization <= 75% \(95% confidence/);
    expect(frame).toMatch(/0:00 elapsed · starting/);
  });

  it('while raising: the staffing simulated, its replications, and no time left it cannot know', () => {
    const frame = screen(s1);
    expect(frame).toMatch(/careload plan: mmc-validation .* · agents · q: stop/);
    expect(frame).toMatch(/0 staffings tried · 0 replications · 0:00 elapsed · time left unknown until the targets pass/);
    expect(frame).toMatch(/now: raising every team until the targets pass · simulating agents 14 \(4 of at most 80 replications\)/);
    expect(frame).toMatch(/best so far: no staffing has passed yet/);
  });

  it('after a candidate: its verdict, each target with mean and interval, the best so far and a rough time left', () => {
    const frame = screen(s3);
    expect(frame).toMatch(/1 staffing tried · 10 replications · 0:02 elapsed · about 5 staffings left \(~0:10\)/);
    expect(frame).toMatch(/now: lowering agents to the least that passes · simulating agents 13 \(6 of at most 80 replications\)/);
    expect(frame).toMatch(/latest: agents 14 · ✓ pass on 10 replications · 1400 agent-hours/);
    expect(frame).toMatch(/✓ pass\s+slaAttainment >= 75%\s+80\.0% \[79\.6%, 80\.4%\]/);
    expect(frame).toMatch(/✓ pass\s+utilization <= 75%\s+71\.4% \[70\.9%, 71\.9%\]/);
    expect(frame).toMatch(/best so far: agents 14 · 1400 agent-hours · passed on 10 replications/);
  });

  it('a failing candidate keeps the best; the curve through it is charted as the search draws it', () => {
    const frame = screen(s6);
    expect(frame).toMatch(/latest: agents 11 · ✗ fail on 10 replications/);
    expect(frame).toMatch(/✗ fail\s+utilization <= 75%\s+90\.9%/);
    expect(frame).toMatch(/best so far: agents 14 · 1400 agent-hours/);
    expect(frame).toMatch(/4 staffings tried · 40 replications · 0:08 elapsed · about 2 staffings left \(~0:04\)\nnow: drawing the targets against headcount\n/);
    expect(frame).toMatch(/slaAttainment >= 75% against agents headcount \(95% intervals; ✓ pass, ✗ fail\)/);
    expect(frame).toMatch(/utilization <= 75% against agents headcount/);
    // The x axis: the headcounts tried, the best in brackets, each with its verdict on that target.
    expect(frame).toMatch(/11\s+12\s+13\s+\[14\]/);
    expect(frame).toMatch(/75% ┤┈+.*target/);
    const curve = curveSoFar(s6.plan!);
    expect(curve[0].points.map((p) => p.value)).toEqual([11, 12, 13, 14]);
  });

  it('says when q stops the plan, and what will be written', () => {
    expect(screen(stopping(s4))).toMatch(/stopping: writing the best staffing that passed so far, marked stopped/);
  });

  it('estimates what is left from the pace so far, and cannot while raising', () => {
    expect(timeLeft(s1).candidates).toBeNull();
    const left = timeLeft(s3);
    // 0 more in the lowering step, 4 after the search, and the one being simulated.
    expect(left.candidates).toBe(5);
    expect(left.seconds).toBeCloseTo(5 * 2, 6);
  });

  it('a sweep shows which variant of how many, and the rows done', () => {
    const sweep = initialPlanState({ name: 'swisscom-outage', file: 's.yaml', targets: ['slaAttainment >= 75%'], confidence: 0.95 }, { varied: 'surge scale', labels: ['x0', 'x1', 'x2'] });
    expect(screen(planStarted(sweep, -1))).toMatch(/surge scale: the plan as written first, then 3 variants/);
    const row: PlanSweepRow = { label: 'x0', status: 'found', staffing: { agents: 12 }, cost: 1200, targets: [], candidates: 5, replications: 50 };
    const none: PlanSweepRow = { label: 'x1', status: 'infeasible', staffing: null, cost: null, targets: [], candidates: 9, replications: 90 };
    const s = variantDone(variantDone(planStarted(sweep, 2), row, 7), none, 21);
    const frame = screen(candidateEvents(s, 14, phase('lowering', 1, 4, ['agents']), 30));
    expect(frame).toMatch(/surge scale: variant 3 of 3 \(x2\)/);
    expect(frame).toMatch(/✓ pass\s+x0: agents 12 · 1200 agent-hours · 0:07/);
    expect(frame).toMatch(/✗ fail\s+x1: none within the bounds · 0:21/);
  });

  it('--by-interval: interval k of n, the headcount tried, the curve so far beside Erlang C', () => {
    const steps: RequirementStep[] = [10, 12, 15].map((agents, k) => ({ from: k * 3600, to: (k + 1) * 3600, at: `d1 ${String(8 + k).padStart(2, "0")}:00`, agents, erlang: 10 + k, candidate: null }));
    let s = intervalsStarted(planStarted(start, 0), 'desk', 8);
    steps.forEach((step, k) => (s = intervalDone(s, k + 1, 8, step)));
    s = intervalJudged(intervalSimulating(ticked(s, 30), 4, 8, 14), 4, { ...candidate(14), values: [14] });
    s = replicationsDone(intervalSimulating(s, 4, 8, 13), 20, 80);
    const frame = screen(s);
    expect(frame).toMatch(/--by-interval: team desk · q: stop/);
    expect(frame).toMatch(/interval 4 of 8 · 10 replications · 0:30 elapsed · about 0:50 left/);
    expect(frame).toMatch(/simulating 13 agents \(20 of at most 80 replications\) · latest 14 agents: ✓ pass/);
    expect(frame).toMatch(/last planned: d1 10:00: 15 agents \(Erlang C 12\)/);
    expect(frame).toMatch(/● simulated \(backlog carried over\), ○ Erlang C/);
    const chart = frame.split('\n').filter((l) => /[┤│]/.test(l));
    // One row per agent from 10 to 15: the first interval agrees with Erlang C (◉), the others sit above it.
    expect(chart).toHaveLength(6);
    expect(chart[0]).toMatch(/^15 ┤\s+●$/);
    expect(chart[5]).toMatch(/^10 ┤ ◉/);
    expect(frame).toMatch(/└─+\n\s+d1 08:00 … d1 10:00/);
  });

  it('reads right without colour, and fits the terminal', () => {
    for (const state of [start, s1, s3, s6, stopping(s6)]) expect(screen(state)).not.toContain(ESC);
    expect(screen(s6, 100, 60, true)).toMatch(/✓ pass/);
    const small = screen(s6, 50, 20);
    const lines = small.split('\n');
    expect(lines.length).toBeLessThanOrEqual(20);
    for (const line of lines) expect([...line].length, line).toBeLessThanOrEqual(50);
    expect(small).toMatch(/best so far: agents 14/);
  });
});
