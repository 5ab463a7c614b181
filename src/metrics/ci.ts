/**
 * Confidence intervals over independent replications (Student t).
 *
 * Pure functions: no I/O, no randomness, no clock.
 */
import { gammaln, mean, sampleStandardDeviation } from 'simple-statistics';

/** A two-sided confidence interval for a mean. */
export interface MeanCI {
  /** Sample mean of the finite values (NaN when n = 0). */
  mean: number;
  /** Lower bound (equals mean when n = 1; NaN when n = 0). */
  lo: number;
  /** Upper bound (equals mean when n = 1; NaN when n = 0). */
  hi: number;
  /** Number of finite values used. */
  n: number;
}

/** Continued fraction for the incomplete beta function (modified Lentz). */
function betaContinuedFraction(x: number, a: number, b: number): number {
  const tiny = 1e-300;
  let c = 1;
  let d = 1 - ((a + b) * x) / (a + 1);
  if (Math.abs(d) < tiny) d = tiny;
  d = 1 / d;
  let h = d;
  for (let m = 1; m <= 100_000; m++) {
    const m2 = 2 * m;
    let aa = (m * (b - m) * x) / ((a + m2 - 1) * (a + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < tiny) d = tiny;
    c = 1 + aa / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    h *= d * c;
    aa = (-(a + m) * (a + b + m) * x) / ((a + m2) * (a + m2 + 1));
    d = 1 + aa * d;
    if (Math.abs(d) < tiny) d = tiny;
    c = 1 + aa / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < 1e-15) return h;
  }
  return h;
}

/** Regularized incomplete beta I_x(a, b). */
function regularizedBeta(x: number, a: number, b: number): number {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const logFront = gammaln(a + b) - gammaln(a) - gammaln(b) + a * Math.log(x) + b * Math.log1p(-x);
  // The continued fraction converges fast only for x < (a+1)/(a+b+2); use symmetry otherwise.
  if (x < (a + 1) / (a + b + 2)) return (Math.exp(logFront) * betaContinuedFraction(x, a, b)) / a;
  return 1 - (Math.exp(logFront) * betaContinuedFraction(1 - x, b, a)) / b;
}

/** Upper tail P(T > t) of Student's t with df degrees of freedom, for t >= 0. */
function studentTUpperTail(t: number, df: number): number {
  return 0.5 * regularizedBeta(df / (df + t * t), df / 2, 0.5);
}

/**
 * Standard normal quantile (Acklam's rational approximation, relative error
 * about 1e-9). simple-statistics' `probit` is only good to about 3e-3
 * (it gives 1.9572 for p = 0.975), too coarse for confidence intervals.
 */
