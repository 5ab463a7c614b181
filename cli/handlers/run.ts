import { join } from 'node:path';
import {
  defaultWorkers,
  formatDuration,
  judgeThresholds,
  replicationValuesDocument,
  replicationValuesJson,
  runRecord,
  runReplications,
  summarize,
  summaryDocument,
  thresholdsFail,
  thresholdsTable,
  toJson,
  writeFileAtomic,
  type ReplicationResult,
  type StoppedEarly,
} from '../../src/index.js';
import { ThresholdsFailed } from '../exit-codes.js';
import { assertRunFits, scenarioFromArgs, wholeFlag, workersFlag, type RunFlags } from '../options.js';
import { progressReporter } from '../progress.js';
import { terminal } from '../terminal.js';
import { runLive } from '../ui/live.js';
import { renderReport } from '../ui/render.js';

/**
 * Runs the scenario (under the live view on a terminal, with progress lines
 * on stderr otherwise), writes summary.json and run.json, prints the report.
 */
export async function handler(args: RunFlags & { inconclusive: 'fail' | 'pass' }): Promise<void> {
  const seed = wholeFlag('seed', args.seed, 0);
  const replications = wholeFlag('replications', args.replications, 1);
  const workers = workersFlag(args.workers);
  const loaded = scenarioFromArgs(args);
  const scenario = { ...loaded, seed: seed ?? loaded.seed, replications: replications ?? loaded.replications };
  assertRunFits(scenario, args);
  const outDir = args.out ?? join('results', scenario.name);
  const term = terminal(args);

  const started = new Date();
  const usedWorkers = workers ?? defaultWorkers(scenario.replications);
  let results: ReplicationResult[];
  let partial: StoppedEarly | null = null;
  if (term.live) {
    ({ results, partial } = await runLive(scenario, usedWorkers, term.color));
  } else {
    const progress = progressReporter(!args.quiet);
    let finished = 0;
    const of = formatDuration(scenario.horizon + scenario.drain);
    results = await runReplications(scenario, {
      workers: usedWorkers,
      onProgress: (done, total) => progress((finished = done), total),
      // Within a replication too (the reporter prints at most one line every 2 s): a long one is never silent.
      onTick: args.quiet ? undefined : (replication, simulated) =>
        progress(finished, scenario.replications, `, replication ${replication + 1} at ${formatDuration(Math.round(simulated))} of at most ${of} simulated`),
    });
  }
  if (results.length === 0) {
    process.stderr.write('careload: stopped before any replication finished; nothing written\n');
    return;
  }
  // A run stopped early is not judged: its thresholds would read a part of the run.
  const thresholds = partial ? [] : judgeThresholds(scenario, results);
  const doc = summaryDocument(scenario, summarize(scenario, results), partial, thresholds);
  const json = toJson(doc);
  writeFileAtomic(join(outDir, 'summary.json'), json);
  writeFileAtomic(join(outDir, 'replications.json'), replicationValuesJson(replicationValuesDocument(scenario, results)));
  writeFileAtomic(
    join(outDir, 'run.json'),
    toJson(runRecord({
      startedAt: started,
      finishedAt: new Date(),
      workers: term.live ? Math.max(1, Math.min(usedWorkers, scenario.replications)) : Math.min(usedWorkers, scenario.replications),
      scenarioFile: args.scenario,
      scenario,
      overrides: args.set,
      overlays: args.overlay,
      stoppedEarly: partial,
    })),
  );
  if (args.format === 'json') {
    process.stdout.write(json);
  } else {
    process.stdout.write(renderReport(doc, scenario, partial, term.color, term.columns));
    if (thresholds.length > 0) process.stdout.write(`\nthresholds (${scenario.replications} replications):\n${thresholdsTable(thresholds, args.inconclusive)}\n`);
    process.stdout.write(`\nwrote ${join(outDir, 'summary.json')}${partial ? ' (partial)' : ''}\n`);
  }
  if (thresholdsFail(thresholds, args.inconclusive)) throw new ThresholdsFailed('thresholds failed');
}
