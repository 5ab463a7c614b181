import seedrandom from 'seedrandom';

/** A source of uniform random numbers in the open interval (0, 1). */
export interface Uniform {
  /** Next uniform in (0, 1): never exactly 0 or 1, so log() is always finite. */
  next(): number;
}

/** A sequential stream: uniforms plus raw 32-bit words (for keys). */
export interface Stream extends Uniform {
  /** Next unsigned 32-bit integer. */
  nextUint32(): number;
}

const TWO_POW_32 = 4294967296;

/**
 * Creates the independent sequential stream for one purpose of one
 * replication. Streams are seeded from the text `seed/replication/purpose`,
 * which seedrandom hashes into the generator state, so distinct purposes
 * never share a sequence and adding a purpose never shifts another's draws.
 */
export function createStream(seed: number, replication: number, purpose: string): Stream {
  const prng = seedrandom.xor4096(`careload/${seed}/${replication}/${purpose}`);
  return {
    next(): number {
      // int32 -> (0, 1) exclusive at both ends.
      return ((prng.int32() >>> 0) + 0.5) / TWO_POW_32;
    },
    nextUint32(): number {
      return prng.int32() >>> 0;
    },
  };
}

/** Chris Wellons' lowbias32 integer hash: good avalanche, 2 multiplies. */
function lowbias32(x: number): number {
  x ^= x >>> 16;
  x = Math.imul(x, 0x7feb352d);
  x ^= x >>> 15;
  x = Math.imul(x, 0x846ca68b);
  x ^= x >>> 16;
  return x >>> 0;
}

/**
 * A counter-based generator: the n-th uniform of stream (keyA, keyB, purpose,
 * index) is a hash of those numbers, so any draw can be recomputed without
 * stored state. Each conversation gets its own 64-bit key at arrival; every
 * later draw for it (handle time of turn 3, patience, ...) comes from its key,
 * which is what makes two routing policies see exactly the same customers
 * (common random numbers) even though they serve them in different orders.
 *
 * One instance is reused for every conversation: {@link select} re-points it,
 * so sampling allocates nothing.
 */
export class KeyedUniform implements Uniform {
  private keyA = 0;
  private keyB = 0;
  private lane = 0;
  private counter = 0;

  /** Points the generator at stream (purpose, index) of the key (keyA, keyB). */
  select(keyA: number, keyB: number, purpose: number, index: number): this {
    this.keyA = keyA;
    this.keyB = keyB;
    this.lane = lowbias32((Math.imul(purpose, 0x9e3779b9) ^ Math.imul(index + 1, 0x85ebca6b)) >>> 0);
    this.counter = 0;
    return this;
  }

  next(): number {
    const c = this.counter++;
    const h = lowbias32(this.keyA ^ lowbias32((this.keyB + lowbias32(this.lane ^ Math.imul(c, 0xc2b2ae35))) >>> 0));
    return (h + 0.5) / TWO_POW_32;
  }
}