function normalQuantile(p: number): number {
  const a = [-39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716, 2.506628277459239];
  const b = [-54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572];
  const c = [-0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
  const d = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];
  const pLow = 0.02425;
  if (p < pLow || p > 1 - pLow) {
    const q = Math.sqrt(-2 * Math.log(p < pLow ? p : 1 - p));
    const x = (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
    return p < pLow ? x : -x;
  }
  const q = p - 0.5;
  const r = q * q;
  return ((((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q) / (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
}

/**
 * Quantile of Student's t distribution: the t with P(T <= t) = p.
 * Exact (to ~1e-12) by bisection on the t CDF via the regularized incomplete
 * beta function; for df >= 1e6 (and df = Infinity) a Cornish-Fisher expansion
 * around the normal quantile is used instead.
 *
 * @param p probability in (0, 1).
 * @param df degrees of freedom (> 0, non-integer allowed, Infinity allowed).
 * @returns the p-quantile.
 */
export function studentTQuantile(p: number, df: number): number {
  if (!(p > 0 && p < 1)) throw new RangeError(`p must be in (0, 1), got ${p}`);
  if (!(df > 0)) throw new RangeError(`df must be > 0, got ${df}`);
  if (p === 0.5) return 0;
  if (p < 0.5) return -studentTQuantile(1 - p, df);
  // A summary asks for the same (level, replications) quantile for every estimate: each is a bisection of ~45 incomplete-beta evaluations.
  const key = `${p} ${df}`;
  const known = quantileCache.get(key);
  if (known !== undefined) return known;
  const t = studentTUpperQuantile(p, df);
  if (quantileCache.size >= QUANTILE_CACHE_SIZE) quantileCache.clear();
  quantileCache.set(key, t);
  return t;
}

/** Quantiles computed so far, by `p df` (a pure function's results: the cache changes no number). */
const quantileCache = new Map<string, number>();
const QUANTILE_CACHE_SIZE = 1024;

/** {@link studentTQuantile} for p in (0.5, 1), computed. */
function studentTUpperQuantile(p: number, df: number): number {
  if (df >= 1e6) {
    const z = normalQuantile(p);
    const z2 = z * z;
    const g1 = (z * (z2 + 1)) / 4;
    const g2 = (z * ((5 * z2 + 16) * z2 + 3)) / 96;
    return df === Infinity ? z : z + g1 / df + g2 / (df * df);
  }
  const q = 1 - p; // target upper tail
  let lo = 0;
  let hi = 1;
  while (studentTUpperTail(hi, df) > q) {
    lo = hi;
    hi *= 2;
  }
  for (let i = 0; i < 200 && hi - lo > 1e-13 * hi; i++) {
    const mid = 0.5 * (lo + hi);
    if (studentTUpperTail(mid, df) > q) lo = mid;
    else hi = mid;
  }
  return 0.5 * (lo + hi);
}

function checkLevel(level: number): void {
  if (!(level > 0 && level < 1)) throw new RangeError(`level must be in (0, 1), got ${level}`);
}

/**
 * Student-t confidence interval for the mean of replication results.
 * Non-finite values (NaN, +-Infinity) are ignored and not counted.
 *
 * @param values one result per replication.
 * @param level confidence level in (0, 1), default 0.95.
 * @returns mean and interval; with n = 1 lo = hi = mean; with n = 0 everything but n is NaN.
 */
export function meanCI(values: readonly number[], level = 0.95): MeanCI {
  checkLevel(level);
  const xs = values.filter((v) => Number.isFinite(v));
  const n = xs.length;
  if (n === 0) return { mean: NaN, lo: NaN, hi: NaN, n: 0 };
  const m = mean(xs);
  if (n === 1) return { mean: m, lo: m, hi: m, n: 1 };
  const half = (studentTQuantile(0.5 + level / 2, n - 1) * sampleStandardDeviation(xs)) / Math.sqrt(n);
  return { mean: m, lo: m - half, hi: m + half, n };
}

/**
 * Confidence interval for the mean paired difference a_i - b_i (e.g. two
 * scenarios run with common random numbers). Pairs where either side is not
 * finite are dropped.
 *
 * @param a results of the first variant, one per replication.
 * @param b results of the second variant, same replication order and length.
 * @param level confidence level in (0, 1), default 0.95.
 * @returns interval for mean(a - b); n counts the usable pairs.
 */
export function pairedDifferenceCI(a: readonly number[], b: readonly number[], level = 0.95): MeanCI {
  if (a.length !== b.length) {
    throw new RangeError(`pairedDifferenceCI: length mismatch (${a.length} vs ${b.length})`);
  }
  const diffs: number[] = [];
  for (let i = 0; i < a.length; i++) {
    if (Number.isFinite(a[i]) && Number.isFinite(b[i])) diffs.push(a[i] - b[i]);
  }
  return meanCI(diffs, level);
}

/**
 * Welch's confidence interval for mean(a) - mean(b) from two independent
 * samples (e.g. two runs with different seeds), with the Welch-Satterthwaite
 * degrees of freedom. Values that are not finite are dropped.
 *
 * @returns interval for mean(a) - mean(b); n is the smaller sample size (0 or 1: no interval, lo = hi = NaN).
 */
export function welchDifferenceCI(a: readonly number[], b: readonly number[], level = 0.95): MeanCI {
  checkLevel(level);
  const xs = a.filter((v) => Number.isFinite(v));
  const ys = b.filter((v) => Number.isFinite(v));
  const n = Math.min(xs.length, ys.length);
  if (xs.length === 0 || ys.length === 0) return { mean: NaN, lo: NaN, hi: NaN, n: 0 };
  const d = mean(xs) - mean(ys);
  if (n < 2) return { mean: d, lo: NaN, hi: NaN, n };
  const va = sampleStandardDeviation(xs) ** 2 / xs.length;
  const vb = sampleStandardDeviation(ys) ** 2 / ys.length;
  const se = Math.sqrt(va + vb);
  if (se === 0) return { mean: d, lo: d, hi: d, n };
  const df = (va + vb) ** 2 / (va ** 2 / (xs.length - 1) + vb ** 2 / (ys.length - 1));
  const half = studentTQuantile(0.5 + level / 2, df) * se;
  return { mean: d, lo: d - half, hi: d + half, n };
}

/** The range a value may take: a share lies in [0, 1]. */
export type ValueRange = readonly [number, number];

/** Where a share lies. */
export const SHARE_RANGE: ValueRange = [0, 1];

/** Where the difference of two shares lies. */
export const SHARE_DIFFERENCE_RANGE: ValueRange = [-1, 1];

/**
 * The interval clipped to `range`: the t-interval over replication means
 * can reach past what the metric can take (a share's below 0 when it is
 * near 0); the part outside holds no possible value, so it is cut off,
 * which leaves the interval uneven around the mean. The mean is unchanged.
 */
export function clipInterval(ci: MeanCI, range: ValueRange | undefined): MeanCI {
  if (range === undefined || ci.n === 0) return ci;
  return { ...ci, lo: Math.min(Math.max(ci.lo, range[0]), range[1]), hi: Math.max(Math.min(ci.hi, range[1]), range[0]) };
}
