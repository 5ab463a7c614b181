/**
 * The fit round trip: export 100,000+ conversations simulated from a known
 * scenario (tests/fixtures/fit), fit a scenario to the export, and recover
 * every parameter within 5%, or within 4 standard errors where the data
 * cannot pin it to 5%; the right distribution family is chosen; the
 * scenario written loads and carries the fit.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { exportConversations, fitExport, fitScenarioText, loadScenario, parseScenario, readExport, type FitEstimate, type FitResult, type Scenario } from '../../src/index.js';

const FIXTURES = resolve(import.meta.dirname, '../fixtures/fit');
const dir = mkdtempSync(join(tmpdir(), 'careload-fit-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Within 5% of the truth, or within 4 standard errors where 5% is tighter than the data allows. */
function recovered(fitted: FitEstimate | undefined | null, truth: number, what: string): void {
  expect(fitted, what).toBeTruthy();
  const tolerance = Math.max(0.05 * Math.abs(truth), 4 * fitted!.se);
  expect(Number.isFinite(fitted!.se), `${what}: standard error`).toBe(true);
  expect(Math.abs(fitted!.value - truth), `${what}: fitted ${fitted!.value} (se ${fitted!.se}), truth ${truth}`).toBeLessThanOrEqual(tolerance);
}

async function roundTrip(fixture: string): Promise<{ scenario: Scenario; fit: FitResult; conversations: number }> {
  const scenario = loadScenario(join(FIXTURES, fixture));
  const out = join(dir, fixture.replace('.yaml', '.csv'));
  const { conversations } = exportConversations(scenario, { out });
  const fit = fitExport(await readExport(out));
  return { scenario, fit, conversations };
}

function shareOf(mix: { names: string[]; shares: FitEstimate[] } | null, name: string): FitEstimate | undefined {
  return mix?.shares[mix.names.indexOf(name)];
}

describe('fit round trip', () => {
  it('a flat channel with exponential handle times and exponential patience (censored by pickup)', async () => {
    const { scenario, fit, conversations } = await roundTrip('flat-exponential.yaml');
    expect(conversations).toBeGreaterThanOrEqual(100_000);
    const [ch] = fit.channels;
    recovered(ch.arrivals.rate, scenario.channels[0].rate, 'rate');
    expect(ch.arrivals.profile).toBeNull();
    expect(ch.arrivals.weekdays).toBeNull();
    expect(ch.surges).toEqual([]);
    expect(ch.handleTime!.chosen.family).toBe('exponential');
    recovered(ch.handleTime!.chosen.mean, 180, 'handleTime mean');
    expect(ch.patience!.chosen.family).toBe('exponential');
    recovered(ch.patience!.chosen.mean, 300, 'patience mean');
    // Abandoners alone are the impatient ones: their mean wait is far below the mean patience.
    expect(ch.abandonersMeanWait!).toBeLessThan(0.5 * 300);
    expect(Math.abs(ch.abandonersMeanWait! - 300)).toBeGreaterThan(4 * ch.patience!.chosen.mean.se + 0.05 * 300);
    for (const [name, share] of Object.entries(scenario.channels[0].sentiment) as [string, number][]) recovered(shareOf(ch.sentiment, name), share, `sentiment ${name}`);
    expect(ch.turns!.spec).toEqual({ dist: 'constant', value: 1 });
  });

  it('a dated two weeks: 24-hour and weekday profiles, lognormal handle times, geometric turns, topics and one surge', async () => {
    const { scenario, fit, conversations } = await roundTrip('weekly-lognormal.yaml');
    expect(conversations).toBeGreaterThanOrEqual(100_000);
    expect(fit.dated).toBe(true);
    expect(fit.origin).toBe(scenario.calendar!.epoch);
    expect(fit.horizon).toBe(scenario.horizon);
    const truth = scenario.channels[0];
    const [ch] = fit.channels;
    recovered(ch.arrivals.rate, truth.rate, 'rate');
    const profile = ch.arrivals.profile!;
    truth.profile!.forEach((w, h) => recovered({ value: profile.weights[h], se: profile.se[h], low: 0, high: 0 }, w, `profile hour ${h}`));
    const weekdays = ch.arrivals.weekdays!;
    truth.weekdays!.forEach((w, d) => recovered({ value: weekdays.weights[d], se: weekdays.se[d], low: 0, high: 0 }, w, `weekday ${d}`));
    expect(ch.surges).toHaveLength(1);
    const [surge] = ch.surges;
    const [trueSurge] = scenario.surges;
    expect([surge.start, surge.duration]).toEqual([trueSurge.start, trueSurge.duration]);
    recovered(surge.volume, trueSurge.volume, 'surge volume');
    for (const [name, share] of Object.entries(trueSurge.sentiment!) as [string, number][]) recovered(shareOf(surge.sentiment, name), share, `surge sentiment ${name}`);
    expect(ch.handleTime!.chosen.family).toBe('lognormal');
    recovered(ch.handleTime!.chosen.mean, 240, 'handleTime mean');
    recovered(ch.handleTime!.chosen.sd, 120, 'handleTime sd');
    expect(ch.turns!.spec.dist).toBe('geometric');
    recovered(ch.turns!.mean, 2, 'turns mean');
    scenario.topics.forEach((topic, i) => recovered(shareOf(ch.topics, topic), truth.topics![i], `topic ${topic}`));
    for (const [name, share] of Object.entries(truth.sentiment) as [string, number][]) recovered(shareOf(ch.sentiment, name), share, `sentiment ${name}`);
    expect(ch.patience).toBeNull();

    // The scenario written loads, and carries the fit.
    const written = parseScenario(fitScenarioText(fit, 'refit'), 'refit.yaml');
    expect(written.calendar).toEqual(scenario.calendar);
    expect(written.channels[0].weekdays).toHaveLength(7);
    expect(written.channels[0].handleTime.dist).toBe('lognormal');
    expect(written.surges.map((s) => [s.start, s.duration])).toEqual([[trueSurge.start, trueSurge.duration]]);
    expect(written.surges[0].sentiment!.negative).toBeCloseTo(surge.sentiment!.shares[0].value, 3);
  });

  it('gamma handle times and lognormal patience', async () => {
    const { fit, conversations } = await roundTrip('flat-gamma.yaml');
    expect(conversations).toBeGreaterThanOrEqual(100_000);
    const [ch] = fit.channels;
    expect(ch.handleTime!.chosen.family).toBe('gamma');
    recovered(ch.handleTime!.chosen.mean, 300, 'handleTime mean');
    recovered(ch.handleTime!.chosen.sd, 180, 'handleTime sd');
    expect(ch.patience!.chosen.family).toBe('lognormal');
    recovered(ch.patience!.chosen.mean, 600, 'patience mean');
    recovered(ch.patience!.chosen.sd, 480, 'patience sd');
    expect(ch.abandonersMeanWait!).toBeLessThan(0.5 * 600);
  });
});
