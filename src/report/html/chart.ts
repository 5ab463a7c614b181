/**
 * What the HTML report's charts show, as plain data: the page script hands
 * each to uPlot. Also the two honest transformations of series on the way:
 * down-sampling long series (averaging consecutive points) and the 95%
 * interval band of a series from its per-replication values.
 */
import { meanCI } from '../../metrics/ci.js';

/** How a chart's values read: shares as percentages, seconds as durations, counts and levels as numbers. */
export type ChartUnit = 'share' | 'seconds' | 'count' | 'percent';

/** One line of a chart. */
export interface ChartSeries {
  label: string;
  values: (number | null)[];
  /** The 95% interval around each value (drawn as a band), when known. */
  band?: { lo: (number | null)[]; hi: (number | null)[] };
  /** The right axis (a second unit) rather than the left. */
  right?: boolean;
  /** Line width in pixels (default 2). */
  width?: number;
  /** Points only, no line (values at separate categories). */
  pointsOnly?: boolean;
}

/** A chart: an x axis, lines, constant target lines and shaded x ranges. */
export interface ChartSpec {
  id: string;
  title: string;
  /** `time`: seconds from the run's start (labelled as day and clock); `number`: plain values; `category`: indexes into `categories`. */
  xKind: 'time' | 'number' | 'category';
  x: number[];
  xLabel: string;
  categories?: string[];
  unit: ChartUnit;
  /** The right axis' unit, when a series uses it. */
  rightUnit?: ChartUnit;
  series: ChartSeries[];
  /** Horizontal lines at a value (a target), on the left axis. */
  targets?: { label: string; value: number }[];
  /** Shaded x ranges (surge windows, a reserve on shift). */
  shades?: { label: string; ranges: [number, number][] }[];
  /** For `time` charts: seconds after midnight at t = 0. */
  startsAt?: number;
}

/** Most points a time series keeps in the page; longer ones are averaged down. */
export const MAX_POINTS = 400;

/** The factor series of `length` points are averaged down by (1: kept whole). */
export function downsampleFactor(length: number, max = MAX_POINTS): number {
  return length <= max ? 1 : Math.ceil(length / max);
}

/** Averages each run of `factor` consecutive values (nulls left out; null when all are). */
export function downsample(values: readonly (number | null)[], factor: number): (number | null)[] {
  if (factor <= 1) return [...values];
  const out: (number | null)[] = [];
  for (let i = 0; i < values.length; i += factor) {
    const group = values.slice(i, i + factor).filter((v): v is number => v !== null && Number.isFinite(v));
    out.push(group.length > 0 ? group.reduce((s, v) => s + v, 0) / group.length : null);
  }
  return out;
}

/** Takes every `factor`-th x value (each group's start). */
export function downsampleX(x: readonly number[], factor: number): number[] {
  return factor <= 1 ? [...x] : x.filter((_, i) => i % factor === 0);
}

/**
 * The 95% interval of the mean at each point from per-replication series
 * (each replication's values down-sampled alike first), or undefined when
 * there are fewer than two replications. The series drawn are never
 * negative (counts, levels, shares), so a band is cut at `floor` (0).
 */
export function intervalBand(perReplication: readonly (readonly (number | null)[])[] | undefined, factor: number, floor = 0): ChartSeries['band'] {
  if (perReplication === undefined || perReplication.length < 2) return undefined;
  const reps = perReplication.map((r) => downsample(r, factor));
  const points = Math.max(...reps.map((r) => r.length));
  const lo: (number | null)[] = [];
  const hi: (number | null)[] = [];
  for (let i = 0; i < points; i++) {
    const ci = meanCI(reps.map((r) => r[i] ?? NaN).filter((v): v is number => v !== null && Number.isFinite(v)));
    lo.push(ci.n > 1 ? Math.max(floor, ci.lo) : null);
    hi.push(ci.n > 1 ? ci.hi : null);
  }
  return { lo, hi };
}
