import { join } from 'node:path';
import {
  compareDocument,
  compareLineup,
  compareBase,
  compareRuns,
  compareTextReport,
  defaultWorkers,
  loadScenario,
  ROUTING_POLICY_NAMES,
  runReplications,
  summarize,
  summaryDocument,
  toJson,
  writeFileAtomic,
  RunAborted,
  type ReplicationResult,
  type Scenario,
  type VariantRun,
  type CompareEntry,
} from '../../src/index.js';
import type { CompareArgs } from '../commands/compare.js';
import { UsageError } from '../exit-codes.js';
import { watchInterrupts } from '../interrupt.js';
import { writeHtmlFrom } from '../html.js';
import { loadOptionsFromArgs, outFileFlag, outFolderFlag, shardFlag, wholeFlag, workersFlag } from '../options.js';
import { assertRunFits, scenarioFromArgs } from '../scenario-args.js';
import { replicationProgress } from '../progress.js';
import { terminal } from '../terminal.js';
import { importUi } from '../ui-modules.js';
import { shardOf, writeCompareShard } from './shard-output.js';

const POLICIES = ROUTING_POLICY_NAMES;

/** The variants to run: the scenario unchanged (unless --no-baseline), then one per --policy, then one per --variant. */
function variantsFrom(args: CompareArgs): { label: string; baseline: boolean; load: () => Scenario }[] {
  for (const p of args.policy) {
    if (!(POLICIES as readonly string[]).includes(p)) throw new UsageError(`--policy: expected one of ${POLICIES.join(', ')}, got ${JSON.stringify(p)}`);
  }
  let lineup: CompareEntry[];
  try {
    lineup = compareLineup(args.policy, args.variant, args.baseline);
  } catch (e) {
    if (e instanceof RangeError) throw new UsageError(e.message);
    throw e;
  }
  return lineup.map((v) => ({
    label: v.label,
    baseline: v.kind === 'baseline',
    load: () =>
      v.kind === 'baseline'
        ? scenarioFromArgs(args)
        : v.kind === 'policy'
          ? loadScenario(args.scenario, loadOptionsFromArgs(args, [`routing.policy=${v.source}`]))
          : loadScenario(args.scenario, loadOptionsFromArgs(args, [], [v.source!])),
  }));
}

/**
 * Runs every variant on the same seed and replications and reports their
 * paired differences. Stopped by Ctrl-C, SIGTERM or `q`: compare.json holds
 * the variants that finished, marked partial; exit 130 (143 after SIGTERM).
 */
export async function handler(args: CompareArgs): Promise<void> {
  const seed = wholeFlag('seed', args.seed, 0);
  const replications = wholeFlag('replications', args.replications, 2);
  const workers = workersFlag(args.workers);
  outFileFlag('html', args.html);
  // Load (and so validate) every variant before running any.
  const variants = variantsFrom(args).map((v) => {
    const s = v.load();
    return { label: v.label, baseline: v.baseline, scenario: { ...s, seed: seed ?? s.seed, replications: replications ?? s.replications } };
  });
  const reps = variants[0].scenario.replications;
  if (reps < 2) throw new UsageError('compare needs at least 2 replications for paired intervals (set --replications)');
  const base = variants[0].scenario;
  // Every variant runs with the first's seed and replications.
  const aligned = variants.map((v) => ({ label: v.label, scenario: { ...v.scenario, seed: base.seed, replications: reps } }));
  const shard = shardFlag(args.shard, reps);
  if (shard && args.html !== undefined) throw new UsageError('--html: a shard holds part of the comparison; merge the shards (careload merge), then careload report the merged folder');
  // A shard runs replications first..end-1 of every variant (all of them without --shard).
  const { first, end } = shard ? shardOf(shard, compareBase(aligned, base.seed, reps)) : { first: 0, end: reps };
  // Each variant is a run of its own: each must fit the work limits.
  for (const v of aligned) assertRunFits(v.scenario, args, end - first);
  const outDir = outFolderFlag(args.out, join('results', base.name));
  const runs: VariantRun[] = [];
  // A shard prints progress lines, not the live view: it runs in a batch job.
  const term = { ...terminal(args), ...(shard ? { live: false } : {}) };
  const interruption = watchInterrupts();
  try {
    for (const [i, v] of variants.entries()) {
      const scenario = { ...v.scenario, seed: base.seed, replications: reps };
      const label = `variant ${i + 1}/${variants.length} (${v.label})`;
      let results: ReplicationResult[] | null;
      if (term.live) {
        // The live view of each variant in turn; q stops the whole comparison, keeping the variants finished.
        const { runLive } = await importUi('live');
        const live = await runLive(scenario, workers ?? defaultWorkers(reps), term.color, interruption, { runReplications, summarize, summaryDocument, RunAborted }, label);
        results = live.partial ? null : live.results;
      } else {
        // On worker threads even with one worker, so that Ctrl-C stops a long replication at once.
        results = await runReplications(scenario, {
          first,
          end,
          workers,
          alwaysWorkers: true,
          // With two or more workers and short replications, this thread simulates too (one fewer thread to start).
          shareCallingThread: true,
          signal: interruption.signal,
          ...replicationProgress(!args.quiet, { ...scenario, replications: end - first }, ` for ${label}`),
        }).catch((e: unknown) => {
          if (e instanceof RunAborted) return null;
          throw e;
        });
      }
      // A variant stopped part-way is dropped: its differences need every replication paired.
      if (results === null) break;
      runs.push({ label: v.label, scenario, results, baseline: v.baseline });
    }
    const partial = runs.length < variants.length ? { done: runs.length, total: variants.length } : null;
    if (runs.length === 0) {
      process.stderr.write(`careload: compare stopped before any variant finished; nothing written\n`);
      throw interruption.interrupted('stopped');
    }
    if (shard) {
      writeCompareShard(args, aligned, runs, shard, outDir);
      if (partial) throw interruption.interrupted('stopped');
      return;
    }
    const comparison = compareRuns(runs);
    const json = toJson(compareDocument(base, comparison, partial));
    writeFileAtomic(join(outDir, 'compare.json'), json);
    if (args.format === 'json') {
      process.stdout.write(json);
    } else {
      process.stdout.write(compareTextReport(`careload compare: ${base.name} (seed ${base.seed}, ${reps} replications per variant)`, comparison));
      process.stdout.write(`\nwrote ${join(outDir, 'compare.json')}${partial ? ' (partial)' : ''}\n`);
    }
    if (args.html !== undefined) await writeHtmlFrom(args.html, join(outDir, 'compare.json'), args.format);
    if (partial) {
      process.stderr.write(`careload: compare stopped after ${partial.done} of ${partial.total} variants; compare.json holds those finished, marked partial\n`);
      throw interruption.interrupted('stopped');
    }
  } finally {
    interruption.release();
  }
}
