import { describe, expect, it } from 'vitest';
import { parseScenario, scenarioHash, ScenarioError } from '../../src/index.js';

const FILE = 'scenario.yaml';

function text(startsAt: string, weekdays: string | null): string {
  return `horizon: 14d
startsAt: ${JSON.stringify(startsAt)}
channels:
  chat:
    rate: 10/h
${weekdays === null ? '' : `    weekdays: ${weekdays}\n`}    handleTime: { dist: exponential, mean: 3m }
teams:
  agents: { agents: 2 }
`;
}

function problems(t: string): string[] {
  try {
    parseScenario(t, FILE);
    return [];
  } catch (e) {
    return (e as ScenarioError).problems.map((p) => `${p.where} ${p.path}: ${p.message}`);
  }
}

describe('channels.<name>.weekdays', () => {
  it('resolves 7 weights to mean 1, Monday first', () => {
    const sc = parseScenario(text('2026-03-02T00:00:00+01:00', '[2, 2, 2, 2, 2, 1, 1]'), FILE);
    const w = sc.channels[0].weekdays!;
    expect(w).toHaveLength(7);
    expect(w.reduce((s, x) => s + x, 0) / 7).toBeCloseTo(1, 12);
    expect(w[0] / w[6]).toBeCloseTo(2, 12);
  });

  it('needs a dated startsAt, and 7 weights, each a located error', () => {
    expect(problems(text('08:00', '[1, 1, 1, 1, 1, 1, 1]'))).toEqual([
      expect.stringMatching(/^scenario\.yaml:6:5 channels\.chat\.weekdays: needs a dated startsAt/),
    ]);
    expect(problems(text('2026-03-02T00:00:00+01:00', '[1, 1, 1]'))).toEqual([
      expect.stringMatching(/^scenario\.yaml:6:5 channels\.chat\.weekdays: expected 7 weekday weights >= 0 \(Monday first\), got a list of 3$/),
    ]);
    expect(problems(text('2026-03-02T00:00:00+01:00', '[0, 0, 0, 0, 0, 0, 0]'))[0]).toMatch(/at least one weight > 0/);
  });

  it('leaves the hash of a channel without weekdays unchanged', () => {
    const plain = parseScenario(text('08:00', null), FILE);
    expect('weekdays' in plain.channels[0]).toBe(false);
    const flat = parseScenario(text('2026-03-02T00:00:00+01:00', '[1, 1, 1, 1, 1, 1, 1]'), FILE);
    expect(scenarioHash(flat)).not.toBe(scenarioHash(parseScenario(text('2026-03-02T00:00:00+01:00', null), FILE)));
  });
});
