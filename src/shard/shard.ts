/**
 * Sharded runs (`careload run|compare --shard K/N`): which replications a
 * shard runs, the ids that tie its files to one run, and the shard file
 * (shard.bin) that carries its raw replications to `careload merge`.
 *
 * A shard runs a contiguous block of replication indexes; replication i
 * depends only on (scenario, seed, i), so the blocks of shards 1..N,
 * concatenated, are exactly the replications of the run without shards.
 */
import { createHash } from 'node:crypto';
import { gunzipSync, gzipSync } from 'node:zlib';
import { deserialize, serialize } from 'node:v8';
import type { ReplicationResult } from '../metrics/recorder.js';
import { SCHEMA_VERSION, type StoppedEarly } from '../report/json.js';
import { runIdOf, type RunIdentity } from '../report/run-id.js';
import { scenarioHash } from '../scenario/hash.js';
import type { Scenario } from '../scenario/types.js';
import { careloadVersion } from '../version.js';
import type { Shard } from './range.js';

export { shardProblem, shardRange, type Shard } from './range.js';

/** What a shard's files (summary.json, compare.json, run.json, replications.json) record about it. */
export interface ShardInfo extends Shard {
  /** Replication indexes `first`..`end - 1` (from 0, as replications.json numbers them). */
  first: number;
  end: number;
  /** The run id of the whole run this shard is a part of: shards merge only with shards of the same run. */
  run: string;
}

/** The shard file written beside a shard's summary.json or compare.json. */
export const SHARD_FILE = 'shard.bin';

/** A variant of a sharded comparison as its run id hashes it. */
export interface VariantIdentity {
  label: string;
  scenario: Scenario;
}

/** What a run's id hashes, less its shard: the model (a hash), seed and replications. */
export type RunBase = Pick<RunIdentity, 'scenarioHash' | 'seed' | 'replications'>;

/** The run-id inputs of a `run` of `scenario` (its seed and replications). */
export function runBase(scenario: Scenario): RunBase {
  return { scenarioHash: scenarioHash(scenario), seed: scenario.seed, replications: scenario.replications };
}

/**
 * The run-id inputs of a comparison: its variants (labels and the hashes of
 * what they model, in order), seed and replications per variant.
 */
export function compareBase(variants: readonly VariantIdentity[], seed: number, replications: number): RunBase {
  const hashes = variants.map((v) => ({ label: v.label, hash: scenarioHash(v.scenario) }));
  return { scenarioHash: createHash('sha256').update(JSON.stringify(hashes)).digest('hex').slice(0, 16), seed, replications };
}

/**
 * The run id of a shard's files: of the run `base`, the shard and, when the
 * shard was stopped, how many of its replications finished. It differs
 * from the whole run's id (runIdOf(base): what a `run` without shards
 * records) and from every other shard's.
 */
export function shardRunId(base: RunBase, shard: Shard, stoppedEarly: StoppedEarly | null = null): string {
  return runIdOf({ ...base, shard: { index: shard.index, count: shard.count }, ...(stoppedEarly ? { done: stoppedEarly.done } : {}) });
}

/**
 * A shard's version of a result document: the same document with the
 * shard's run id (in place) and its `shard` record appended.
 */
export function asShardDocument<T extends object>(doc: T, runId: string, shard: ShardInfo): T & { runId: string; shard: ShardInfo } {
  return { ...doc, runId, shard };
}

/** How a sharded `run` was made, for the merged run.json. */
export interface ShardRunInputs {
  startedAt: string;
  finishedAt: string;
  workers: number;
  scenarioFile: string;
  overrides: string[];
  newOverrides: string[];
  overlays: string[];
}

/** The contents of shard.bin: a shard's raw replications and what produced them. */
export interface ShardData {
  format: 'careload shard';
  schemaVersion: number;
  careloadVersion: string;
  /** Which command made it. */
  kind: 'run' | 'compare';
  /** The shard's run id, as in the summary.json or compare.json beside it. */
  runId: string;
  shard: ShardInfo;
  /** Replications of the whole run (per variant, for compare). */
  replications: number;
  /** One entry for `run` (label ''); the variants in order for `compare`. Results in index order, first..end-1. */
  variants: { label: string; scenario: Scenario; results: ReplicationResult[] }[];
  /** `run` only: its inputs and timing, for the merged run.json. */
  inputs?: ShardRunInputs;
}

/**
 * shard.bin's bytes: the data in V8's structured-clone form (what worker
 * threads already send replications in: typed arrays and every number
 * exact), gzipped (histograms are mostly zeros).
 */
export function encodeShardData(data: ShardData): Buffer {
  return gzipSync(serialize(data), { level: 6 });
}

/**
 * Reads shard.bin's bytes back, or null when they are not a shard file of
 * this careload's layout (another file, truncated, another schema version).
 */
export function decodeShardData(bytes: Buffer): ShardData | null {
  let data: unknown;
  try {
    data = deserialize(gunzipSync(bytes));
  } catch {
    return null;
  }
  if (data === null || typeof data !== 'object') return null;
  const d = data as Partial<ShardData>;
  if (d.format !== 'careload shard' || d.schemaVersion !== SCHEMA_VERSION || !Array.isArray(d.variants) || typeof d.shard !== 'object') return null;
  return d as ShardData;
}

/** Builds the shard data of a shard of this careload. */
export function shardData(fields: Omit<ShardData, 'format' | 'schemaVersion' | 'careloadVersion'>): ShardData {
  return { format: 'careload shard', schemaVersion: SCHEMA_VERSION, careloadVersion: careloadVersion(), ...fields };
}
