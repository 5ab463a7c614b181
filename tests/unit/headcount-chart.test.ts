import { describe, expect, it } from 'vitest';
import type { ThresholdResult } from '../../src/check/types.js';
import type { Plan, PlanCandidate } from '../../src/planner/plan.js';
import { headcountChart, type HeadcountChartPoint } from '../../src/report/headcount-chart.js';
import { planDocument } from '../../src/report/plan-json.js';
import { curveCharts, planTextReport } from '../../src/report/plan-text.js';

const ESC = '\u001b';

/** SLA attainment against headcount, the target 75%: 12 fails, 13 is undecided, 14 and 15 pass. */
const POINTS: HeadcountChartPoint[] = [
  { value: 15, mean: 0.81, ci95: [0.805, 0.815], verdict: 'pass' },
  { value: 12, mean: 0.6, ci95: [0.55, 0.65], verdict: 'fail' },
  { value: 13, mean: 0.75, ci95: [0.7, 0.8], verdict: 'inconclusive' },
  { value: 14, mean: 0.8, ci95: [0.79, 0.81], verdict: 'pass' },
];

const chart = (extra: Partial<Parameters<typeof headcountChart>[0]> = {}) =>
  headcountChart({ expression: 'slaAttainment >= 75%', unit: 'share', target: 0.75, team: 'desk', kind: 'agents', points: POINTS, chosen: 14, height: 7, ...extra });

/** The column of the plot where the point of `value` is drawn (its x-axis tick). */
function columnOf(lines: string[], value: number): number {
  const axis = lines.find((l) => l.includes('└'))!;
  const ticks = [...axis].flatMap((c, i) => (c === '┴' ? [i] : []));
  return ticks[[...POINTS].sort((a, b) => a.value - b.value).findIndex((p) => p.value === value)];
}

describe('headcountChart', () => {
  const lines = chart();

  it('titles the chart with the target, the team and the legend', () => {
    expect(lines[0]).toBe('slaAttainment >= 75% against desk headcount (95% intervals; ✓ pass, ✗ fail, ? inconclusive)');
  });

  it('draws each staffing in value order, its mean inside its interval, the target as a dotted line', () => {
    const plot = lines.slice(1, 8);
    expect(plot).toHaveLength(7);
    // Labelled at the top (the highest interval end), the target, and the bottom (the lowest).
    expect(plot[0]).toMatch(/^81\.5% ┤/);
    expect(plot[6]).toMatch(/^55\.0% ┤/);
    const targetRow = plot.findIndex((l) => l.includes('target'));
    expect(plot[targetRow]).toMatch(/^ {2}75% ┤┈+.*┈ target$/);
    // 13's mean is the target: its ● sits on the dotted line, its interval crosses it.
    const x13 = columnOf(lines, 13);
    expect(plot[targetRow][x13]).toBe('●');
    const column13 = plot.map((l) => l[x13]).join('');
    expect(column13.slice(0, targetRow + 1)).toMatch(/^ *┬│*●$/);
    expect(column13.slice(targetRow)).toMatch(/^●│*┴ *$/);
    // 12 is below, 15 at the top.
    expect(plot[6][columnOf(lines, 12)]).toBe('┴');
    expect(plot[0][columnOf(lines, 15)]).toBe('●');
    const rows = (value: number) => plot.flatMap((l, r) => (['●', '┬', '┴', '│'].includes(l[columnOf(lines, value)]) ? [r] : []));
    expect(Math.max(...rows(12))).toBeGreaterThan(targetRow);
    expect(Math.min(...rows(15))).toBeLessThan(targetRow);
  });

  it('names each column with its value (the plan in brackets) and its verdict on this target', () => {
    const [xs, verdicts] = lines.slice(-2);
    expect(xs.trim().split(/\s+/)).toEqual(['12', '13', '[14]', '15']);
    expect(verdicts.trim().split(/\s+/)).toEqual(['✗', '?', '✓', '✓']);
    for (const value of [12, 13, 15]) expect(xs[columnOf(lines, value)]).toMatch(/\d/);
    expect(verdicts[columnOf(lines, 14)]).toBe('✓');
  });

  it('shows a change per shift with its sign, durations in their unit, and is plain text', () => {
    const change = headcountChart({ expression: 'wait avg < 30s', unit: 'seconds', target: 30, team: 'regular', kind: 'change', points: [{ value: -1, mean: 50, ci95: [40, 60], verdict: 'fail' }, { value: 0, mean: 20, ci95: [15, 25], verdict: 'pass' }, { value: 1, mean: 10, ci95: [8, 12], verdict: 'pass' }], chosen: 0 });
    expect(change[0]).toMatch(/^wait avg < 30s against regular change per shift/);
    expect(change.at(-2)!.trim().split(/\s+/)).toEqual(['-1', '[0]', '+1']);
    expect(change.some((l) => /^\s*30s ┤┈/.test(l))).toBe(true);
    expect(change.some((l) => /^\s*1\.0m ┤/.test(l))).toBe(true);
    for (const l of [...lines, ...change]) expect(l).not.toContain(ESC);
  });

  it('draws a share within 0% and 100%, whatever its interval says', () => {
    const low = chart({ expression: 'abandonRate < 5%', target: 0.05, points: [{ value: 1, mean: 0.001, ci95: [-0.002, 0.004], verdict: 'pass' }, { value: 0, mean: 0.08, ci95: [0.07, 0.09], verdict: 'fail' }] });
    expect(low.find((l) => l.includes('┤') && /^\s*0\.0% /.test(l))).toBeDefined();
    expect(low.join('\n')).not.toContain('-0.');
  });

  it('draws flat data, and nothing without a mean', () => {
    const flat = chart({ points: [{ value: 1, mean: 0.75, ci95: null, verdict: 'pass' }, { value: 2, mean: 0.75, ci95: null, verdict: 'pass' }] });
    expect(flat.filter((l) => l.includes('●'))).toHaveLength(1);
    expect(chart({ points: [{ value: 1, mean: null, ci95: null, verdict: 'fail' }] })).toEqual([]);
  });
});

