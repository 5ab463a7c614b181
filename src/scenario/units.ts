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
/** When a run starts: seconds after local midnight, and the date when the file gives one. */
export interface StartsAt {
  /** Seconds after local midnight at t = 0. */
  time: number;
  /** The date and offset of t = 0, when `startsAt` is a date-time; null for a bare time of day. */
  calendar: Calendar | null;
}

/** A run's place in the calendar: the instant of t = 0 and its local weekday. */
export interface Calendar {
  /** Unix time (seconds, UTC) of t = 0. */
  epoch: number;
  /** Local weekday of t = 0: 0 = Monday ... 6 = Sunday. */
  weekday: number;
  /** The offset from UTC of the local clock, seconds (+01:00 = 3600). */
  offset: number;
}

const ISO_DATE_TIME = /^\s*(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2}))?\s*(Z|[+-]\d{2}:?\d{2})\s*$/;

/**
 * Parses an ISO 8601 date-time with an offset (`2026-03-02T08:00:00+01:00`,
 * `...Z`) into its place in the calendar and its time after local midnight,
 * or null when `v` is not one (or names a day that does not exist).
 */
export function parseDateTime(v: string): StartsAt | null {
  const m = ISO_DATE_TIME.exec(v);
  if (!m) return null;
  const [y, mo, d, h, mi] = [1, 2, 3, 4, 5].map((i) => Number(m[i]));
  const sec = m[6] === undefined ? 0 : Number(m[6]);
  if (mo < 1 || mo > 12 || d < 1 || h > 23 || mi > 59 || sec > 59) return null;
  const localMs = Date.UTC(y, mo - 1, d, h, mi, sec);
  if (new Date(localMs).getUTCDate() !== d) return null;
  let offset = 0;
  if (m[7] !== 'Z') {
    const o = /^([+-])(\d{2}):?(\d{2})$/.exec(m[7])!;
    offset = (o[1] === '-' ? -1 : 1) * (Number(o[2]) * 3600 + Number(o[3]) * 60);
  }
  const time = h * 3600 + mi * 60 + sec;
  // getUTCDay of the local wall-clock date: 0 = Sunday; shift to 0 = Monday.
  const weekday = (new Date(localMs).getUTCDay() + 6) % 7;
  return { time, calendar: { epoch: localMs / 1000 - offset, weekday, offset } };
}

/** Parses `startsAt`: a time of day "HH:MM", or an ISO 8601 date-time with an offset. */
export function parseStartsAt(v: unknown): Parsed<StartsAt> {
  const daily = parseTimeOfDay(v);
  if (daily.ok) return ok({ time: daily.value, calendar: null });
  const dated = typeof v === 'string' ? parseDateTime(v) : null;
  if (dated) return ok(dated);
  return fail(`expected a time of day "HH:MM" such as "08:30", or a date-time with its offset such as "2026-03-02T08:00:00+01:00", got ${describeValue(v)}`);
}

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
