import { describe, it, expect } from 'vitest';
import { createStream, KeyedUniform, type Uniform } from '../../src/core/rng.js';

const N = 100_000;

function draws(u: Uniform, n: number): Float64Array {
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = u.next();
  return out;
}

function mean(x: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < x.length; i++) s += x[i];
  return s / x.length;
}

/** Pearson correlation of two equally long samples. */
function correlation(x: ArrayLike<number>, y: ArrayLike<number>): number {
  const mx = mean(x);
  const my = mean(y);
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < x.length; i++) {
    const dx = x[i] - mx;
    const dy = y[i] - my;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  return sxy / Math.sqrt(sxx * syy);
}

/** Pearson chi-square statistic of the sample against 20 equal bins of (0, 1). */
function chiSquare20(x: ArrayLike<number>): number {
  const bins = 20;
  const counts = new Float64Array(bins);
  for (let i = 0; i < x.length; i++) counts[Math.floor(x[i] * bins)]++;
  const expected = x.length / bins;
  let chi = 0;
  for (const c of counts) chi += ((c - expected) * (c - expected)) / expected;
  return chi;
}

/**
 * Checks that a sample looks uniform on (0, 1): strictly inside the interval,
 * mean within 5 standard errors of 1/2, and a 20-bin chi-square (19 degrees of
 * freedom, mean 19, sd 6.2) below 60, which a uniform sample exceeds with
 * probability of about 1e-6.
 */
function expectUniform(x: Float64Array): void {
  let min = Infinity;
  let max = -Infinity;
  for (const v of x) {
    if (v < min) min = v;
    if (v > max) max = v;
  }
  expect(min).toBeGreaterThan(0);
  expect(max).toBeLessThan(1);
  const se = Math.sqrt(1 / 12 / x.length);
  expect(Math.abs(mean(x) - 0.5)).toBeLessThan(5 * se);
  expect(chiSquare20(x)).toBeLessThan(60);
}

/** |r| of independent samples has sd ~ 1/sqrt(n); allow 5 of those. */
function expectUncorrelated(x: ArrayLike<number>, y: ArrayLike<number>): void {
  expect(Math.abs(correlation(x, y))).toBeLessThan(5 / Math.sqrt(x.length));
}

function sameSequence(a: Uniform, b: Uniform, n = 100): boolean {
  for (let i = 0; i < n; i++) if (a.next() !== b.next()) return false;
  return true;
}

describe('createStream', () => {
  it('is deterministic for the same (seed, replication, purpose)', () => {
    const a = createStream(42, 3, 'arrivals');
    const b = createStream(42, 3, 'arrivals');
    expect(sameSequence(a, b, 1000)).toBe(true);
    const c = createStream(42, 3, 'arrivals');
    const d = createStream(42, 3, 'arrivals');
    for (let i = 0; i < 100; i++) expect(c.nextUint32()).toBe(d.nextUint32());
  });

  it('differs across purposes, replications and seeds', () => {
    const base = (): Uniform => createStream(42, 3, 'arrivals');
    expect(sameSequence(base(), createStream(42, 3, 'keys'))).toBe(false);
    expect(sameSequence(base(), createStream(42, 4, 'arrivals'))).toBe(false);
    expect(sameSequence(base(), createStream(43, 3, 'arrivals'))).toBe(false);
    // First draws of many replications are all distinct.
    const firsts = new Set<number>();
    for (let r = 0; r < 1000; r++) firsts.add(createStream(1, r, 'arrivals').next());
    expect(firsts.size).toBe(1000);
  });

  it('a purpose is not affected by draws made on another purpose', () => {
    const a = createStream(7, 0, 'arrivals');
    const other = createStream(7, 0, 'keys');
    for (let i = 0; i < 500; i++) other.next();
    const b = createStream(7, 0, 'arrivals');
    expect(sameSequence(a, b)).toBe(true);
  });

  it('next() is uniform on the open interval (0, 1)', () => {
    expectUniform(draws(createStream(2024, 0, 'uniformity'), N));
  });

  it('nextInt32() gives the words of nextUint32() as signed integers', () => {
    const a = createStream(9, 2, 'words');
    const b = createStream(9, 2, 'words');
    let negative = 0;
    for (let i = 0; i < 1000; i++) {
      const w = a.nextInt32();
      if (w < 0) negative++;
      expect(w >>> 0).toBe(b.nextUint32());
      expect(w).toBe(w | 0);
    }
    expect(negative).toBeGreaterThan(400);
  });

  it('nextUint32() gives whole numbers in [0, 2^32) that cover the high bit', () => {
    const s = createStream(5, 1, 'words');
    let high = 0;
    for (let i = 0; i < 10_000; i++) {
      const w = s.nextUint32();
      expect(Number.isInteger(w)).toBe(true);
      expect(w).toBeGreaterThanOrEqual(0);
      expect(w).toBeLessThan(2 ** 32);
      if (w >= 2 ** 31) high++;
    }
    expect(Math.abs(high / 10_000 - 0.5)).toBeLessThan(0.025);
  });

  it('consecutive draws are uncorrelated, and so are streams of different purposes', () => {
    const x = draws(createStream(11, 0, 'corr'), N + 1);
    expectUncorrelated(x.subarray(0, N), x.subarray(1, N + 1));
    const y = draws(createStream(11, 0, 'corr2'), N + 1);
    expectUncorrelated(x, y);
  });
});

