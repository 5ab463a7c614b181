import type { Comparison } from '../metrics/compare.js';
import { scenarioHash } from '../scenario/hash.js';
import type { Scenario } from '../scenario/types.js';
import { SCHEMA_VERSION } from './json.js';

/** The compare.json document: a comparison and exactly what produced it. */
export interface CompareDocument extends Comparison {
  schemaVersion: number;
  /** The first variant's scenario, whose seed and replications every variant ran with. */
  scenario: { name: string; hash: string };
  seed: number;
  /** Replications per variant. */
  replications: number;
  /** Present when the comparison was stopped early: the variants it holds (`done`, those that finished) of those asked for. */
  partial?: { done: number; total: number };
}

/**
 * Builds the compare.json document; `base` is the first variant's scenario,
 * whose seed and replications every variant ran with; `partial` marks a
 * comparison stopped before every variant finished.
 */
export function compareDocument(base: Scenario, comparison: Comparison, partial: { done: number; total: number } | null = null): CompareDocument {
  const doc: CompareDocument = {
    schemaVersion: SCHEMA_VERSION,
    scenario: { name: base.name, hash: scenarioHash(base) },
    seed: base.seed,
    replications: base.replications,
    ...comparison,
  };
  return partial ? { ...doc, partial } : doc;
}
