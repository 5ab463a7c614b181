import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import {
  bucketOf,
  bucketUpper,
  denseHistograms,
  histogramQuantile,
  histogramQuantiles,
  HISTOGRAM_BUCKETS,
  HISTOGRAM_MIN,
  SparseHistograms,
  sparseHistogram,
} from '../../src/metrics/histogram.js';
import { createStream } from '../../src/core/rng.js';

const LAST = HISTOGRAM_BUCKETS - 1;
/** Largest value that still has a bucket of its own (beyond it is overflow). */
const TOP = bucketUpper(LAST);

function histogramOf(values: readonly number[], slots = 1, slot = 0): Float64Array {
  const data = new Float64Array(slots * HISTOGRAM_BUCKETS);
  for (const v of values) data[slot * HISTOGRAM_BUCKETS + bucketOf(v)]++;
  return data;
}

/** The exact q-quantile: the smallest sample value with at least q x n values at or below it. */
function exactQuantile(sorted: readonly number[], q: number): number {
  const k = Math.max(1, Math.ceil(q * sorted.length));
  return sorted[k - 1];
}

/** bucketOf as it was defined before its table: the logarithm's bucket, settled against the edges. */
function bucketByLog(value: number): number {
  if (value <= HISTOGRAM_MIN) return 0;
  let i = 1 + Math.floor(Math.log(value / HISTOGRAM_MIN) / Math.log(1.01));
  if (i >= HISTOGRAM_BUCKETS) return LAST;
  if (value <= bucketUpper(i - 1)) i--;
  else if (value > bucketUpper(i) && i < LAST) i++;
  return i;
}

/** The double `steps` units in the last place away from a positive x. */
function ulpsAway(x: number, steps: number): number {
  const f = new Float64Array([x]);
  const words = new BigInt64Array(f.buffer);
  words[0] += BigInt(steps);
  return f[0];
}

describe('bucketOf / bucketUpper', () => {
  it('reads the same bucket from its table as the logarithm gives, at every edge and in between', () => {
    let checked = 0;
    for (let i = 0; i < HISTOGRAM_BUCKETS; i++) {
      const edge = bucketUpper(i);
      for (let d = -3; d <= 3; d++) {
        const v = ulpsAway(edge, d);
        expect(bucketOf(v), `edge ${i} ${d} ulp`).toBe(bucketByLog(v));
        checked++;
      }
      // Inside the bucket, at a few spots.
      const lower = i === 0 ? 0 : bucketUpper(i - 1);
      for (const f of [0.1, 0.37, 0.5, 0.93]) expect(bucketOf(lower + f * (edge - lower))).toBe(bucketByLog(lower + f * (edge - lower)));
    }
    const u = createStream(7, 0, 'bucket-table');
    for (let k = 0; k < 200_000; k++) {
      // Log-uniform over 1e-4 .. 1e9 s: every cell of the table and beyond it.
      const v = Math.exp(Math.log(1e-4) + u.next() * Math.log(1e13));
      if (bucketOf(v) !== bucketByLog(v)) expect(bucketOf(v), `value ${v}`).toBe(bucketByLog(v));
    }
    for (const v of [0, -1, -Infinity, Infinity, NaN, 1e300, Number.MIN_VALUE, HISTOGRAM_MIN, TOP, ulpsAway(TOP, 1)]) {
      expect(bucketOf(v), String(v)).toBe(bucketByLog(v));
    }
    expect(checked).toBe(7 * HISTOGRAM_BUCKETS);
  });

  it('bucket 0 holds zero and everything up to HISTOGRAM_MIN', () => {
    expect(bucketOf(0)).toBe(0);
    expect(bucketOf(HISTOGRAM_MIN / 2)).toBe(0);
    expect(bucketOf(HISTOGRAM_MIN)).toBe(0);
    expect(bucketUpper(0)).toBe(HISTOGRAM_MIN);
    expect(bucketOf(HISTOGRAM_MIN * 1.000001)).toBe(1);
  });

  it('upper edges grow by 1% per bucket', () => {
    for (let i = 1; i < HISTOGRAM_BUCKETS; i += 97) {
      expect(bucketUpper(i) / bucketUpper(i - 1)).toBeCloseTo(1.01, 12);
    }
    // The overflow bucket starts beyond 100 days.
    expect(bucketUpper(LAST - 1)).toBeGreaterThan(100 * 86400);
  });

  it('values beyond the last edge land in the last (overflow) bucket', () => {
    expect(bucketOf(TOP * 2)).toBe(LAST);
    expect(bucketOf(1e300)).toBe(LAST);
    expect(bucketOf(Infinity)).toBe(LAST);
  });

  it('is monotone', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 1e8, noNaN: true }),
        fc.double({ min: 0, max: 1e8, noNaN: true }),
        (x, y) => {
          const [lo, hi] = x <= y ? [x, y] : [y, x];
          expect(bucketOf(lo)).toBeLessThanOrEqual(bucketOf(hi));
        },
      ),
    );
  });

  it('property: bucketUpper(bucketOf(v) - 1) < v <= bucketUpper(bucketOf(v)) for random v', () => {
    const value = fc.oneof(
      fc.double({ min: HISTOGRAM_MIN, max: TOP, noNaN: true, noDefaultInfinity: true }),
      // log-uniform, to cover every order of magnitude evenly
      fc.double({ min: 0, max: Math.log(TOP / HISTOGRAM_MIN), noNaN: true }).map((x) => Math.min(TOP, HISTOGRAM_MIN * Math.exp(x))),
    );
    fc.assert(
      fc.property(value, (v) => {
        const b = bucketOf(v);
        expect(b).toBeGreaterThanOrEqual(0);
        expect(b).toBeLessThan(HISTOGRAM_BUCKETS);
        expect(v).toBeLessThanOrEqual(bucketUpper(b));
        if (b > 0) expect(v).toBeGreaterThan(bucketUpper(b - 1));
      }),
      { numRuns: 5000 },
    );
  });

  it('every upper edge belongs to its own bucket (edges are inclusive, as documented)', () => {
    // Bucket i >= 1 covers (MIN * G^(i-1), MIN * G^i]: its upper edge must map back to i.
    const wrong: string[] = [];
    for (let i = 1; i < LAST; i++) {
      const b = bucketOf(bucketUpper(i));
      if (b !== i) wrong.push(`bucketOf(bucketUpper(${i}) = ${bucketUpper(i)}) = ${b}`);
    }
    expect(wrong.slice(0, 5), `${wrong.length} edges land in the wrong bucket`).toEqual([]);
  });
});

