import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { shardFlag } from '../../cli/options.js';
import {
  asShardDocument,
  decodeShardData,
  encodeShardData,
  loadScenario,
  mergeShards,
  replicationValuesDocument,
  replicationValuesJson,
  runBase,
  runIdOf,
  runIdOfScenario,
  runReplications,
  SHARD_FILE,
  shardData,
  ShardMergeError,
  shardProblem,
  shardRange,
  shardRunId,
  summarize,
  summaryDocument,
  toJson,
  type Scenario,
  type Shard,
} from '../../src/index.js';

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

describe('shardRange', () => {
  it('splits 0..R-1 into N contiguous blocks, in order, each index once, sizes within one of each other', () => {
    for (let replications = 1; replications <= 40; replications++) {
      for (let count = 1; count <= replications; count++) {
        const ranges = Array.from({ length: count }, (_, k) => shardRange({ index: k + 1, count }, replications));
        const covered = ranges.flatMap((r) => Array.from({ length: r.end - r.first }, (_, i) => r.first + i));
        const sizes = ranges.map((r) => r.end - r.first);
        expect(covered, `${count} shards of ${replications}`).toEqual(Array.from({ length: replications }, (_, i) => i));
        expect(Math.max(...sizes) - Math.min(...sizes), `${count} shards of ${replications}`).toBeLessThanOrEqual(1);
      }
    }
  });

  it('shardProblem refuses K outside 1..N and more shards than replications', () => {
    expect(shardProblem({ index: 2, count: 4 }, 4)).toBeNull();
    expect(shardProblem({ index: 0, count: 4 }, 10)).toMatch(/K from 1 to N/);
    expect(shardProblem({ index: 5, count: 4 }, 10)).toMatch(/K from 1 to N/);
    expect(shardProblem({ index: 1, count: 5 }, 4)).toMatch(/5 shards for 4 replication/);
  });
});

describe('--shard K/N', () => {
  it('reads K/N (spaces allowed) and refuses other forms, K outside 1..N and more shards than replications, naming the flag', () => {
    expect(shardFlag(undefined, 4)).toBeUndefined();
    expect(shardFlag('2/4', 4)).toEqual({ index: 2, count: 4 });
    expect(shardFlag(' 1 / 3 ', 9)).toEqual({ index: 1, count: 3 });
    for (const [raw, message] of [
      ['two', /^--shard: expected K\/N such as 2\/4/],
      ['2', /^--shard: expected K\/N/],
      ['-1/2', /^--shard: expected K\/N/],
      ['0/2', /^--shard 0\/2: expected K\/N with K from 1 to N/],
      ['3/2', /^--shard 3\/2: expected K\/N with K from 1 to N/],
      ['1/5', /^--shard 1\/5: 5 shards for 4 replication/],
    ] as const) {
      expect(() => shardFlag(raw, 4), raw).toThrow(message);
    }
  });
});

describe('shard run ids', () => {
  const base = { scenarioHash: '0123456789abcdef', seed: 1, replications: 8 };
  it('differ from the whole run and from each other, and a stopped shard from a complete one', () => {
    const ids = [runIdOf(base), ...[1, 2, 3, 4].map((index) => shardRunId(base, { index, count: 4 })), shardRunId(base, { index: 1, count: 2 }), shardRunId(base, { index: 1, count: 4 }, { done: 1, total: 2 })];
    expect(new Set(ids).size).toBe(ids.length);
    expect(shardRunId(base, { index: 3, count: 4 })).toBe(shardRunId({ ...base }, { index: 3, count: 4 }));
    expect(shardRunId({ ...base, seed: 2 }, { index: 3, count: 4 })).not.toBe(shardRunId(base, { index: 3, count: 4 }));
  });
});

describe('shard.bin', () => {
  it('carries typed arrays and every number exactly, and refuses what is not a shard file', () => {
    const values = new Float64Array([0.1 + 0.2, -Infinity, Infinity, Number.NaN, -0, 5e-324]);
    const data = shardData({ kind: 'run', runId: 'x', shard: { index: 1, count: 1, first: 0, end: 1, run: 'y' }, replications: 1, variants: [{ label: '', scenario: {} as Scenario, results: [{ fields: values } as never] }] });
    const back = decodeShardData(encodeShardData(data))!;
    const got = (back.variants[0].results[0] as unknown as { fields: Float64Array }).fields;
    expect(got).toBeInstanceOf(Float64Array);
    expect(got.length).toBe(values.length);
    values.forEach((v, i) => expect(Object.is(got[i], v), `value ${i}`).toBe(true));
    expect(decodeShardData(Buffer.from('not a shard'))).toBeNull();
    expect(decodeShardData(encodeShardData({ ...data, schemaVersion: 999 }))).toBeNull();
  });
});

/** A short M/M/14 scenario: 5 replications of 20 hours. */
function tinyScenario(): Scenario {
  return loadScenario('scenarios/mmc-validation.yaml', { set: ['horizon=20h', 'warmup=1h', 'report.interval=5h', 'replications=5'] });
}

/** Writes shard `shard` of `scenario` as `careload run --shard` does (summary.json and shard.bin), returns its summary.json path. */
async function writeShard(dir: string, scenario: Scenario, shard: Shard): Promise<string> {
  const { first, end } = shardRange(shard, scenario.replications);
  const results = await runReplications(scenario, { first, end, workers: 1 });
  const base = runBase(scenario);
  const info = { ...shard, first, end, run: runIdOf(base) };
  const runId = shardRunId(base, shard);
  const out = join(dir, `part-${shard.index}`);
  mkdirSync(out, { recursive: true });
  const now = new Date(0).toISOString();
  const inputs = { startedAt: now, finishedAt: now, workers: 1, scenarioFile: 's.yaml', overrides: [], newOverrides: [], overlays: [] };
  writeFileSync(join(out, SHARD_FILE), encodeShardData(shardData({ kind: 'run', runId, shard: info, replications: scenario.replications, variants: [{ label: '', scenario, results }], inputs })));
  writeFileSync(join(out, 'summary.json'), toJson(asShardDocument(summaryDocument(scenario, summarize(scenario, results)), runId, info)));
  return join(out, 'summary.json');
}

describe('mergeShards', () => {
  it('gives the documents of the run without shards (any order of shards), and refuses a missing one', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'careload-shard-unit-'));
    dirs.push(dir);
    const scenario = tinyScenario();
    const files: string[] = [];
    for (const index of [3, 1, 2]) files.push(await writeShard(dir, scenario, { index, count: 3 }));
    const merged = mergeShards(files);
    if (merged.kind !== 'run') throw new Error('expected a run');
    const results = await runReplications(scenario, { workers: 1 });
    expect(toJson(merged.summary)).toBe(toJson(summaryDocument(scenario, summarize(scenario, results), null, merged.thresholds)));
    expect(merged.summary.runId).toBe(runIdOfScenario(scenario));
    expect(replicationValuesJson(merged.replications)).toBe(replicationValuesJson(replicationValuesDocument(scenario, results)));
    expect(() => mergeShards(files.slice(0, 2))).toThrow(ShardMergeError);
    expect(() => mergeShards(files.slice(0, 2))).toThrow(/missing shard 2\/3/);
  });
});
