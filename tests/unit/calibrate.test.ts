import { describe, expect, it } from 'vitest';
import { estimate, scopeValues } from '../../src/metrics/summary.js';
import { calibrate, FREE_PARAMETERS } from '../../src/calibration/calibrate.js';
import { runReplications } from '../../src/runner/replicate.js';
import { parseScenario } from '../../src/scenario/load.js';
import type { Scenario } from '../../src/scenario/types.js';

/** A synthetic operation whose outcome parameters we choose, then forget and recover. */
const truth = parseScenario(`
horizon: 60h
warmup: 2h
replications: 4
seed: 21
channels:
  chat:
    rate: 40/h
    handleTime: { dist: exponential, mean: 4m }
    patience: { dist: exponential, mean: 20m }
    sentiment: { negative: 0.3, neutral: 0.5, positive: 0.2 }
tiers:
  standard: { firstResponse: 30m }
teams:
  care: { agents: 3, empathy: 0.2 }
outcomes:
  positive: { negative: 0.7, neutral: -0.4, positive: 1.5 }
csat:
  bias: -0.6
surveys: { responseRate: 0.3 }
`, 'synthetic.yaml');

const evaluate = (s: Scenario) => runReplications(s, { workers: 1 });
const kpi = async (s: Scenario, metric: 'recoveryNegative' | 'recoveryNeutral' | 'csat' | 'surveyResponseRate' | 'slaAttainment') =>
  estimate(scopeValues(s, await evaluate(s), 0, metric)).mean!;

describe('calibrate', () => {
  it('recovers the true outcome parameters from the KPIs they produced', async () => {
    const observed = {
      recoveryNegative: await kpi(truth, 'recoveryNegative'),
      recoveryNeutral: await kpi(truth, 'recoveryNeutral'),
      csat: await kpi(truth, 'csat'),
      surveyResponseRate: await kpi(truth, 'surveyResponseRate'),
    };
    // Start far from the truth.
    let start = truth;
    for (const p of FREE_PARAMETERS) start = p.set(start, p.metric === 'surveyResponseRate' ? 0.9 : -3);
    const result = await calibrate(start, Object.entries(observed).map(([metric, value]) => ({ metric, value })), evaluate);
    const fitted = Object.fromEntries(result.fitted.map((f) => [f.path.join('.'), f.value]));
    // Counts move in steps, so a small band of values reproduces the same KPI: tolerances reflect that.
    expect(fitted['outcomes.positive.negative']).toBeCloseTo(0.7, 0);
    expect(Math.abs(fitted['outcomes.positive.negative'] - 0.7)).toBeLessThan(0.15);
    expect(Math.abs(fitted['outcomes.positive.neutral'] - -0.4)).toBeLessThan(0.15);
    expect(Math.abs(fitted['csat.bias'] - -0.6)).toBeLessThan(0.25);
    expect(Math.abs(fitted['surveys.responseRate'] - 0.3)).toBeLessThan(0.02);
    for (const k of result.kpis) {
      expect(k.note, k.metric).toBeNull();
      expect(Math.abs(k.simulated.mean! - k.observed), k.metric).toBeLessThan(0.01);
    }
  });

  it('says when a KPI is out of the parameters reach, and leaves staffing KPIs alone', async () => {
    const result = await calibrate(truth, [
      // Customers who abandon never recover, so no logit reaches 99%.
      { metric: 'recoveryNegative', value: 0.99 },
      { metric: 'slaAttainment', value: 0.5 },
    ], evaluate);
    const [recovery, sla] = result.kpis;
    expect(recovery.note).toMatch(/out of reach of outcomes\.positive\.negative/);
    expect(sla.parameter).toBeNull();
    expect(sla.note).toMatch(/staffing, routing and arrivals decide it/);
    expect(sla.simulated.mean).toBeCloseTo(await kpi(truth, 'slaAttainment'), 12);
    // The out-of-reach target writes nothing: the scenario keeps its own value, and the report is of that value.
    expect(result.fitted).toEqual([]);
    expect(recovery.fitted).toBeNull();
    expect(result.notWritten).toEqual([{ path: ['outcomes', 'positive', 'negative'], metric: 'recoveryNegative', kept: 0.7 }]);
    expect(result.scenario.outcomes.positive.negative).toBe(0.7);
    expect(recovery.simulated.mean).toBeCloseTo(await kpi(truth, 'recoveryNegative'), 12);
  });

  it('an out-of-reach KPI keeps its parameter at the scenario value while the others are fitted', async () => {
    const observed = await kpi(truth, 'surveyResponseRate');
    const result = await calibrate(truth, [
      { metric: 'recoveryNegative', value: 0.99 },
      { metric: 'surveyResponseRate', value: observed },
    ], evaluate);
    expect(result.fitted.map((f) => f.path.join('.'))).toEqual(['surveys.responseRate']);
    expect(result.notWritten.map((n) => n.path.join('.'))).toEqual(['outcomes.positive.negative']);
    expect(result.scenario.outcomes.positive.negative).toBe(0.7);
  });

  it('leaves out a KPI its scenario cannot measure (no surveys answered), writing no value for it', async () => {
    const silent = { ...truth, surveys: { responseRate: 0 } };
    const result = await calibrate(silent, [{ metric: 'csat', value: 0.7 }], evaluate);
    expect(result.kpis[0].note).toMatch(/undefined here: no survey is answered/);
    expect(result.kpis[0].fitted).toBeNull();
    expect(result.fitted).toEqual([]);
  });
});

