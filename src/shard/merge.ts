/**
 * `careload merge`: the shards of one run combined into exactly the result
 * of the run without shards. The shards' raw replications (shard.bin) are
 * put back in index order and summarised as the whole run summarises
 * them, so the merged summary.json, replications.json and compare.json are
 * byte-identical to the unsharded run's.
 */
import { readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { judgeThresholds } from '../check/run.js';
import type { ThresholdResult } from '../check/types.js';
import { compareRuns, type Comparison } from '../metrics/compare.js';
import { BASELINE_LABEL } from '../planner/variants.js';
import type { ReplicationResult } from '../metrics/recorder.js';
import { summarize } from '../metrics/summary.js';
import { compareDocument, type CompareDocument } from '../report/compare-json.js';
import { summaryDocument, type SummaryDocument } from '../report/json.js';
import { readCareloadDocument, RecordedRunError } from '../report/read.js';
import { replicationValuesDocument, type ReplicationValuesDocument } from '../report/replications.js';
import { runIdOf } from '../report/run-id.js';
import { runRecord, type RunRecord } from '../report/run-record.js';
import type { Scenario } from '../scenario/types.js';
import { compareBase, decodeShardData, runBase, SHARD_FILE, shardRunId, type ShardData, type ShardInfo } from './shard.js';

/** Shards that cannot be merged, with the reason in one line (the files named). */
export class ShardMergeError extends Error {
  override name = 'ShardMergeError';
}

/** A merged `run`: the documents of the run without shards. */
export interface MergedRun {
  kind: 'run';
  scenario: Scenario;
  results: ReplicationResult[];
  /** The scenario's thresholds judged on every replication (as the run without shards judges them). */
  thresholds: ThresholdResult[];
  summary: SummaryDocument;
  replications: ReplicationValuesDocument;
  /** run.json: the first shard's inputs, the earliest start and latest finish, the most workers a shard used, and `shards`. */
  run: RunRecord & { shards: number };
}

/** A merged `compare`: compare.json of the comparison without shards. */
export interface MergedCompare {
  kind: 'compare';
  /** The first variant's scenario (seed and replications of every variant). */
  base: Scenario;
  comparison: Comparison;
  document: CompareDocument;
}

/** A shard as read: the file named, its document (summary.json or compare.json) and shard.bin's data. */
interface ReadShard {
  file: string;
  data: ShardData;
}

/**
 * Merges the shards of one `careload run --shard` or `careload compare
 * --shard`, given their summary.json (or compare.json) files, each with
 * shard.bin beside it; shards in any order. Writes nothing.
 * @throws ShardMergeError when the files are not shards, are shards of different runs, a shard is missing, given twice, or was stopped
 * @throws RecordedRunError when a file cannot be read (missing, not JSON, another schema version)
 */
export function mergeShards(files: readonly string[]): MergedRun | MergedCompare {
  if (files.length === 0) throw new ShardMergeError('no shards given: name every shard\'s summary.json (or compare.json), e.g. careload merge parts/*/summary.json');
  const shards = files.map(readShard);
  const first = shards[0];
  for (const s of shards.slice(1)) {
    const [a, b] = [first.data, s.data];
    if (a.kind !== b.kind) throw new ShardMergeError(`${first.file} (a ${a.kind} shard) and ${s.file} (a ${b.kind} shard) are shards of different commands`);
    if (a.shard.run !== b.shard.run) {
      throw new ShardMergeError(`${first.file} (run ${a.shard.run}) and ${s.file} (run ${b.shard.run}) are shards of different runs (scenario, seed or replications differ)`);
    }
    if (a.shard.count !== b.shard.count) throw new ShardMergeError(`${first.file} (shard ${a.shard.index}/${a.shard.count}) and ${s.file} (shard ${b.shard.index}/${b.shard.count}) split the run into different numbers of shards`);
    if (a.careloadVersion !== b.careloadVersion) throw new ShardMergeError(`${first.file} (careload ${a.careloadVersion}) and ${s.file} (careload ${b.careloadVersion}) were run by different careload versions`);
  }
  const count = first.data.shard.count;
  const byIndex = new Map<number, ReadShard>();
  for (const s of shards) {
    const twice = byIndex.get(s.data.shard.index);
    if (twice) throw new ShardMergeError(`shard ${s.data.shard.index}/${count} given twice: ${twice.file} and ${s.file}`);
    byIndex.set(s.data.shard.index, s);
  }
  const missing = Array.from({ length: count }, (_, k) => k + 1).filter((k) => !byIndex.has(k));
  if (missing.length > 0) throw new ShardMergeError(`missing shard${missing.length > 1 ? 's' : ''} ${missing.map((k) => `${k}/${count}`).join(', ')} of run ${first.data.shard.run} (given: ${files.length} of ${count})`);
  const ordered = Array.from({ length: count }, (_, k) => byIndex.get(k + 1)!.data);
  return first.data.kind === 'run' ? mergeRun(ordered) : mergeCompare(ordered);
}

/** Reads one shard: its document (refused when it is no shard, or a stopped one) and shard.bin beside it, of the same run id. */
function readShard(file: string): ReadShard {
  const doc = readCareloadDocument(file);
  const shard = doc.shard as ShardInfo | undefined;
  if (shard === undefined || typeof shard !== 'object' || shard === null) {
    throw new ShardMergeError(`${file}: not a shard (the result of a whole run: run it with --shard K/N to split it)`);
  }
  const partial = doc.partial as { done: number; total: number } | undefined;
  if (partial !== undefined) {
    throw new ShardMergeError(`${file}: shard ${shard.index}/${shard.count} was stopped after ${partial.done} of ${partial.total} (partial); run that shard again`);
  }
  const dataFile = join(dirname(file), SHARD_FILE);
  let bytes: Buffer;
  try {
    bytes = readFileSync(dataFile);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new RecordedRunError(`${dataFile}: ${code === 'ENOENT' ? `no such file (a shard writes it beside its ${basename(file)})` : (e as Error).message}`);
  }
  const data = decodeShardData(bytes);
  if (data === null) throw new ShardMergeError(`${dataFile}: not a shard file of this careload (damaged, or of another version)`);
  if (data.runId !== doc.runId) {
    throw new ShardMergeError(`${file} (run id ${String(doc.runId)}) and ${dataFile} (run id ${data.runId}) are from different runs (one was stopped while writing them?); run that shard again`);
  }
  return { file, data };
}

/** The replications of every shard of one variant, in index order, checked to be 0..replications-1. */
function joined(shards: readonly ShardData[], variant: number): ReplicationResult[] {
  const results = shards.flatMap((s) => s.variants[variant].results);
  const replications = shards[0].replications;
  if (results.length !== replications || results.some((r, i) => r.replication !== i)) {
    throw new ShardMergeError(`the shards of run ${shards[0].shard.run} do not hold replications 0..${replications - 1} exactly once (damaged shard files?)`);
  }
  return results;
}

/** A sharded `run` merged: summary.json, replications.json and run.json of the run without shards. */
function mergeRun(shards: readonly ShardData[]): MergedRun {
  const scenario = shards[0].variants[0].scenario;
  // Each shard's id must be the one its scenario gives: a shard file edited or built by hand is refused.
  checkShardIds(shards, runIdOf(runBase(scenario)), (s) => shardRunId(runBase(s.variants[0].scenario), s.shard));
  const results = joined(shards, 0);
  const thresholds = judgeThresholds(scenario, results);
  const inputs = shards.map((s) => s.inputs!);
  const earliest = inputs.map((i) => i.startedAt).sort()[0];
  const latest = inputs.map((i) => i.finishedAt).sort().at(-1)!;
  const record = runRecord({
    startedAt: new Date(earliest),
    finishedAt: new Date(latest),
    workers: Math.max(...inputs.map((i) => i.workers)),
    scenarioFile: inputs[0].scenarioFile,
    scenario,
    overrides: inputs[0].overrides,
    newOverrides: inputs[0].newOverrides,
    overlays: inputs[0].overlays,
  });
  return {
    kind: 'run',
    scenario,
    results,
    thresholds,
    summary: summaryDocument(scenario, summarize(scenario, results), null, thresholds),
    replications: replicationValuesDocument(scenario, results, null),
    run: { ...record, shards: shards.length },
  };
}

/** A sharded `compare` merged: compare.json of the comparison without shards. */
function mergeCompare(shards: readonly ShardData[]): MergedCompare {
  const variants = shards[0].variants;
  const base = variants[0].scenario;
  checkShardIds(shards, runIdOf(compareBase(variants, base.seed, base.replications)), (s) => shardRunId(compareBase(s.variants, base.seed, base.replications), s.shard));
  // Shards record labels only: compare runs the unchanged scenario first, labelled `baseline`, unless --no-baseline.
  const runs = variants.map((v, k) => ({ label: v.label, scenario: v.scenario, results: joined(shards, k), baseline: k === 0 && v.label === BASELINE_LABEL }));
  const comparison = compareRuns(runs);
  return { kind: 'compare', base, comparison, document: compareDocument(base, comparison) };
}

/** Refuses shards whose recorded ids are not those their contents give (`whole`: the run's id; `idOf`: a shard's). */
function checkShardIds(shards: readonly ShardData[], whole: string, idOf: (s: ShardData) => string): void {
  for (const s of shards) {
    if (s.shard.run !== whole || s.runId !== idOf(s)) {
      throw new ShardMergeError(`shard ${s.shard.index}/${s.shard.count} of run ${s.shard.run}: its run ids do not match its contents (damaged or edited shard files)`);
    }
  }
}
