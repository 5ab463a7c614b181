import { estimate, type Estimate } from './distributions.js';
import { chiSquareSurvival, gammaP } from './special.js';

const HOUR = 3600;

/** Where hour bins fall on the clock and in the week. */
export interface ArrivalClock {
  /** Seconds after local midnight at t = 0 (t = 0 is on the hour). */
  startsAt: number;
  /** Local weekday of t = 0 (0 = Monday), or null when the export carries no dates. */
  firstWeekday: number | null;
  /** Hour bins observed: [0, hours x 1h). */
  hours: number;
}

/** A likelihood-ratio test of a pattern against none. */
export interface PatternTest {
  chiSquare: number;
  degreesOfFreedom: number;
  pValue: number;
}

/** A weight pattern (hourly or weekday), mean 1, with standard errors. */
export interface WeightPattern {
  weights: number[];
  se: number[];
  /** Arrivals behind each weight. */
  counts: number[];
  test: PatternTest;
}

/** A window where arrivals exceeded the fitted pattern significantly. */
export interface DetectedSurge {
  /** Seconds from t = 0 (on an hour). */
  start: number;
  duration: number;
  /** Arrivals over the expected count in the window. */
  volume: Estimate;
  /** Arrivals in the window, and those expected without a surge. */
  observed: number;
  expected: number;
}

/** The fitted arrival process of one channel. */
export interface ArrivalFit {
  /** Base rate, per second (the mean over the day and the week, outside surges). */
  rate: Estimate;
  /** The 24-hour profile, or null when the data does not show one (or covers less than a day). */
  profile: WeightPattern | null;
  /** The weekday profile, or null when not fitted. */
  weekdays: WeightPattern | null;
  surges: DetectedSurge[];
  /** Why a pattern was left out, for the diagnostics. */
  notes: string[];
}

/** Significance of a pattern or a surge: stricter than usual, since a fit tests many. */
const PATTERN_ALPHA = 0.001;
const DAY_HOURS = 24;
/** Weekday profiles need this much data (two full weeks). */
export const WEEKDAY_MIN_HOURS = 14 * DAY_HOURS;

/**
 * Fits a channel's arrivals, counted per hour bin: a Poisson rate times a
 * 24-hour profile times a weekday profile (each kept only when a
 * likelihood-ratio test against none rejects at 0.1%), by iterative
 * proportional fitting (the Poisson maximum likelihood of a product model),
 * then the surges: runs of hours whose count is improbably high under the
 * fit (Poisson tail below 0.1% / hours, extended by neighbours below 1%),
 * which are left out and the fit redone until they stop changing.
 */
export function fitArrivals(arrivalTimes: readonly number[], clock: ArrivalClock): ArrivalFit {
  const H = clock.hours;
  const counts = new Float64Array(H);
  for (const t of arrivalTimes) {
    const k = Math.floor(t / HOUR);
    if (k >= 0 && k < H) counts[k]++;
  }
  const hourOf = Int32Array.from({ length: H }, (_, k) => Math.floor((clock.startsAt + k * HOUR) / HOUR) % DAY_HOURS);
  const dayOf = Int32Array.from({ length: H }, (_, k) => (((clock.firstWeekday ?? 0) + Math.floor((clock.startsAt + k * HOUR) / 86400)) % 7));
  const notes: string[] = [];
  const canProfile = H >= DAY_HOURS;
  if (!canProfile) notes.push(`no 24-hour profile: the export covers ${H}h, less than a day`);
  const canWeekdays = clock.firstWeekday !== null && H >= WEEKDAY_MIN_HOURS;
  if (clock.firstWeekday === null) notes.push('no weekday profile: the export has no dates (times in seconds)');
  else if (!canWeekdays) notes.push(`no weekday profile: the export covers ${(H / DAY_HOURS).toFixed(1)} days, less than two full weeks`);

  const excluded = new Uint8Array(H);
  let useProfile = canProfile;
  let useWeekdays = canWeekdays;
  let fit = fitProduct(counts, excluded, hourOf, dayOf, useProfile, useWeekdays);
  let surges: DetectedSurge[] = [];
  for (let round = 0; round < 6; round++) {
    const flat = fitProduct(counts, excluded, hourOf, dayOf, false, false);
    const withHours = canProfile ? fitProduct(counts, excluded, hourOf, dayOf, true, false) : flat;
    useProfile = canProfile && lrTest(withHours.logLikelihood, flat.logLikelihood, 23).pValue < PATTERN_ALPHA;
    const base = useProfile ? withHours : flat;
    const withDays = canWeekdays ? fitProduct(counts, excluded, hourOf, dayOf, useProfile, true) : base;
    useWeekdays = canWeekdays && lrTest(withDays.logLikelihood, base.logLikelihood, 6).pValue < PATTERN_ALPHA;
    fit = useWeekdays ? withDays : base;
    const found = detectSurges(counts, fit.expected, H);
    const next = new Uint8Array(H);
    for (const s of found) for (let k = s.from; k < s.to; k++) next[k] = 1;
    surges = found.map((s) => surgeOf(counts, fit.expected, s.from, s.to));
    if (next.every((v, k) => v === excluded[k])) break;
    excluded.set(next);
  }
  const pattern = (use: boolean, withIt: ProductFit, without: ProductFit, weights: Float64Array, index: Int32Array, size: number, df: number): WeightPattern | null => {
    if (!use) return null;
    const byCell = new Array<number>(size).fill(0);
    for (let k = 0; k < H; k++) if (!excluded[k]) byCell[index[k]] += counts[k];
    return {
      weights: Array.from(weights),
      se: Array.from(weights, (w, i) => (byCell[i] > 0 ? w / Math.sqrt(byCell[i]) : NaN)),
      counts: byCell,
      test: lrTest(withIt.logLikelihood, without.logLikelihood, df),
    };
  };
  const withoutDays = fitProduct(counts, excluded, hourOf, dayOf, useProfile, false);
  const withoutHours = fitProduct(counts, excluded, hourOf, dayOf, false, useWeekdays);
  if (canProfile && !useProfile) notes.push('no 24-hour profile: the hourly counts do not differ from a flat day (likelihood-ratio test, p >= 0.001)');
  if (canWeekdays && !useWeekdays) notes.push('no weekday profile: the daily counts do not differ from a flat week (p >= 0.001)');
  let total = 0;
  for (let k = 0; k < H; k++) if (!excluded[k]) total += counts[k];
  return {
    rate: estimate(fit.rate, total > 0 ? fit.rate / Math.sqrt(total) : NaN),
    profile: pattern(useProfile, fit, withoutHours, fit.hourly, hourOf, DAY_HOURS, 23),
    weekdays: pattern(useWeekdays, fit, withoutDays, fit.daily, dayOf, 7, 6),
    surges,
    notes,
  };
}

