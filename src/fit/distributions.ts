import type { DistSpec } from '../core/distributions.js';
import { hessian, invertSmall, nelderMead } from './optimize.js';
import { digamma, gammaP, gammaQ, logGamma, logNormalSurvival, normalCdf, kolmogorovSurvival, trigamma } from './special.js';

/** The distribution families careload samples that fit durations: the candidates a fit chooses among. */
export const FAMILIES = ['exponential', 'lognormal', 'gamma'] as const;
export type Family = (typeof FAMILIES)[number];

/** A fitted value with its standard error and 95% interval. */
export interface Estimate {
  value: number;
  se: number;
  low: number;
  high: number;
}

/** One candidate family fitted by maximum likelihood. */
export interface CandidateFit {
  family: Family;
  /** Fitted mean, seconds. */
  mean: Estimate;
  /** Fitted standard deviation, seconds (null for the exponential, whose sd is its mean). */
  sd: Estimate | null;
  logLikelihood: number;
  /** Bayesian information criterion, -2 ln L + parameters x ln n: the choice is the lowest. */
  bic: number;
  /** Kolmogorov-Smirnov distance to the data (the Kaplan-Meier curve when censored) and its asymptotic p-value (optimistic: the parameters were fitted to the same data). */
  ks: { d: number; pValue: number };
  /** As a scenario distribution. */
  spec: DistSpec;
}

/** A duration fitted by every candidate family, and the one chosen. */
export interface DurationFit {
  /** Observations (events plus censored). */
  n: number;
  /** Observed events (all of them when nothing is censored). */
  events: number;
  candidates: CandidateFit[];
  chosen: CandidateFit;
}

/** One family in unconstrained parameters. */
interface Model {
  family: Family;
  /** The log-likelihood of events from their sufficient statistics (exact, O(1)). */
  eventsLogLikelihood(e: EventStats, p: number[]): number;
  /** ln P(X > x), given x and ln x. */
  logSurvival(x: number, p: number[], logX: number): number;
  cdf(x: number, p: number[]): number;
  meanSd(p: number[]): [number, number];
  spec(p: number[]): DistSpec;
}

const LOG_2PI = Math.log(2 * Math.PI);

/** Sufficient statistics of observed durations for the three families. */
interface EventStats {
  n: number;
  sum: number;
  sumLog: number;
  sumLog2: number;
}

function eventStats(x: Float64Array): EventStats {
  const e = { n: x.length, sum: 0, sumLog: 0, sumLog2: 0 };
  for (const v of x) {
    const l = Math.log(v);
    e.sum += v;
    e.sumLog += l;
    e.sumLog2 += l * l;
  }
  return e;
}

const MODELS: Record<Family, Model> = {
  exponential: {
    family: 'exponential',
    eventsLogLikelihood: (e, [lm]) => -e.n * lm - e.sum / Math.exp(lm),
    logSurvival: (x, [lm]) => -x / Math.exp(lm),
    cdf: (x, [lm]) => 1 - Math.exp(-x / Math.exp(lm)),
    meanSd: ([lm]) => [Math.exp(lm), Math.exp(lm)],
    spec: ([lm]) => ({ dist: 'exponential', mean: Math.exp(lm) }),
  },
  lognormal: {
    family: 'lognormal',
    eventsLogLikelihood: (e, [mu, ls]) => {
      const s2 = Math.exp(2 * ls);
      return -e.sumLog - e.n * ls - 0.5 * e.n * LOG_2PI - (e.sumLog2 - 2 * mu * e.sumLog + e.n * mu * mu) / (2 * s2);
    },
    logSurvival: (x, [mu, ls], logX) => logNormalSurvival((logX - mu) / Math.exp(ls)),
    cdf: (x, [mu, ls]) => normalCdf((Math.log(x) - mu) / Math.exp(ls)),
    meanSd: ([mu, ls]) => {
      const s2 = Math.exp(2 * ls);
      const mean = Math.exp(mu + s2 / 2);
      return [mean, mean * Math.sqrt(Math.expm1(s2))];
    },
    spec(p) {
      const [mean, sd] = this.meanSd(p);
      return { dist: 'lognormal', mean, sd };
    },
  },
  gamma: {
    family: 'gamma',
    eventsLogLikelihood: (e, [lk, lt]) => {
      const k = Math.exp(lk);
      return (k - 1) * e.sumLog - e.sum / Math.exp(lt) - e.n * logGamma(k) - e.n * k * lt;
    },
    logSurvival: (x, [lk, lt]) => Math.log(gammaQ(Math.exp(lk), x / Math.exp(lt))),
    cdf: (x, [lk, lt]) => gammaP(Math.exp(lk), x / Math.exp(lt)),
    meanSd: ([lk, lt]) => [Math.exp(lk + lt), Math.exp(lk / 2 + lt)],
    spec(p) {
      const [mean, sd] = this.meanSd(p);
      return { dist: 'gamma', mean, sd };
    },
  },
};