describe('histogramQuantile', () => {
  it('is NaN for an empty histogram', () => {
    const data = new Float64Array(2 * HISTOGRAM_BUCKETS);
    expect(histogramQuantile(data, 0, 0.5)).toBeNaN();
    expect(histogramQuantile(data, 1, 0.9)).toBeNaN();
  });

  it('gives 0 when the quantile falls among zero values', () => {
    const data = histogramOf([0, 0, 0, 0, 0, 0, 0, 0, 50, 100]);
    expect(histogramQuantile(data, 0, 0.5)).toBe(0);
    expect(histogramQuantile(data, 0, 0.8)).toBe(0);
    expect(histogramQuantile(data, 0, 0.9)).toBeGreaterThan(49);
    expect(histogramQuantile(data, 0, 0.9)).toBeLessThan(51);
  });

  it('reads the requested histogram out of a flat array of several', () => {
    const data = new Float64Array(3 * HISTOGRAM_BUCKETS);
    data[1 * HISTOGRAM_BUCKETS + bucketOf(10)] = 5;
    data[2 * HISTOGRAM_BUCKETS + bucketOf(1000)] = 5;
    expect(histogramQuantile(data, 0, 0.5)).toBeNaN();
    expect(Math.abs(histogramQuantile(data, 1, 0.5) / 10 - 1)).toBeLessThan(0.0101);
    expect(Math.abs(histogramQuantile(data, 2, 0.5) / 1000 - 1)).toBeLessThan(0.0101);
  });

  it('a single value gives every quantile within 1% of it', () => {
    const data = histogramOf([123.4]);
    for (const q of [0.01, 0.5, 0.99, 1]) {
      expect(Math.abs(histogramQuantile(data, 0, q) / 123.4 - 1)).toBeLessThan(0.0101);
    }
  });

  it('is non-decreasing in q', () => {
    const s = createStream(1, 0, 'hist-mono');
    const values = Array.from({ length: 2000 }, () => -60 * Math.log(s.next()));
    const data = histogramOf(values);
    let last = -Infinity;
    for (let q = 0.001; q <= 1; q += 0.001) {
      const x = histogramQuantile(data, 0, q);
      expect(x).toBeGreaterThanOrEqual(last);
      last = x;
    }
  });

  it('is within 1% of the exact quantile on a large exponential sample', () => {
    const s = createStream(7, 0, 'hist-exp');
    const values = Array.from({ length: 100_000 }, () => -300 * Math.log(s.next()));
    const data = histogramOf(values);
    const sorted = [...values].sort((a, b) => a - b);
    for (const q of [0.001, 0.01, 0.1, 0.25, 0.5, 0.8, 0.9, 0.95, 0.99, 0.999, 1]) {
      const exact = exactQuantile(sorted, q);
      const est = histogramQuantile(data, 0, q);
      expect(Math.abs(est - exact) / exact, `q = ${q}`).toBeLessThanOrEqual(0.0101);
    }
  });

  it('property: within 1% of the exact quantile for random samples', () => {
    const sample = fc.array(
      fc.oneof(
        fc.double({ min: 0.02, max: 1e6, noNaN: true }),
        fc.double({ min: 0, max: 15, noNaN: true }).map((x) => 0.02 * Math.exp(x)),
      ),
      { minLength: 1, maxLength: 300 },
    );
    fc.assert(
      fc.property(sample, fc.double({ min: 0.001, max: 1, noNaN: true }), (values, q) => {
        const data = histogramOf(values);
        const exact = exactQuantile([...values].sort((a, b) => a - b), q);
        const est = histogramQuantile(data, 0, q);
        expect(Math.abs(est - exact) / exact).toBeLessThanOrEqual(0.0101);
      }),
      { numRuns: 500 },
    );
  });

  it('property: with zeros mixed in, the error is at most 1% or HISTOGRAM_MIN', () => {
    const sample = fc.array(fc.oneof(fc.constant(0), fc.double({ min: 0, max: 1e4, noNaN: true })), {
      minLength: 1,
      maxLength: 200,
    });
    fc.assert(
      fc.property(sample, fc.double({ min: 0.001, max: 1, noNaN: true }), (values, q) => {
        const exact = exactQuantile([...values].sort((a, b) => a - b), q);
        const est = histogramQuantile(histogramOf(values), 0, q);
        if (exact <= HISTOGRAM_MIN) expect(est).toBe(0);
        else expect(Math.abs(est - exact)).toBeLessThanOrEqual(0.0101 * exact);
      }),
      { numRuns: 300 },
    );
  });
});

