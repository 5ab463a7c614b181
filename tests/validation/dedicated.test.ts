import { describe, it } from 'vitest';
import { erlangCMeanWait, erlangCServiceLevel } from '../../src/theory/erlang.js';
import { expectWithinCI, field, Field, replicate, scenarioFrom } from './helpers.js';

/**
 * Dedicated routing without overflow splits one operation into independent
 * queues: each team serves only what it is dedicated to, so each tier must
 * behave as its own M/M/N queue (Erlang C), whatever the other team does.
 */
describe('dedicated teams without overflow = independent Erlang C queues', () => {
  it('each tier matches Erlang C for its own team', async () => {
    const scenario = scenarioFrom(`
horizon: 1500h
warmup: 20h
replications: 20
seed: 13
report: { interval: 100h }
channels:
  vip: { rate: 60/h, handleTime: { dist: exponential, mean: 4m }, tier: gold }
  mass: { rate: 200/h, handleTime: { dist: exponential, mean: 3m }, tier: basic }
tiers:
  gold: { firstResponse: 30s }
  basic: { firstResponse: 20s }
teams:
  gold-team: { agents: 6, dedicated: { tiers: [gold] } }
  pool: { agents: 14 }
routing: { policy: dedicated }
`);
    const results = await replicate(scenario);
    // Scopes: 0 overall, 1-2 channels, 3 gold, 4 basic.
    const cases = [
      { scope: 3, agents: 6, load: 60 * 4 / 60, aht: 240, target: 30 },
      { scope: 4, agents: 14, load: 200 * 3 / 60, aht: 180, target: 20 },
    ];
    for (const c of cases) {
      expectWithinCI(`scope ${c.scope} mean wait (s)`, results.map((r) => field(r, Field.waitSum, c.scope) / field(r, Field.answered, c.scope)),
        erlangCMeanWait(c.agents, c.load, c.aht));
      expectWithinCI(`scope ${c.scope} SL(${c.target}s)`, results.map((r) => field(r, Field.pickupHits, c.scope) / field(r, Field.arrivals, c.scope)),
        erlangCServiceLevel(c.agents, c.load, c.aht, c.target));
    }
  });
});
