/**
 * Which share of a run's replications a shard runs: small, with no imports,
 * so the CLI can check `--shard K/N` before it loads anything.
 */

/** A shard of a run: the `index`-th (from 1) of `count` shares of its replications. */
export interface Shard {
  index: number;
  count: number;
}

/**
 * The replications shard `index`/`count` runs out of `replications`:
 * indexes first..end-1, contiguous blocks whose sizes differ by at most one.
 */
export function shardRange(shard: Shard, replications: number): { first: number; end: number } {
  return {
    first: Math.floor(((shard.index - 1) * replications) / shard.count),
    end: Math.floor((shard.index * replications) / shard.count),
  };
}

/**
 * Why `shard` cannot split a run of `replications`, in words (null when it can):
 * an index outside 1..count, or more shards than replications (a shard would run none).
 */
export function shardProblem(shard: Shard, replications: number): string | null {
  const shown = `${shard.index}/${shard.count}`;
  if (shard.count < 1 || shard.index < 1 || shard.index > shard.count) return `${shown}: expected K/N with K from 1 to N`;
  if (shard.count > replications) return `${shown}: ${shard.count} shards for ${replications} replication(s), so a shard would run none (use at most ${replications} shards, or more replications)`;
  return null;
}

