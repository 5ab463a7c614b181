/**
 * replications.json, written beside summary.json: every summary metric of
 * every scope, one value per replication in index order, so that later
 * readers (baselines, diffs, merges of shards, reports) can pair runs
 * replication by replication and recompute any interval without rerunning.
 * Beside the values it keeps, per replication and conversation scope, the
 * duration histograms and extremes, so that a threshold's aggregation
 * (`firstResponse p(95)`, `wait max`) can be recomputed too (see
 * src/check/recorded.ts).
 */
import { existsSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { ReplicationResult } from '../metrics/recorder.js';
import { sparseHistogram } from '../metrics/histogram.js';
import { Extreme, EXTREME_COUNT, Scopes } from '../metrics/scopes.js';
import { replicationSeries, type ReplicationSeries } from '../metrics/series-replications.js';
import { SCOPE_METRIC_NAMES, scopeValues, TEAM_METRIC_NAMES, teamValues } from '../metrics/summary.js';
import { scenarioHash } from '../scenario/hash.js';
import type { Scenario } from '../scenario/types.js';
import { roundNumbers, SCHEMA_VERSION, type StoppedEarly } from './json.js';
import { checkRunSet, readCareloadDocument, RecordedRunError } from './read.js';
import { runIdOfScenario } from './run-id.js';

export { RecordedRunError } from './read.js';

/** The per-replication values of a run. */
export interface ReplicationValuesDocument {
  schemaVersion: number;
  /** The run id, as in summary.json and run.json beside it (absent in files written before careload recorded it). */
  runId?: string;
  scenario: { name: string; hash: string };
  seed: number;
  /** Replication indexes, in the order of every value list. */
  replications: number[];
  /**
   * Values per replication by metric key, `overall.<metric>`,
   * `byChannel.<name>.<metric>`, `byTier.<name>.<metric>`,
   * `byBrand.<name>.<metric>` or `byTeam.<name>.<metric>`, and the same
   * under `windows.<window>.` for each named window (report.windows),
   * e.g. `windows.outage.byTier.urgent.slaAttainment`; null where the
   * metric is undefined in a replication.
   */
  values: Record<string, (number | null)[]>;
  /**
   * Duration histograms by `<scope>.<duration>` for every conversation scope
   * named in `values` (not teams) and each duration (`wait`, `firstResponse`,
   * `nextResponse`), e.g. `overall.firstResponse` or
   * `windows.outage.byTier.urgent.wait`: one histogram per replication, in
   * index order, each in sparse run-length form: the index of its first
   * non-zero bucket, then each bucket's count up to the last non-zero one,
   * a run of n empty buckets written -n (`[40, 3, 1, -2, 5]`: buckets 40, 41
   * and 44 hold 3, 1 and 5; `[]` when empty); buckets as in
   * src/metrics/histogram.ts (bucket 0 holds durations up to 0.01 s, bucket
   * i >= 1 up to 0.01 * 1.01^i s). Absent in files written before careload
   * recorded them.
   */
  histograms?: Record<string, number[][]>;
  /**
   * The smallest and largest duration per replication, in index order, by
   * `<scope>.<duration>Min` and `<scope>.<duration>Max` (same scopes and
   * durations as `histograms`, e.g. `overall.waitMax`); null when no such
   * duration was seen. Absent in files written before careload recorded them.
   */
  extremes?: Record<string, (number | null)[]>;
  /**
   * The time series of each replication by name (see ReplicationSeries in
   * src/metrics/series-replications.ts): per replication, in index order,
   * one value per report interval; what the HTML report draws interval
   * bands from. Absent in files written before careload recorded them.
   */
  series?: ReplicationSeries;
}

/** The durations whose histograms and extremes replications.json records, with where each lives in a replication's result. */
const RECORDED_DURATIONS = [
  { name: 'wait', hist: 'waitHist', min: Extreme.waitMin, max: Extreme.waitMax },
  { name: 'firstResponse', hist: 'firstResponseHist', min: Extreme.firstResponseMin, max: Extreme.firstResponseMax },
  { name: 'nextResponse', hist: 'nextResponseHist', min: Extreme.nextResponseMin, max: Extreme.nextResponseMax },
] as const;

/**
 * Builds replications.json for a run's results (in index order);
 * `stoppedEarly` marks a run stopped early (by default: when fewer results
 * than the scenario's replications are given), which changes its run id.
 */
export function replicationValuesDocument(
  scenario: Scenario,
  results: readonly ReplicationResult[],
  stoppedEarly: StoppedEarly | null = results.length < scenario.replications ? { done: results.length, total: scenario.replications } : null,
): ReplicationValuesDocument {
  const scopes = Scopes.of(scenario);
  const named: [string, number][] = [
    ['overall', Scopes.overall],
    ...scenario.channels.map((c, i): [string, number] => [`byChannel.${c.name}`, scopes.channel(i)]),
    ...scenario.tiers.map((t, i): [string, number] => [`byTier.${t.name}`, scopes.tier(i)]),
    ...scenario.brands.map((b, i): [string, number] => [`byBrand.${b}`, scopes.brand(i)]),
  ];
  const defined = (values: number[]) => values.map((v) => (Number.isFinite(v) ? v : null));
  const values: Record<string, (number | null)[]> = {};
  const histograms: Record<string, number[][]> = {};
  const extremes: Record<string, (number | null)[]> = {};
  // Window 0 (report.window) unprefixed, then each named window under `windows.<name>.`.
  const windows = [{ prefix: '', window: 0 }, ...scenario.report.windows.map((w, k) => ({ prefix: `windows.${w.name}.`, window: k + 1 }))];
  for (const { prefix: windowPrefix, window } of windows) {
    for (const [prefix, scope] of named) {
      for (const metric of SCOPE_METRIC_NAMES) values[`${windowPrefix}${prefix}.${metric}`] = defined(scopeValues(scenario, results, scope, metric, window));
      const row = scopes.inWindow(window, scope);
      for (const d of RECORDED_DURATIONS) {
        const key = `${windowPrefix}${prefix}.${d.name}`;
        histograms[key] = results.map((rep) => sparseHistogram(rep[d.hist], row));
        extremes[`${key}Min`] = defined(results.map((rep) => rep.extremes[row * EXTREME_COUNT + d.min]));
        extremes[`${key}Max`] = defined(results.map((rep) => rep.extremes[row * EXTREME_COUNT + d.max]));
      }
    }
    scenario.teams.forEach((t, k) => {
      for (const metric of TEAM_METRIC_NAMES) values[`${windowPrefix}byTeam.${t.name}.${metric}`] = defined(teamValues(scenario, results, k, metric, window));
    });
  }
  return {
    schemaVersion: SCHEMA_VERSION,
    runId: runIdOfScenario(scenario, stoppedEarly),
    scenario: { name: scenario.name, hash: scenarioHash(scenario) },
    seed: scenario.seed,
    replications: results.map((r) => r.replication),
    values,
    histograms,
    extremes,
    series: replicationSeries(scenario, results),
  };
}

/**
 * replications.json's text: as {@link toJson} writes documents (numbers
 * rounded alike), except that each list of per-replication values or
 * histograms stays on one line, which keeps the file a fraction of the size.
 */
export function replicationValuesJson(doc: ReplicationValuesDocument): string {
  const compact = (v: unknown) => numbersJson(v) ?? JSON.stringify(v, roundNumbers);
  const record = (r: Record<string, unknown>) => `{\n${Object.entries(r).map(([k, v]) => `    ${JSON.stringify(k)}: ${compact(v)}`).join(',\n')}\n  }`;
  const lines = Object.entries(doc).map(([k, v]) => {
    const inner = k === 'values' || k === 'histograms' || k === 'extremes' || k === 'series' ? record(v as Record<string, unknown>) : compact(v);
    return `  ${JSON.stringify(k)}: ${inner}`;
  });
  return `{\n${lines.join(',\n')}\n}\n`;
}

/**
 * `JSON.stringify(v, roundNumbers)` for a list (or list of lists) of numbers
 * and nulls: the numbers rounded first, then stringified without a
 * replacer, which is several times faster than calling it per number (it
 * made this half of writing a run's results). Undefined for anything else.
 */
function numbersJson(v: unknown): string | undefined {
  if (!Array.isArray(v)) return undefined;
  // Whole numbers (histogram counts, most of the file) are left as they are by roundNumbers: checked on the text (no
  // fraction, no exponent, nothing but digits, signs, commas, brackets and null), which is far cheaper than number by number.
  const plain = JSON.stringify(v);
  if (WHOLE_NUMBERS_JSON.test(plain)) return plain;
  const rounded = roundedNumbers(v);
  return rounded === undefined ? undefined : JSON.stringify(rounded);
}

/** The JSON of a list (of lists) holding only whole numbers (below 1e21, written without exponent) and nulls. */
const WHOLE_NUMBERS_JSON = /^[-\d,[\]nul]*$/;

/** A copy of a list (of lists) of numbers and nulls with each number as roundNumbers gives it; undefined if `v` holds anything else. */
function roundedNumbers(v: unknown): unknown[] | undefined {
  if (!Array.isArray(v)) return undefined;
  const out: unknown[] = new Array<unknown>(v.length);
  for (let i = 0; i < v.length; i++) {
    const x: unknown = v[i];
    if (x === null || typeof x === 'number') out[i] = roundNumbers('', x);
    else if ((out[i] = roundedNumbers(x)) === undefined) return undefined;
  }
  return out;
}

/**
 * Reads the per-replication values of a recorded run, given its summary.json
 * (replications.json is read from beside it). The summary (when present)
 * must be of this careload's schema version, and the folder's summary.json,
 * run.json and replications.json must come from one run (see checkRunSet).
 * @throws RecordedRunError when it is missing, not JSON, of another schema version, or beside files of another run
 */
export function readReplicationValues(summaryFile: string): ReplicationValuesDocument {
  const dir = dirname(summaryFile);
  const file = join(dir, 'replications.json');
  let doc: Record<string, unknown>;
  try {
    doc = readCareloadDocument(file, { versionOptional: true });
  } catch (e) {
    if (e instanceof RecordedRunError && !existsSync(file)) {
      throw new RecordedRunError(`${file}: no such file (record the run with careload run, which writes it beside summary.json)`);
    }
    throw e;
  }
  const d = doc as Partial<ReplicationValuesDocument>;
  if (typeof d.values !== 'object' || d.values === null || !Array.isArray(d.replications)) {
    throw new RecordedRunError(`${file}: not a replications.json written by careload`);
  }
  if (d.schemaVersion !== SCHEMA_VERSION) {
    throw new RecordedRunError(`${file}: schema version ${String(d.schemaVersion)}, this careload reads version ${SCHEMA_VERSION}`);
  }
  const known: Record<string, Record<string, unknown>> = { 'replications.json': doc };
  if (existsSync(summaryFile) && basename(summaryFile) !== 'replications.json') {
    const summary = readCareloadDocument(summaryFile);
    if (basename(summaryFile) === 'summary.json') known['summary.json'] = summary;
  }
  checkRunSet(dir, known);
  return d as ReplicationValuesDocument;
}
