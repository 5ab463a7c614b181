/**
 * Assembles check.json from the scenarios checked, and adds thresholds given
 * on the command line to a scenario's own.
 */
import { SCHEMA_VERSION } from '../report/json.js';
import { ScenarioError } from '../scenario/errors.js';
import type { Scenario } from '../scenario/types.js';
import { formatMetricKey, parseThresholdExpression } from '../thresholds/grammar.js';
import { resolveThreshold } from '../thresholds/resolve.js';
import { CHECK_DEFAULTS } from './run.js';
import type { CheckDocument, CheckStopped, ScenarioCheck, SkippedFile } from './types.js';

/** The run-wide settings recorded in check.json. */
export interface CheckSettings {
  confidence?: number;
  maxReplications?: number;
  inconclusive?: 'fail' | 'pass';
}

/**
 * check.json: every scenario checked, the files skipped, and the overall
 * verdict (fail when any scenario failed). A check stopped early
 * (`partial`) has the verdict `stopped`: what it checked is kept, but
 * the check as a whole is not decided.
 */
export function checkDocument(checks: readonly ScenarioCheck[], skipped: readonly SkippedFile[], settings: CheckSettings = {}, partial: CheckStopped | null = null): CheckDocument {
  const doc: CheckDocument = {
    schemaVersion: SCHEMA_VERSION,
    confidence: settings.confidence ?? CHECK_DEFAULTS.confidence,
    maxReplications: settings.maxReplications ?? CHECK_DEFAULTS.maxReplications,
    inconclusive: settings.inconclusive ?? CHECK_DEFAULTS.inconclusive,
    scenarios: [...checks],
    skipped: [...skipped],
    verdict: partial ? 'stopped' : checks.some((c) => c.verdict === 'fail') ? 'fail' : 'pass',
  };
  return partial ? { ...doc, partial } : doc;
}

/**
 * The scenario with thresholds written as `metric[{tags}] condition` (the
 * `--threshold` form) added to its own, or replacing them with `only`.
 * Syntax is checked by {@link parseThresholdExpression} first (a usage
 * error); here each is checked against this scenario's names.
 * @throws ScenarioError naming `--threshold 'expr'` and the problem
 */
export function withThresholds(scenario: Scenario, expressions: readonly string[], only = false): Scenario {
  const names = {
    tiers: scenario.tiers.map((t) => t.name),
    channels: scenario.channels.map((c) => c.name),
    brands: scenario.brands,
    teams: scenario.teams.map((t) => t.name),
    nextResponseTiers: scenario.tiers.filter((t) => t.nextResponseTarget !== undefined).map((t) => t.name),
    windows: scenario.report.windows.map((w) => w.name),
  };
  const added = expressions.map((text) => {
    const parsed = parseThresholdExpression(text);
    const r = parsed.ok
      ? resolveThreshold(formatMetricKey(parsed.value.key), parsed.value.conditionText, null, names)
      : parsed;
    if (!r.ok) throw new ScenarioError([{ where: `--threshold '${text}'`, path: '', message: r.error }]);
    return r.value;
  });
  return { ...scenario, thresholds: only ? added : [...scenario.thresholds, ...added] };
}
