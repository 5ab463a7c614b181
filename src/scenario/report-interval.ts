import { formatDuration } from '../format/time.js';
import { DEFAULTS } from './schema.js';

/**
 * Most rows the time series may have (horizon / report.interval): each row
 * is kept per replication and written to summary.json, so a fine interval
 * over a long horizon would fill the memory and the file.
 */
export const MAX_REPORT_ROWS = 10_000;

/**
 * Most rows the time series has when the scenario sets no report.interval:
 * output proportional to what is asked, so a long run does not emit tens of
 * thousands of rows (and seconds of building and writing them) by default.
 */
export const DEFAULT_REPORT_ROWS = 1000;

/** Intervals a default may be coarsened to, shortest first (seconds). */
const STEPS = [15, 30, 60, 120, 180, 240, 360, 480, 720, 1440, 2880, 10080].map((m) => m * 60);
const DAY = 86400;

/**
 * The report interval used when the scenario gives none: 15 minutes, or
 * the shortest of 30m, 1h, 2h, 3h, 4h, 6h, 8h, 12h, 1d, 2d, 7d (then whole
 * days) that keeps the time series within {@link DEFAULT_REPORT_ROWS} rows
 * (15 minutes up to a horizon of 250 h, 1 hour up to 1,000 h, ...).
 */
export function defaultReportInterval(horizon: number): number {
  const fits = (interval: number) => Math.ceil(horizon / interval) <= DEFAULT_REPORT_ROWS;
  if (fits(DEFAULTS.interval)) return DEFAULTS.interval;
  return STEPS.find(fits) ?? Math.ceil(horizon / DEFAULT_REPORT_ROWS / DAY) * DAY;
}

/**
 * The note a report gives when the default interval was coarsened (null
 * when it was not, or when the scenario set its own): the interval used, and
 * why.
 */
export function coarsenedIntervalNote(horizon: number, interval: number, explicit: boolean): string | null {
  if (explicit || interval === DEFAULTS.interval) return null;
  return `report.interval defaults to ${formatDuration(interval)} here, not ${formatDuration(DEFAULTS.interval)}: `
    + `${formatDuration(DEFAULTS.interval)} would make ${Math.ceil(horizon / DEFAULTS.interval)} rows of time series (the default keeps to ${DEFAULT_REPORT_ROWS}); set report.interval to choose`;
}