/** Log-likelihood of events (by their statistics) and right-censored times `c` (each > 0, with their logs). */
function logLikelihood(model: Model, p: number[], events: EventStats, c: Float64Array, logC: Float64Array): number {
  let ll = model.eventsLogLikelihood(events, p);
  for (let i = 0; i < c.length; i++) ll += model.logSurvival(c[i], p, logC[i]);
  return ll;
}

/** Closed-form (or Newton) maximum likelihood of a family on uncensored data. */
function completeDataStart(family: Family, x: Float64Array): number[] {
  let sum = 0;
  let sumLog = 0;
  for (const v of x) {
    sum += v;
    sumLog += Math.log(v);
  }
  const n = x.length;
  const mean = sum / n;
  const meanLog = sumLog / n;
  if (family === 'exponential') return [Math.log(mean)];
  if (family === 'lognormal') {
    let ss = 0;
    for (const v of x) ss += (Math.log(v) - meanLog) ** 2;
    return [meanLog, 0.5 * Math.log(Math.max(ss / n, 1e-12))];
  }
  // Gamma: solve ln k - psi(k) = ln(mean) - mean(ln x) by Newton from the usual approximation.
  const s = Math.max(Math.log(mean) - meanLog, 1e-9);
  let k = (3 - s + Math.sqrt((s - 3) ** 2 + 24 * s)) / (12 * s);
  for (let i = 0; i < 50; i++) {
    const step = (Math.log(k) - digamma(k) - s) / (1 / k - trigamma(k));
    const next = k - step;
    k = next > 0 ? next : k / 2;
    if (Math.abs(step) < 1e-12 * k) break;
  }
  return [Math.log(k), Math.log(mean / k)];
}

/** The 95% normal interval of a value from its standard error, cut at 0 (every fitted quantity is >= 0). */
export function estimate(value: number, se: number): Estimate {
  return { value, se, low: Math.max(0, value - 1.96 * se), high: value + 1.96 * se };
}

/** Standard errors of (mean, sd) by the observed information and the delta method. */
function meanSdErrors(model: Model, p: number[], negLL: (q: number[]) => number): [number, number] {
  const cov = invertSmall(hessian(negLL, p, 1e-4));
  if (cov === null) return [NaN, NaN];
  const h = 1e-6;
  const base = model.meanSd(p);
  // Jacobian of (mean, sd) with respect to the parameters.
  const J = p.map((_, j) => {
    const q = p.map((v, k) => (k === j ? v + h : v));
    const moved = model.meanSd(q);
    return [(moved[0] - base[0]) / h, (moved[1] - base[1]) / h];
  });
  const varOf = (out: number) => {
    let v = 0;
    for (let a = 0; a < p.length; a++) for (let b = 0; b < p.length; b++) v += J[a][out] * cov[a][b] * J[b][out];
    return Math.sqrt(Math.max(v, 0));
  };
  return [varOf(0), varOf(1)];
}

/**
 * The Kolmogorov-Smirnov distance between a fitted CDF and the empirical
 * one: the plain empirical CDF when nothing is censored, the Kaplan-Meier
 * estimate otherwise, while at least 1% remain at risk (`times` sorted,
 * `isEvent` beside them).
 */
