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
 * The q-quantile (0 < q <= 1) of histogram number `h` in `data`, linearly
 * interpolated inside its bucket. NaN when the histogram is empty.
 */
export function histogramQuantile(data: Float64Array, h: number, q: number): number {
  const base = h * HISTOGRAM_BUCKETS;
  let total = 0;
  for (let i = 0; i < HISTOGRAM_BUCKETS; i++) total += data[base + i];
  if (total === 0) return NaN;
  const target = q * total;
  let seen = 0;
  for (let i = 0; i < HISTOGRAM_BUCKETS; i++) {
    const c = data[base + i];
    if (c > 0 && seen + c >= target) {
      if (i === 0) return 0;
      const lo = bucketUpper(i - 1);
      const hi = bucketUpper(i);
      return lo + ((target - seen) / c) * (hi - lo);
    }
    seen += c;
  }
  return bucketUpper(HISTOGRAM_BUCKETS - 1);
}

/**
 * Histogram number `h` of `data` in its sparse recorded form, run-length
 * coded: the index of its first non-zero bucket, then for each bucket from
 * there to the last non-zero one its count when positive, with each run of
 * n empty buckets written as -n. `[40, 3, 1, -2, 5]`: buckets 40, 41 and 44
 * hold 3, 1 and 5. Empty histogram: `[]`.
 */
export function sparseHistogram(data: Float64Array, h: number): number[] {
  const base = h * HISTOGRAM_BUCKETS;
  const out: number[] = [];
  let empty = 0;
  for (let i = 0; i < HISTOGRAM_BUCKETS; i++) {
    const c = data[base + i];
    if (c === 0) {
      empty++;
      continue;
    }
    if (out.length === 0) out.push(i);
    else if (empty > 0) out.push(-empty);
    out.push(c);
    empty = 0;
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
