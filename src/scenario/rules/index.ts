import type { ScenarioFile } from '../schema.js';
import type { Scenario } from '../types.js';
import { runStages, stage, type RuleInfo, type RuleIssue, type Stage } from './checker.js';
import { CHANNEL_RULES, CHANNELS_RULES } from './channels.js';
import { conversationKinds, COVERAGE_RULES } from './coverage.js';
import { resolveFile } from './resolve.js';
import { eachChannel, eachSurge, eachTeam, eachTriageRule, knownNames, wholeFile, type FileSubject } from './subjects.js';
import { SURGE_RULES } from './surges.js';
import { TEAM_RULES, TEAMS_RULES } from './teams.js';
import { TIERS_RULES } from './tiers.js';
import { THRESHOLDS_RULES } from './thresholds.js';
import { TIMING_RULES } from './timing.js';
import { TRIAGE_RULES } from './triage.js';

export type { Rule, RuleInfo, RuleIssue } from './checker.js';

/**
 * The rules over the schema-checked file, section by section in the order
 * problems are reported: a section's own rules, then each of its entries.
 */
export const FILE_STAGES: readonly Stage<FileSubject>[] = [
  stage(wholeFile, TIERS_RULES),
  stage(wholeFile, CHANNELS_RULES),
  stage(eachChannel, CHANNEL_RULES),
  stage(eachSurge, SURGE_RULES),
  stage(wholeFile, TEAMS_RULES),
  stage(eachTeam, TEAM_RULES),
  stage(eachTriageRule, TRIAGE_RULES),
  stage(wholeFile, TIMING_RULES),
  stage(wholeFile, THRESHOLDS_RULES),
];

/** The rules over the resolved scenario, run once every file rule holds. */
export const SCENARIO_STAGES: readonly Stage<Scenario>[] = [stage(conversationKinds, COVERAGE_RULES)];

/** Every cross-field rule, in the order they run. */
export const RULES: readonly RuleInfo[] = [...FILE_STAGES, ...SCENARIO_STAGES].flatMap((s) => s.rules);

/**
 * Resolves a schema-checked scenario file into the normalised {@link Scenario}
 * in three steps: the file rules (references between sections, shares, the
 * window); then, when they all hold, defaults and names to indexes; then the
 * rules over the resolved scenario (every conversation reaches a staffed
 * team). Returns the scenario, or every problem found (never just the first),
 * each at the key path a user would edit.
 */
export function resolveScenario(file: ScenarioFile, fallbackName: string): { scenario?: Scenario; issues: RuleIssue[] } {
  const known = knownNames(file);
  const fileIssues = runStages(FILE_STAGES, { file, known });
  if (fileIssues.length > 0) return { issues: fileIssues };
  const scenario = resolveFile(file, fallbackName, known);
  const issues = runStages(SCENARIO_STAGES, scenario);
  return issues.length > 0 ? { issues } : { issues: [], scenario };
}
