/**
 * Output cost proportional to what is asked (issue 14): summary.json of
 * every shipped scenario stays under 1 MB. Its size follows the time series
 * and the scopes, not the replication count (means and intervals, not
 * per-replication values: those go to replications.json), so two
 * replications of each stand for its full run.
 */
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findScenarios, loadScenario, runReplications, summarize, summaryDocument, toJson } from '../../src/index.js';

const SCENARIOS = resolve(import.meta.dirname, '../../scenarios');
const shipped = findScenarios([SCENARIOS]).scenarios;

describe('summary.json of the shipped scenarios', () => {
  it('finds the shipped scenarios', () => {
    expect(shipped.map((f) => f.replace(/^.*[\\/]/, ''))).toEqual(expect.arrayContaining(['mmc-validation.yaml', 'swisscom-outage.yaml']));
  });

  it.each(shipped.map((f) => [f.replace(/^.*[\\/]/, ''), f]))('%s: under 1 MB', async (_name, file) => {
    const scenario = { ...loadScenario(join(file)), replications: 2 };
    const results = await runReplications(scenario, { workers: 1 });
    const bytes = Buffer.byteLength(toJson(summaryDocument(scenario, summarize(scenario, results))));
    expect(bytes).toBeGreaterThan(1000);
    expect(bytes).toBeLessThan(2 ** 20);
  });
});
