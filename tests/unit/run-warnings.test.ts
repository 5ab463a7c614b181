import { describe, expect, it } from 'vitest';
import { DEFAULT_REPORT_ROWS, defaultReportInterval, loadScenario, MAX_REPORT_ROWS, parseScenario, runWarnings, ScenarioError, summarize, summaryDocument, simulateReplication } from '../../src/index.js';

const scenario = (extra: string, horizon = '100h', agents = 14) => `
name: warn
horizon: ${horizon}
replications: 2
${extra}
channels:
  chat: { rate: 200/h, handleTime: { dist: exponential, mean: 3m } }
tiers:
  standard: { firstResponse: 5m }
teams:
  agents: { agents: ${agents} }
`;

describe('time-series rows are bounded (issue 12, item 7)', () => {
  it('coarsens the default interval of a long run and says so', () => {
    const s = parseScenario(scenario('', '250000h'), 'w.yaml');
    // 250,000 h in at most 1,000 rows: past the 7-day step, whole days (11 d: 947 rows).
    expect(s.report.interval).toBe(11 * 86400);
    expect(Math.ceil(s.horizon / s.report.interval)).toBeLessThanOrEqual(DEFAULT_REPORT_ROWS);
    expect(DEFAULT_REPORT_ROWS).toBeLessThan(MAX_REPORT_ROWS);
    const notes = runWarnings(s).filter((w) => w.kind === 'interval');
    expect(notes).toHaveLength(1);
    expect(notes[0].message).toMatch(/^report\.interval defaults to 11d here, not 15m: 15m would make 1000000 rows of time series \(the default keeps to 1000\)/);
  });

  it('keeps 15 minutes (and says nothing) while it fits', () => {
    expect(defaultReportInterval(250 * 3600)).toBe(900);
    expect(defaultReportInterval(250 * 3600 + 1)).toBe(1800);
    expect(runWarnings(parseScenario(scenario('', '250h'), 'w.yaml'))).toEqual([]);
  });

  it('refuses an interval the file sets too fine, at its key, with the row count', () => {
    let error: unknown;
    try {
      parseScenario(scenario('report: { interval: 1m }', '2000h'), 'w.yaml');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ScenarioError);
    expect((error as ScenarioError).problems).toEqual([
      { where: 'w.yaml:5:21', path: 'report.interval', message: 'too fine for the horizon: 120000 intervals (at most 10000, each a row of the time series); use at least 12m' },
    ]);
  });

  it('gives no note when the file sets a coarse interval itself', () => {
    expect(runWarnings(parseScenario(scenario('report: { interval: 2d }', '250000h'), 'w.yaml'))).toEqual([]);
  });
});

describe('unstable at peak (issue 12, item 15)', () => {
  it('warns when the offered load stays above capacity: 10 Erlangs on 9 agents', () => {
    const s = parseScenario(scenario('', '100h', 9), 'w.yaml');
    const [w] = runWarnings(s);
    expect(w.kind).toBe('unstable');
    if (w.kind !== 'unstable') return;
    // 200/h arrive, 180/h are answered: the backlog grows 20 an hour for the whole run.
    expect(w.growthHours).toBe(100);
    expect(w.backlogAtHorizon).toBeCloseTo(2000, 6);
    expect(w.message).toMatch(/grows for 100 h \(d1 00:00 to d5 04:00\); about 2000 conversations wait at the horizon/);
    // In summary.json too, and only there when present.
    const results = [simulateReplication({ ...s, horizon: 20 * 3600 }, 0)];
    const short = { ...s, horizon: 20 * 3600 };
    expect(summaryDocument(s, summarize(short, results)).warnings?.[0].kind).toBe('unstable');
  });

  it('says nothing at 14 agents (utilisation 0.71), nor when customers abandon at an equilibrium', () => {
    expect(runWarnings(parseScenario(scenario('', '100h', 14), 'w.yaml'))).toEqual([]);
    const patient = parseScenario(scenario('', '100h', 9).replace('mean: 3m }', 'mean: 3m }, patience: { dist: exponential, mean: 30m }'), 'w.yaml');
    expect(runWarnings(patient)).toEqual([]);
  });

  it('warns of no shipped scenario: their peaks drain (outage surges) or come back to the same level each day (nights)', () => {
    for (const name of ['mmc-validation', 'orange-multibrand', 'swisscom-outage']) {
      const s = loadScenario(`scenarios/${name}.yaml`);
      expect(runWarnings(s), name).toEqual([]);
      expect(summaryDocument(s, summarize(s, [])), name).not.toHaveProperty('warnings');
    }
  });
});

describe('the default interval keeps output proportional (issue 14)', () => {
  it.each([
    [24, 900], [250, 900], [500, 1800], [1000, 3600], [2000, 7200], [8760, 43200], [20000, 86400], [200000, 9 * 86400],
  ])('a horizon of %i h defaults to %i s, at most 1,000 rows', (hours, interval) => {
    expect(defaultReportInterval(hours * 3600)).toBe(interval);
    expect(Math.ceil((hours * 3600) / interval)).toBeLessThanOrEqual(DEFAULT_REPORT_ROWS);
  });

  it('for any horizon, the default is the shortest step within the budget', () => {
    for (let hours = 1; hours <= 50_000; hours += 37) {
      const interval = defaultReportInterval(hours * 3600);
      expect(Math.ceil((hours * 3600) / interval)).toBeLessThanOrEqual(DEFAULT_REPORT_ROWS);
      if (interval > 900 && interval <= 7 * 86400) {
        // The step before it would have made too many rows.
        const steps = [15, 30, 60, 120, 180, 240, 360, 480, 720, 1440, 2880, 10080].map((m) => m * 60);
        const before = steps[steps.indexOf(interval) - 1];
        expect(Math.ceil((hours * 3600) / before)).toBeGreaterThan(DEFAULT_REPORT_ROWS);
      }
    }
  });
});
