/**
 * What planStaffing tells a progress display: before each candidate the
 * staffing and why (the search's phase), after it the verdict, the best so
 * far and a rough count of what is left; the counts of the checks after the
 * search are exact. Short M/M/14 runs (about 2 s on one thread).
 */
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { planStaffing, type PlanNext, type PlanProgress } from '../../src/planner/plan.js';
import { searchStaffing, type SearchStep } from '../../src/planner/search.js';
import { loadScenario } from '../../src/scenario/load.js';

const ROOT = resolve(import.meta.dirname, '../..');

describe('planStaffing progress', () => {
  it('says what it simulates and why, and counts down to the end', async () => {
    const scenario = loadScenario(join(ROOT, 'scenarios/mmc-validation.yaml'), { set: ['horizon=100h', 'warmup=5h', 'report.interval=50h'] });
    const next: PlanNext[] = [];
    const judged: PlanProgress[] = [];
    let replicationEvents = 0;
    const plan = await planStaffing(scenario, {
      workers: 1,
      onSimulating: (n) => next.push(n),
      onReplications: () => replicationEvents++,
      onCandidate: (p) => judged.push(p),
    });
    expect(plan.status).toBe('found');
    expect(plan.chosen?.values).toEqual([14]);
    // One announcement per candidate simulated, for the same staffing, before it is judged.
    expect(next.map((n) => n.values)).toEqual(judged.map((p) => p.latest.values));
    expect(next.length).toBe(plan.candidates.length);
    expect(replicationEvents).toBeGreaterThanOrEqual(plan.replications);
    expect(judged.every((p) => p.teams[0] === 'agents' && p.kinds[0] === 'agents')).toBe(true);

    // The search first raises (where it cannot tell what is left), then lowers, then draws the curve.
    const steps = judged.map((p) => p.phase.step);
    expect(steps[0]).toBe('raising');
    expect(judged[0].phase.left).toBeNull();
    expect(steps.indexOf('lowering')).toBeGreaterThan(0);
    expect(steps.at(-1)).toBe('curve');
    expect(judged.find((p) => p.phase.step === 'lowering')!.phase.teams).toEqual(['agents']);
    // Before any staffing passed nothing can be said about the checks after the search; after, something can.
    for (const p of judged) expect(p.phase.after === null).toBe(p.best === null);

    // After the search the counts are exact: each candidate leaves `left + after` still to simulate.
    const post = judged.map((p, k) => ({ p, k })).filter(({ p }) => p.phase.step === 'fewer' || p.phase.step === 'curve');
    expect(post.length).toBeGreaterThan(0);
    for (const { p, k } of post) expect(p.phase.left! + p.phase.after!).toBe(judged.length - 1 - k);
    expect(judged.at(-1)!.phase).toMatchObject({ left: 0, after: 0 });
  });
});

describe('searchStaffing steps', () => {
  it('names the phase and the variable of every candidate, with a bisection that counts down', async () => {
    const asked: { x: number[]; step: SearchStep }[] = [];
    const need = [23, 7];
    const r = await searchStaffing({
      min: [0, 0],
      max: [60, 60],
      cost: (x) => x[0] + 2 * x[1],
      start: [30, 30],
      evaluate: (x, step) => {
        asked.push({ x: x.slice(), step: { ...step, variables: [...step.variables] } });
        return Promise.resolve({ pass: x[0] >= need[0] && x[1] >= need[1] });
      },
    });
    expect(r.best?.values).toEqual(need);
    expect(asked[0].step).toEqual({ phase: 'raising', variables: [], left: null });
    for (const [k, { x, step }] of asked.entries()) {
      expect(['raising', 'lowering', 'trading', 'confirming']).toContain(step.phase);
      if (step.phase !== 'raising') expect(step.left).toBeGreaterThanOrEqual(1);
      // A lowering step moves only its variable.
      const before = asked[k - 1];
      if (step.phase === 'lowering' && before?.step.phase === 'lowering' && before.step.variables[0] === step.variables[0]) {
        x.forEach((v, j) => j === step.variables[0] || expect(v).toBe(before.x[j]));
      }
    }
    // The dearer variable (x[1]) is lowered first, and its bisection's last candidate needs no more.
    const lowering = asked.filter((a) => a.step.phase === 'lowering');
    expect(lowering[0].step.variables).toEqual([1]);
    expect(lowering.filter((a) => a.step.variables[0] === 1).at(-1)!.step.left).toBe(1);
  });
});
