import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { searchStaffing } from '../../src/planner/search.js';

/** A staffing problem with a known answer: targets pass when a weighted sum of headcounts reaches a need. */
function problem(weights: number[], costs: number[], need: number, start: number[], max = 60) {
  const evaluated: string[] = [];
  return {
    evaluated,
    p: {
      min: weights.map(() => 0),
      max: weights.map(() => max),
      cost: (x: readonly number[]) => x.reduce((s, v, i) => s + v * costs[i], 0),
      start,
      evaluate: (x: readonly number[]) => {
        evaluated.push(x.join(','));
        return Promise.resolve({ pass: x.reduce((s, v, i) => s + v * weights[i], 0) >= need });
      },
    },
  };
}

/** The cheapest passing vector, by brute force over a small grid. */
function bruteForce(weights: number[], costs: number[], need: number, max: number): number {
  let best = Infinity;
  const walk = (i: number, sum: number, cost: number) => {
    if (cost >= best) return;
    if (i === weights.length) {
      if (sum >= need) best = cost;
      return;
    }
    for (let v = 0; v <= max; v++) walk(i + 1, sum + v * weights[i], cost + v * costs[i]);
  };
  walk(0, 0, 0);
  return best;
}

describe('searchStaffing', () => {
  it('finds the exact least headcount of one team from any start', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: 50 }), fc.integer({ min: 0, max: 60 }), async (need, start) => {
        const { p } = problem([1], [1], need, [start]);
        const r = await searchStaffing(p);
        expect(r.status).toBe('found');
        expect(r.best?.values).toEqual([need]);
      }),
    );
  });

  it('never evaluates a candidate twice', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.integer({ min: 1, max: 4 }), { minLength: 2, maxLength: 3 }), fc.integer({ min: 1, max: 40 }), async (weights, need) => {
        const { p, evaluated } = problem(weights, weights.map(() => 1), need, weights.map(() => 0));
        await searchStaffing(p);
        expect(new Set(evaluated).size).toBe(evaluated.length);
      }),
    );
  });

  it('ends at a passing staffing whose every one-fewer neighbour fails, and at most one agent of the dearest team above the cheapest', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.integer({ min: 1, max: 4 }), { minLength: 2, maxLength: 3 }),
        fc.array(fc.integer({ min: 1, max: 5 }), { minLength: 3, maxLength: 3 }),
        fc.integer({ min: 1, max: 30 }),
        async (weights, allCosts, need) => {
          const costs = allCosts.slice(0, weights.length);
          const { p } = problem(weights, costs, need, weights.map(() => 2), 20);
          const r = await searchStaffing(p);
          const x = r.best!.values;
          const sum = (v: number[]) => v.reduce((s, u, i) => s + u * weights[i], 0);
          expect(sum(x)).toBeGreaterThanOrEqual(need);
          x.forEach((v, i) => {
            if (v > 0) expect(sum(x.map((u, k) => (k === i ? u - 1 : u)))).toBeLessThan(need);
          });
          // Local search on integers: allow the cost of one agent of the dearest team above the optimum.
          expect(r.best!.cost).toBeLessThanOrEqual(bruteForce(weights, costs, need, 20) + Math.max(...costs));
        },
      ),
    );
  });

  it('is monotone in the target: a higher need never gives a cheaper plan (one team)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: 40 }), fc.integer({ min: 0, max: 10 }), async (need, more) => {
        const a = await searchStaffing(problem([1], [1], need, [5]).p);
        const b = await searchStaffing(problem([1], [1], need + more, [5]).p);
        expect(b.best!.cost).toBeGreaterThanOrEqual(a.best!.cost);
      }),
    );
  });

  it('says infeasible, with the maxima evaluated, when even they fail', async () => {
    const { p } = problem([1, 1], [1, 1], 50, [3, 3], 10);
    const r = await searchStaffing(p);
    expect(r.status).toBe('infeasible');
    expect(r.best).toBeNull();
    expect(r.atMax?.values).toEqual([10, 10]);
  });

  it('stops when asked, keeping the best passing candidate so far', async () => {
    let calls = 0;
    const { p } = problem([1], [1], 10, [30]);
    const r = await searchStaffing({ ...p, stopped: () => ++calls > 3 });
    expect(r.status).toBe('stopped');
    expect(r.best?.evaluation.pass).toBe(true);
  });
});
