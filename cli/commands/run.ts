import { join } from 'node:path';
import type { Argv } from 'yargs';
import type { ReplicationResult } from '../../src/metrics/recorder.js';
import { summarize } from '../../src/metrics/summary.js';
import { summaryDocument, toJson } from '../../src/report/json.js';
import { writeFileAtomic } from '../../src/report/write.js';
import { defaultWorkers, runReplications } from '../../src/runner/replicate.js';
import { scenarioFromArgs, wholeFlag, withRunOptions, withScenario, type RunFlags } from '../options.js';
import { progressReporter } from '../progress.js';
import { terminal } from '../terminal.js';
import { runLive } from '../ui/live.js';
import type { StoppedEarly } from '../ui/report.js';
import { renderReport } from '../ui/render.js';
import { careloadVersion } from '../version.js';

export const command = 'run <scenario>';
export const describe = 'simulate a scenario and report SLA, backlog, abandonment and sentiment with confidence intervals';

export const builder = (y: Argv) => withRunOptions(withScenario(y), 'summary.json');

/**
 * Runs the scenario (under the live view on a terminal, with progress lines
 * on stderr otherwise), writes summary.json and run.json, prints the report.
 */
export async function handler(args: RunFlags): Promise<void> {
  const seed = wholeFlag('seed', args.seed, 0);
  const replications = wholeFlag('replications', args.replications, 1);
  const workers = wholeFlag('workers', args.workers, 0);
  const loaded = scenarioFromArgs(args);
  const scenario = { ...loaded, seed: seed ?? loaded.seed, replications: replications ?? loaded.replications };
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
    results = await runReplications(scenario, { workers: usedWorkers, onProgress: (done, total) => progress(done, total) });
  }
  if (results.length === 0) {
    process.stderr.write('careload: stopped before any replication finished; nothing written\n');
    return;
  }
  const doc = summaryDocument(scenario, summarize(scenario, results));
  const json = toJson(partial ? { ...doc, partial } : doc);
  writeFileAtomic(join(outDir, 'summary.json'), json);
  writeFileAtomic(
    join(outDir, 'run.json'),
    toJson({
      careloadVersion: careloadVersion(),
      node: process.version,
      startedAt: started.toISOString(),
      durationSeconds: (Date.now() - started.getTime()) / 1000,
      workers: term.live ? Math.max(1, Math.min(usedWorkers, scenario.replications)) : Math.min(usedWorkers, scenario.replications),
      scenarioFile: args.scenario,
      overrides: args.set,
      overlays: args.overlay,
      ...(partial ? { stoppedAfter: partial } : {}),
    }),
  );
  if (args.format === 'json') {
    process.stdout.write(json);
  } else {
    process.stdout.write(renderReport(doc, scenario, partial, term.color, term.columns));
    process.stdout.write(`\nwrote ${join(outDir, 'summary.json')}${partial ? ' (partial)' : ''}\n`);
  }
}
