import { describe, expect, it } from 'vitest';
import { ChannelLoad } from '../../src/model/load-curve.js';
import { SurgeIndex } from '../../src/model/surge-index.js';
import { simulateReplication } from '../../src/model/simulation.js';
import { parseScenario } from '../../src/scenario/load.js';
import { surgeWeight } from '../../src/scenario/surges.js';
import type { Channel, Surge } from '../../src/scenario/types.js';

const HOUR = 3600;

/** n surges of 50 minutes each, one every `every` seconds from 1 h. */
function surges(n: number, every = 2 * HOUR): Surge[] {
  return Array.from({ length: n }, (_, i): Surge => ({
    name: `surge${i + 1}`,
    start: HOUR + i * every,
    rampUp: 600,
    duration: 1800,
    rampDown: 600,
    volume: 1.5 + (i % 7) / 10,
    channels: [0],
    sentiment: i % 3 === 0 ? { negative: 0.5, neutral: 0.3, positive: 0.2 } : null,
    brands: null,
    topics: null,
  }));
}

const channel = { rate: 20 / HOUR, profile: null, brands: null, topics: null, sentiment: { negative: 0.1, neutral: 0.6, positive: 0.3 } } as unknown as Channel;

/** The rate as it was computed before the index: a loop over every surge. */
function rateOverAll(all: readonly Surge[], t: number): number {
  let factor = 1;
  for (const s of all) factor += (s.volume - 1) * surgeWeight(s, t);
  return channel.rate * (factor > 0 ? factor : 0);
}

describe('surges cost linear in their count (issue 12, item 9)', () => {
  it('the index holds one entry per surge when surges do not overlap, however many there are', () => {
    for (const n of [10, 100, 1000]) expect(new SurgeIndex(surges(n)).size).toBe(n);
  });

  it('overlapping surges are listed where they overlap (entries grow with the overlap, not with n squared)', () => {
    // Each surge lasts 50 min and one starts every 30 min: at most two at a time.
    const index = new SurgeIndex(surges(1000, 1800));
    expect(index.size).toBeLessThanOrEqual(3 * 1000);
  });

  it('gives bit for bit the rate and sentiment of a loop over every surge, in any lookup order', () => {
    const all = surges(300, 1500);
    const load = new ChannelLoad(channel, 0, all, 0);
    const end = HOUR + 300 * 1500 + HOUR;
    const times = Array.from({ length: 5000 }, (_, i) => (i * end) / 5000);
    // Forward, then shuffled by a fixed stride (lookups that jump about).
    const jumbled = times.map((_, i) => times[(i * 2654435761) % times.length]);
    const out = new Float64Array(2);
    for (const t of [...times, ...jumbled, all[5].start, all[5].start + 3000, 1e12]) {
      expect(load.rate(t)).toBe(rateOverAll(all, t));
      load.sentimentThresholds(t, out);
      let neg = channel.sentiment.negative;
      let neu = channel.sentiment.neutral;
      for (const s of all) {
        const w = surgeWeight(s, t);
        if (s.sentiment === null || w === 0) continue;
        neg += w * (s.sentiment.negative - neg);
        neu += w * (s.sentiment.neutral - neu);
      }
      expect([out[0], out[1]]).toEqual([neg, neg + neu]);
    }
  });

  it('a scenario with 1,000 surges simulates in seconds (over 40 s before)', () => {
    let text = `
name: many-surges
horizon: 2000h
replications: 1
channels:
  chat: { rate: 20/h, handleTime: { dist: exponential, mean: 3m } }
tiers:
  standard: { firstResponse: 5m }
teams:
  agents: { agents: 3 }
surges:
`;
    for (let i = 0; i < 1000; i++) text += `  - { start: ${2 * i + 1}h, rampUp: 10m, duration: 30m, rampDown: 10m, volume: +50% }\n`;
    const started = performance.now();
    const scenario = parseScenario(text, 'many-surges.yaml');
    const result = simulateReplication(scenario, 0);
    // About 2 s on an idle 2-core machine; 45 s before the index.
    expect(performance.now() - started).toBeLessThan(20_000);
    expect(result.events).toBeGreaterThan(0);
  });
});
