/**
 * The HTML report as a library function (issue 16): pure rendering of a
 * run's documents into one self-contained page; down-sampling and interval
 * bands that keep to what the data say.
 */
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  downsample,
  downsampleFactor,
  intervalBand,
  loadScenario,
  replicationSeries,
  replicationValuesDocument,
  renderHtmlReport,
  reportAssets,
  runReplications,
  summarize,
  summaryDocument,
  judgeThresholds,
} from '../../src/index.js';

const SCENARIOS = resolve(import.meta.dirname, '../../scenarios');

describe('down-sampling and bands', () => {
  it('keeps short series whole and averages long ones in groups, nulls left out', () => {
    expect(downsampleFactor(400)).toBe(1);
    expect(downsampleFactor(401)).toBe(2);
    expect(downsample([1, 3, null, 5, 7], 2)).toEqual([2, 5, 7]);
    expect(downsample([null, null], 2)).toEqual([null]);
  });

  it('a band is the Student-t interval of the mean at each point, cut at zero, absent with one replication', () => {
    const band = intervalBand([[1, 10], [3, 10]], 1)!;
    // mean 2, sd sqrt(2), t(0.975, 1) = 12.706: 2 ± 12.706 * sqrt(2) / sqrt(2)
    expect(band.hi[0]).toBeCloseTo(2 + 12.706, 2);
    expect(band.lo[0]).toBe(0);
    expect(band.lo[1]).toBeCloseTo(10, 9);
    expect(band.hi[1]).toBeCloseTo(10, 9);
    expect(intervalBand([[1, 2]], 1)).toBeUndefined();
  });
});

describe('renderHtmlReport', () => {
  it('renders a run into one page with everything inline: data, uPlot, script; figures in tables', async () => {
    const scenario = { ...loadScenario(join(SCENARIOS, 'mmc-validation.yaml'), { set: ['horizon=200h'] }), replications: 3 };
    const results = await runReplications(scenario, { workers: 1 });
    const summary = summaryDocument(scenario, summarize(scenario, results), null, judgeThresholds(scenario, results));
    const replications = replicationValuesDocument(scenario, results);
    const html = renderHtmlReport({ run: { summary, replications }, careloadVersion: '9.9.9' }, reportAssets());
    // Self-contained: no external script, style or image.
    expect(html).not.toMatch(/<script[^>]+src=/);
    expect(html).not.toMatch(/<link[^>]+href=/);
    expect(html).not.toMatch(/(src|href)\s*=\s*["']?https?:/i);
    expect(html).not.toMatch(/url\(\s*["']?https?:|@import/i);
    expect(html).toContain(reportAssets().script.slice(0, 200));
    // The header and the verdict line.
    expect(html).toContain('mmc-validation');
    expect(html).toContain(summary.scenario.hash);
    expect(html).toMatch(/Thresholds: \d+ passed, \d+ failed, \d+ inconclusive/);
    // The key figure carries summary.json's exact value.
    expect(html).toContain(`data-value="${summary.overall.slaAttainment.mean}" data-unit="share" data-path="overall.slaAttainment.mean"`);
    // The charts' data is inline and the bands come from the per-replication series.
    const charts = JSON.parse(/<script type="application\/json" id="careload-charts">(.*?)<\/script>/s.exec(html)![1]) as { id: string; series: { band?: unknown }[] }[];
    expect(charts.map((c) => c.id)).toEqual(['run-arrivals', 'run-backlog', 'run-sla', 'run-occupancy', 'run-sentiment']);
    expect(charts.every((c) => c.series.some((s) => s.band !== undefined))).toBe(true);
    // Print: one page per section, charts kept whole.
    expect(html).toMatch(/<main data-print-pages="\d+">/);
    expect(html).toContain('break-inside: avoid');
    expect(html).toContain('prefers-color-scheme: dark');
  });

  it('per-replication series average to summary.json\'s time series', async () => {
    const scenario = { ...loadScenario(join(SCENARIOS, 'mmc-validation.yaml'), { set: ['horizon=100h'] }), replications: 3 };
    const results = await runReplications(scenario, { workers: 1 });
    const rows = summarize(scenario, results).timeseries.rows;
    const series = replicationSeries(scenario, results);
    rows.forEach((row, b) => {
      const mean = (key: string) => series[key].reduce((s, r) => s + (r[b] ?? 0), 0) / results.length;
      expect(mean('arrivals')).toBeCloseTo(row.arrivals, 9);
      expect(mean('backlog')).toBeCloseTo(row.backlog, 9);
      expect(mean('agentsOnShift')).toBeCloseTo(row.agentsOnShift, 9);
    });
  });

  it('refuses to render nothing', () => {
    expect(() => renderHtmlReport({ careloadVersion: '1' }, reportAssets())).toThrow(/nothing to render/);
  });
});