describe('KeyedUniform', () => {
  it('the same (keyA, keyB, purpose, index) gives the same sequence, and select() restarts it', () => {
    const u = new KeyedUniform();
    const first = draws(u.select(123456789, 987654321, 2, 5), 50);
    const again = draws(new KeyedUniform().select(123456789, 987654321, 2, 5), 50);
    expect(Array.from(again)).toEqual(Array.from(first));
    // Re-pointing elsewhere and back gives the same numbers again.
    draws(u.select(1, 2, 3, 4), 10);
    expect(Array.from(draws(u.select(123456789, 987654321, 2, 5), 50))).toEqual(Array.from(first));
  });

  it('first() is the first draw of select(), table purposes and others alike, and leaves the generator where it was', () => {
    const u = new KeyedUniform();
    const keys = createStream(3, 0, 'first-keys');
    const other = new KeyedUniform().select(5, 6, 4, 0);
    const expected = draws(new KeyedUniform().select(5, 6, 4, 0), 3);
    other.next();
    for (let k = 0; k < 2000; k++) {
      const a = keys.nextUint32();
      const b = keys.nextUint32();
      const purpose = k % 40; // beyond the table's 32 purposes too
      const index = (k * 7) % 70; // and beyond its 64 indexes
      expect(u.first(a, b, purpose, index)).toBe(new KeyedUniform().select(a, b, purpose, index).next());
      // Keys held as signed words draw the same (only the bits count).
      expect(u.first(a | 0, b | 0, purpose, index)).toBe(u.first(a, b, purpose, index));
      expect(new KeyedUniform().select(a | 0, b | 0, purpose, index).next()).toBe(u.first(a, b, purpose, index));
      other.first(a, b, purpose, index);
    }
    // The generator's own stream goes on untouched.
    expect(Float64Array.of(other.next(), other.next())).toEqual(expected.slice(1));
  });

  it('select() returns the generator itself', () => {
    const u = new KeyedUniform();
    expect(u.select(1, 2, 3, 4)).toBe(u);
  });

  it('different purposes, indexes and keys give different sequences', () => {
    const seq = (a: number, b: number, p: number, i: number): Uniform => new KeyedUniform().select(a, b, p, i);
    const base = (): Uniform => seq(1000, 2000, 1, 0);
    expect(sameSequence(base(), seq(1000, 2000, 2, 0))).toBe(false);
    expect(sameSequence(base(), seq(1000, 2000, 1, 1))).toBe(false);
    expect(sameSequence(base(), seq(1001, 2000, 1, 0))).toBe(false);
    expect(sameSequence(base(), seq(1000, 2001, 1, 0))).toBe(false);
    // Swapping purpose and index is a different stream too.
    expect(sameSequence(seq(1000, 2000, 3, 7), seq(1000, 2000, 7, 3))).toBe(false);
    // First draws over a grid of (purpose, index) are all distinct.
    const firsts = new Set<number>();
    for (let p = 0; p < 8; p++) for (let i = 0; i < 100; i++) firsts.add(seq(77, 88, p, i).next());
    expect(firsts.size).toBe(800);
  });

  it('accepts full-range unsigned 32-bit keys', () => {
    const u = new KeyedUniform().select(0xffffffff, 0xfffffffe, 6, 0);
    const x = draws(u, 1000);
    for (const v of x) {
      expect(v).toBeGreaterThan(0);
      expect(v).toBeLessThan(1);
    }
  });

  it('one stream is uniform on (0, 1) with uncorrelated consecutive draws', () => {
    const x = draws(new KeyedUniform().select(0x9e3779b9, 0x7f4a7c15, 3, 2), N + 1);
    expectUniform(x);
    expectUncorrelated(x.subarray(0, N), x.subarray(1, N + 1));
  });

  it('first draws across adjacent keyA are uniform and uncorrelated between neighbours', () => {
    const u = new KeyedUniform();
    const x = new Float64Array(N + 1);
    for (let k = 0; k <= N; k++) x[k] = u.select(k, 12345, 1, 0).next();
    expectUniform(x);
    expectUncorrelated(x.subarray(0, N), x.subarray(1, N + 1));
  });

  it('first draws across adjacent keyB are uniform and uncorrelated between neighbours', () => {
    const u = new KeyedUniform();
    const x = new Float64Array(N + 1);
    for (let k = 0; k <= N; k++) x[k] = u.select(54321, k, 1, 0).next();
    expectUniform(x);
    expectUncorrelated(x.subarray(0, N), x.subarray(1, N + 1));
  });

  it('draws of adjacent indexes and of different purposes of one key are uncorrelated', () => {
    const u = new KeyedUniform();
    const n = 20_000;
    const byIndex = new Float64Array(n + 1);
    const p1 = new Float64Array(n);
    const p2 = new Float64Array(n);
    for (let k = 0; k <= n; k++) byIndex[k] = u.select(99, 100, 4, k).next();
    expectUncorrelated(byIndex.subarray(0, n), byIndex.subarray(1, n + 1));
    for (let k = 0; k < n; k++) {
      p1[k] = u.select(k * 2654435761 >>> 0, k, 0, 0).next();
      p2[k] = u.select(k * 2654435761 >>> 0, k, 1, 0).next();
    }
    expectUncorrelated(p1, p2);
  });

  it('random 64-bit keys from a stream give uniform, uncorrelated draws (the simulator use)', () => {
    const keys = new Uint32Array(2 * N);
    const s = createStream(3, 0, 'keys');
    for (let i = 0; i < N; i++) {
      keys[2 * i] = s.nextUint32();
      keys[2 * i + 1] = s.nextUint32();
    }
    const u = new KeyedUniform();
    const x = new Float64Array(N);
    const y = new Float64Array(N);
    for (let i = 0; i < N; i++) {
      x[i] = u.select(keys[2 * i], keys[2 * i + 1], 2, 0).next();
      y[i] = u.next();
    }
    expectUniform(x);
    expectUniform(y);
    expectUncorrelated(x, y);
  });
});
