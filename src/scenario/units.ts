import { durationSeconds, parseDayAndTime } from '../format/time.js';
/** Parsers for the unit-bearing values of scenario files. Each returns a value or an error message. */

export type Parsed<T> = { ok: true; value: T } | { ok: false; error: string };

const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
const fail = <T>(error: string): Parsed<T> => ({ ok: false, error });

const UNIT_SECONDS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86400 };

/** How a value looked in the file, for error messages: strings quoted, mappings and lists named. */
export function describeValue(v: unknown): string {
  if (v === undefined) return 'nothing';
  if (v === null) return 'null';
  // A long value is cut: the message stays one readable line.
  if (typeof v === 'string') return v.length > 80 ? `${JSON.stringify(v.slice(0, 77)).slice(0, -1)}..."` : JSON.stringify(v);
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'a mapping';
  if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint') return String(v);
  return typeof v;
}

export const DURATION_FORMS = 'a duration with a unit such as 90s, 3m, 2h, 1d, 1h30m or 2.5h';

/**
 * Parses a duration such as `90s`, `3m`, `2h`, `1d`, `1h30m` or `2.5h` into
 * seconds. A bare number is refused (the unit would be a guess), except 0.
 */
export function parseDuration(v: unknown): Parsed<number> {
  if (v === 0 || v === '0') return ok(0);
  const seconds = typeof v === 'string' ? durationSeconds(v) : null;
  return seconds === null ? fail(`expected ${DURATION_FORMS}, got ${describeValue(v)}`) : ok(seconds);
}

export const RATE_FORMS = 'a rate such as 200/h, 3.5/m, 0.2/s or 4800/d';

/** Parses a rate `N/s|m|h|d` into events per second. */
export function parseRate(v: unknown): Parsed<number> {
  const m = typeof v === 'string' ? /^\s*(\d+(?:\.\d+)?|\.\d+)\s*\/\s*([smhd])\s*$/.exec(v) : null;
  if (!m) return fail(`expected ${RATE_FORMS}, got ${describeValue(v)}`);
  return ok(Number(m[1]) / UNIT_SECONDS[m[2]]);
}

/** Parses a volume change: `+63%`, `-20%` or a multiplier such as 1.63. Returns the multiplier. */
export function parseVolume(v: unknown): Parsed<number> {
  if (typeof v === 'number' && Number.isFinite(v) && v >= 0) return ok(v);
  const m = typeof v === 'string' ? /^\s*([+-])\s*(\d+(?:\.\d+)?)\s*%\s*$/.exec(v) : null;
  if (m) {
    const multiplier = 1 + (m[1] === '-' ? -1 : 1) * (Number(m[2]) / 100);
    if (multiplier >= 0) return ok(multiplier);
  }
  return fail(`expected a change such as +63% or -20%, or a multiplier >= 0 such as 1.63, got ${describeValue(v)}`);
}

/** Parses a share in [0, 1]: a number such as 0.21 or a percentage such as `21%`. */
export function parseShare(v: unknown): Parsed<number> {
  if (typeof v === 'number' && v >= 0 && v <= 1) return ok(v);
  const m = typeof v === 'string' ? /^\s*(\d+(?:\.\d+)?)\s*%\s*$/.exec(v) : null;
  if (m && Number(m[1]) <= 100) return ok(Number(m[1]) / 100);
  return fail(`expected a share between 0 and 1 such as 0.21, or a percentage such as 21%, got ${describeValue(v)}`);
}

/** Parses a time of day `HH:MM` into seconds after midnight. */
export function parseTimeOfDay(v: unknown): Parsed<number> {
  const m = typeof v === 'string' ? /^\s*(\d{1,2}):(\d{2})\s*$/.exec(v) : null;
  if (m && Number(m[1]) < 24 && Number(m[2]) < 60) return ok(Number(m[1]) * 3600 + Number(m[2]) * 60);
  return fail(`expected a time of day "HH:MM" such as "08:30", got ${describeValue(v)}`);
}


/** When a schedule step starts: a time of day (`day` null, a daily step) or a day of the run and a time (a dated step). */
export interface ScheduleTime {
  /** Day of the run, 1 = the day containing t = 0; null for a daily step. */
  day: number | null;
  /** Seconds after midnight. */
  time: number;
}

/** Parses a schedule step's `at`: `HH:MM` (daily) or `dN HH:MM` (dated: day N of the run). */
export function parseScheduleTime(v: unknown): Parsed<ScheduleTime> {
  const daily = parseTimeOfDay(v);
  if (daily.ok) return ok({ day: null, time: daily.value });
  const dated = typeof v === 'string' ? parseDayAndTime(v) : null;
  if (dated) return ok(dated);
  return fail(`expected a time of day "HH:MM" such as "08:30" (daily), or a day and time "dN HH:MM" such as "d2 08:00" (dated), got ${describeValue(v)}`);
}

/** Parses a share of time in [0, 1) such as 30% or 0.3: all of it (100%) would leave nothing. */
export function parseShareBelowOne(v: unknown): Parsed<number> {
  const r = parseShare(v);
  if (r.ok && r.value >= 1) return fail(`expected a share below 100% such as 30% or 0.3, got ${describeValue(v)}`);
  if (!r.ok) return fail(`expected a share from 0 to below 1 such as 0.3, or a percentage below 100% such as 30%, got ${describeValue(v)}`);
  return r;
}
