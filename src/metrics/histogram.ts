/**
 * Log-bucketed histograms of durations, stored flat in a Float64Array so many
 * scopes share one allocation and replications can be added bucket by bucket.
 *
 * Bucket 0 holds values <= MIN (a wait of zero lands here); bucket i >= 1
 * covers (MIN * G^(i-1), MIN * G^i] with G = 1.01, so any quantile read back
 * is within about 1% of the true value. The last bucket absorbs the overflow
 * (beyond about 100 days).
 */
export const HISTOGRAM_MIN = 0.01;
const GROWTH = 1.01;
const LOG_GROWTH = Math.log(GROWTH);
/** Buckets per histogram. */
export const HISTOGRAM_BUCKETS = 2100;

/** Upper edges of the buckets, computed once so that bucketing needs no pow(). */
const UPPER = Float64Array.from({ length: HISTOGRAM_BUCKETS }, (_, i) => (i === 0 ? HISTOGRAM_MIN : HISTOGRAM_MIN * Math.pow(GROWTH, i)));

/** The bucket of a duration by its logarithm, settled against the edges (the definition; {@link bucketOf} reads it from a table). */
function bucketByLog(value: number): number {
  if (value <= HISTOGRAM_MIN) return 0;
  let i = 1 + Math.floor(Math.log(value / HISTOGRAM_MIN) / LOG_GROWTH);
  if (i >= HISTOGRAM_BUCKETS) return HISTOGRAM_BUCKETS - 1;
  // The logarithm can land one bucket off at an edge; settle it against the edges.
  if (value <= UPPER[i - 1]) i--;
  else if (value > UPPER[i] && i < HISTOGRAM_BUCKETS - 1) i++;
  return i;
}

// bucketOf without a logarithm (one of the costliest steps of recording a
// conversation): a double's high 32 bits hold its exponent and the top 20
// bits of its mantissa; the exponent and the top CELL_BITS mantissa bits cut
// the positive numbers into cells narrower than a bucket (each spans a ratio
// of at most 1 + 2^-CELL_BITS < 1.01), so a cell meets at most two buckets: a
// table gives the bucket of the cell's lowest value, and one comparison with
// that bucket's upper edge settles the value. Same buckets as bucketByLog
// (tests/unit/histogram.test.ts compares them edge by edge).
const CELL_BITS = 10;
const CELL_SHIFT = 20 - CELL_BITS;
const BITS = new Float64Array(1);
const WORDS = new Uint32Array(BITS.buffer);
/** Index of the high word in WORDS (1 on little-endian machines). */
const HIGH = new Uint8Array(Float64Array.of(1).buffer)[7] === 0x3f ? 1 : 0;
const LAST = HISTOGRAM_BUCKETS - 1;
/** Upper edge of the last bucket with an edge of its own: beyond it, the overflow bucket. */
const TOP = UPPER[LAST];
function cellOf(value: number): number {
  BITS[0] = value;
  return WORDS[HIGH] >>> CELL_SHIFT;
}
const FIRST_CELL = cellOf(HISTOGRAM_MIN);
/** Per cell from HISTOGRAM_MIN's to TOP's: the bucket of the cell's lowest value. */
const CELL_BUCKET = new Uint16Array(cellOf(TOP) - FIRST_CELL + 1);
for (let k = 0; k < CELL_BUCKET.length; k++) {
  WORDS[HIGH] = (FIRST_CELL + k) << CELL_SHIFT;
  WORDS[1 - HIGH] = 0;
  CELL_BUCKET[k] = bucketByLog(BITS[0]);
}

/** Bucket index of a duration in seconds: the bucket whose (lower, upper] range holds it. */
export function bucketOf(value: number): number {
  if (value <= HISTOGRAM_MIN) return 0;
  if (!(value <= TOP)) return value > TOP ? LAST : bucketByLog(value);
  BITS[0] = value;
  const i = CELL_BUCKET[(WORDS[HIGH] >>> CELL_SHIFT) - FIRST_CELL];
  return value > UPPER[i] ? i + 1 : i;
}

/** Upper edge of bucket i in seconds. */
export function bucketUpper(i: number): number {
  return UPPER[i];
}

/**
 * A replication's histograms as a worker thread hands them back
 * (src/runner/transfer.ts): only their buckets that hold a count, so that
 * most of the dense form's zeros (85% or more) are neither sent, nor
 * allocated, nor read again. Every reader here gives the same values, to
 * the last bit, from this form as from the dense one.
 */
export class SparseHistograms {
  /** Histogram h's buckets are entries offsets[h] .. offsets[h + 1] - 1 of `positions` and `counts`. */
  private readonly offsets: Uint32Array;

  /**
   * @param length entries of the dense form (histograms x HISTOGRAM_BUCKETS)
   * @param positions the dense positions (h * HISTOGRAM_BUCKETS + bucket) of the buckets kept, ascending
   * @param counts their counts
   */
  constructor(
    readonly length: number,
    readonly positions: Uint32Array,
    readonly counts: Float64Array,
  ) {
    const histograms = Math.ceil(length / HISTOGRAM_BUCKETS);
    this.offsets = new Uint32Array(histograms + 1);
    let k = 0;
    for (let h = 0; h < histograms; h++) {
      this.offsets[h] = k;
      const end = (h + 1) * HISTOGRAM_BUCKETS;
      while (k < positions.length && positions[k] < end) k++;
    }
    this.offsets[histograms] = k;
  }

