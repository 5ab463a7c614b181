/**
 * replications.json, written beside summary.json: every summary metric of
 * every scope, one value per replication in index order, so that later
 * readers (baselines, diffs, merges of shards, reports) can pair runs
 * replication by replication and recompute any interval without rerunning.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { ReplicationResult } from '../metrics/recorder.js';
import { Scopes } from '../metrics/scopes.js';
import { SCOPE_METRIC_NAMES, scopeValues, TEAM_METRIC_NAMES, teamValues } from '../metrics/summary.js';
import { scenarioHash } from '../scenario/hash.js';
import type { Scenario } from '../scenario/types.js';
import { SCHEMA_VERSION } from './json.js';

/** The per-replication values of a run. */
export interface ReplicationValuesDocument {
  schemaVersion: number;
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
}

/** Builds replications.json for a run's results (in index order). */
export function replicationValuesDocument(scenario: Scenario, results: readonly ReplicationResult[]): ReplicationValuesDocument {
  const scopes = Scopes.of(scenario);
  const named: [string, number][] = [
    ['overall', Scopes.overall],
    ...scenario.channels.map((c, i): [string, number] => [`byChannel.${c.name}`, scopes.channel(i)]),
    ...scenario.tiers.map((t, i): [string, number] => [`byTier.${t.name}`, scopes.tier(i)]),
    ...scenario.brands.map((b, i): [string, number] => [`byBrand.${b}`, scopes.brand(i)]),
  ];
  const defined = (values: number[]) => values.map((v) => (Number.isFinite(v) ? v : null));
  const values: Record<string, (number | null)[]> = {};
  // Window 0 (report.window) unprefixed, then each named window under `windows.<name>.`.
  const windows = [{ prefix: '', window: 0 }, ...scenario.report.windows.map((w, k) => ({ prefix: `windows.${w.name}.`, window: k + 1 }))];
  for (const { prefix: windowPrefix, window } of windows) {
    for (const [prefix, scope] of named) {
      for (const metric of SCOPE_METRIC_NAMES) values[`${windowPrefix}${prefix}.${metric}`] = defined(scopeValues(scenario, results, scope, metric, window));
    }
    scenario.teams.forEach((t, k) => {
      for (const metric of TEAM_METRIC_NAMES) values[`${windowPrefix}byTeam.${t.name}.${metric}`] = defined(teamValues(scenario, results, k, metric, window));
    });
  }
  return {
    schemaVersion: SCHEMA_VERSION,
    scenario: { name: scenario.name, hash: scenarioHash(scenario) },
    seed: scenario.seed,
    replications: results.map((r) => r.replication),
    values,
  };
}

/** A recorded run that cannot be read back, with the reason in one line. */
export class RecordedRunError extends Error {
  override name = 'RecordedRunError';
}

/**
 * Reads the per-replication values of a recorded run, given its summary.json
 * (replications.json is read from beside it).
 * @throws RecordedRunError when it is missing, not JSON, or of another schema version
 */
export function readReplicationValues(summaryFile: string): ReplicationValuesDocument {
  const file = join(dirname(summaryFile), 'replications.json');
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    const reason = (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file (record the run with careload run, which writes it beside summary.json)' : (e as Error).message;
    throw new RecordedRunError(`${file}: ${reason}`);
  }
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    throw new RecordedRunError(`${file}: not valid JSON`);
  }
  const d = doc as Partial<ReplicationValuesDocument> | null;
  if (d === null || typeof d !== 'object' || typeof d.values !== 'object' || !Array.isArray(d.replications)) {
    throw new RecordedRunError(`${file}: not a replications.json written by careload`);
  }
  if (d.schemaVersion !== SCHEMA_VERSION) {
    throw new RecordedRunError(`${file}: schema version ${String(d.schemaVersion)}, this careload reads version ${SCHEMA_VERSION}`);
  }
  return d as ReplicationValuesDocument;
}
