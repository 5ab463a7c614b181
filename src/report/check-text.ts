/**
 * The plain-text report of `careload check`: per scenario, one row per
 * threshold with a mark and a word for its verdict (`✓ pass`, `✗ fail`,
 * `? inconclusive`), so it reads right without colour.
 */
import type { BaselineCheck, CheckDocument, ThresholdResult } from '../check/types.js';
import { unitOfKey } from '../metrics/directions.js';
import type { Verdict } from '../check/verdict.js';
import { table } from './text.js';
import { countsAsFailure, formatConfidence, formatInterval, formatThresholdValue, thresholdValues, windowsLine } from './threshold-values.js';

/** A verdict as a mark and a word, which read right without colour. */
export const VERDICT_MARKS: Readonly<Record<Verdict, string>> = { pass: '✓ pass', fail: '✗ fail', inconclusive: '? inconclusive' };

/** The columns of a thresholds table, verdict first. */
export const THRESHOLD_COLUMNS: readonly string[] = ['verdict', 'threshold', 'observed [interval]', 'margin', 'replications'];

/** One threshold's cells after the verdict: threshold, observed mean [interval], margin, replications (the live view shows the same). */
export function thresholdRow(r: ThresholdResult): string[] {
  const v = thresholdValues(r);
  return [r.expression, `${v.mean} ${v.interval ?? ''}`.trim(), v.margin, `${r.replications}`];
}

/** One scenario's thresholds as an indented table: verdict, threshold, observed mean [interval], margin, replications. */
export function thresholdsTable(results: readonly ThresholdResult[], inconclusive: 'fail' | 'pass'): string {
  const rows = results.map((r) => {
    const counted = r.verdict === 'inconclusive' && !countsAsFailure(r, inconclusive) ? ' (counted as pass)' : '';
    return [`${VERDICT_MARKS[r.verdict]}${counted}`, ...thresholdRow(r)];
  });
  return table([...THRESHOLD_COLUMNS], rows)
    .split('\n')
    .map((l) => `  ${l}`)
    .join('\n');
}

/** True when the thresholds fail the run: any failed, or inconclusive where that counts as failing. */
export function thresholdsFail(results: readonly ThresholdResult[], inconclusive: 'fail' | 'pass'): boolean {
  return results.some((r) => countsAsFailure(r, inconclusive));
}

/** The check against a recorded run: the regressions, or that there were none. */
export function baselineText(b: BaselineCheck): string {
  const how = `${b.paired ? 'paired by replication (same seed)' : 'two independent samples (different seeds)'}, ${b.judged} metrics, tolerance ${b.tolerance}`;
  if (b.regressions.length === 0) return `  ✓ baseline ${b.file}: no metric worse beyond the tolerance (${how})`;
  const rows = b.regressions.map((r) => {
    const unit = unitOfKey(r.key);
    const ci = r.difference.ci ? formatInterval(r.difference.ci, unit === 'share' ? 'count' : unit) : '';
    const diff = r.difference.mean === null ? '-' : unit === 'share' ? `${(100 * r.difference.mean).toFixed(1)}pp` : formatThresholdValue(r.difference.mean, unit);
    return [`✗ worse`, r.key, formatThresholdValue(r.baseline.mean, unit), formatThresholdValue(r.current.mean, unit), `${diff} ${unit === 'share' && r.difference.ci ? `[${(100 * r.difference.ci[0]).toFixed(1)}, ${(100 * r.difference.ci[1]).toFixed(1)}]pp` : ci}`.trim()];
  });
  return [`  ✗ baseline ${b.file}: ${b.regressions.length} metric(s) worse beyond the tolerance (${how})`, table(['verdict', 'metric', 'baseline', 'now', 'difference [interval]'], rows).split('\n').map((l) => `    ${l}`).join('\n')].join('\n');
}

/** The report as printed on stdout. */
export function checkTextReport(doc: CheckDocument): string {
  const out: string[] = [];
  for (const s of doc.scenarios) {
    out.push(`${s.verdict === 'pass' ? '✓' : '✗'} ${s.scenario} (${s.file}, seed ${s.seed}, ${s.replications} replications, scenario ${s.scenarioHash})`);
    if (s.thresholds.length === 0) {
      out.push('  no thresholds', '');
      continue;
    }
    const windows = windowsLine(s);
    if (windows !== null) out.push(`  ${windows}`);
    out.push(thresholdsTable(s.thresholds, doc.inconclusive), '');
    if (s.baseline) out.push(baselineText(s.baseline), '');
  }
  for (const f of doc.skipped) out.push(`skipped ${f.file}: ${f.reason}`);
  if (doc.skipped.length > 0) out.push('');
  const all = doc.scenarios.flatMap((s) => s.thresholds);
  const count = (v: Verdict) => all.filter((r) => r.verdict === v).length;
  const stopped = doc.partial;
  if (stopped) {
    const during = stopped.notJudged ? `; ${stopped.notJudged.scenario} (${stopped.notJudged.file}) not judged, stopped after ${stopped.notJudged.replications} replications` : '';
    out.push(`? stopped: ${stopped.done} of ${stopped.total} scenario(s) checked${during}`);
  }
  out.push(
    `${doc.verdict === 'pass' ? '✓ pass' : doc.verdict === 'stopped' ? '? stopped' : '✗ fail'}: ${count('pass')} passed, ${count('fail')} failed, ${count('inconclusive')} inconclusive ` +
      `(intervals at ${formatConfidence(doc.confidence)} confidence unless a threshold says otherwise, kept across looks; inconclusive counts as ${doc.inconclusive})`,
  );
  return `${out.join('\n')}\n`;
}