interface ProductFit {
  /** Per second. */
  rate: number;
  hourly: Float64Array;
  daily: Float64Array;
  /** Expected arrivals per hour bin (every bin, excluded ones too). */
  expected: Float64Array;
  logLikelihood: number;
}

/** Poisson maximum likelihood of rate x hourly[hour] x daily[weekday] over the bins not excluded (weights mean 1). */
function fitProduct(counts: Float64Array, excluded: Uint8Array, hourOf: Int32Array, dayOf: Int32Array, hours: boolean, days: boolean): ProductFit {
  const H = counts.length;
  const hourly = new Float64Array(DAY_HOURS).fill(1);
  const daily = new Float64Array(7).fill(1);
  let perHour = 0;
  const update = (weights: Float64Array, index: Int32Array, other: Float64Array, otherIndex: Int32Array) => {
    const num = new Float64Array(weights.length);
    const den = new Float64Array(weights.length);
    for (let k = 0; k < H; k++) {
      if (excluded[k]) continue;
      num[index[k]] += counts[k];
      den[index[k]] += perHour * other[otherIndex[k]];
    }
    let sum = 0;
    let seen = 0;
    for (let i = 0; i < weights.length; i++) {
      if (den[i] > 0) {
        weights[i] = num[i] / den[i];
        sum += weights[i];
        seen++;
      }
    }
    // Mean 1 over the cells seen (unseen ones keep 1): the rate carries the level.
    const mean = seen > 0 ? sum / seen : 1;
    if (mean > 0) for (let i = 0; i < weights.length; i++) if (den[i] > 0) weights[i] /= mean;
  };
  // The base rate given the weights: observed over expected-per-unit-rate, outside the excluded hours.
  const baseRate = (): number => {
    let num = 0;
    let den = 0;
    for (let k = 0; k < H; k++) {
      if (excluded[k]) continue;
      num += counts[k];
      den += hourly[hourOf[k]] * daily[dayOf[k]];
    }
    return den > 0 ? num / den : 0;
  };
  for (let iter = 0; iter < (hours && days ? 60 : 2); iter++) {
    perHour = baseRate();
    if (hours) update(hourly, hourOf, daily, dayOf);
    if (days) update(daily, dayOf, hourly, hourOf);
  }
  perHour = baseRate();
  const expected = Float64Array.from({ length: H }, (_, k) => perHour * hourly[hourOf[k]] * daily[dayOf[k]]);
  let ll = 0;
  for (let k = 0; k < H; k++) {
    if (excluded[k]) continue;
    const e = expected[k];
    if (e > 0) ll += counts[k] * Math.log(e) - e;
    else if (counts[k] > 0) ll = -Infinity;
  }
  return { rate: perHour / HOUR, hourly, daily, expected, logLikelihood: ll };
}

function lrTest(withIt: number, without: number, df: number): PatternTest {
  const chiSquare = Math.max(0, 2 * (withIt - without));
  return { chiSquare, degreesOfFreedom: df, pValue: chiSquareSurvival(chiSquare, df) };
}

/** P(X >= c) for X ~ Poisson(e). */
function poissonUpperTail(c: number, e: number): number {
  if (c <= 0) return 1;
  if (e <= 0) return 0;
  return gammaP(c, e);
}

/** Runs of improbably busy hours: cores below 0.1% / hours (Bonferroni), extended by neighbours below 1%. */
function detectSurges(counts: Float64Array, expected: Float64Array, H: number): { from: number; to: number }[] {
  const core = PATTERN_ALPHA / Math.max(H, 1);
  const busy = (k: number, alpha: number) => counts[k] > expected[k] && poissonUpperTail(counts[k], expected[k]) < alpha;
  const windows: { from: number; to: number }[] = [];
  for (let k = 0; k < H; k++) {
    if (!busy(k, core)) continue;
    let from = k;
    let to = k + 1;
    while (from > 0 && busy(from - 1, 0.01)) from--;
    while (to < H && busy(to, 0.01)) to++;
    const last = windows[windows.length - 1];
    if (last && from <= last.to) last.to = Math.max(last.to, to);
    else windows.push({ from, to });
    k = to - 1;
  }
  return windows;
}

function surgeOf(counts: Float64Array, expected: Float64Array, from: number, to: number): DetectedSurge {
  let observed = 0;
  let exp = 0;
  for (let k = from; k < to; k++) {
    observed += counts[k];
    exp += expected[k];
  }
  return { start: from * HOUR, duration: (to - from) * HOUR, volume: estimate(observed / exp, Math.sqrt(observed) / exp), observed, expected: exp };
}