  /** The sparse form of dense histograms: their entries that are not zero. */
  static of(dense: Float64Array): SparseHistograms {
    const positions: number[] = [];
    const counts: number[] = [];
    dense.forEach((c, i) => {
      if (c !== 0) {
        positions.push(i);
        counts.push(c);
      }
    });
    return new SparseHistograms(dense.length, Uint32Array.from(positions), Float64Array.from(counts));
  }

  /** First entry of histogram h in `positions` and `counts`. */
  from(h: number): number {
    return this.offsets[h];
  }

  /** Entry after the last of histogram h. */
  to(h: number): number {
    return this.offsets[h + 1];
  }
}

/** Histograms stored flat, HISTOGRAM_BUCKETS entries each: dense (as recorded), or sparse (as sent back by a worker thread). */
export type Histograms = Float64Array | SparseHistograms;

/** The dense form of histograms (itself when dense already). */
export function denseHistograms(data: Histograms): Float64Array {
  if (!(data instanceof SparseHistograms)) return data;
  const dense = new Float64Array(data.length);
  for (let k = 0; k < data.positions.length; k++) dense[data.positions[k]] = data.counts[k];
  return dense;
}

/** Histogram h's buckets that hold a count, ascending: bucket(k) and count(k) for k < size. */
interface HeldBuckets {
  size: number;
  bucket: (k: number) => number;
  count: (k: number) => number;
}

function heldBuckets(data: Histograms, h: number): HeldBuckets {
  const base = h * HISTOGRAM_BUCKETS;
  if (data instanceof SparseHistograms) {
    const from = data.from(h);
    const positions = data.positions;
    const counts = data.counts;
    return { size: data.to(h) - from, bucket: (k) => positions[from + k] - base, count: (k) => counts[from + k] };
  }
  const buckets: number[] = [];
  for (let i = 0; i < HISTOGRAM_BUCKETS; i++) if (data[base + i] !== 0) buckets.push(i);
  return { size: buckets.length, bucket: (k) => buckets[k], count: (k) => data[base + buckets[k]] };
}

/**
 * The quantiles `qs` (ascending, each 0 < q <= 1) of histogram number `h`
 * in `data`, found in one pass, each linearly interpolated inside its
 * bucket; NaN when the histogram is empty. A bucket with no count adds
 * nothing to any sum, so skipping them (as the sparse form does) changes
 * no value.
 */
export function histogramQuantiles(data: Histograms, h: number, qs: readonly number[]): Float64Array {
  const out = new Float64Array(qs.length).fill(bucketUpper(HISTOGRAM_BUCKETS - 1));
  const held = heldBuckets(data, h);
  let total = 0;
  for (let k = 0; k < held.size; k++) total += held.count(k);
  if (total === 0) return out.fill(NaN);
  let next = 0;
  let target = qs[0] * total;
  let seen = 0;
  for (let k = 0; k < held.size && next < qs.length; k++) {
    const c = held.count(k);
    const i = held.bucket(k);
    // Several quantiles may fall in one bucket: settle each before moving on.
    while (next < qs.length && c > 0 && seen + c >= target) {
      out[next++] = i === 0 ? 0 : bucketUpper(i - 1) + ((target - seen) / c) * (bucketUpper(i) - bucketUpper(i - 1));
      if (next < qs.length) target = qs[next] * total;
    }
    seen += c;
  }
  return out;
}

/**
 * The q-quantile (0 < q <= 1) of histogram number `h` in `data`, linearly
 * interpolated inside its bucket. NaN when the histogram is empty.
 */
export function histogramQuantile(data: Histograms, h: number, q: number): number {
  return histogramQuantiles(data, h, [q])[0];
}

/**
 * Histogram number `h` of `data` in its sparse recorded form, run-length
 * coded: the index of its first non-zero bucket, then for each bucket from
 * there to the last non-zero one its count when positive, with each run of
 * n empty buckets written as -n. `[40, 3, 1, -2, 5]`: buckets 40, 41 and 44
 * hold 3, 1 and 5. Empty histogram: `[]`.
 */
export function sparseHistogram(data: Histograms, h: number): number[] {
  const held = heldBuckets(data, h);
  const out: number[] = [];
  let last = -1;
  for (let k = 0; k < held.size; k++) {
    const c = held.count(k);
    if (c === 0) continue;
    const i = held.bucket(k);
    if (out.length === 0) out.push(i);
    else if (i > last + 1) out.push(-(i - last - 1));
    out.push(c);
    last = i;
  }
  return out;
}

/**
 * The dense histogram (one entry per bucket, as histogramQuantile reads it
 * with h = 0) of the sparse form {@link sparseHistogram} writes.
 * @throws RangeError when the form names a bucket out of range
 */
export function denseHistogram(sparse: readonly number[]): Float64Array {
  const data = new Float64Array(HISTOGRAM_BUCKETS);
  if (sparse.length === 0) return data;
  let bucket = sparse[0];
  for (let k = 1; k < sparse.length; k++) {
    const v = sparse[k];
    if (v < 0) {
      bucket -= v;
      continue;
    }
    if (!Number.isInteger(bucket) || bucket < 0 || bucket >= HISTOGRAM_BUCKETS) throw new RangeError(`a sparse histogram names bucket ${bucket}, outside 0..${HISTOGRAM_BUCKETS - 1}`);
    data[bucket++] = v;
  }
  return data;
}
