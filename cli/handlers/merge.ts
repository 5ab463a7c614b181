import { join } from 'node:path';
import {
  compareTextReport,
  mergeShards,
  RecordedRunError,
  ShardMergeError,
  thresholdsFail,
  thresholdsTable,
  toJson,
  writeFileAtomic,
  writeRunFiles,
  type MergedCompare,
  type MergedRun,
} from '../../src/index.js';
import type { MergeFlags } from '../commands/merge.js';
import { ThresholdsFailed, UsageError } from '../exit-codes.js';
import { fileArg, outFolderFlag } from '../options.js';
import { terminal } from '../terminal.js';
import { importUi } from '../ui-modules.js';

/**
 * Merges the shards named (their summary.json or compare.json) and writes
 * what the run without shards writes: summary.json, replications.json and
 * run.json (run), or compare.json (compare); prints its report. Shards
 * that cannot be merged are a usage error (exit 2); failed thresholds exit
 * 99, as for the run without shards.
 */
export async function handler(args: MergeFlags): Promise<void> {
  let merged: MergedRun | MergedCompare;
  try {
    merged = mergeShards(args.files.map(String).map(fileArg));
  } catch (e) {
    if (e instanceof ShardMergeError || e instanceof RecordedRunError) throw new UsageError(e.message, false);
    throw e;
  }
  if (merged.kind === 'run') await writeRun(args, merged);
  else writeCompare(args, merged);
}

/** Writes the merged run's files and prints its report (the terminal UI's renderer is loaded only for text). */
async function writeRun(args: MergeFlags, merged: MergedRun): Promise<void> {
  const { scenario, summary, thresholds } = merged;
  const outDir = outFolderFlag(args.out, join('results', scenario.name));
  const { summaryJson, summaryFile } = writeRunFiles(outDir, { summary, replications: merged.replications, run: merged.run });
  if (args.format === 'json') {
    process.stdout.write(summaryJson);
  } else {
    const { renderReport } = await importUi('render');
    // merge draws no live view, but its report is coloured on a terminal as run's is (not in CI, not with --no-color).
    const term = terminal({ color: args.color });
    process.stdout.write(renderReport(summary, scenario, null, term.color, term.columns));
    if (thresholds.length > 0) process.stdout.write(`\nthresholds (${scenario.replications} replications):\n${thresholdsTable(thresholds, args.inconclusive)}\n`);
    process.stdout.write(`\nmerged ${merged.run.shards} shards; wrote ${summaryFile}\n`);
  }
  if (thresholdsFail(thresholds, args.inconclusive)) throw new ThresholdsFailed('thresholds failed');
}

/** Writes the merged compare.json and prints the comparison. */
function writeCompare(args: MergeFlags, merged: MergedCompare): void {
  const { base, comparison } = merged;
  const outDir = outFolderFlag(args.out, join('results', base.name));
  const json = toJson(merged.document);
  const file = join(outDir, 'compare.json');
  writeFileAtomic(file, json);
  if (args.format === 'json') {
    process.stdout.write(json);
  } else {
    process.stdout.write(compareTextReport(`careload compare: ${base.name} (seed ${base.seed}, ${base.replications} replications per variant)`, comparison));
    process.stdout.write(`\nwrote ${file}\n`);
  }
}
