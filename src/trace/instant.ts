/**
 * Instants as ISO 8601 text with an offset, both ways, in Unix seconds:
 * what exports write and what fit reads.
 */

/** Unix seconds as `2026-03-02T08:00:12.345+01:00` on the clock of `offset` (seconds east of UTC); whole seconds drop the fraction. */
export function formatInstant(unixSeconds: number, offset: number): string {
  const ms = Math.round((unixSeconds + offset) * 1000);
  const local = new Date(ms).toISOString(); // the wall clock of the offset, labelled Z
  const body = ms % 1000 === 0 ? local.slice(0, 19) : local.slice(0, 23);
  return `${body}${offsetText(offset)}`;
}

/** `+01:00`, `-05:30`, `Z` for 0. */
function offsetText(offset: number): string {
  if (offset === 0) return 'Z';
  const a = Math.abs(offset);
  const hh = String(Math.floor(a / 3600)).padStart(2, '0');
  const mm = String(Math.floor((a % 3600) / 60)).padStart(2, '0');
  return `${offset < 0 ? '-' : '+'}${hh}:${mm}`;
}

/** An instant read from text: Unix seconds and the offset it was written with (seconds east of UTC). */
export interface Instant {
  unix: number;
  offset: number;
}

const ISO = /^\s*(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)\s*$/i;

/** The last day looked up (exports hold many times of one day): its key and its start, ms. */
let lastDay = '';
let lastDayMs = NaN;

/** Unix ms of a UTC calendar day's midnight, or NaN when the day does not exist (Feb 30). */
function dayStart(y: number, mo: number, d: number): number {
  const key = `${y}-${mo}-${d}`;
  if (key === lastDay) return lastDayMs;
  const ms = Date.UTC(y, mo - 1, d);
  lastDay = key;
  lastDayMs = new Date(ms).getUTCDate() === d ? ms : NaN;
  return lastDayMs;
}

/** Parses an ISO 8601 date-time with an offset or Z (fractional seconds allowed), or null. */
export function parseInstant(text: string): Instant | null {
  const m = ISO.exec(text);
  if (!m) return null;
  const [y, mo, d, h, mi] = [1, 2, 3, 4, 5].map((i) => Number(m[i]));
  const sec = m[6] === undefined ? 0 : Number(m[6]);
  const frac = m[7] === undefined ? 0 : Number(`0.${m[7]}`);
  if (mo < 1 || mo > 12 || d < 1 || h > 23 || mi > 59 || sec > 59) return null;
  const localMs = dayStart(y, mo, d) + (h * 3600 + mi * 60 + sec) * 1000;
  if (Number.isNaN(localMs)) return null;
  let offset = 0;
  if (m[8].toUpperCase() !== 'Z') {
    const o = /^([+-])(\d{2}):?(\d{2})?$/.exec(m[8])!;
    offset = (o[1] === '-' ? -1 : 1) * (Number(o[2]) * 3600 + Number(o[3] ?? 0) * 60);
  }
  return { unix: localMs / 1000 + frac - offset, offset };
}
