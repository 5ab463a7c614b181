import { createRequire } from 'node:module';
import type seedrandomModule from 'seedrandom';

// seedrandom is loaded by the first stream made, not by every module that can make one (validate loads the trace reader).
const requireModule = createRequire(import.meta.url);
let seedrandom: typeof seedrandomModule | undefined;

/** A source of uniform random numbers in the open interval (0, 1). */
export interface Uniform {
  /** Next uniform in (0, 1): never exactly 0 or 1, so log() is always finite. */
  next(): number;
}

/** A sequential stream: uniforms plus raw 32-bit words (for keys). */
export interface Stream extends Uniform {
  /** Next unsigned 32-bit integer. */
  nextUint32(): number;
  /**
   * The same word as {@link nextUint32} would give, as a signed 32-bit
   * integer (a small integer to V8, where half the unsigned words are
   * boxed doubles): for keys, whose hashes read only the bits.
   */
  nextInt32(): number;
}

const TWO_POW_32 = 4294967296;

/**
 * Creates the independent sequential stream for one purpose of one
 * replication. Streams are seeded from the text `seed/replication/purpose`,
 * which seedrandom hashes into the generator state, so distinct purposes
 * never share a sequence and adding a purpose never shifts another's draws.
 */
export function createStream(seed: number, replication: number, purpose: string): Stream {
  return new Xor4096(`careload/${seed}/${replication}/${purpose}`);
}

/**
 * Brent's xor4096 exactly as seedrandom computes it (seedrandom seeds it
 * from the text; the same words follow), with the 128 words of state in a
 * typed array and the two fields in the instance: a draw is a few integer
 * operations, no call through a closure, no boxed number.
 */
class Xor4096 implements Stream {
  private readonly x = new Int32Array(128);
  private w: number;
  private i: number;

  constructor(seedText: string) {
    seedrandom ??= requireModule('seedrandom') as typeof seedrandomModule;
    const state = seedrandom.xor4096(seedText, { state: true }).state();
    this.x.set(state.X);
    this.w = state.w | 0;
    this.i = state.i | 0;
  }

  nextUint32(): number {
    return this.nextInt32() >>> 0;
  }

  next(): number {
    // int32 -> (0, 1) exclusive at both ends.
    return ((this.nextInt32() >>> 0) + 0.5) / TWO_POW_32;
  }

  nextInt32(): number {
    const x = this.x;
    const w = (this.w = (this.w + 0x61c88647) | 0);
    let v = x[(this.i + 34) & 127];
    const i = (this.i = (this.i + 1) & 127);
    let t = x[i];
    v ^= v << 13;
    t ^= t << 17;
    v ^= v >>> 15;
    t ^= t >>> 12;
    v = x[i] = v ^ t;
    return (v + (w ^ (w >>> 16))) | 0;
  }
}

/**
 * Chris Wellons' lowbias32 integer hash: good avalanche, 2 multiplies. The
 * result is the hash's 32 bits as a signed integer (what the callers mix on
 * needs only the bits; a signed result stays a small integer, never a boxed
 * number).
 */
function lowbias32(x: number): number {
  x ^= x >>> 16;
  x = Math.imul(x, 0x7feb352d);
  x ^= x >>> 15;
  x = Math.imul(x, 0x846ca68b);
  x ^= x >>> 16;
  return x | 0;
}

/** The lane of stream (purpose, index): see {@link KeyedUniform.select}. */
function laneOf(purpose: number, index: number): number {
  return lowbias32((Math.imul(purpose, 0x9e3779b9) ^ Math.imul(index + 1, 0x85ebca6b)) >>> 0);
}

/** Purposes and indexes below these have their lane, and the lane's first counter hash, in a table. */
const TABLE_PURPOSES = 32;
const TABLE_INDEXES = 64;
const LANES = new Int32Array(TABLE_PURPOSES * TABLE_INDEXES);
const FIRST = new Int32Array(TABLE_PURPOSES * TABLE_INDEXES);
for (let p = 0; p < TABLE_PURPOSES; p++) {
  for (let i = 0; i < TABLE_INDEXES; i++) {
    LANES[p * TABLE_INDEXES + i] = laneOf(p, i);
    FIRST[p * TABLE_INDEXES + i] = lowbias32(LANES[p * TABLE_INDEXES + i]);
  }
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
 * so sampling allocates nothing. The hashes that depend only on (purpose,
 * index) come from a table for the small ones (all the model uses).
 */
export class KeyedUniform implements Uniform {
  private keyA = 0;
  private keyB = 0;
  private lane = 0;
  /** Hash of the lane with counter 0 (the first draw's inner hash). */
  private laneFirst = 0;
  private counter = 0;

  /** Points the generator at stream (purpose, index) of the key (keyA, keyB): two 32-bit words, signed or unsigned alike (only their bits count). */
  select(keyA: number, keyB: number, purpose: number, index: number): this {
    this.keyA = keyA;
    this.keyB = keyB;
    if (purpose >>> 0 < TABLE_PURPOSES && index >>> 0 < TABLE_INDEXES) {
      const at = purpose * TABLE_INDEXES + index;
      this.lane = LANES[at];
      this.laneFirst = FIRST[at];
    } else {
      this.lane = laneOf(purpose, index);
      this.laneFirst = lowbias32(this.lane);
    }
    this.counter = 0;
    return this;
  }

  /**
   * The first uniform of stream (purpose, index) of the key (keyA, keyB):
   * the same number as `select(keyA, keyB, purpose, index).next()`, without
   * re-pointing the generator (for the many draws that take one uniform).
   */
  first(keyA: number, keyB: number, purpose: number, index: number): number {
    const inner = purpose >>> 0 < TABLE_PURPOSES && index >>> 0 < TABLE_INDEXES
      ? FIRST[purpose * TABLE_INDEXES + index]
      : lowbias32(laneOf(purpose, index));
    const h = lowbias32(keyA ^ lowbias32((keyB + inner) >>> 0));
    return ((h >>> 0) + 0.5) / TWO_POW_32;
  }

  next(): number {
    const c = this.counter++;
    const inner = c === 0 ? this.laneFirst : lowbias32(this.lane ^ Math.imul(c, 0xc2b2ae35));
    const h = lowbias32(this.keyA ^ lowbias32((this.keyB + inner) >>> 0));
    return ((h >>> 0) + 0.5) / TWO_POW_32;
  }
}
