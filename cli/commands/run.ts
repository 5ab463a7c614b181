import { join } from 'node:path';
import type { Argv } from 'yargs';
import {
  runReplications,
  summarize,
  summaryDocument,
  textReport,
  toJson,
  writeFileAtomic,
  defaultWorkers,
} from '../../src/index.js';
import { progressReporter } from '../progress.js';
import { scenarioFromArgs, wholeFlag, withRunOptions, withScenario, type RunFlags } from '../options.js';
import { careloadVersion } from '../version.js';

export const command = 'run <scenario>';
export const describe = 'simulate a scenario and report SLA, backlog and abandonment with confidence intervals';

export const builder = (y: Argv) => withRunOptions(withScenario(y), 'summary.json');

/** Runs the scenario, writes summary.json and run.json, prints the report. */
export async function handler(args: RunFlags): Promise<void> {
  const seed = wholeFlag('seed', args.seed, 0);
  const replications = wholeFlag('replications', args.replications, 1);
  const workers = wholeFlag('workers', args.workers, 0);
  const loaded = scenarioFromArgs(args);
  const scenario = { ...loaded, seed: seed ?? loaded.seed, replications: replications ?? loaded.replications };
  const outDir = args.out ?? join('results', scenario.name);

  const started = new Date();
  const progress = progressReporter(!args.quiet);
  const usedWorkers = workers ?? defaultWorkers(scenario.replications);
  const results = await runReplications(scenario, {
    workers: usedWorkers,
    onProgress: (done, total) => progress(done, total),
  });
  const doc = summaryDocument(scenario, summarize(scenario, results));
  const json = toJson(doc);
  writeFileAtomic(join(outDir, 'summary.json'), json);
  writeFileAtomic(
    join(outDir, 'run.json'),
    toJson({
      careloadVersion: careloadVersion(),
      node: process.version,
      startedAt: started.toISOString(),
      durationSeconds: (Date.now() - started.getTime()) / 1000,
      workers: Math.min(usedWorkers, scenario.replications),
      scenarioFile: args.scenario,
      overrides: args.set,
    }),
  );
  if (args.format === 'json') {
    process.stdout.write(json);
  } else {
    const targets = Object.fromEntries(scenario.tiers.map((t) => [t.name, t.firstResponse]));
    process.stdout.write(textReport(doc, targets));
    process.stdout.write(`\nwrote ${join(outDir, 'summary.json')}\n`);
  }
}
