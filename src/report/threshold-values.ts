/**
 * The numbers of a checked threshold as the JUnit and Markdown reports
 * write them, so both say the same thing: values in the metric's unit
 * (shares as percentages, durations as in the text report, counts and
 * levels as plain numbers), intervals as `[lo, hi]`, targets compactly as
 * written, and the one-line statement a failure message carries.
 */
import type { MetricUnit, ScenarioCheck, ThresholdResult } from '../check/types.js';
import { formatDuration, formatSeconds } from '../format/time.js';

/** Most decimals added to a value's usual ones to keep it apart from its target. */
const MAX_EXTRA = 3;

/** Decimals of a plain number by the size of the numbers shown with it: 12345, 123.4, 3.47. */
function plainDecimals(magnitude: number): number {
  return magnitude >= 1000 ? 0 : magnitude >= 10 ? 1 : 2;
}

/** Seconds in formatSeconds' units (s, m, h) with `extra` more decimals than it uses. */
function seconds(s: number, extra: number): string {
  if (extra === 0) return formatSeconds(s);
  if (Math.abs(s) < 60) return `${s.toFixed(1 + extra)}s`;
  if (Math.abs(s) < 3600) return `${(s / 60).toFixed(1 + extra)}m`;
  return `${(s / 3600).toFixed(2 + extra)}h`;
}

/**
 * `x` in `unit` with `extra` decimals more than usual; `magnitude` sets the
 * decimals of counts and levels, so that values shown together share them.
 */
function value(x: number, unit: MetricUnit, extra: number, magnitude: number): string {
  if (!Number.isFinite(x)) return String(x);
  switch (unit) {
    case 'share':
      return `${(100 * x).toFixed(1 + extra)}%`;
    case 'seconds':
      return seconds(x, extra);
    case 'count':
    case 'level':
      return x.toFixed(plainDecimals(magnitude) + extra);
  }
}

/** A difference in `unit`, signed: `+2.1pp` (percentage points), `-4.1m`, `+0.35`. */
function signed(x: number, unit: MetricUnit, extra: number, magnitude: number): string {
  if (!Number.isFinite(x)) return String(x);
  const text = unit === 'share' ? `${(100 * Math.abs(x)).toFixed(1 + extra)}pp` : value(Math.abs(x), unit, extra, magnitude);
  // A difference that rounds to zero gets no sign.
  if (!/[1-9]/.test(text)) return text;
  return `${x < 0 ? '-' : '+'}${text}`;
}

/**
 * A value in its metric's unit, for reading: a share as a percentage
 * (`87.5%`), seconds as in the text report (`7.4s`, `45.0m`, `1.52h`), a
 * count or level as a plain number with decimals by its size (`12345`,
 * `123.4`, `3.47`). `-` for null.
 */
export function formatThresholdValue(x: number | null, unit: MetricUnit): string {
  return x === null ? '-' : value(x, unit, 0, Math.abs(x));
}

/** An interval as `[lo, hi]` in its metric's unit (`[85.1%, 89.9%]`); `-` for null. */
export function formatInterval(ci: readonly [number, number] | null, unit: MetricUnit): string {
  if (ci === null) return '-';
  const magnitude = Math.max(Math.abs(ci[0]), Math.abs(ci[1]));
  return `[${value(ci[0], unit, 0, magnitude)}, ${value(ci[1], unit, 0, magnitude)}]`;
}

/** A target compactly, the way one writes it: `90%`, `2h`, `1h30m`, `100`, `0.03`. */
export function formatTarget(x: number, unit: MetricUnit): string {
  if (!Number.isFinite(x)) return String(x);
  switch (unit) {
    case 'share':
      return `${Number((100 * x).toFixed(4))}%`;
    case 'seconds':
      return x < 0 ? `-${formatDuration(-x)}` : formatDuration(x);
    case 'count':
    case 'level':
      return String(Number(x.toFixed(6)));
  }
}

/** A confidence level as a percentage: `95%`, `99.5%`. */
export function formatConfidence(c: number): string {
  return `${Number((100 * c).toFixed(4))}%`;
}

/** The numbers of one threshold as text, at one precision. */
export interface ThresholdValues {
  /** Observed mean: `87.5%`, `-` when the metric was never defined. */
  mean: string;
  /** The interval the verdict was decided on: `[85.1%, 89.9%]`, null when there is none. */
  interval: string | null;
  /** The plain 95% interval over all replications run, null when there is none. */
  interval95: string | null;
  /** The condition's comparison on the target: `>= 90%`, `< 2h`. */
  target: string;
  /** How far the mean is on the right side of the target, signed: `-2.5pp`; `-` when unknown. */
  margin: string;
  /** The confidence the verdict is stated at: `95%`. */
  confidence: string;
}

