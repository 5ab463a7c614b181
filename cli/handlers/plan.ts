import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import {
  createReplicationPool,
  defaultWorkers,
  durationSeconds,
  requirementCurve,
  requirementDocument,
  requirementOverlay,
  requirementTextReport,
  loadScenario,
  parseThresholdExpression,
  planDocument,
  planOverlay,
  planStaffing,
  PlanSettingsError,
  planTextReport,
  PLAN_DEFAULTS,
  scenarioHash,
  sweepRow,
  toJson,
  withSurgeScale,
  withThresholds,
  writeFileAtomic,
  type Plan,
  type PlanDocument,
  type PlanOptions,
  type PlanProgress,
  type PlanSweepRow,
  type PlanTimings,
  type RequirementOptions,
  type Scenario,
  ScenarioError,
} from '../../src/index.js';
import type { PlanFlags } from '../commands/plan.js';
import { ThresholdsFailed, UsageError } from '../exit-codes.js';
import { watchInterrupts, type Interruption } from '../interrupt.js';
import { writeHtmlFrom } from '../html.js';
import { confidenceFlag, loadOptionsFromArgs, outFileFlag, outFolderFlag, wholeFlag, workersFlag } from '../options.js';
import { assertRunFits } from '../scenario-args.js';
import { terminal } from '../terminal.js';

/** `--min desk=5` values as a map, or a usage error naming the flag. */
function teamValues(flag: string, raw: readonly string[], integer: boolean): Record<string, number> {
  const out: Record<string, number> = {};
  for (const text of raw) {
    const m = /^\s*([^=\s]+)\s*=\s*([-+]?\d*\.?\d+)\s*$/.exec(text);
    const value = m ? Number(m[2]) : NaN;
    if (!m || !Number.isFinite(value) || (integer && !Number.isInteger(value)) || (!integer && value < 0)) {
      throw new UsageError(`--${flag}: expected team=${integer ? 'a whole number' : 'a weight >= 0'}, e.g. --${flag} desk=${integer ? 12 : 1.5}, got ${JSON.stringify(text)}`);
    }
    out[m[1]] = value;
  }
  return out;
}

/** The variants a sweep repeats the plan over, with their labels. */
function sweepVariants(args: PlanFlags, base: Scenario, load: (set: string[]) => Scenario): { varied: string; variants: { label: string; scenario: Scenario }[] } | null {
  if (args.surgeScale !== undefined && args.vary !== undefined) throw new UsageError('--surge-scale and --vary: give one of them at a time');
  if (args.surgeScale !== undefined) {
    if (base.surges.length === 0) throw new UsageError('--surge-scale: the scenario has no surges to scale');
    const factors = args.surgeScale.split(',').map((t) => t.trim());
    const variants = factors.map((t) => {
      const f = /^\d*\.?\d+$/.test(t) ? Number(t) : NaN;
      if (!Number.isFinite(f)) throw new UsageError(`--surge-scale: expected factors >= 0 separated by commas, e.g. 0,1,1.5,2, got ${JSON.stringify(t)}`);
      return { label: `x${f}`, scenario: withSurgeScale(base, f) };
    });
    return { varied: 'surge scale', variants };
  }
  if (args.vary !== undefined) {
    const eq = args.vary.indexOf('=');
    const key = eq > 0 ? args.vary.slice(0, eq).trim() : '';
    const values = eq > 0 ? args.vary.slice(eq + 1).split(',').map((v) => v.trim()).filter((v) => v !== '') : [];
    if (key === '' || values.length === 0) throw new UsageError(`--vary: expected key.path=value1,value2,..., e.g. teams.crisis.activation.after=15m,30m,1h, got ${JSON.stringify(args.vary)}`);
    const loadVariant = (v: string): Scenario => {
      try {
        return load([`${key}=${v}`]);
      } catch (e) {
        // The value goes in as a --set, but the user typed --vary: name the flag they gave.
        if (!(e instanceof ScenarioError)) throw e;
        throw new ScenarioError(e.problems.map((p) => (p.where.startsWith('--set ') ? { ...p, where: `--vary ${p.where.slice('--set '.length)}` } : p)));
      }
    };
    return { varied: key, variants: values.map((v) => ({ label: v, scenario: loadVariant(v) })) };
  }
  return null;
}

