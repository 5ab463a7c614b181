import { describe, expect, it } from 'vitest';
import { planStaffing } from '../../src/planner/plan.js';
import { withSurgeScale } from '../../src/planner/variants.js';
import { parseScenario } from '../../src/scenario/load.js';

/**
 * The plan moves the right way: more demanding targets, longer handle
 * times and bigger surges never make it cheaper. Every plan runs the same
 * seed, so the candidates meet the same customers (common random numbers).
 */
function scenario({ target = '75%', handle = '3m', surge = '+40%' } = {}) {
  return parseScenario(
    `
name: plan-monotone
horizon: 60h
warmup: 2h
replications: 6
report: { interval: 30h, window: surge }
channels:
  chat: { rate: 200/h, handleTime: { dist: exponential, mean: ${handle} } }
surges:
  - { name: peak, start: 10h, rampUp: 2h, duration: 30h, rampDown: 2h, volume: '${surge}' }
tiers:
  standard: { firstResponse: 5m }
teams:
  desk: { agents: 20 }
thresholds:
  slaAttainment: ['>= ${target}']
`,
    'plan-monotone.yaml',
  );
}

const headcount = async (s: ReturnType<typeof scenario>) => {
  const plan = await planStaffing(s, { workers: 1, firstLook: 6, maxReplications: 24 });
  expect(plan.status).toBe('found');
  return plan.staffing!.desk as number;
};

describe('plan is monotone', () => {
  it('in the target', async () => {
    const counts = [];
    for (const target of ['60%', '70%', '76%', '79%']) counts.push(await headcount(scenario({ target })));
    for (let i = 1; i < counts.length; i++) expect(counts[i]).toBeGreaterThanOrEqual(counts[i - 1]);
    expect(counts[counts.length - 1]).toBeGreaterThan(counts[0]);
  }, 300_000);

  it('in handle time', async () => {
    const counts = [];
    for (const handle of ['1m', '2m', '3m']) counts.push(await headcount(scenario({ handle })));
    for (let i = 1; i < counts.length; i++) expect(counts[i]).toBeGreaterThan(counts[i - 1]);
  }, 300_000);

  it('in surge scale', async () => {
    const base = scenario();
    const counts = [];
    for (const f of [0, 1, 2]) counts.push(await headcount(withSurgeScale(base, f)));
    for (let i = 1; i < counts.length; i++) expect(counts[i]).toBeGreaterThan(counts[i - 1]);
  }, 300_000);
});
