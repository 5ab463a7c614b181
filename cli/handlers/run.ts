import { join } from 'node:path';
// Small modules, not the library's index (which loads the planner, the fitter, calibration, ...): a run loads what it uses.
import { judgeThresholds } from '../../src/check/run.js';
import type { ReplicationResult } from '../../src/metrics/recorder.js';
import { summarize } from '../../src/metrics/summary.js';
import { thresholdsFail, thresholdsTable } from '../../src/report/check-text.js';
import { summaryDocument, type StoppedEarly } from '../../src/report/json.js';
import { replicationValuesDocument } from '../../src/report/replications.js';
import { runRecord } from '../../src/report/run-record.js';
import { writeRunFiles } from '../../src/report/run-files.js';
import { defaultWorkers, runReplications, RunAborted } from '../../src/runner/replicate.js';
import type { Scenario } from '../../src/scenario/types.js';
import { runBase } from '../../src/shard/shard.js';
import { ThresholdsFailed, UsageError } from '../exit-codes.js';
import { watchInterrupts } from '../interrupt.js';
import { writeThenHtml } from '../html.js';
import { outFileFlag, outFolderFlag, shardFlag, wholeFlag, workersFlag, type RunFlags } from '../options.js';
import { assertRunFits, scenarioFromArgs } from '../scenario-args.js';
import { replicationProgress } from '../progress.js';
import { terminal, type TerminalMode } from '../terminal.js';
import { importUi } from '../ui-modules.js';

/**
 * Runs the scenario (under the live view on a terminal, with progress lines
 * on stderr otherwise), writes summary.json, run.json and replications.json (writeRunFiles), prints the report.
 * Stopped by Ctrl-C, SIGTERM or `q`: writes the replications that finished,
 * marked partial, and exits 130 (143 after SIGTERM).
 */
export async function handler(args: RunFlags & { inconclusive: 'fail' | 'pass' }): Promise<void> {
  const seed = wholeFlag('seed', args.seed, 0);
  const replications = wholeFlag('replications', args.replications, 1);
  const workers = workersFlag(args.workers);
  const loaded = scenarioFromArgs(args);
  const scenario = { ...loaded, seed: seed ?? loaded.seed, replications: replications ?? loaded.replications };
  const shard = shardFlag(args.shard, scenario.replications);
  // A shard runs replications first..end-1 only (all of them without --shard).
  // The shard writer (and the report it draws) loads only for a shard.
  const shardOutput = shard ? await import('./shard-output.js') : null;
  const { first, end } = shard && shardOutput ? shardOutput.shardOf(shard, runBase(scenario)) : { first: 0, end: scenario.replications };
  assertRunFits(scenario, args, end - first);
  const outDir = outFolderFlag(args.out, join('results', scenario.name));
  outFileFlag('html', args.html);
  if (shard && args.html !== undefined) throw new UsageError('--html: a shard holds part of the run; merge the shards (careload merge), then careload report the merged folder');
  // A shard prints progress lines, not the live view: it runs in a batch job.
  const term = { ...terminal(args), ...(shard ? { live: false } : {}) };

  const started = new Date();
  const usedWorkers = workers ?? defaultWorkers(end - first);
  const interruption = watchInterrupts();
  try {
    let results: ReplicationResult[];
    let partial: StoppedEarly | null = null;
    if (term.live) {
      // The terminal UI (ink, react) is loaded only to draw: not for --format json, nor off a terminal.
      const { runLive } = await importUi('live');
      ({ results, partial } = await runLive(scenario, usedWorkers, term.color, interruption, { runReplications, summarize, summaryDocument, RunAborted }));
    } else {
      // On worker threads even with one worker, so that Ctrl-C stops a long replication at once;
      // a small run stays on this thread (see INLINE_WORK), where starting threads would cost more than it saves.
      ({ results, partial } = await untilStopped(
        runReplications(scenario, {
          first,
          end,
          workers: usedWorkers,
          alwaysWorkers: true,
          // With two or more workers and short replications, this thread simulates too (one fewer thread to start).
          shareCallingThread: true,
          signal: interruption.signal,
          ...replicationProgress(!args.quiet, { ...scenario, replications: end - first }),
        }),
        end - first,
      ));
    }
    if (results.length === 0) {
      process.stderr.write('careload: stopped before any replication finished; nothing written\n');
      throw interruption.interrupted('stopped');
    }
    const renderReport = args.format === 'json' ? null : (await importUi('render')).renderReport;
    if (shard && shardOutput) {
      shardOutput.writeRunShard(args, scenario, shard, outDir, term, started, Math.max(1, Math.min(usedWorkers, end - first)), results, partial, renderReport);
    } else {
      await writeThenHtml(args.html, join(outDir, 'summary.json'), args.format, () => writeResults(args, scenario, outDir, term, started, usedWorkers, results, partial, renderReport));
    }
    if (partial) throw interruption.interrupted('stopped');
  } finally {
    interruption.release();
  }
}

/** The finished replications, in order, and how far the run got when `signal` stopped it. */
async function untilStopped(run: Promise<ReplicationResult[]>, total: number): Promise<{ results: ReplicationResult[]; partial: StoppedEarly | null }> {
  try {
    return { results: await run, partial: null };
  } catch (e) {
    if (!(e instanceof RunAborted)) throw e;
    return { results: [...e.completed].sort((a, b) => a.replication - b.replication), partial: { done: e.completed.length, total } };
  }
}

/** Writes summary.json, replications.json and run.json, prints the report; a partial run is not judged. */
function writeResults(
  args: RunFlags & { inconclusive: 'fail' | 'pass' },
  scenario: Scenario,
  outDir: string,
  term: TerminalMode,
  started: Date,
  usedWorkers: number,
  results: ReplicationResult[],
  partial: StoppedEarly | null,
  renderReport: typeof import('../ui/render.js').renderReport | null,
): void {
  // A run stopped early is not judged: its thresholds would read a part of the run.
  const thresholds = partial ? [] : judgeThresholds(scenario, results);
  const doc = summaryDocument(scenario, summarize(scenario, results), partial, thresholds);
  const { summaryJson: json, summaryFile } = writeRunFiles(outDir, {
    summary: doc,
    replications: replicationValuesDocument(scenario, results, partial),
    run: runRecord({
      startedAt: started,
      finishedAt: new Date(),
      // Threads that simulated: worker threads (with the calling thread when it shares the work), or the calling thread alone for a small run; at least one.
      workers: Math.max(1, Math.min(usedWorkers, scenario.replications)),
      scenarioFile: args.scenario,
      scenario,
      overrides: args.set,
      newOverrides: args.setNew,
      overlays: args.overlay,
      stoppedEarly: partial,
    }),
  });
  if (args.format === 'json') {
    process.stdout.write(json);
  } else if (renderReport) {
    process.stdout.write(renderReport(doc, scenario, partial, term.color, term.columns));
    if (thresholds.length > 0) process.stdout.write(`\nthresholds (${scenario.replications} replications):\n${thresholdsTable(thresholds, args.inconclusive)}\n`);
    process.stdout.write(`\nwrote ${summaryFile}${partial ? ' (partial)' : ''}\n`);
  }
  if (partial) process.stderr.write(`careload: stopped after ${partial.done} of ${partial.total} replications; wrote partial results to ${outDir}\n`);
  if (thresholdsFail(thresholds, args.inconclusive)) throw new ThresholdsFailed('thresholds failed');
}
