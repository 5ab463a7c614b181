import { createHash } from 'node:crypto';
import type { Scenario } from './types.js';

/**
 * A short content hash of a validated scenario: equal for the same model
 * (however the file was formatted or overridden), different when any
 * modelled value differs. The name, seed and replication count are left out:
 * they are reported beside the hash.
 */
export function scenarioHash(scenario: Scenario): string {
  const { name: _name, seed: _seed, replications: _replications, ...model } = scenario;
  return createHash('sha256').update(JSON.stringify(model)).digest('hex').slice(0, 16);
}
