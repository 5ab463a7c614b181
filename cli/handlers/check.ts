import { appendFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  checkDocument,
  checkJunit,
  checkMarkdown,
  checkScenario,
  checkTextReport,
  createReplicationPool,
  defaultWorkers,
  findScenarios,
  loadScenario,
  parseThresholdExpression,
  parseTolerance,
  readReplicationValues,
  RecordedRunError,
  ScenarioError,
  toJson,
  withThresholds,
  writeFileAtomic,
  type Scenario,
  type ScenarioCheck,
  type ReplicationValuesDocument,
  type ScenarioProblem,
  type Tolerance,
  type SkippedFile,
} from '../../src/index.js';
import type { CheckFlags } from '../commands/check.js';
import { ThresholdsFailed, UsageError } from '../exit-codes.js';
import { confidenceFlag, wholeFlag } from '../options.js';
import { progressReporter } from '../progress.js';


/**
 * Loads every scenario first (so a bad file or threshold stops the check
 * before anything runs), with the command line's thresholds added; those
 * left with no threshold are skipped.
 */
function loadAll(files: readonly string[], args: CheckFlags, seed: number | undefined): { scenarios: { file: string; scenario: Scenario }[]; skipped: SkippedFile[] } {
  const problems: ScenarioProblem[] = [];
  const scenarios: { file: string; scenario: Scenario }[] = [];
  const skipped: SkippedFile[] = [];
  for (const file of files) {
    try {
      const loaded = loadScenario(file, { set: args.set, overlays: args.overlay });
      const scenario = withThresholds({ ...loaded, seed: seed ?? loaded.seed }, args.threshold, args.onlyCliThresholds);
      if (scenario.thresholds.length === 0) skipped.push({ file, reason: 'no thresholds' });
      else scenarios.push({ file, scenario });
    } catch (e) {
      if (!(e instanceof ScenarioError)) throw e;
      problems.push(...e.problems);
    }
  }
  if (problems.length > 0) throw new ScenarioError(problems);
  return { scenarios, skipped };
}

/**
 * Checks every scenario with thresholds, prints the verdicts, writes
 * check.json (and the JUnit and Markdown reports asked for), and ends with
 * exit 99 when any threshold failed or stayed inconclusive (unless
 * --inconclusive pass).
 */
export async function handler(args: CheckFlags): Promise<void> {
  for (const t of args.threshold) {
    const parsed = parseThresholdExpression(t);
    if (!parsed.ok) throw new UsageError(`--threshold: ${parsed.error}`);
  }
  if (args.onlyCliThresholds && args.threshold.length === 0) throw new UsageError('--only-cli-thresholds: give at least one --threshold');
  const confidence = confidenceFlag(args.confidence);
  const maxReplications = wholeFlag('max-replications', args.maxReplications, 2);
  const seed = wholeFlag('seed', args.seed, 0);
  const workers = wholeFlag('workers', args.workers, 0);
  const tolerance = parseTolerance(args.tolerance);
  if (tolerance === null) throw new UsageError(`--tolerance: expected 2pp, 5%, a duration such as 30s, or a number, got ${JSON.stringify(args.tolerance)}`);
  let baseline: { file: string; values: ReplicationValuesDocument; tolerance: Tolerance } | undefined;
  if (args.baseline !== undefined) {
    try {
      baseline = { file: args.baseline, values: readReplicationValues(args.baseline), tolerance };
    } catch (e) {
      if (e instanceof RecordedRunError) throw new UsageError(`--baseline: ${e.message}`);
      throw e;
    }
  }
  const found = findScenarios(args.scenarios);
  const { scenarios, skipped } = loadAll(found.scenarios, args, seed);
  const allSkipped = [...found.skipped, ...skipped];
  if (baseline && !scenarios.some(({ scenario }) => scenario.name === baseline.values.scenario.name)) {
    throw new UsageError(`--baseline: it records scenario ${JSON.stringify(baseline.values.scenario.name)}, which is not among those checked`);
  }

  const settings = { confidence, maxReplications, inconclusive: args.inconclusive };
  const usedWorkers = workers ?? defaultWorkers(maxReplications ?? 200);
  const pool = usedWorkers > 1 ? createReplicationPool(usedWorkers) : undefined;
  const checks: ScenarioCheck[] = [];
  try {
    for (const { file, scenario } of scenarios) {
      if (!args.quiet) process.stderr.write(`careload: checking ${scenario.name} (${file}): ${scenario.thresholds.length} thresholds\n`);
      const progress = progressReporter(!args.quiet);
      const against = baseline && baseline.values.scenario.name === scenario.name ? baseline : undefined;
      const { check } = await checkScenario(scenario, { ...settings, file, workers: usedWorkers, pool, baseline: against, onProgress: (done, max) => progress(done, Infinity, ` (at most ${max})`) });
      checks.push(check);
    }
  } finally {
    await pool?.close();
  }

  const doc = checkDocument(checks, allSkipped, settings);
  const json = toJson(doc);
  const outDir = args.out ?? 'results';
  writeFileAtomic(join(outDir, 'check.json'), json);
  if (args.junit !== undefined) writeFileAtomic(args.junit, checkJunit(doc));
  const markdown = args.markdown !== undefined || process.env.GITHUB_STEP_SUMMARY ? checkMarkdown(doc) : '';
  if (args.markdown !== undefined) writeFileAtomic(args.markdown, markdown);
  if (process.env.GITHUB_STEP_SUMMARY) appendFileSync(process.env.GITHUB_STEP_SUMMARY, markdown);
  if (args.format === 'json') {
    process.stdout.write(json);
  } else {
    process.stdout.write(checkTextReport(doc));
    if (checks.length === 0) process.stdout.write('nothing to check: no scenario with thresholds\n');
    process.stdout.write(`wrote ${join(outDir, 'check.json')}\n`);
  }
  if (doc.verdict === 'fail') throw new ThresholdsFailed('thresholds failed');
}
