import { describe, expect, it } from 'vitest';
import { Engine } from '../../src/core/engine.js';
import { loadScenario, Simulation } from '../../src/index.js';

describe('progress within a replication (issue 12, item 10)', () => {
  it('the engine stops after maxEvents and carries on exactly where it stopped', () => {
    const seen: number[] = [];
    const engine = new Engine();
    for (let i = 0; i < 10; i++) engine.schedule(i, 0, i);
    const handler = { handle: (_kind: number, a: number) => void seen.push(a) };
    engine.run(handler, Infinity, 4);
    expect(seen).toEqual([0, 1, 2, 3]);
    expect(engine.now).toBe(3);
    engine.run(handler, 7.5, 100);
    expect(seen).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(engine.now).toBe(7.5);
  });

  it('reports at least every progressEvents events, and the results do not change', () => {
    const scenario = loadScenario('scenarios/swisscom-outage.yaml', { set: ['replications=1'] });
    const plain = new Simulation(scenario, 0).run();
    const reports: number[] = [];
    const chunked = new Simulation(scenario, 0).run(undefined, (_t, events) => reports.push(events), 100);
    expect(chunked).toEqual(plain);
    // Never more than 100 events between two reports (1/100 of the horizon may come sooner).
    const gaps = reports.map((e, i) => e - (i === 0 ? 0 : reports[i - 1]));
    expect(Math.max(...gaps)).toBeLessThanOrEqual(100);
    expect(reports.length).toBeGreaterThanOrEqual(Math.floor(plain.events / 100));
  });
});
