import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { thresholdValues } from '../../src/check/evaluate.js';
import { recordedThresholdValues } from '../../src/check/recorded.js';
import { denseHistogram, HISTOGRAM_BUCKETS, sparseHistogram } from '../../src/metrics/histogram.js';
import { simulateReplication } from '../../src/model/simulation.js';
import { readReplicationValues, RecordedRunError, replicationValuesDocument, replicationValuesJson, type ReplicationValuesDocument } from '../../src/report/replications.js';
import { toJson } from '../../src/report/json.js';
import { parseScenario } from '../../src/scenario/load.js';

const scenario = parseScenario(
  `
name: recorded-thresholds
horizon: 30h
warmup: 2h
replications: 4
channels:
  chat: { rate: 30/h, handleTime: { dist: exponential, mean: 6m }, brands: { a: 0.7, b: 0.3 } }
  mail: { rate: 12/h, handleTime: 10m, patience: { dist: exponential, mean: 20m } }
tiers:
  urgent: { firstResponse: 10m }
  standard: { firstResponse: 1h }
triage:
  - { when: { channel: mail }, tier: urgent }
teams:
  desk: { agents: 4 }
report:
  windows: { early: { from: 2h, to: 12h } }
thresholds:
  firstResponse: ['avg < 1h', 'med < 1h', 'p(90) < 2h', 'min < 1h', 'max < 10h']
  'wait{channel:chat,window:early}': ['p(95) < 1h', 'max < 5h', 'avg < 1h']
  'firstResponse{brand:b}': ['p(99.5) < 1h']
  'wait{tier:urgent}': ['min < 1m']
  'slaAttainment{tier:urgent}': ['>= 80%']
  'abandonRate{window:early}': ['< 5%']
  'utilization{team:desk}': ['<= 0.95']
`,
  'recorded-thresholds.yaml',
);
const results = [0, 1, 2, 3].map((i) => simulateReplication(scenario, i));
const doc = replicationValuesDocument(scenario, results);
const dir = mkdtempSync(join(tmpdir(), 'careload-recorded-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Writes a document as `careload run` does and reads it back. */
function roundTrip(d: ReplicationValuesDocument, text = replicationValuesJson(d)): ReplicationValuesDocument {
  const sub = mkdtempSync(join(dir, 'run-'));
  writeFileSync(join(sub, 'replications.json'), text);
  return readReplicationValues(join(sub, 'summary.json'));
}

describe('recordedThresholdValues', () => {
  it('covers avg, med, p(N), min, max, a share and a team metric', () => {
    const kinds = new Set(scenario.thresholds.map((t) => (t.unit === 'seconds' ? t.aggregation.kind : t.scope.kind === 'team' ? 'team' : t.unit)));
    for (const k of ['avg', 'med', 'p', 'min', 'max', 'share', 'team']) expect(kinds, k).toContain(k);
  });

  it('gives exactly what thresholdValues gives on the live results', () => {
    for (const t of scenario.thresholds) {
      const live = thresholdValues(scenario, results, t);
      expect(live.some(Number.isFinite), `${t.metric} ${t.condition}`).toBe(true);
      expect(recordedThresholdValues(doc, t), `${t.metric} ${t.condition}`).toEqual(live);
    }
  });

  it('gives the same numbers from the written file (quantiles exactly, the rest to its 10 digits)', () => {
    const read = roundTrip(doc);
    for (const t of scenario.thresholds) {
      const live = thresholdValues(scenario, results, t);
      const recorded = recordedThresholdValues(read, t);
      const what = `${t.metric} ${t.condition}`;
      if (t.aggregation.kind === 'p' || t.aggregation.kind === 'med') expect(recorded, what).toEqual(live);
      else recorded.forEach((v, i) => expect(Math.abs(v - live[i]), what).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(live[i]))));
    }
  });

  it('tells a file without histograms from one without the scope', () => {
    const { histograms: _h, extremes: _e, ...older } = doc;
    const p90 = scenario.thresholds.find((t) => t.aggregation.kind === 'p')!;
    expect(() => recordedThresholdValues(older, p90)).toThrow(RecordedRunError);
    expect(() => recordedThresholdValues(older, p90)).toThrow(/older careload/);
    const { 'overall.firstResponse': _gone, ...rest } = doc.histograms!;
    expect(() => recordedThresholdValues({ ...doc, histograms: rest }, p90)).toThrow(/no histograms for overall\.firstResponse/);
  });
});

describe('replications.json histograms and extremes', () => {
  it('keeps a histogram exactly in its sparse form', () => {
    const data = new Float64Array(2 * HISTOGRAM_BUCKETS);
    for (const [i, c] of [[0, 2], [5, 1], [6, 3], [9, 4], [HISTOGRAM_BUCKETS - 1, 7]]) data[HISTOGRAM_BUCKETS + i] = c;
    const sparse = sparseHistogram(data, 1);
    expect(sparse).toEqual([0, 2, -4, 1, 3, -2, 4, -(HISTOGRAM_BUCKETS - 11), 7]);
    expect(denseHistogram(sparse)).toEqual(data.subarray(HISTOGRAM_BUCKETS));
    expect(sparseHistogram(data, 0)).toEqual([]);
    expect(denseHistogram([])).toEqual(new Float64Array(HISTOGRAM_BUCKETS));
    expect(() => denseHistogram([HISTOGRAM_BUCKETS - 1, 1, 1])).toThrow(RangeError);
  });

  it('records every conversation scope and window, one entry per replication', () => {
    for (const key of ['overall.wait', 'byChannel.mail.firstResponse', 'byTier.urgent.nextResponse', 'byBrand.b.wait', 'windows.early.byChannel.chat.wait']) {
      expect(doc.histograms![key], key).toHaveLength(4);
      expect(doc.extremes![`${key}Min`], key).toHaveLength(4);
      expect(doc.extremes![`${key}Max`], key).toHaveLength(4);
    }
    expect(Object.keys(doc.histograms!).some((k) => k.includes('byTeam'))).toBe(false);
    // The counts of a replication's wait histogram are its measured waits.
    const total = (sparse: number[]) => sparse.slice(1).reduce((s, v) => s + Math.max(v, 0), 0);
    expect(doc.histograms!['overall.wait'].map(total).every((n) => n > 0)).toBe(true);
    doc.extremes!['overall.waitMin'].forEach((min, i) => expect(min!).toBeLessThanOrEqual(doc.extremes!['overall.waitMax'][i]!));
  });

  it('round-trips the new fields through the file', () => {
    const read = roundTrip(doc);
    expect(read.histograms).toEqual(doc.histograms);
    // Values are rounded as toJson rounds every document.
    expect(read.values).toEqual(JSON.parse(toJson(doc.values)) as unknown);
    for (const [key, list] of Object.entries(doc.extremes!)) {
      list.forEach((v, i) => (v === null ? expect(read.extremes![key][i], key).toBeNull() : expect(read.extremes![key][i], key).toBeCloseTo(v, 6)));
    }
  });

  it('still reads an older file without histograms: values only', () => {
    const { histograms: _h, extremes: _e, ...older } = doc;
    const read = roundTrip(doc, JSON.stringify(older, null, 2));
    expect(read.histograms).toBeUndefined();
    expect(read.extremes).toBeUndefined();
    const share = scenario.thresholds.find((t) => t.name === 'slaAttainment')!;
    expect(recordedThresholdValues(read, share)).toEqual(thresholdValues(scenario, results, share));
  });
});
