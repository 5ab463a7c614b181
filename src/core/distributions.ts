import type { Uniform } from './rng.js';

/** A continuous distribution as plain data (durations in seconds). */
export type DistSpec =
  | { dist: 'exponential'; mean: number }
  | { dist: 'constant'; value: number }
  | { dist: 'lognormal'; mean: number; sd: number }
  | { dist: 'gamma'; mean: number; sd: number }
  | { dist: 'uniform'; min: number; max: number }
  | { dist: 'empirical'; values: number[] };

/** A distribution of whole counts >= 1 as plain data. */
export type CountSpec = { dist: 'constant'; value: number } | { dist: 'geometric'; mean: number };

/** A sampler with its analytic moments (as in Ciw's distributions). */
export interface Sampler {
  readonly mean: number;
  readonly variance: number;
  sample(u: Uniform): number;
}

class Exponential implements Sampler {
  readonly variance: number;
  constructor(readonly mean: number) {
    this.variance = mean * mean;
  }
  sample(u: Uniform): number {
    return -this.mean * Math.log(u.next());
  }
}

class Constant implements Sampler {
  readonly variance = 0;
  constructor(readonly mean: number) {}
  sample(): number {
    return this.mean;
  }
}

/** One standard normal by Box-Muller (the second value is discarded: no state). */
function standardNormal(u: Uniform): number {
  return Math.sqrt(-2 * Math.log(u.next())) * Math.cos(2 * Math.PI * u.next());
}

class LogNormal implements Sampler {
  readonly variance: number;
  private readonly mu: number;
  private readonly sigma: number;
  constructor(readonly mean: number, sd: number) {
    this.variance = sd * sd;
    const s2 = Math.log(1 + this.variance / (mean * mean));
    this.sigma = Math.sqrt(s2);
    this.mu = Math.log(mean) - s2 / 2;
  }
  sample(u: Uniform): number {
    return Math.exp(this.mu + this.sigma * standardNormal(u));
  }
}

/** Marsaglia-Tsang gamma(shape, 1) for shape >= 1. */
function gammaAtLeastOne(shape: number, u: Uniform): number {
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    let x: number;
    let v: number;
    do {
      x = standardNormal(u);
      v = 1 + c * x;
    } while (v <= 0);
    v = v * v * v;
    const w = u.next();
    if (w < 1 - 0.0331 * x * x * x * x || Math.log(w) < 0.5 * x * x + d * (1 - v + Math.log(v))) {
      return d * v;
    }
  }
}

class Gamma implements Sampler {
  readonly variance: number;
  private readonly shape: number;
  private readonly scale: number;
  constructor(readonly mean: number, sd: number) {
    this.variance = sd * sd;
    this.shape = (mean * mean) / this.variance;
    this.scale = this.variance / mean;
  }
  sample(u: Uniform): number {
    if (this.shape >= 1) return this.scale * gammaAtLeastOne(this.shape, u);
    // Boost a shape < 1 through gamma(shape + 1) * U^(1/shape).
    const g = gammaAtLeastOne(this.shape + 1, u);
    return this.scale * g * Math.pow(u.next(), 1 / this.shape);
  }
}

class UniformRange implements Sampler {
  readonly mean: number;
  readonly variance: number;
  constructor(private readonly min: number, private readonly max: number) {
    this.mean = (min + max) / 2;
    this.variance = ((max - min) * (max - min)) / 12;
  }
  sample(u: Uniform): number {
    return this.min + (this.max - this.min) * u.next();
  }
}

class Empirical implements Sampler {
  readonly mean: number;
  readonly variance: number;
  private readonly values: Float64Array;
  constructor(values: readonly number[]) {
    this.values = Float64Array.from(values);
    const n = values.length;
    this.mean = values.reduce((s, v) => s + v, 0) / n;
    this.variance = values.reduce((s, v) => s + (v - this.mean) ** 2, 0) / n;
  }
  sample(u: Uniform): number {
    return this.values[Math.floor(u.next() * this.values.length)];
  }
}

/** Geometric on {1, 2, ...} with the given mean (number of trials to first success). */
class Geometric implements Sampler {
  readonly variance: number;
  private readonly logQ: number;
  constructor(readonly mean: number) {
    const p = 1 / mean;
    this.variance = (1 - p) / (p * p);
    this.logQ = Math.log(1 - p);
  }
  sample(u: Uniform): number {
    if (this.mean <= 1) return 1;
    return 1 + Math.floor(Math.log(u.next()) / this.logQ);
  }
}

/** The value a sampler always returns (so sampling needs no uniform), or NaN when it varies. */
export function fixedValue(sampler: Sampler): number {
  return sampler instanceof Constant ? sampler.mean : NaN;
}

/** Builds the sampler for a validated distribution spec. */
export function samplerOf(spec: DistSpec | CountSpec): Sampler {
  switch (spec.dist) {
    case 'exponential':
      return new Exponential(spec.mean);
    case 'constant':
      return new Constant(spec.value);
    case 'lognormal':
      return spec.sd === 0 ? new Constant(spec.mean) : new LogNormal(spec.mean, spec.sd);
    case 'gamma':
      return spec.sd === 0 ? new Constant(spec.mean) : new Gamma(spec.mean, spec.sd);
    case 'uniform':
      return new UniformRange(spec.min, spec.max);
    case 'empirical':
      return new Empirical(spec.values);
    case 'geometric':
      return new Geometric(spec.mean);
  }
}
