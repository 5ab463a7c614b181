/**
 * replications.json, written beside summary.json: every summary metric of
 * every scope, one value per replication in index order, so that later
 * readers (baselines, diffs, merges of shards, reports) can pair runs
 * replication by replication and recompute any interval without rerunning.
 */
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
   * `byBrand.<name>.<metric>` or `byTeam.<name>.<metric>`; null where the
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
  for (const [prefix, scope] of named) {
    for (const metric of SCOPE_METRIC_NAMES) values[`${prefix}.${metric}`] = defined(scopeValues(scenario, results, scope, metric));
  }
  scenario.teams.forEach((t, k) => {
    for (const metric of TEAM_METRIC_NAMES) values[`byTeam.${t.name}.${metric}`] = defined(teamValues(scenario, results, k, metric));
  });
  return {
    schemaVersion: SCHEMA_VERSION,
    scenario: { name: scenario.name, hash: scenarioHash(scenario) },
    seed: scenario.seed,
    replications: results.map((r) => r.replication),
    values,
  };
}
