import { beforeAll, describe, expect, it } from 'vitest';
import type { ReplicationResult } from '../../src/metrics/recorder.js';
import { erlangCMeanWait } from '../../src/theory/erlang.js';
import { expectWithinCI, field, Field, replicate, scenarioFrom } from './helpers.js';

const firstResponseMean = (r: ReplicationResult, scope: number) =>
  field(r, Field.firstResponseSum, scope) / field(r, Field.firstReplies, scope);

describe('M/M/1 non-preemptive priority (lambda 0.2 high, 0.6 low, mu 1)', () => {
  const scenario = scenarioFrom(`
horizon: 100h
warmup: 1h
replications: 20
seed: 3
report: { interval: 10h }
channels:
  urgent: { rate: 0.2/s, handleTime: { dist: exponential, mean: 1s }, tier: high }
  normal: { rate: 0.6/s, handleTime: { dist: exponential, mean: 1s }, tier: low }
tiers:
  high: { firstResponse: 10s }
  low: { firstResponse: 10s }
teams:
  solo: { agents: 1 }
routing: { policy: priority }
`);
  // Both tests read the same replications.
  let results: ReplicationResult[];
  beforeAll(async () => {
    results = await replicate(scenario);
  });

  // Theory (Cobham): with exponential service of mean 1 s, the mean residual
  // work found in service is W0 = sum of lambda E[S^2] / 2 = 0.8 s; the high
  // tier waits W0 / (1 - 0.2) = 1 s and the low tier W0 / ((1 - 0.2)(1 - 0.8))
  // = 5 s. Overall the queue is M/M/1 at load 0.8 whatever the order served.
  const lambda = { high: 0.2, low: 0.6 };
  const waitHigh = 0.8 / (1 - 0.2);
  const waitLow = 0.8 / ((1 - 0.2) * (1 - 0.8));

  // Scopes: 0 overall, 1-2 channels, 3-4 tiers.
  it('mean time in system is 2.0 for the high tier and 6.0 for the low tier', () => {
    expectWithinCI('high tier time in system (s)', results.map((r) => firstResponseMean(r, 3)), waitHigh + 1);
    expectWithinCI('low tier time in system (s)', results.map((r) => firstResponseMean(r, 4)), waitLow + 1);
  });

  it("Little's law per queue: the time-average number waiting is lambda x Wq of theory", () => {
    // The measured L is the backlog integral over the window; the theory side
    // takes nothing from the run, so a wrong backlog integral fails here.
    const window = scenario.horizon - scenario.warmup;
    const meanWaiting = (scope: number) => results.map((r) => field(r, Field.backlogArea, scope) / window);
    const overallLq = (lambda.high + lambda.low) * erlangCMeanWait(1, lambda.high + lambda.low, 1);
    expect(overallLq).toBeCloseTo(0.8 ** 2 / (1 - 0.8), 12); // M/M/1: Lq = rho^2 / (1 - rho)
    expectWithinCI('overall number waiting', meanWaiting(0), overallLq);
    expectWithinCI('high tier number waiting', meanWaiting(3), lambda.high * waitHigh);
    expectWithinCI('low tier number waiting', meanWaiting(4), lambda.low * waitLow);
  });

  it("Little's law per queue: the time-average number waiting is lambda of theory x measured mean wait", () => {
    // Finer than the check above: the measured wait removes most of the
    // replication noise, and the theory rate keeps the two sides apart (the
    // measured rate would make them one sum of waits divided two ways).
    const window = scenario.horizon - scenario.warmup;
    const mean = (values: number[]) => values.reduce((s, v) => s + v, 0) / values.length;
    for (const [scope, rate] of [[0, lambda.high + lambda.low], [3, lambda.high], [4, lambda.low]]) {
      const L = mean(results.map((r) => field(r, Field.backlogArea, scope) / window));
      const W = mean(results.map((r) => field(r, Field.waitAllSum, scope) / (field(r, Field.answered, scope) + field(r, Field.abandoned, scope))));
      expect(Math.abs(L - rate * W) / L, `scope ${scope}: L=${L}, lambda W=${rate * W}`).toBeLessThan(0.005);
    }
  });
});

describe('M/M/1 with concurrent conversations (processor-sharing check)', () => {
  it('lambda 3, mu 5: mean time in system 0.5 whatever the number of slots', async () => {
    for (const concurrency of [1, 3]) {
      const results = await replicate(scenarioFrom(`
horizon: 30h
warmup: 1h
replications: 20
seed: 5
report: { interval: 10h }
channels:
  chat: { rate: 3/s, handleTime: { dist: exponential, mean: 0.2s } }
tiers:
  standard: { firstResponse: 1s }
teams:
  solo: { agents: 1, concurrency: ${concurrency} }
`));
      expectWithinCI(`concurrency ${concurrency}: time in system (s)`, results.map((r) => firstResponseMean(r, 0)), 0.5);
    }
  });
});

describe("Little's law and conservation with abandonment, turns and schedules", () => {
  it('hold in every scope of every replication', async () => {
    const scenario = scenarioFrom(`
horizon: 3d
warmup: 2h
replications: 4
seed: 9
startsAt: "06:00"
report: { interval: 1h }
channels:
  messenger:
    rate: 60/h
    profile: [0.2,0.2,0.2,0.2,0.3,0.5,0.8,1.2,1.5,1.6,1.6,1.5,1.4,1.4,1.4,1.3,1.3,1.2,1.1,1.0,0.8,0.6,0.4,0.3]
    handleTime: { dist: lognormal, mean: 4m, sd: 2m }
    turns: { dist: geometric, mean: 2 }
    customerReplyDelay: { dist: exponential, mean: 5m }
    idleTimeout: 15m
    patience: { dist: exponential, mean: 40m }
    tier: standard
  twitter:
    rate: 20/h
    handleTime: 3m
    patience: { dist: uniform, min: 10m, max: 2h }
    tier: urgent
surges:
  - { start: 20h, rampUp: 1h, duration: 4h, rampDown: 2h, volume: +63%, sentiment: { negative: 0.21, neutral: 0.79 } }
tiers:
  urgent: { firstResponse: 30m }
  standard: { firstResponse: 2h }
teams:
  day:
    concurrency: 3
    schedule: [{ at: "07:00", agents: 4 }, { at: "19:00", agents: 1 }]
  urgent: { agents: 1, tiers: [urgent] }
routing: { policy: priority }
`);
    const results = await replicate(scenario);
    const window = scenario.horizon - scenario.warmup;
    for (const r of results) {
      for (let scope = 0; scope < 5; scope++) {
        const arrivals = field(r, Field.arrivals, scope);
        expect(arrivals).toBeGreaterThan(0);
        // Conservation: every measured arrival was answered, abandoned, or is still waiting.
        expect(field(r, Field.answered, scope) + field(r, Field.abandoned, scope) + field(r, Field.unanswered, scope)).toBe(arrivals);
        const L = field(r, Field.backlogArea, scope) / window;
        const lambdaW = field(r, Field.waitAllSum, scope) / window;
        // Boundary effects (waits straddling the window edges) stay small against the total.
        expect(Math.abs(L - lambdaW) / L, `scope ${scope}`).toBeLessThan(0.05);
      }
    }
  });
});
