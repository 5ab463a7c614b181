/**
 * The result documents the library builds for the CLI: key order is part of
 * the file format (toJson keeps construction order), so it is checked here.
 */
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import {
  calibratedOverlay,
  calibrationDocument,
  calibrationTextReport,
  careloadVersion,
  compareDocument,
  parseScenario,
  runIdOfScenario,
  runRecord,
  scenarioHash,
  SCHEMA_VERSION,
  summarize,
  summaryDocument,
  type CalibrationResult,
  type Comparison,
} from '../../src/index.js';

const scenario = parseScenario(`
name: docs
horizon: 12h
warmup: 2h
replications: 3
seed: 9
channels:
  chat:
    rate: 20/h
    handleTime: { dist: exponential, mean: 4m }
tiers:
  standard: { firstResponse: 5m }
teams:
  care: { agents: 3 }
`, 'docs.yaml');

describe('summaryDocument', () => {
  it('marks a run stopped early with a last key, partial', () => {
    const summary = summarize(scenario, []);
    const whole = summaryDocument(scenario, summary);
    expect(Object.keys(whole).slice(0, 6)).toEqual(['schemaVersion', 'runId', 'scenario', 'seed', 'window', 'routing']);
    expect(whole).not.toHaveProperty('partial');
    const stopped = summaryDocument(scenario, summary, { done: 1, total: 3 });
    expect(Object.keys(stopped)).toEqual([...Object.keys(whole), 'partial']);
    expect(stopped.partial).toEqual({ done: 1, total: 3 });
  });
});

describe('runRecord', () => {
  const startedAt = new Date('2025-01-02T03:04:05.000Z');
  const input = { startedAt, finishedAt: new Date(startedAt.getTime() + 1500), workers: 2, scenarioFile: 'docs.yaml', scenario, overrides: ['seed=3'], overlays: ['o.yaml'] };

  it('records version, platform, timing and inputs, in that order', () => {
    const record = runRecord(input);
    expect(record).toEqual({
      schemaVersion: SCHEMA_VERSION,
      runId: runIdOfScenario(scenario),
      careloadVersion: careloadVersion(),
      node: process.version,
      startedAt: '2025-01-02T03:04:05.000Z',
      durationSeconds: 1.5,
      workers: 2,
      scenarioFile: 'docs.yaml',
      scenario: { name: scenario.name, hash: scenarioHash(scenario), source: scenario.source },
      overrides: ['seed=3'],
      overlays: ['o.yaml'],
    });
    expect(Object.keys(record)).toEqual(['schemaVersion', 'runId', 'careloadVersion', 'node', 'startedAt', 'durationSeconds', 'workers', 'scenarioFile', 'scenario', 'overrides', 'overlays']);
  });

  it('says where a stopped run stopped, last', () => {
    const record = runRecord({ ...input, stoppedEarly: { done: 2, total: 5 } });
    expect(Object.keys(record).at(-1)).toBe('stoppedAfter');
    expect(record.stoppedAfter).toEqual({ done: 2, total: 5 });
    expect(runRecord({ ...input, stoppedEarly: null })).not.toHaveProperty('stoppedAfter');
  });

  it('records --set-new overrides beside --set ones, only when there are any', () => {
    const record = runRecord({ ...input, newOverrides: ['teams.night.agents=4'] });
    expect(record.newOverrides).toEqual(['teams.night.agents=4']);
    expect(Object.keys(record).indexOf('newOverrides')).toBe(Object.keys(record).indexOf('overrides') + 1);
    expect(runRecord({ ...input, newOverrides: [] })).not.toHaveProperty('newOverrides');
  });
});

describe('compareDocument', () => {
  it('heads the comparison with what produced it', () => {
    const comparison: Comparison = { metrics: [{ key: 'overall.slaAttainment', better: 'higher' }], variants: [], differences: [] };
    const doc = compareDocument(scenario, comparison);
    expect(Object.keys(doc)).toEqual(['schemaVersion', 'scenario', 'seed', 'replications', 'metrics', 'variants', 'differences']);
    expect(doc).toMatchObject({ schemaVersion: SCHEMA_VERSION, scenario: { name: 'docs', hash: scenarioHash(scenario) }, seed: 9, replications: 3 });
    expect(doc.metrics).toBe(comparison.metrics);
  });
});

