import { surgeEnd } from '../surges.js';
import { simulatedTimeOf } from '../../format/time.js';
import { describeValue, parseDuration, type Parsed, type ScheduleTime } from '../units.js';
import type { SurgeFile } from './subjects.js';

/**
 * Values derived from raw file values that the rules check and resolve.ts
 * uses: one computation, so what a rule accepts is exactly what is resolved.
 */

/** Normalised hourly weights (mean 1), or why `v` is not a daily profile. */
export function profileWeights(v: unknown): { weights: number[] } | { problem: string } {
  const ok = Array.isArray(v) && v.length === 24 && v.every((x) => typeof x === 'number' && Number.isFinite(x) && x >= 0);
  if (!ok) return { problem: `expected 24 hourly weights >= 0 (one per hour from 00:00), got ${Array.isArray(v) ? `a list of ${v.length}` : describeValue(v)}` };
  const weights = v as number[];
  const mean = weights.reduce((s, x) => s + x, 0) / 24;
  if (mean === 0) return { problem: 'expected at least one weight > 0' };
  return { weights: weights.map((x) => x / mean) };
}

/** Normalised weekday weights (mean 1, Monday first), or why `v` is not a weekday profile. */
export function weekdayWeights(v: unknown): { weights: number[] } | { problem: string } {
  const ok = Array.isArray(v) && v.length === 7 && v.every((x) => typeof x === 'number' && Number.isFinite(x) && x >= 0);
  if (!ok) return { problem: `expected 7 weekday weights >= 0 (Monday first), got ${Array.isArray(v) ? `a list of ${v.length}` : describeValue(v)}` };
  const weights = v as number[];
  const mean = weights.reduce((s, x) => s + x, 0) / 7;
  if (mean === 0) return { problem: 'expected at least one weight > 0' };
  return { weights: weights.map((x) => x / mean) };
}

/** A surge's timing with the ramps' defaults (0) filled. */
export function surgeTiming(s: SurgeFile): { start: number; rampUp: number; duration: number; rampDown: number } {
  return { start: s.start, rampUp: s.rampUp ?? 0, duration: s.duration, rampDown: s.rampDown ?? 0 };
}

/** From the first surge's start to the last one's end, cut at the horizon (the `surge` window). */
export function surgeSpan(surges: readonly SurgeFile[], horizon: number): { from: number; to: number } {
  const timings = surges.map(surgeTiming);
  return { from: Math.min(...timings.map((s) => s.start)), to: Math.min(horizon, Math.max(...timings.map(surgeEnd))) };
}

/** A mapping (not null, not a list). */
export function isMapping(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** The bounds of a `{ from, to }` window, each parsed (absent ones are warmup and horizon). */
export function windowBounds(o: Record<string, unknown>, warmup: number, horizon: number): { from: Parsed<number>; to: Parsed<number> } {
  return {
    from: o.from === undefined ? { ok: true, value: warmup } : parseDuration(o.from),
    to: o.to === undefined ? { ok: true, value: horizon } : parseDuration(o.to),
  };
}

/** A schedule is dated when its first step names a day (a rule makes every step agree). */
export function isDated(steps: readonly { at: ScheduleTime }[]): boolean {
  return steps.length > 0 && steps[0].at.day !== null;
}

/** Simulated time (seconds from t = 0) of a dated step's `at`. */
export function datedStepTime(at: ScheduleTime, startsAt: number): number {
  return simulatedTimeOf({ day: at.day ?? 1, time: at.time }, startsAt);
}
