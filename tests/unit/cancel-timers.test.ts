import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { ReplicationResult } from '../../src/metrics/recorder.js';
import { Simulation } from '../../src/model/simulation.js';
import { parseScenario } from '../../src/scenario/load.js';
import type { Scenario } from '../../src/scenario/types.js';

/** One replication, with the waiting timers cancelled as usual, or left in the heap to be skipped as stale (`keepStale`). */
function run(sc: Scenario, replication: number, keepStale: boolean): ReplicationResult {
  const sim = new Simulation(sc, replication);
  if (keepStale) sim.events.cancelWaitingTimers = () => {};
  return sim.run();
}

/** Cancelling only skips stale events: every result but the event count is the same as with them left in. */
function expectSameButEvents(sc: Scenario, replication: number): { cancelled: number } {
  const kept = run(sc, replication, true);
  const cancelled = run(sc, replication, false);
  expect(cancelled.events).toBeLessThanOrEqual(kept.events);
  expect({ ...cancelled, events: 0 }).toEqual({ ...kept, events: 0 });
  return { cancelled: kept.events - cancelled.events };
}

describe('cancelled waiting timers', () => {
  it('change nothing but the event count on the crisis scenario', () => {
    const file = fileURLToPath(new URL('../../scenarios/swisscom-outage.yaml', import.meta.url));
    const sc = parseScenario(readFileSync(file, 'utf8'), file);
    let cancelled = 0;
    for (const r of [0, 1]) cancelled += expectSameButEvents(sc, r).cancelled;
    // Most waiting conversations are picked up long before their patience runs out: many timers are cancelled.
    expect(cancelled).toBeGreaterThan(1000);
  });

  it('change nothing when the system empties before the horizon and only timers remain', () => {
    // No arrivals in the last hours of each day, long patience, overflow and follow-ups:
    // the run's end is set by timers of conversations answered long before (stale ones past the horizon, cancelled ones before).
    const sc = parseScenario(`
horizon: 20h
channels:
  chat:
    rate: 30/h
    profile: [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0]
    handleTime: { dist: exponential, mean: 3m }
    patience: { dist: lognormal, mean: 2h, sd: 1h }
    selfService: { share: 0.3, within: 2h }
    followUp: { after: 20m, probability: 0.3, channel: chat, max: 2, mergeTime: 1m }
tiers:
  standard: { firstResponse: 10m }
teams:
  a: { agents: 1, overflow: { after: 10m, to: b } }
  b: { agents: 1 }
`, 'timers.yaml');
    let cancelled = 0;
    for (let r = 0; r < 6; r++) cancelled += expectSameButEvents(sc, r).cancelled;
    expect(cancelled).toBeGreaterThan(0);
  });

  it('change nothing when only stale timers are left before the horizon (the run ends at the last of them)', () => {
    // Arrivals only in the first hour, patience far shorter than the horizon: the last events before the horizon are cancelled timers.
    const sc = parseScenario(`
horizon: 6h
channels:
  chat:
    rate: 40/h
    profile: [1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]
    handleTime: { dist: exponential, mean: 2m }
    patience: { dist: exponential, mean: 40m }
teams:
  a: { agents: 2 }
`, 'drain.yaml');
    let cancelled = 0;
    for (let r = 0; r < 6; r++) cancelled += expectSameButEvents(sc, r).cancelled;
    expect(cancelled).toBeGreaterThan(0);
  });
});
