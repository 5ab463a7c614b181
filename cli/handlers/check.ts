import { appendFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  CHECK_DEFAULTS,
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
  RunAborted,
  ScenarioError,
  toJson,
  withThresholds,
  writeFileAtomic,
  type CheckSettings,
  type Scenario,
  type ScenarioCheck,
  type ReplicationValuesDocument,
  type ScenarioProblem,
  type Tolerance,
  type SkippedFile,
} from '../../src/index.js';
import type { CheckFlags } from '../commands/check.js';
import { ThresholdsFailed, UsageError } from '../exit-codes.js';
import { watchInterrupts } from '../interrupt.js';
import { writeThenHtml } from '../html.js';
import { confidenceFlag, loadOptionsFromArgs, outFileFlag, outFolderFlag, wholeFlag, workersFlag } from '../options.js';
import { assertRunFits } from '../scenario-args.js';
import { progressReporter } from '../progress.js';
import { terminal } from '../terminal.js';
import type { CheckJob, CheckOutcome } from '../ui/check-live.js';


/**
 * Loads every scenario first (so a bad file or threshold stops the check
 * before anything runs), with the command line's thresholds added; those
 * left with no threshold are skipped.
 */
function loadAll(files: readonly string[], args: CheckFlags, seed: number | undefined, maxReplications: number): { scenarios: { file: string; scenario: Scenario }[]; skipped: SkippedFile[] } {
  const problems: ScenarioProblem[] = [];
  const scenarios: { file: string; scenario: Scenario }[] = [];
  const skipped: SkippedFile[] = [];
  for (const file of files) {
    try {
      const loaded = loadScenario(file, loadOptionsFromArgs(args));
      const scenario = withThresholds({ ...loaded, seed: seed ?? loaded.seed }, args.threshold, args.onlyCliThresholds);
      if (scenario.thresholds.length === 0) {
        skipped.push({ file, reason: 'no thresholds' });
      } else {
        // A check may add replications up to its maximum: the limit applies to that many.
        assertRunFits(scenario, args, maxReplications, file);
        scenarios.push({ file, scenario });
      }
    } catch (e) {
      if (!(e instanceof ScenarioError)) throw e;
      problems.push(...e.problems);
    }
  }
  if (problems.length > 0) throw new ScenarioError(problems);
  return { scenarios, skipped };
}

/**
 * Checks the scenarios one after another, with plain progress lines on
 * stderr (none with `quiet`), until `signal` stops it. On worker threads
 * even with one worker, so that Ctrl-C stops a long replication at once.
 */
async function checkPlain(jobs: readonly CheckJob[], workers: number, quiet: boolean, signal: AbortSignal): Promise<CheckOutcome> {
  const pool = createReplicationPool(Math.max(1, workers));
  const checks: ScenarioCheck[] = [];
  let current: CheckOutcome['notJudged'] = null;
  try {
    for (const { file, scenario, options } of jobs) {
      if (signal.aborted) break;
      if (!quiet) process.stderr.write(`careload: checking ${scenario.name} (${file}): ${scenario.thresholds.length} thresholds\n`);
      const progress = progressReporter(!quiet);
      current = { scenario: scenario.name, file, replications: 0 };
      const under = current;
      const { check } = await checkScenario(scenario, {
        ...options,
        pool,
        signal,
        onProgress: (done, max) => {
          under.replications = done;
          progress(done, Infinity, ` (at most ${max})`);
        },
      });
      checks.push(check);
      current = null;
    }
  } catch (e) {
    if (!(e instanceof RunAborted)) throw e;
  } finally {
    await pool.close();
  }
  return { checks, notJudged: current };
}

/**
 * Checks every scenario with thresholds (under the live view on a
 * terminal, with progress lines on stderr otherwise), prints the verdicts, writes
 * check.json (and the JUnit and Markdown reports asked for), and ends with
 * exit 99 when any threshold failed or stayed inconclusive (unless
 * --inconclusive pass). Stopped by Ctrl-C, SIGTERM or `q`: check.json
 * holds the scenarios checked, marked stopped; exit 130 (143).
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
  const workers = workersFlag(args.workers);
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
  const outDir = outFolderFlag(args.out, 'results');
  const junit = outFileFlag('junit', args.junit);
  outFileFlag('html', args.html);
  const markdownFile = outFileFlag('markdown', args.markdown);
  const { scenarios, skipped } = loadAll(found.scenarios, args, seed, maxReplications ?? CHECK_DEFAULTS.maxReplications);
  const allSkipped = [...found.skipped, ...skipped];
  if (baseline && !scenarios.some(({ scenario }) => scenario.name === baseline.values.scenario.name)) {
    throw new UsageError(`--baseline: it records scenario ${JSON.stringify(baseline.values.scenario.name)}, which is not among those checked`);
  }

  const settings = { confidence, maxReplications, inconclusive: args.inconclusive };
  const usedWorkers = workers ?? defaultWorkers(maxReplications ?? 200);
  const jobs: CheckJob[] = scenarios.map(({ file, scenario }) => ({
    file,
    scenario,
    options: { ...settings, file, workers: usedWorkers, baseline: baseline && baseline.values.scenario.name === scenario.name ? baseline : undefined },
  }));
  const term = terminal(args);
  const interruption = watchInterrupts();
  try {
    let outcome: CheckOutcome;
    if (term.live && !args.quiet && jobs.length > 0) {
      // The terminal UI (ink, react) loads only here, when the view is drawn.
      const { checkLive } = await import('../ui/check-live.js');
      outcome = await checkLive(jobs, allSkipped, usedWorkers, args.inconclusive, term.color, interruption);
    } else {
      outcome = await checkPlain(jobs, usedWorkers, args.quiet, interruption.signal);
    }
    const { checks, notJudged } = outcome;
    if (interruption.cause !== null && (checks.length < jobs.length || notJudged !== null)) {
      // Stopped: check.json keeps the scenarios checked, marked stopped, never pass or fail; no JUnit or Markdown report.
      const doc = checkDocument(checks, allSkipped, settings, { done: checks.length, total: jobs.length, notJudged });
      writeFileAtomic(join(outDir, 'check.json'), toJson(doc));
      if (args.format === 'json') process.stdout.write(toJson(doc));
      else process.stdout.write(`${checkTextReport(doc)}wrote ${join(outDir, 'check.json')} (stopped)\n`);
      process.stderr.write(`careload: check stopped after ${checks.length} of ${jobs.length} scenario(s); check.json holds those checked, marked stopped\n`);
      throw interruption.interrupted('check stopped');
    }
    await writeThenHtml(args.html, join(outDir, 'check.json'), args.format, () => writeChecked(args, { outDir, junit, markdownFile }, checks, allSkipped, settings));
  } finally {
    interruption.release();
  }
}

/** Writes check.json (and the JUnit and Markdown reports asked for), prints the report; exit 99 when the check failed. */
function writeChecked(
  args: CheckFlags,
  { outDir, junit, markdownFile }: { outDir: string; junit: string | undefined; markdownFile: string | undefined },
  checks: ScenarioCheck[],
  allSkipped: SkippedFile[],
  settings: CheckSettings,
): void {
  const doc = checkDocument(checks, allSkipped, settings);
  const json = toJson(doc);
  writeFileAtomic(join(outDir, 'check.json'), json);
  if (junit !== undefined) writeFileAtomic(junit, checkJunit(doc));
  const markdown = markdownFile !== undefined || process.env.GITHUB_STEP_SUMMARY ? checkMarkdown(doc) : '';
  if (markdownFile !== undefined) writeFileAtomic(markdownFile, markdown);
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