function ksDistance(cdf: (x: number) => number, times: Float64Array, isEvent: Uint8Array, censored: boolean): number {
  const n = times.length;
  let d = 0;
  if (!censored) {
    for (let i = 0; i < n; i++) {
      const f = cdf(times[i]);
      d = Math.max(d, f - i / n, (i + 1) / n - f);
    }
    return d;
  }
  let survival = 1;
  // The Kaplan-Meier tail, where few remain at risk, is noise: compare while at least 1% (or 10) are.
  const minAtRisk = Math.max(10, 0.01 * n);
  for (let i = 0; i < n; i++) {
    if (!isEvent[i]) continue;
    const atRisk = n - i;
    if (atRisk < minAtRisk) break;
    const before = 1 - survival;
    survival *= 1 - 1 / atRisk;
    const f = cdf(times[i]);
    d = Math.max(d, Math.abs(f - before), Math.abs(f - (1 - survival)));
  }
  return d;
}

/** Times sorted with their event flags (events before censored times at ties, as Kaplan-Meier counts them). */
function sortedTimes(x: Float64Array, c: Float64Array): { times: Float64Array; isEvent: Uint8Array } {
  const order = Array.from({ length: x.length + c.length }, (_, i) => i);
  const at = (i: number) => (i < x.length ? x[i] : c[i - x.length]);
  order.sort((a, b) => at(a) - at(b) || (a < x.length ? 0 : 1) - (b < x.length ? 0 : 1));
  return { times: Float64Array.from(order, at), isEvent: Uint8Array.from(order, (i) => (i < x.length ? 1 : 0)) };
}

/**
 * Fits every candidate family to durations by maximum likelihood: `events`
 * are observed durations, `censored` are times the duration was known to
 * exceed (right-censored; empty for complete data). Chooses the family with
 * the lowest BIC, so a two-parameter family must earn its extra parameter.
 * Every value must be > 0.
 */
export function fitDuration(events: Float64Array, censored: Float64Array = new Float64Array(0)): DurationFit {
  const isCensored = censored.length > 0;
  const n = events.length + censored.length;
  const { times, isEvent } = sortedTimes(events, censored);
  const exposure = censored.reduce((s, v) => s + v, 0) + events.reduce((s, v) => s + v, 0);
  const stats = eventStats(events);
  const logCensored = censored.map(Math.log);
  const candidates = FAMILIES.map((family): CandidateFit => {
    const model = MODELS[family];
    const negLL = (p: number[]) => {
      const ll = logLikelihood(model, p, stats, censored, logCensored);
      return Number.isFinite(ll) ? -ll : Infinity;
    };
    let p = completeDataStart(family, events);
    if (isCensored) {
      if (family === 'exponential') {
        // The censored MLE of the exponential: events / total exposure.
        p = [Math.log(exposure / events.length)];
      } else {
        // Start from the complete-data fit stretched to the censored exponential mean, then climb.
        const shift = Math.log(exposure / events.length) - Math.log(model.meanSd(p)[0]);
        p = nelderMead(negLL, family === 'lognormal' ? [p[0] + shift, p[1]] : [p[0], p[1] + shift], 0.3, 120, 1e-7);
        p = nelderMead(negLL, p, 0.02, 120, 1e-11);
      }
    }
    const ll = -negLL(p);
    const [mean, sd] = model.meanSd(p);
    const [seMean, seSd] = family === 'exponential' ? [mean / Math.sqrt(events.length), NaN] : meanSdErrors(model, p, negLL);
    const d = ksDistance((x) => model.cdf(x, p), times, isEvent, isCensored);
    return {
      family,
      mean: estimate(mean, seMean),
      sd: family === 'exponential' ? null : estimate(sd, seSd),
      logLikelihood: ll,
      bic: -2 * ll + p.length * Math.log(n),
      ks: { d, pValue: kolmogorovSurvival(Math.sqrt(events.length) * d) },
      spec: model.spec(p),
    };
  });
  const chosen = candidates.reduce((best, c) => (c.bic < best.bic ? c : best));
  return { n, events: events.length, candidates, chosen };
}