function progressLine(label: string) {
  const started = Date.now();
  return (p: PlanProgress) => {
    const staffing = p.teams.map((n, i) => `${n} ${p.latest.values[i]}`).join(', ');
    const best = p.best ? `; best so far ${p.best.cost.toFixed(0)} agent-hours (${p.teams.map((n, i) => `${n} ${p.best!.values[i]}`).join(', ')})` : '';
    const mark = p.latest.verdict === 'pass' ? '✓ pass' : '✗ fail';
    process.stderr.write(`careload: ${label}candidate ${p.tried}: ${staffing}: ${mark} on ${p.latest.replications} replications${best} (${((Date.now() - started) / 1000).toFixed(1)}s)\n`);
  };
}

/**
 * Where a plan's progress goes: the live view on a terminal, plain lines on
 * stderr otherwise, nowhere with -q. `stopping` says that Ctrl-C (or `q`)
 * is stopping the plan; `close` lets go of the terminal before the report.
 */
interface Progress {
  /** The plan starts: the scenario as written (index -1 when a sweep follows, 0 otherwise), or variant `index` of the sweep. */
  planStarted(index: number, label: string): void;
  /** The callbacks to give planStaffing. */
  plan: Pick<PlanOptions, 'onCandidate' | 'onSimulating' | 'onReplications'>;
  variantDone(row: PlanSweepRow, seconds: number): void;
  /** The callbacks to give requirementCurve. */
  intervals(team: string, total: number): Pick<RequirementOptions, 'onInterval' | 'onSimulating' | 'onCandidate' | 'onReplications'>;
  stopping(message: string): void;
  close(): void;
}

/** Plain progress lines on stderr (none with `quiet`), as a pipe or a CI log gets them. */
function plainProgress(quiet: boolean): Progress {
  let report: ((p: PlanProgress) => void) | null = null;
  const started = performance.now();
  return {
    planStarted: (_index, label) => {
      report = progressLine(label);
    },
    plan: { onCandidate: quiet ? undefined : (p) => report?.(p) },
    variantDone: () => undefined,
    intervals: () => ({
      onInterval: quiet
        ? undefined
        : (done, total, step) =>
            process.stderr.write(`careload: interval ${done}/${total} (${step.at}): ${step.agents ?? 'none within bounds'} (Erlang C ${step.erlang}) (${((performance.now() - started) / 1000).toFixed(1)}s)\n`),
    }),
    stopping: (message) => {
      if (!quiet) process.stderr.write(`careload: stopping: ${message} (Ctrl-C again to quit at once)\n`);
    },
    close: () => undefined,
  };
}

/** The live view: ink and react load only here, when it is drawn. */
async function liveProgress(
  scenario: Scenario,
  file: string,
  confidence: number,
  sweep: { varied: string; labels: string[] } | undefined,
  color: boolean,
  onQuit: (key: 'q' | 'ctrl-c') => void,
): Promise<Progress> {
  const { startPlanLive } = await import('../ui/plan-live.js');
  const view = startPlanLive(
    { name: scenario.name, file, targets: scenario.thresholds.map((t) => `${t.metric} ${t.condition}`), confidence },
    sweep,
    color,
    onQuit,
  );
  return {
    planStarted: (index) => view.planStarted(index),
    plan: { onCandidate: view.onCandidate, onSimulating: view.onSimulating, onReplications: view.onReplications },
    variantDone: view.variantDone,
    intervals: (team, total) => {
      view.intervalsStarted(team, total);
      return { onInterval: view.onInterval, onSimulating: view.onIntervalSimulating, onCandidate: view.onIntervalCandidate, onReplications: view.onReplications };
    },
    stopping: () => view.stopping(),
    close: () => view.close(),
  };
}

/**
 * Starts the progress for this command, and stops the plan on Ctrl-C or
 * SIGTERM (and on `q` or ctrl-c in the live view, the same path) through
 * the returned interruption; release it when the plan is done.
 */
async function startProgress(
  args: PlanFlags,
  scenario: Scenario,
  confidence: number,
  sweep: { varied: string; labels: string[] } | undefined,
  message: string,
): Promise<{ progress: Progress; interruption: Interruption }> {
  const term = terminal(args);
  const interruption = watchInterrupts();
  const live = term.live && !args.quiet;
  const onQuit = (key: 'q' | 'ctrl-c') => interruption.stop(key === 'q' ? 'quit' : 'SIGINT');
  const progress = live ? await liveProgress(scenario, args.scenario, confidence, sweep, term.color, onQuit) : plainProgress(args.quiet);
  interruption.onStop(() => progress.stopping(message));
  return { progress, interruption };
}