describe('calibration documents', () => {
  const result: CalibrationResult = {
    scenario,
    evaluations: 7,
    kpis: [
      { metric: 'recoveryNegative', observed: 0.43, simulated: { mean: 0.431, ci95: [0.42, 0.44] }, parameter: 'outcomes.positive.negative', fitted: -0.25, note: null },
      { metric: 'slaAttainment', observed: 0.8, simulated: { mean: 0.7, ci95: [0.68, 0.72] }, parameter: null, fitted: null, note: 'no outcome parameter moves it' },
    ],
    fitted: [
      { path: ['outcomes', 'positive', 'negative'], value: -0.25 },
      { path: ['csat', 'bias'], value: 0.5 },
    ],
    notWritten: [],
  };
  const observations = [{ metric: 'recoveryNegative', value: 0.43 }, { metric: 'slaAttainment', value: 0.8 }];

  it('calibration.json: the scenario as run, the search and its fit', () => {
    const doc = calibrationDocument(scenario, result);
    expect(Object.keys(doc)).toEqual(['scenario', 'seed', 'replications', 'window', 'evaluations', 'kpis', 'fitted', 'notWritten']);
    expect(doc).toMatchObject({ scenario: 'docs', seed: 9, replications: 3, window: { from: 7200, to: 43200 }, evaluations: 7 });
  });

  it('calibrated.yaml: the fitted values as a nested overlay under a header naming how to use it', () => {
    const text = calibratedOverlay(scenario, observations, result, 'scenarios/docs.yaml');
    const header = text.split('\n').filter((l) => l.startsWith('#'));
    expect(header).toEqual([
      '# careload calibrate: docs, seed 9, 3 replications, window 2h to 12h',
      '# observed: recoveryNegative=0.43, slaAttainment=0.8',
      '# use with: careload run scenarios/docs.yaml --overlay calibrated.yaml, or copy these keys into the scenario',
    ]);
    expect(parse(text)).toEqual({ outcomes: { positive: { negative: -0.25 } }, csat: { bias: 0.5 } });
  });

  it('calibrated.yaml: the usage command names the overlay where it was written, with the load flags given, quoted for a shell', () => {
    const text = calibratedOverlay(scenario, observations, result, 'my scenarios/docs.yaml', {
      overlayFile: 'results/docs/calibrated.yaml',
      loadArgs: ['--set', 'teams.a.agents=5', '--set', "name=it's"],
    });
    expect(text).toContain("# use with: careload run 'my scenarios/docs.yaml' --set teams.a.agents=5 --set 'name=it'\\''s' --overlay results/docs/calibrated.yaml (from the folder calibrate ran in), or copy these keys into the scenario\n");
  });

  it('calibrated.yaml: a parameter whose KPI was out of reach is not written, and the header says so', () => {
    const missed: CalibrationResult = { ...result, fitted: [{ path: ['csat', 'bias'], value: 0.5 }], notWritten: [{ path: ['outcomes', 'positive', 'negative'], metric: 'recoveryNegative', kept: 0.3 }] };
    const text = calibratedOverlay(scenario, observations, missed, 'docs.yaml');
    expect(parse(text)).toEqual({ csat: { bias: 0.5 } });
    expect(text).toContain("# not written: outcomes.positive.negative (recoveryNegative out of reach; the scenario's 0.3 is kept)\n");
    expect(calibrationTextReport(scenario, missed)).toContain("recoveryNegative is out of reach: outcomes.positive.negative is not written to the overlay (the scenario's 0.3 is kept)\n");
  });

  it('the text report: a title, then one row per KPI with its note', () => {
    const lines = calibrationTextReport(scenario, result).split('\n');
    expect(lines[0]).toBe('careload calibrate: docs over 2h to 12h (7 simulation runs of 3 replications)');
    expect(lines[2].split(/\s{2,}/)).toEqual(['KPI', 'observed', 'simulated', 'parameter', 'note']);
    expect(lines[4]).toMatch(/^recoveryNegative\s+43\.0%\s+43\.1% ±1\.0\s+outcomes\.positive\.negative = -0\.25\s+matched \(inside the 95% interval\)$/);
    expect(lines[5]).toMatch(/^slaAttainment\s+80\.0%\s+70\.0% ±2\.0\s+-\s+no outcome parameter moves it$/);
    expect(lines.at(-1)).toBe('');
  });
});
