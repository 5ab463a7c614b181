import { formatSeconds } from '../format/time.js';
import type { Estimate } from '../metrics/summary.js';

/** Half width of the interval, or null. */
function halfWidth(e: Estimate): number | null {
  return e.ci95 ? (e.ci95[1] - e.ci95[0]) / 2 : null;
}

/** True when a share's interval was clipped at 0 or 1 and so is not centred on its mean. */
function clipped(e: Estimate): boolean {
  if (e.mean === null || e.ci95 === null || (e.ci95[0] > 0 && e.ci95[1] < 1)) return false;
  const below = e.mean - e.ci95[0];
  const above = e.ci95[1] - e.mean;
  return Math.abs(below - above) > 1e-9;
}

/** A bound of a share's interval as a percentage without the sign; a bound clipped to 0 or 1 reads `0` or `100`. */
function bound(x: number): string {
  return x <= 0 ? '0' : x >= 1 ? '100' : (100 * x).toFixed(1);
}

/**
 * A share as a percentage with its ± half interval, `80.2% ±0.3`, or with
 * its bounds, `0.4% [0, 1.1]`, where the interval was clipped to [0, 1]
 * and so is uneven: no bound below 0% or above 100% is ever printed.
 */
export function formatShare(e: Estimate): string {
  if (e.mean === null) return '-';
  if (e.ci95 !== null && clipped(e)) return `${(100 * e.mean).toFixed(1)}% [${bound(e.ci95[0])}, ${bound(e.ci95[1])}]`;
  const h = halfWidth(e);
  // Narrow intervals get a second decimal rather than showing as ±0.0.
  const hText = h === null ? '' : ` ±${(100 * h).toFixed(h > 0 && h < 0.0005 ? 2 : 1)}`;
  return `${(100 * e.mean).toFixed(1)}%${hText}`;
}

/** A duration estimate with its ± half interval: `2.17h ±4.1m`. */
export function formatSecondsEstimate(e: Estimate): string {
  if (e.mean === null) return '-';
  const h = halfWidth(e);
  return `${formatSeconds(e.mean)}${h === null ? '' : ` ±${formatSeconds(h)}`}`;
}

/** Lays out rows as left-aligned first column and right-aligned other columns. */
export function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ').trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}
