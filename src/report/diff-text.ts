/**
 * The text of `careload diff`: the metrics that differ between two recorded
 * runs, with the difference's interval and a verdict like compare's.
 */
import type { MetricChange } from '../check/baseline.js';
import { unitOfKey } from '../metrics/directions.js';
import { table } from './text.js';
import { formatThresholdValue } from './threshold-values.js';

/** A difference in a metric's unit: shares in points (`-1.4pp`), others as their values. */
function formatDifference(x: number, key: string): string {
  const unit = unitOfKey(key);
  const sign = x > 0 ? '+' : x < 0 ? '-' : '';
  return unit === 'share' ? `${sign}${Math.abs(100 * x).toFixed(1)}pp` : `${sign}${formatThresholdValue(Math.abs(x), unit)}`;
}

/** The diff as printed: `all` lists every metric, otherwise only those that differ significantly. */
export function diffTextReport(changes: readonly MetricChange[], a: string, b: string, paired: boolean, all = false): string {
  const shown = all ? changes : changes.filter((c) => c.verdict !== 'no significant difference');
  const how = paired ? 'paired by replication (same seed)' : 'two independent samples (different seeds)';
  const head = `careload diff: ${b} against ${a}, ${how}, 95% intervals`;
  if (shown.length === 0) return `${head}\nno metric differs significantly (of ${changes.length} compared)\n`;
  const rows = shown.map((c) => {
    const unit = unitOfKey(c.key);
    const ci = c.difference.ci ? `[${formatDifference(c.difference.ci[0], c.key)}, ${formatDifference(c.difference.ci[1], c.key)}]` : '';
    return [
      c.key,
      formatThresholdValue(c.baseline.mean, unit),
      formatThresholdValue(c.current.mean, unit),
      `${c.difference.mean === null ? '-' : formatDifference(c.difference.mean, c.key)} ${ci}`.trim(),
      c.verdict,
    ];
  });
  const note = all ? '' : `\n${shown.length} of ${changes.length} metrics differ significantly (--all lists every one)`;
  return `${head}\n${table(['metric', 'a', 'b', 'b - a [interval]', 'verdict'], rows)}${note}\n`;
}
