/**
 * A target against one team's headcount as a text chart: one column per
 * staffing with its mean (●) and 95% interval (┬ │ ┴), the target as a
 * dotted line, and under each column the headcount and the verdict. The
 * interval is drawn because it, not the mean, decides a verdict: the chart
 * shows why the plan stops where it does. Plain characters only (no colour,
 * no control codes), so the same lines go into the text report and the
 * live view. Drawn by hand rather than with asciichart: a few discrete
 * staffings with intervals are error bars, not a line.
 */
import type { MetricUnit } from '../check/types.js';
import { formatTarget, formatThresholdValue } from './threshold-values.js';

/** One staffing of the chart. */
export interface HeadcountChartPoint {
  /** The team's value: headcount, or change on every shift. */
  value: number;
  mean: number | null;
  ci95: readonly [number, number] | null;
  verdict: 'pass' | 'fail' | 'inconclusive';
}

/** What {@link headcountChart} draws. */
export interface HeadcountChartInput {
  /** The target as written: `slaAttainment >= 75%`. */
  expression: string;
  unit: MetricUnit;
  /** The target's value, in the metric's unit. */
  target: number;
  team: string;
  /** How the team varies: its headcount, or a change on every shift. */
  kind: 'agents' | 'change';
  /** The staffings, in any order (drawn by value). */
  points: readonly HeadcountChartPoint[];
  /** The planned value, shown in brackets under its column. */
  chosen?: number | null;
  /** Rows of the plot (default 7, at least 3). */
  height?: number;
  /** Columns per staffing (default 6, at least 4). */
  columnWidth?: number;
}

const MARK = { pass: '✓', fail: '✗', inconclusive: '?' } as const;

/** Centres `text` in a cell of `width` (the extra space on the left, so marks line up with numbers). */
const centred = (text: string, width: number) => text.padStart(Math.ceil((width + text.length) / 2)).padEnd(width);

/**
 * The chart's lines: a title, the plot with a y axis labelled at its top,
 * the target and its bottom, the x axis, the values and the verdicts.
 * Empty when no point has a mean.
 */
export function headcountChart(input: HeadcountChartInput): string[] {
  // A share's interval may reach past 0% or 100% (a normal approximation): draw it within them.
  const bound = (v: number) => (input.unit === 'share' ? Math.min(1, Math.max(0, v)) : v);
  const points = [...input.points]
    .sort((a, b) => a.value - b.value)
    .map((p) => ({ ...p, mean: p.mean === null ? null : bound(p.mean), ci95: p.ci95 ? ([bound(p.ci95[0]), bound(p.ci95[1])] as const) : null }));
  const height = Math.max(3, input.height ?? 7);
  const column = Math.max(4, input.columnWidth ?? 6);
  const values = points.flatMap((p) => (p.mean === null ? [] : [p.mean, ...(p.ci95 ?? [])])).filter(Number.isFinite);
  if (values.length === 0) return [];
  let lo = Math.min(input.target, ...values);
  let hi = Math.max(input.target, ...values);
  if (hi - lo < 1e-9 * Math.max(1, Math.abs(hi))) {
    const pad = Math.max(Math.abs(hi) * 0.01, input.unit === 'share' ? 0.005 : 0.5);
    lo -= pad;
    hi += pad;
  }
  // Row 0 is the top (hi), row height - 1 the bottom (lo).
  const rowOf = (v: number) => Math.round(((hi - v) / (hi - lo)) * (height - 1));
  const targetRow = rowOf(input.target);

  const grid: string[][] = Array.from({ length: height }, (_, r) => Array.from({ length: points.length * column }, () => (r === targetRow ? '┈' : ' ')));
  for (const [k, p] of points.entries()) {
    if (p.mean === null) continue;
    const x = k * column + Math.floor(column / 2);
    const mean = rowOf(p.mean);
    if (p.ci95) {
      const top = rowOf(Math.max(p.ci95[0], p.ci95[1]));
      const bottom = rowOf(Math.min(p.ci95[0], p.ci95[1]));
      for (let r = top; r <= bottom; r++) grid[r][x] = '│';
      if (top < mean) grid[top][x] = '┬';
      if (bottom > mean) grid[bottom][x] = '┴';
    }
    grid[mean][x] = '●';
  }

  const labels = new Map<number, string>([
    [0, formatThresholdValue(hi, input.unit)],
    [height - 1, formatThresholdValue(lo, input.unit)],
  ]);
  labels.set(targetRow, formatTarget(input.target, input.unit));
  const labelWidth = Math.max(...[...labels.values()].map((l) => l.length));
  const plot = grid.map((cells, r) => {
    const label = labels.get(r);
    const line = `${(label ?? '').padStart(labelWidth)} ${label !== undefined ? '┤' : '│'}${cells.join('')}`;
    return r === targetRow ? `${line} target` : line.trimEnd();
  });
  const axis = `${' '.repeat(labelWidth)} └${points.map(() => centred('┴', column).replace(/ /g, '─')).join('')}`;
  const shown = (v: number) => (input.kind === 'change' && v > 0 ? `+${v}` : String(v));
  const xs = `${' '.repeat(labelWidth + 2)}${points.map((p) => centred(p.value === input.chosen ? `[${shown(p.value)}]` : shown(p.value), column)).join('')}`.trimEnd();
  const verdicts = `${' '.repeat(labelWidth + 2)}${points.map((p) => centred(p.mean === null ? '-' : MARK[p.verdict], column)).join('')}`.trimEnd();
  const undecided = points.some((p) => p.mean !== null && p.verdict === 'inconclusive') ? ', ? inconclusive' : '';
  const title = `${input.expression} against ${input.team} ${input.kind === 'agents' ? 'headcount' : 'change per shift'} (95% intervals; ✓ pass, ✗ fail${undecided})`;
  return [title, ...plot, axis, xs, verdicts];
}