/** A threshold result for a synthetic plan. */
function share(expression: string, goal: number, mean: number, verdict: 'pass' | 'fail'): ThresholdResult {
  return { metric: expression.split(' ')[0], condition: `>= ${goal * 100}%`, expression, scope: {}, aggregation: 'rate', unit: 'share', operator: '>=', target: goal, confidence: 0.95, observed: { mean, ci: [mean - 0.01, mean + 0.01], ci95: [mean - 0.01, mean + 0.01] }, margin: mean - goal, verdict, replications: 10 };
}

describe('the plan report charts the curve', () => {
  const at = (desk: number): PlanCandidate => {
    const mean = 0.5 + 0.05 * desk - 0.5;
    const verdict = mean >= 0.76 ? 'pass' : 'fail';
    return { values: [desk], cost: 10 * desk, verdict, replications: 10, targets: [share('slaAttainment >= 75%', 0.75, mean, verdict), share('recoveryNegative >= 40%', 0.4, 0.5, 'pass')] };
  };
  const chosen = at(16);
  const plan: Plan = {
    scenario: 'synthetic',
    scenarioHash: '0123456789abcdef',
    seed: 1,
    confidence: 0.95,
    variables: [{ team: 0, name: 'desk', kind: 'agents', written: 12, min: 0, max: 200, weight: 1, start: 15, shrinkage: 0 }],
    targets: ['slaAttainment >= 75%'],
    status: 'found',
    chosen,
    staffing: { desk: 16 },
    fewer: [{ team: 'desk', candidate: at(15) }],
    atMax: null,
    curve: [13, 14, 15, 16, 17, 18].map((value) => ({ team: 'desk', value, candidate: at(value) })),
    candidates: [13, 14, 15, 16, 17, 18].map(at),
    replications: 60,
  };
  const doc = planDocument(plan, 'synthetic.yaml');

  it('keeps the target value in plan.json rows, for the chart', () => {
    expect(doc.curve[0].targets[0].target).toBe(0.75);
  });

  it('draws a chart per target that fails somewhere on the curve under the team\'s table, and names the others', () => {
    const { charts, passing } = curveCharts(doc, 'desk');
    expect(charts).toHaveLength(1);
    expect(charts[0][0]).toMatch(/^slaAttainment >= 75% against desk/);
    expect(passing).toEqual(['recoveryNegative >= 40%']);
    expect(planTextReport(doc)).toContain('  not charted, passing at every desk value shown: recoveryNegative >= 40%');
    expect(charts[0].at(-2)!.trim().split(/\s+/)).toEqual(['13', '14', '15', '[16]', '17', '18']);
    const text = planTextReport(doc);
    const table = text.indexOf('targets against desk headcount');
    const drawn = text.indexOf('  slaAttainment >= 75% against desk headcount (95% intervals');
    expect(table).toBeGreaterThan(0);
    expect(drawn).toBeGreaterThan(table);
    expect(text).toContain(charts[0].map((l) => `  ${l}`).join('\n'));
    expect(text).not.toContain(ESC);
  });

  it('draws nothing without a curve (infeasible, or stopped before one)', () => {
    expect(curveCharts({ ...doc, curve: [] }, 'desk')).toEqual({ charts: [], passing: [] });
    expect(planTextReport({ ...doc, curve: [] })).not.toMatch(/against desk headcount \(95%/);
  });
});