/**
 * Plans the staffing (and the sweep asked for), writes plan.json and
 * plan.yaml, prints the report. Exit 99 when no staffing within the bounds
 * meets the targets; Ctrl-C (or SIGTERM, or `q`) stops with the best
 * staffing that passed so far, written and marked stopped, and exit 130
 * (143 after SIGTERM).
 */
export async function handler(args: PlanFlags): Promise<void> {
  outFileFlag('html', args.html);
  for (const t of args.threshold) {
    const parsed = parseThresholdExpression(t);
    if (!parsed.ok) throw new UsageError(`--threshold: ${parsed.error}`);
  }
  if (args.onlyCliThresholds && args.threshold.length === 0) throw new UsageError('--only-cli-thresholds: give at least one --threshold');
  const confidence = confidenceFlag(args.confidence);
  const firstLook = wholeFlag('replications', args.replications, 2);
  const maxReplications = wholeFlag('max-replications', args.maxReplications, 2);
  const seed = wholeFlag('seed', args.seed, 0);
  const workers = workersFlag(args.workers);
  const teams = args.teams?.split(',').map((t) => t.trim()).filter((t) => t !== '');
  if (teams !== undefined && teams.length === 0) throw new UsageError('--teams: name at least one team, e.g. --teams priority,regular');
  const settings: PlanOptions = { teams, min: teamValues('min', args.min, true), max: teamValues('max', args.max, true), cost: teamValues('cost', args.cost, false), confidence, firstLook, maxReplications };

  const load = (extra: string[] = []): Scenario => {
    const loaded = loadScenario(args.scenario, loadOptionsFromArgs(args, extra));
    return withThresholds({ ...loaded, seed: seed ?? loaded.seed }, args.threshold, args.onlyCliThresholds);
  };
  const scenario = load();
  // Per candidate run: the scenario as written, at the most replications a candidate may get.
  assertRunFits(scenario, args, maxReplications ?? PLAN_DEFAULTS.maxReplications);
  const outDir = outFolderFlag(args.out, join('results', scenario.name));
  if (args.byInterval !== undefined) {
    await planByInterval(args, scenario, settings, teams, workers);
    return;
  }
  const sweep = sweepVariants(args, scenario, load);

  const confidenceUsed = confidence ?? PLAN_DEFAULTS.confidence;
  const { progress, interruption } = await startProgress(
    args,
    scenario,
    confidenceUsed,
    sweep ? { varied: sweep.varied, labels: sweep.variants.map((v) => v.label) } : undefined,
    'writing the best staffing that passed so far',
  );
  const usedWorkers = workers ?? defaultWorkers(maxReplications ?? 80);
  // The simulation runs off the main thread (even on one worker): the live view keeps its keys and screen alive, and Ctrl-C stops a long replication at once.
  const pool = createReplicationPool(Math.max(1, usedWorkers));
  const timings: PlanTimings = { plan: 0 };
  const planOne = async (s: Scenario, index: number, label: string, start?: number[]): Promise<{ plan: Plan; seconds: number }> => {
    progress.planStarted(index, label);
    const started = performance.now();
    const plan = await planStaffing(s, { ...settings, start, workers: usedWorkers, pool, signal: interruption.signal, ...progress.plan });
    return { plan, seconds: (performance.now() - started) / 1000 };
  };
  let plan: Plan;
  let sweepDoc: PlanDocument['sweep'];
  try {
    const main = await planOne(scenario, sweep ? -1 : 0, '');
    plan = main.plan;
    timings.plan = main.seconds;
    if (sweep && !interruption.signal.aborted) {
      const rows = [];
      timings.rows = [];
      // Each variant starts from its neighbour's plan: staffing moves little from one surge size (or delay) to the next.
      let start = plan.chosen?.values;
      for (const [index, v] of sweep.variants.entries()) {
        if (interruption.signal.aborted) break;
        // The scenario as written (surge scale 1, or its own value) is the plan already made: same answer, no second search.
        const row = scenarioHash(v.scenario) === scenarioHash(scenario) ? main : await planOne(v.scenario, index, `${v.label}: `, start);
        const done = sweepRow(v.label, row.plan);
        rows.push(done);
        timings.rows.push(row.seconds);
        progress.variantDone(done, row.seconds);
        start = row.plan.chosen?.values ?? start;
      }
      sweepDoc = { varied: sweep.varied, rows };
    }
  } catch (e) {
    if (e instanceof PlanSettingsError) throw new UsageError(e.message);
    throw e;
  } finally {
    interruption.release();
    progress.close();
    await pool.close();
  }

  const doc = planDocument(plan, args.scenario, sweepDoc);
  const json = toJson(doc);
  writeFileAtomic(join(outDir, 'plan.json'), json);
  const overlay = planOverlay(plan);
  if (overlay !== null) writeFileAtomic(join(outDir, 'plan.yaml'), overlay);
  if (args.format === 'json') process.stdout.write(json);
  else {
    process.stdout.write(planTextReport(doc, timings));
    process.stdout.write(`wrote ${join(outDir, 'plan.json')}${overlay !== null ? ` and ${join(outDir, 'plan.yaml')} (careload run ${args.scenario} --overlay ${join(outDir, 'plan.yaml')})` : ''}\n`);
  }
  if (args.html !== undefined) await writeHtmlFrom(args.html, join(outDir, 'plan.json'), args.format);
  if (interruption.signal.aborted) throw interruption.interrupted('stopped');
  if (plan.status === 'infeasible') throw new ThresholdsFailed('no staffing meets the targets');
}

