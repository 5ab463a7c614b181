/**
 * A worker's result crosses to the main thread packed into one buffer
 * (src/runner/transfer.ts), large mostly-empty Float64Arrays as their
 * non-zero entries: whatever the arrays hold, every value comes back
 * identical (Object.is: -0 stays -0, NaN stays NaN), and the other fields too
 * (the duration histograms may stay sparse, SparseHistograms reading the same).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { denseHistograms, SparseHistograms } from '../../src/metrics/histogram.js';
import type { ReplicationResult } from '../../src/metrics/recorder.js';
import { packResult, unpackResult } from '../../src/runner/transfer.js';

/** Any double, the awkward ones often. */
const value = fc.oneof(
  { weight: 4, arbitrary: fc.constant(0) },
  { weight: 1, arbitrary: fc.constantFrom(-0, NaN, Infinity, -Infinity, Number.MIN_VALUE, 1, 2 ** 53) },
  { weight: 3, arbitrary: fc.double() },
);

/** A Float64Array of `length` entries, a `density` share of them (roughly) drawn from `value`, the rest zero. */
const array = (minLength: number, maxLength: number) =>
  fc
    .record({ length: fc.integer({ min: minLength, max: maxLength }), density: fc.constantFrom(0, 0.01, 0.1, 0.5, 1), seed: fc.array(value, { minLength: 1, maxLength: 64 }) })
    .chain(({ length, density, seed }) =>
      fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: length, maxLength: length }).map((draws) =>
        Float64Array.from(draws, (d, i) => (d < density ? seed[i % seed.length] : 0)),
      ),
    );

/** A result shaped like a replication's: small dense arrays, large histogram-like ones, a nested series, plain numbers. */
const result = fc.record({
  replication: fc.nat(1000),
  fields: array(0, 40),
  waitHist: array(1000, 5000),
  firstResponseHist: array(0, 3000),
  nextResponseHist: array(2100, 2100),
  extremes: array(0, 12),
  teams: fc.array(fc.integer(), { maxLength: 20 }).map((xs) => Int32Array.from(xs)),
  series: fc.record({ arrivals: array(0, 50), backlogArea: array(0, 3000) }),
  events: fc.nat(),
  endTime: fc.double(),
});

/** Every entry of each typed array as a list (NaN and -0 kept for Object.is), histograms that stayed sparse as their dense form, the rest as is. */
const entries = (r: unknown): unknown =>
  r instanceof SparseHistograms
    ? entries(denseHistograms(r))
    : ArrayBuffer.isView(r)
    ? { type: r.constructor.name, values: Array.from(r as Float64Array) }
    : r !== null && typeof r === 'object'
      ? Object.fromEntries(Object.entries(r).map(([k, v]) => [k, entries(v)]))
      : r;

describe('packResult / unpackResult', () => {
  it('round-trips every value of every array, sparse or dense, through a transfer', () => {
    fc.assert(
      fc.property(result, (r) => {
        const packed = packResult(r as unknown as ReplicationResult);
        const back = unpackResult(structuredClone(packed, { transfer: [packed.buffer] }));
        // toEqual tells -0 from 0 and matches NaN with NaN, as Object.is does.
        expect(entries(back)).toEqual(entries(r));
      }),
      { numRuns: 60 },
    );
  });

  it('never sends more bytes than the arrays hold dense (plus alignment)', () => {
    fc.assert(
      fc.property(result, (r) => {
        const arrays = [r.fields, r.waitHist, r.firstResponseHist, r.nextResponseHist, r.extremes, r.teams, r.series.arrivals, r.series.backlogArea];
        const dense = arrays.reduce((s, a) => s + Math.ceil(a.byteLength / 8) * 8, 0);
        expect(packResult(r as unknown as ReplicationResult).buffer.byteLength).toBeLessThanOrEqual(dense);
      }),
      { numRuns: 60 },
    );
  });
});
