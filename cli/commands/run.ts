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
import { scenarioFromArgs, wholeFlag, withScenario } from '../options.js';
import { careloadVersion } from '../version.js';

export const command = 'run <scenario>';
export const describe = 'simulate a scenario and report SLA, backlog and abandonment with confidence intervals';

export const builder = (y: Argv) =>
  withScenario(y)
    .option('seed', { type: 'string', describe: 'random seed (overrides the scenario\'s seed)' })
    .option('replications', { type: 'string', alias: 'r', describe: 'number of replications (overrides the scenario)' })
    .option('format', { choices: ['text', 'json'] as const, default: 'text' as const, describe: 'stdout format' })
    .option('out', { type: 'string', describe: 'directory for summary.json [default: results/<scenario name>]' })
    .option('workers', { type: 'string', describe: 'worker threads [default: one per core]' })
    .option('quiet', { type: 'boolean', alias: 'q', default: false, describe: 'no progress lines on stderr' });

interface RunArgs {
  scenario: string;
  set: string[];
  seed?: string;
  replications?: string;
  format: 'text' | 'json';
  out?: string;
  workers?: string;
  quiet: boolean;
}

/** Runs the scenario, writes summary.json and run.json, prints the report. */
export async function handler(args: RunArgs): Promise<void> {
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