/** `plan --by-interval`: one team's requirement curve, written as plan.json and a dated-schedule plan.yaml. */
async function planByInterval(args: PlanFlags, scenario: Scenario, settings: PlanOptions, teams: string[] | undefined, workers: number | undefined): Promise<void> {
  if (args.surgeScale !== undefined || args.vary !== undefined) throw new UsageError('--by-interval: give it without --surge-scale or --vary');
  const interval = durationSeconds(args.byInterval ?? '');
  if (interval === null || interval < 60 || interval % 60 !== 0) throw new UsageError(`--by-interval: expected a duration of whole minutes, at least 1m, e.g. 1h, got ${JSON.stringify(args.byInterval)}`);
  const candidates = scenario.teams.filter((t) => t.activation === null).map((t) => t.name);
  const team = teams?.length === 1 ? teams[0] : teams === undefined && candidates.length === 1 ? candidates[0] : null;
  if (team === null) throw new UsageError(`--by-interval: name the one team to plan with --teams, e.g. --teams ${candidates[0] ?? 'desk'}`);
  const { progress, interruption } = await startProgress(args, scenario, settings.confidence ?? PLAN_DEFAULTS.confidence, undefined, 'writing the intervals planned so far');
  const usedWorkers = workers ?? defaultWorkers(settings.maxReplications ?? 80);
  const pool = createReplicationPool(Math.max(1, usedWorkers));
  const { from, to } = scenario.report.window;
  const callbacks = progress.intervals(team, Math.ceil((to - from) / interval));
  let curve;
  try {
    curve = await requirementCurve(scenario, {
      team,
      interval,
      min: settings.min?.[team],
      max: settings.max?.[team],
      confidence: settings.confidence,
      firstLook: settings.firstLook,
      maxReplications: settings.maxReplications,
      workers: usedWorkers,
      pool,
      signal: interruption.signal,
      ...callbacks,
    });
  } catch (e) {
    if (e instanceof PlanSettingsError) throw new UsageError(e.message);
    throw e;
  } finally {
    interruption.release();
    progress.close();
    await pool.close();
  }
  const doc = requirementDocument(curve, args.scenario);
  const json = toJson(doc);
  const outDir = args.out ?? join('results', scenario.name);
  writeFileAtomic(join(outDir, 'plan.json'), json);
  writeFileAtomic(join(outDir, 'plan.yaml'), requirementOverlay(curve));
  if (args.format === 'json') process.stdout.write(json);
  else process.stdout.write(`${requirementTextReport(doc)}wrote ${join(outDir, 'plan.json')} and ${join(outDir, 'plan.yaml')} (careload run ${args.scenario} --overlay ${join(outDir, 'plan.yaml')})\n`);
  if (args.html !== undefined) await writeHtmlFrom(args.html, join(outDir, 'plan.json'), args.format);
  if (interruption.signal.aborted) throw interruption.interrupted('stopped');
  if (curve.status === 'infeasible') throw new ThresholdsFailed('some intervals cannot meet the targets');
}
