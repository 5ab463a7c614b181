/**
 * What `careload run|compare --shard K/N` writes and prints: the shard's
 * own result files (marked with its `shard` record and its own run id) and
 * shard.bin, which `careload merge` combines with the other shards.
 */
import { join } from 'node:path';
// The modules themselves, not the library's index: run's start-up bundle (cli/quick-bundle.ts) takes in only what it uses.
import type { VariantRun } from '../../src/metrics/compare.js';
import type { ReplicationResult } from '../../src/metrics/recorder.js';
import { summarize } from '../../src/metrics/summary.js';
import { summaryDocument, type StoppedEarly } from '../../src/report/json.js';
import { SCHEMA_VERSION, toJson } from '../../src/report/json-text.js';
import { replicationValuesDocument } from '../../src/report/replications.js';
import { runIdOf } from '../../src/report/run-id.js';
import { writeRunFiles } from '../../src/report/run-files.js';
import { runRecord } from '../../src/report/run-record.js';
import { writeFileAtomic } from '../../src/report/write.js';
import { scenarioHash } from '../../src/scenario/hash.js';
import type { Scenario } from '../../src/scenario/types.js';
import { shardRange, type Shard } from '../../src/shard/range.js';
import { asShardDocument, compareBase, encodeShardData, runBase, SHARD_FILE, shardData, shardRunId, type ShardInfo } from '../../src/shard/shard.js';
import type { RunFlags } from '../options.js';
import type { TerminalMode } from '../terminal.js';

/** The replications a shard runs (for runReplications' first and end) and its record for the files. */
export function shardOf(shard: Shard, base: { scenarioHash: string; seed: number; replications: number }): ShardInfo {
  return { index: shard.index, count: shard.count, ...shardRange(shard, base.replications), run: runIdOf(base) };
}

/** `replications 5-8 of 16`, 1-based as people count them. */
function span(info: ShardInfo, replications: number): string {
  return `replication${info.end - info.first > 1 ? `s ${info.first + 1}-${info.end}` : ` ${info.end}`} of ${replications}`;
}

/**
 * Writes a `run` shard: summary.json, replications.json and run.json of its
 * replications (thresholds not judged: a share of the run cannot decide
 * them), then shard.bin unless it was stopped; prints the report.
 */
export function writeRunShard(
  args: RunFlags,
  scenario: Scenario,
  shard: Shard,
  outDir: string,
  term: TerminalMode,
  started: Date,
  workers: number,
  results: ReplicationResult[],
  partial: StoppedEarly | null,
  /** The text report's renderer (cli/ui/render.ts, imported by the caller when it prints text); null for JSON. */
  renderReport: typeof import('../ui/render.js').renderReport | null,
): void {
  const base = runBase(scenario);
  const info = shardOf(shard, base);
  const runId = shardRunId(base, shard, partial);
  const inputs = {
    startedAt: started.toISOString(),
    finishedAt: new Date().toISOString(),
    workers,
    scenarioFile: args.scenario,
    overrides: [...args.set],
    newOverrides: [...args.setNew],
    overlays: [...args.overlay],
  };
  // shard.bin first: summary.json, written last, then vouches for the whole set (its run id is shard.bin's).
  if (!partial) {
    const data = shardData({ kind: 'run', runId, shard: info, replications: scenario.replications, variants: [{ label: '', scenario, results }], inputs });
    writeFileAtomic(join(outDir, SHARD_FILE), encodeShardData(data));
  }
  const doc = asShardDocument(summaryDocument(scenario, summarize(scenario, results), partial), runId, info);
  const { summaryJson, summaryFile } = writeRunFiles(outDir, {
    summary: doc,
    replications: asShardDocument(replicationValuesDocument(scenario, results, partial), runId, info),
    run: asShardDocument(
      runRecord({
        startedAt: started,
        finishedAt: new Date(inputs.finishedAt),
        workers,
        scenarioFile: args.scenario,
        scenario,
        overrides: args.set,
        newOverrides: args.setNew,
        overlays: args.overlay,
        stoppedEarly: partial,
      }),
      runId,
      info,
    ),
  });
  if (args.format === 'json' || renderReport === null) {
    process.stdout.write(summaryJson);
  } else {
    process.stdout.write(renderReport(doc, scenario, partial, term.color, term.columns));
    process.stdout.write(`\nshard ${shard.index}/${shard.count}: ${span(info, scenario.replications)}; thresholds are judged when the shards are merged (careload merge)\n`);
    process.stdout.write(`wrote ${summaryFile}${partial ? ' (partial)' : ''}\n`);
  }
  if (partial) process.stderr.write(`careload: shard ${shard.index}/${shard.count} stopped after ${partial.done} of ${partial.total} replications; wrote partial results to ${outDir} (merge refuses them)\n`);
}

/**
 * Writes a `compare` shard: shard.bin with every variant's replications of
 * the shard (unless stopped), then compare.json recording the shard (no
 * comparison: a share of the replications does not decide one); prints a line.
 */
export function writeCompareShard(
  args: RunFlags,
  variants: readonly { label: string; scenario: Scenario }[],
  runs: readonly VariantRun[],
  shard: Shard,
  outDir: string,
): void {
  const first = variants[0].scenario;
  const base = compareBase(variants, first.seed, first.replications);
  const info = shardOf(shard, base);
  const partial = runs.length < variants.length ? { done: runs.length, total: variants.length } : null;
  const runId = shardRunId(base, shard, partial);
  if (!partial) {
    const data = shardData({ kind: 'compare', runId, shard: info, replications: first.replications, variants: runs.map((r) => ({ label: r.label, scenario: r.scenario, results: [...r.results] })) });
    writeFileAtomic(join(outDir, SHARD_FILE), encodeShardData(data));
  }
  const json = toJson({
    schemaVersion: SCHEMA_VERSION,
    runId,
    scenario: { name: first.name, hash: scenarioHash(first) },
    seed: first.seed,
    replications: first.replications,
    variants: variants.map((v) => v.label),
    ...(partial ? { partial } : {}),
    shard: info,
  });
  const file = join(outDir, 'compare.json');
  writeFileAtomic(file, json);
  if (args.format === 'json') {
    process.stdout.write(json);
  } else {
    process.stdout.write(`careload compare: ${first.name}, shard ${shard.index}/${shard.count}: ${span(info, first.replications)} per variant, ${runs.length} of ${variants.length} variants (${variants.map((v) => v.label).join(', ')}); the comparison is made when the shards are merged (careload merge)\n`);
    process.stdout.write(`wrote ${file}${partial ? ' (partial)' : ''}\n`);
  }
  if (partial) process.stderr.write(`careload: compare shard ${shard.index}/${shard.count} stopped after ${partial.done} of ${partial.total} variants; merge refuses it\n`);
}