describe('SparseHistograms: the form worker threads send histograms back in', () => {
  /** The quantile as the dense form was always read: every bucket in turn, zeros included. */
  function denseQuantile(data: Float64Array, h: number, q: number): number {
    const base = h * HISTOGRAM_BUCKETS;
    let total = 0;
    for (let i = 0; i < HISTOGRAM_BUCKETS; i++) total += data[base + i];
    if (total === 0) return NaN;
    const target = q * total;
    let seen = 0;
    for (let i = 0; i < HISTOGRAM_BUCKETS; i++) {
      const c = data[base + i];
      if (c > 0 && seen + c >= target) return i === 0 ? 0 : bucketUpper(i - 1) + ((target - seen) / c) * (bucketUpper(i) - bucketUpper(i - 1));
      seen += c;
    }
    return bucketUpper(HISTOGRAM_BUCKETS - 1);
  }
  /** Up to 4 histograms with a few counts each, some left empty, in the first, last and any bucket. */
  const histograms = fc
    .tuple(
      fc.integer({ min: 1, max: 4 }),
      fc.array(fc.tuple(fc.nat(), fc.oneof(fc.constant(0), fc.constant(HISTOGRAM_BUCKETS - 1), fc.nat(HISTOGRAM_BUCKETS - 1)), fc.integer({ min: 1, max: 1e6 })), { maxLength: 60 }),
    )
    .map(([count, entries]) => {
      const dense = new Float64Array(count * HISTOGRAM_BUCKETS);
      for (const [h, bucket, c] of entries) dense[(h % count) * HISTOGRAM_BUCKETS + bucket] += c;
      return dense;
    });
  const QS = [0.001, 0.5, 0.9, 0.95, 0.999, 1];

  it('property: quantiles, one at a time or in one pass, and the recorded run-length form read the same from both forms, to the last bit', () => {
    fc.assert(
      fc.property(histograms, (dense) => {
        const sparse = SparseHistograms.of(dense);
        expect(denseHistograms(sparse)).toEqual(dense);
        for (let h = 0; h < dense.length / HISTOGRAM_BUCKETS; h++) {
          const expected = QS.map((q) => denseQuantile(dense, h, q));
          expect(Array.from(histogramQuantiles(dense, h, QS))).toEqual(expected);
          expect(Array.from(histogramQuantiles(sparse, h, QS))).toEqual(expected);
          expect(QS.map((q) => histogramQuantile(sparse, h, q))).toEqual(expected);
          expect(sparseHistogram(sparse, h)).toEqual(sparseHistogram(dense, h));
        }
      }),
      { numRuns: 300 },
    );
  });

  it('keeps only the buckets holding a count, and finds each histogram\'s among them', () => {
    const dense = new Float64Array(3 * HISTOGRAM_BUCKETS);
    dense[5] = 2;
    dense[2 * HISTOGRAM_BUCKETS] = 1;
    dense[3 * HISTOGRAM_BUCKETS - 1] = 4;
    const sparse = SparseHistograms.of(dense);
    expect(Array.from(sparse.positions)).toEqual([5, 2 * HISTOGRAM_BUCKETS, 3 * HISTOGRAM_BUCKETS - 1]);
    expect([0, 1, 2].map((h) => [sparse.from(h), sparse.to(h)])).toEqual([[0, 1], [1, 1], [1, 3]]);
    expect(sparseHistogram(sparse, 2)).toEqual([0, 1, -(HISTOGRAM_BUCKETS - 2), 4]);
    expect(histogramQuantile(sparse, 1, 0.5)).toBeNaN();
  });
});
