/**
 * README.md's metric glossary names every metric summary.json holds, each
 * in a row of its own (what it counts, from when to when, what it leaves
 * out), and says what the code computes where the two could disagree.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { simulateReplication } from '../../src/model/simulation.js';
import { SCOPE_METRIC_NAMES, summarize, TEAM_METRIC_NAMES } from '../../src/metrics/summary.js';
import { parseScenario } from '../../src/scenario/load.js';

const README = readFileSync(join(resolve(import.meta.dirname, '../..'), 'README.md'), 'utf8');

/** The glossary: from its heading to the next heading of its level or above. */
function glossary(): string {
  const start = README.indexOf('\n### Metric glossary\n');
  expect(start, 'README.md has a "### Metric glossary" section').toBeGreaterThan(0);
  const rest = README.slice(start + 1);
  const end = rest.slice(4).search(/\n#{1,3} /);
  return end < 0 ? rest : rest.slice(0, end + 4);
}

/** The first cell of every table row of a glossary table whose header starts `| metric | counts |`, split into the metric names it lists. */
function rowsOf(text: string, heading: string): Map<string, string> {
  const at = text.indexOf(heading);
  expect(at, heading).toBeGreaterThanOrEqual(0);
  const lines = text.slice(at).split('\n');
  const table = lines.slice(lines.findIndex((l) => l.startsWith('| metric | counts |')));
  const rows = new Map<string, string>();
  for (const line of table.slice(2)) {
    if (!line.startsWith('|')) break;
    const [first, ...cells] = line.slice(1).split(' | ');
    for (const name of first.match(/`[^`]+`/g) ?? []) rows.set(name.slice(1, -1), cells.join(' | '));
  }
  return rows;
}

describe('README metric glossary', () => {
  const text = glossary();

  it('has a row for every scope metric and every team metric, with what it counts, from when to when and what it leaves out', () => {
    const scope = rowsOf(text, 'Scope metrics');
    const team = rowsOf(text, 'Team metrics');
    expect([...scope.keys()].sort()).toEqual([...SCOPE_METRIC_NAMES].sort());
    expect([...team.keys()].sort()).toEqual([...TEAM_METRIC_NAMES].sort());
    const header = text.split('\n').filter((l) => l.startsWith('| metric |'));
    expect(header).toEqual(['| metric | counts | from → to | leaves out |', '| metric | counts | from → to | leaves out |']);
  });

  it('names every other key of summary.json: the time-series row fields and the run-wide figures', () => {
    const sc = parseScenario('horizon: 4h\nreplications: 1\nchannels:\n  chat: { rate: 10/h, handleTime: { dist: exponential, mean: 5m } }\nteams:\n  desk: { agents: 2 }\n', 'g.yaml');
    const summary = summarize(sc, [simulateReplication(sc, 0)]);
    for (const key of [...Object.keys(summary.timeseries.rows[0]), 'sentimentTransitions', 'events']) expect(text, key).toMatch(new RegExp('`' + key + '[`.]'));
  });

  it('says what the code does where a reader could guess wrong', () => {
    const scope = rowsOf(text, 'Scope metrics');
    // waitMeanAll: answered and abandoned only (src/metrics/summary.ts), not every arrival.
    expect(scope.get('waitMeanAll')).toMatch(/deflected/);
    expect(scope.get('waitMeanAll')).toMatch(/still waiting/);
    expect(scope.get('waitMeanAll')).not.toMatch(/over all arrivals/);
    expect(scope.get('waitMean')).toMatch(/assignment/);
    expect(scope.get('slaAttainment')).toMatch(/posted/);
    expect(scope.get('slaAttainment')).toMatch(/composing/);
    expect(scope.get('pickupWithinTarget')).toMatch(/classic/);
  });
});
