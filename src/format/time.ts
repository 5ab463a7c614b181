/**
 * Every way careload writes a time, in one place: messages and errors, the
 * text report, the terminal UI and the result files all format through
 * these functions, so a duration reads the same everywhere; and the one
 * reader of durations written with units, which scenario files, threshold
 * values and tolerances share.
 */

const UNIT_SECONDS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86400 };

/** Seconds in a duration such as `90s`, `3m`, `2h`, `1d`, `1h30m` or `2.5h` (spaces allowed between parts), or null. */
export function durationSeconds(text: string): number | null {
  const t = text.trim();
  const part = /(\d+(?:\.\d+)?|\.\d+)\s*([smhd])/y;
  let total = 0;
  let pos = 0;
  let parts = 0;
  while (pos < t.length) {
    part.lastIndex = pos;
    const m = part.exec(t);
    if (!m) return null;
    total += Number(m[1]) * UNIT_SECONDS[m[2]];
    pos = part.lastIndex;
    while (t[pos] === ' ') pos++;
    parts++;
  }
  return parts > 0 ? total : null;
}

/** Formats seconds as a compact duration (`1h30m`, `45s`), for messages and reports. */
export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds)) return String(seconds);
  if (seconds === 0) return '0s';
  const units: [string, number][] = [['d', 86400], ['h', 3600], ['m', 60]];
  let rest = seconds;
  let out = '';
  for (const [u, size] of units) {
    if (rest >= size) {
      const n = Math.floor(rest / size);
      out += `${n}${u}`;
      rest -= n * size;
    }
  }
  if (rest > 0 || out === '') out += `${Number(rest.toFixed(3))}s`;
  return out;
}

/** Formats seconds for a table cell: 7.4s, 12.5m, 1.52h. */
export function formatSeconds(s: number | null): string {
  if (s === null) return '-';
  if (s < 60) return `${s.toFixed(1)}s`;
  if (s < 3600) return `${(s / 60).toFixed(1)}m`;
  return `${(s / 3600).toFixed(2)}h`;
}

/** A time of day, seconds after midnight, as `HH:MM` (`08:30`). */
export function formatTimeOfDay(seconds: number): string {
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  return `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`;
}

/** Simulated time `t` as day number and time of day, `d2 14:00`, for a run starting `startsAt` after midnight. */
export function formatSimulatedClock(t: number, startsAt: number): string {
  const abs = startsAt + t;
  const day = Math.floor(abs / 86400) + 1;
  return `d${day} ${formatTimeOfDay(abs % 86400)}`;
}

/** Wall-clock time a run has taken, as minutes and seconds: `3:07`. */
export function formatElapsed(seconds: number): string {
  const m = Math.floor(seconds / 60);
  return `${m}:${String(Math.floor(seconds % 60)).padStart(2, '0')}`;
}

/** A day of the run and a time of day, as read from `d2 08:00`: day 1 is the day containing t = 0. */
export interface DayAndTime {
  day: number;
  /** Seconds after midnight. */
  time: number;
}

/** Reads `dN HH:MM` (`d2 08:00`, day N >= 1 of the run), or null. The inverse of {@link formatSimulatedClock}'s text. */
export function parseDayAndTime(text: string): DayAndTime | null {
  const m = /^\s*d(\d+)\s+(\d{1,2}):(\d{2})\s*$/.exec(text);
  if (!m) return null;
  const day = Number(m[1]);
  const h = Number(m[2]);
  const min = Number(m[3]);
  return day >= 1 && Number.isSafeInteger(day) && h < 24 && min < 60 ? { day, time: h * 3600 + min * 60 } : null;
}

/** Simulated time (seconds from t = 0) of day `day` at `time` after midnight, for a run starting `startsAt` after midnight. */
export function simulatedTimeOf({ day, time }: DayAndTime, startsAt: number): number {
  return (day - 1) * 86400 + time - startsAt;
}
