import { describe, expect, it } from 'vitest';
import { judgeThresholds } from '../../src/check/run.js';
import { summarize } from '../../src/metrics/summary.js';
import { goalVerdict } from '../../src/report/goal.js';
import { runReplications } from '../../src/runner/replicate.js';
import { parseScenario } from '../../src/scenario/load.js';

const yaml = (target: string) => `
horizon: 30h
replications: 5
seed: 7
report: { interval: 10h }
channels:
  chat: { rate: 50/h, handleTime: { dist: exponential, mean: 6m } }
tiers:
  standard: { firstResponse: 5m, goal: 80% }
teams:
  pool: { agents: 6 }
thresholds:
  'slaAttainment{tier:standard}': ['>= ${target}']
`;

describe('the report marks a tier goal as a threshold would', () => {
  it('gives the verdict of slaAttainment{tier} >= goal on the same replications, for goals below, around and above the interval', async () => {
    const scenario = parseScenario(yaml('80%'), 'goal.yaml');
    const results = await runReplications(scenario, { workers: 1 });
    const e = summarize(scenario, results).byTier.standard.slaAttainment;
    expect(e.ci95).not.toBeNull();
    const [lo, hi] = e.ci95!;
    const seen = new Set<string>();
    for (const goal of [lo - 0.05, lo + 0.001, e.mean!, hi - 0.001, hi + 0.05]) {
      if (goal <= 0 || goal >= 1) continue;
      const text = `${(100 * goal).toFixed(6)}%`;
      const [threshold] = judgeThresholds(parseScenario(yaml(text), 'goal.yaml'), results);
      const verdict = goalVerdict(e, Number(text.slice(0, -1)) / 100);
      expect(verdict).toBe(threshold.verdict);
      seen.add(verdict);
    }
    // Not judged on the mean: a goal just under the mean but inside the interval is inconclusive.
    expect(seen).toEqual(new Set(['pass', 'inconclusive', 'fail']));
  });
});
