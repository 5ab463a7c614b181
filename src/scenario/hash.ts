import { createHash } from 'node:crypto';
import type { Scenario, Team, Tier } from './types.js';

/**
 * A short content hash of a validated scenario: equal for the same model
 * (however the file was formatted or overridden), different when any
 * modelled value differs. The name, seed and replication count are left out:
 * they are reported beside the hash; so are the thresholds, which judge the
 * results but change nothing simulated; and so is the source text, whose
 * formatting and comments do not change the model. Named windows
 * (`report.windows`) change what is reported, as `report.window` does, so
 * they are hashed; a scenario without any hashes as it did before they
 * existed.
 */
export function scenarioHash(scenario: Scenario): string {
  const { name: _name, seed: _seed, replications: _replications, thresholds: _thresholds, source: _source, calendar, ...rest } = scenario;
  // A scenario without a dated start hashes as it did before dates existed.
  const model = calendar === null ? rest : { ...rest, calendar };
  const hashed = { ...model, report: withoutNoWindows(model.report), tiers: model.tiers.map(asHashedBefore), teams: model.teams.map(teamAsHashedBefore) };
  return createHash('sha256').update(JSON.stringify(hashed)).digest('hex').slice(0, 16);
}

/**
 * A tier under the key names it was hashed with before `firstResponse` became
 * `firstResponseTarget` in code (the file key is still `firstResponse`), key
 * order kept: hashes in earlier results stay comparable.
 */
function asHashedBefore(tier: Tier): Record<string, unknown> {
  return Object.fromEntries(Object.entries(tier).map(([key, value]) => [key === 'firstResponseTarget' ? 'firstResponse' : key, value]));
}

/**
 * A team without the keys added after hashes were first published (a dated
 * schedule, shrinkage) when they are unused: a scenario that does not use
 * them keeps its hash.
 */
function teamAsHashedBefore(team: Team): Record<string, unknown> {
  const { datedSchedule, shrinkage, shrinkageBlock, ...before } = team;
  return {
    ...before,
    ...(datedSchedule === null ? {} : { datedSchedule }),
    ...(shrinkage === 0 ? {} : { shrinkage, shrinkageBlock }),
  };
}

/** The report settings without an empty `windows` list, so scenarios that name no window keep their earlier hash. */
function withoutNoWindows(report: Scenario['report']): Partial<Scenario['report']> {
  if (report.windows.length > 0) return report;
  const { windows: _windows, ...rest } = report;
  return rest;
}