/**
 * Extra decimals needed so that neither the mean nor an end of the interval
 * decided on reads as equal to the target when it is not, and the ends do
 * not read as one value when they differ (at most MAX_EXTRA more than usual).
 */
function precision(r: ThresholdResult, magnitude: number): number {
  const ci = r.observed.ci;
  // The mean and the interval decided on set it; the plain 95% interval, shown only in details, follows.
  const shown = [r.observed.mean, ...(ci ?? [])].filter((v): v is number => v !== null && Number.isFinite(v));
  for (let extra = 0; extra < MAX_EXTRA; extra++) {
    const text = (v: number) => value(v, r.unit, extra, magnitude);
    const target = text(r.target);
    const apart = shown.every((v) => v === r.target || text(v) !== target) && (ci === null || ci[0] === ci[1] || text(ci[0]) !== text(ci[1]));
    if (apart) return extra;
  }
  return MAX_EXTRA;
}

/**
 * The numbers of a threshold as the reports write them. They share one
 * precision, raised where the usual one would show an observed value equal
 * to the target that it is not (an interval ending at `90.0%` against a
 * target of 90% on a failed threshold reads wrong).
 */
export function thresholdValues(r: ThresholdResult): ThresholdValues {
  const { mean, ci, ci95 } = r.observed;
  const magnitude = Math.max(...[mean, ...(ci ?? []), ...(ci95 ?? [])].filter((v): v is number => v !== null && Number.isFinite(v)).map(Math.abs), Math.abs(r.target));
  const extra = precision(r, magnitude);
  const text = (v: number) => value(v, r.unit, extra, magnitude);
  const interval = (c: [number, number] | null) => (c === null ? null : `[${text(c[0])}, ${text(c[1])}]`);
  return {
    mean: mean === null ? '-' : text(mean),
    interval: interval(ci),
    interval95: interval(ci95),
    target: `${r.operator} ${formatTarget(r.target, r.unit)}`,
    margin: r.margin === null ? '-' : signed(r.margin, r.unit, extra, magnitude),
    confidence: formatConfidence(r.confidence),
  };
}

/** `1 replication`, `40 replications`. */
export function replicationsText(n: number): string {
  return `${n} replication${n === 1 ? '' : 's'}`;
}

/**
 * What was observed against what was wanted, in one line:
 * `observed 87.5% [85.1%, 89.9%] at 95% confidence over 40 replications; target >= 90%`.
 * The interval is the one the verdict was decided on, whose confidence holds
 * over all the looks of the sequential check.
 */
export function thresholdStatement(r: ThresholdResult): string {
  const v = thresholdValues(r);
  const over = replicationsText(r.replications);
  let observed: string;
  if (r.observed.mean === null) observed = `observed no value (the metric was undefined in all ${over})`;
  else if (v.interval === null) observed = `observed ${v.mean} over ${over}, too few defined values for an interval`;
  else observed = `observed ${v.mean} ${v.interval} at ${v.confidence} confidence over ${over}`;
  return `${observed}; target ${v.target}`;
}

/** True when a threshold counts as failed: it failed, or was inconclusive and the run counts those as failures. */
export function countsAsFailure(r: ThresholdResult, inconclusive: 'fail' | 'pass'): boolean {
  return r.verdict === 'fail' || (r.verdict === 'inconclusive' && inconclusive === 'fail');
}

/**
 * The named windows a scenario's thresholds read, in one line, or null when
 * they read none: `windows: outage 1d8h to 2d20h, week 1d to 4d (times from
 * the start of the run)`.
 */
export function windowsLine(s: Pick<ScenarioCheck, 'windows'>): string | null {
  if (!s.windows || s.windows.length === 0) return null;
  return `windows: ${s.windows.map((w) => `${w.name} ${formatDuration(w.from)} to ${formatDuration(w.to)}`).join(', ')} (conversations arriving in them; times from the start of the run)`;
}

/** The named window a threshold reads, with its bounds: `week, conversations arriving from 1d to 4d`; null for report.window. */
export function thresholdWindow(r: ThresholdResult, s: Pick<ScenarioCheck, 'windows'>): string | null {
  const name = r.scope.window;
  if (name === undefined) return null;
  const w = s.windows?.find((x) => x.name === name);
  return w ? `${name}, conversations arriving from ${formatDuration(w.from)} to ${formatDuration(w.to)}` : name;
}
