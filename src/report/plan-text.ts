/**
 * The plain-text report of `careload plan`: the chosen staffing and its
 * cost, each target at that staffing and at one agent fewer on each team,
 * the targets against headcount, and the sweep table when one was asked.
 * Marks carry a word (`✓ pass`, `✗ fail`) so it reads right without colour.
 */
import { headcountChart } from './headcount-chart.js';
import type { PlanDocument, PlanCandidateRow, PlanTargetRow, ShownStaffing } from './plan-json.js';
import { table } from './text.js';
import { formatInterval, formatThresholdValue } from './threshold-values.js';

const MARK = { pass: '✓ pass', fail: '✗ fail', inconclusive: '? inconclusive' } as const;

/** A target's value and 95% interval in its unit: `82.1% [81.0%, 83.2%]`. */
export function formatPlanTarget(t: Pick<PlanTargetRow, 'mean' | 'ci95' | 'unit'>): string {
  if (t.mean === null) return '-';
  return `${formatThresholdValue(t.mean, t.unit)}${t.ci95 ? ` ${formatInterval(t.ci95, t.unit)}` : ''}`;
}

/** A team's staffing in one line: `12 agents`, or `+2 per shift: 07:00 6, 19:00 4`. */
export function staffingLine(s: ShownStaffing): string {
  if (typeof s === 'number') return `${s} agents`;
  const sign = s.change > 0 ? '+' : '';
  return `${sign}${s.change} per shift: ${s.schedule.map((e) => `${e.at} ${e.agents}`).join(', ')}`;
}

function candidateLabel(doc: PlanDocument, c: PlanCandidateRow): string {
  return doc.teams.map((t) => `${t.name} ${t.kind === 'change' && c.staffing[t.name] > 0 ? '+' : ''}${c.staffing[t.name]}`).join(', ');
}

function targetsTable(targets: readonly PlanTargetRow[], indent: string): string {
  return table(['target', 'observed [95% CI]', 'verdict'], targets.map((t) => [t.expression, formatPlanTarget(t), MARK[t.verdict]]))
    .split('\n')
    .map((l) => indent + l)
    .join('\n');
}

/** Wall-clock seconds the plan took, and each sweep row (not part of plan.json, which stays the same run to run). */
export interface PlanTimings {
  plan: number;
  rows?: number[];
}

const took = (seconds: number) => {
  const whole = Math.round(seconds);
  return `${Math.floor(whole / 60)}:${String(whole % 60).padStart(2, '0')}`;
};

/**
 * The charts of one team's curve from plan.json's curve rows: one per
 * target that fails (or is undecided) somewhere on it, the targets that
 * pass at every value shown being named in `passing` instead (they do not
 * explain where the plan stops). None with fewer than two points.
 */
export function curveCharts(doc: Pick<PlanDocument, 'teams' | 'curve' | 'chosen'>, team: string, height?: number): { charts: string[][]; passing: string[] } {
  const variable = doc.teams.find((t) => t.name === team);
  const points = doc.curve.filter((p) => p.team === team);
  if (!variable || points.length < 2) return { charts: [], passing: [] };
  const charts: string[][] = [];
  const passing: string[] = [];
  for (const [k, t] of points[0].targets.entries()) {
    if (points.every((p) => p.targets[k]?.verdict === 'pass')) {
      passing.push(t.expression);
      continue;
    }
    const lines = headcountChart({
      expression: t.expression,
      unit: t.unit,
      target: t.target,
      team,
      kind: variable.kind,
      chosen: doc.chosen?.staffing[team] ?? null,
      height,
      points: points.map((p) => ({ value: p.value, mean: p.targets[k]?.mean ?? null, ci95: p.targets[k]?.ci95 ?? null, verdict: p.targets[k]?.verdict ?? 'fail' })),
    });
    if (lines.length > 0) charts.push(lines);
  }
  return { charts, passing };
}

/** The report as printed on stdout. */
export function planTextReport(doc: PlanDocument, timings?: PlanTimings): string {
  const out: string[] = [];
  const teams = doc.teams.map((t) => `${t.name} (${t.kind === 'agents' ? `headcount ${t.min}..${t.max}` : `change per shift ${t.min}..${t.max}`}${t.weight !== 1 ? `, cost x${t.weight}` : ''})`);
  out.push(`plan for ${doc.scenario.name} (${doc.scenario.file}, seed ${doc.seed}, scenario ${doc.scenario.hash})`);
  out.push(`  teams: ${teams.join(', ')}`);
  out.push(`  targets: ${doc.targets.join('; ')} (at ${(100 * doc.confidence).toFixed(0)}% confidence unless a target says otherwise)`);
  if (doc.leftOut) out.push(`  not planned for: ${doc.leftOut.join('; ')} (upper bounds on shares more agents raise: check judges them, a plan cannot aim at them)`);
  out.push(`  ${doc.candidates.length} staffings simulated, ${doc.replications} replications, on common random numbers${timings ? ` (took ${took(timings.plan)})` : ''}`);
  out.push('');
  if (doc.status === 'infeasible') {
    out.push('✗ no staffing within the bounds meets the targets. At the maxima:');
    if (doc.atMax) out.push(targetsTable(doc.atMax.targets, '  '));
    out.push('  raise --max, or relax the failing targets', '');
  } else if (doc.staffing === null) {
    out.push('? stopped before any staffing passed: nothing to propose', '');
  } else {
    out.push(`${doc.status === 'stopped' ? '? stopped early; the cheapest staffing that passed so far (not confirmed as the least)' : '✓ the least staffing that meets the targets'}:`);
    // Rostered against productive headcount where shrinkage takes agents away.
    const productive = (name: string, v: ShownStaffing): string => {
      const s = doc.teams.find((t) => t.name === name)?.shrinkage ?? 0;
      if (s === 0) return '';
      const pct = `${Number((100 * s).toFixed(1))}%`;
      return typeof v === 'number' ? `about ${(v * (1 - s)).toFixed(1)} productive after ${pct} shrinkage` : `about ${100 - Number((100 * s).toFixed(1))}% of each shift productive after ${pct} shrinkage`;
    };
    const withShrinkage = doc.teams.some((t) => t.shrinkage > 0);
    const staffRows = Object.entries(doc.staffing).map(([k, v]) => [k, staffingLine(v), ...(withShrinkage ? [productive(k, v)] : [])]);
    out.push(table(['team', 'rostered staffing', ...(withShrinkage ? ['productive'] : [])], staffRows).split('\n').map((l) => `  ${l}`).join('\n'));
    out.push(`  cost: ${doc.cost?.toFixed(1)} agent-hours over the horizon${doc.teams.some((t) => t.weight !== 1) ? ' (weighted)' : ''}`, '');
    if (doc.chosen) {
      out.push(`targets at this staffing (${doc.chosen.replications} replications):`);
      out.push(targetsTable(doc.chosen.targets, '  '), '');
    }
    for (const f of doc.fewer) {
      const failing = f.targets.filter((t) => t.verdict !== 'pass');
      out.push(`with one agent fewer on ${f.team} (${candidateLabel(doc, f)}): ${f.verdict === 'fail' ? '✗ fails' : '✓ passes'}${failing.length ? ` on ${failing.map((t) => `${t.expression} (${formatPlanTarget(t)})`).join('; ')}` : ''}`);
    }
    if (doc.fewer.length > 0) out.push('');
    for (const team of doc.teams) {
      const points = doc.curve.filter((p) => p.team === team.name);
      if (points.length < 2) continue;
      out.push(`targets against ${team.name} ${team.kind === 'agents' ? 'headcount' : 'change per shift'} (other teams as planned):`);
      const header = [team.kind === 'agents' ? 'agents' : 'change', 'cost', ...points[0].targets.map((t) => t.expression), 'verdict'];
      const rows = points.map((p) => [`${p.value}${p.value === doc.chosen?.staffing[team.name] ? ' <' : ''}`, p.cost.toFixed(0), ...p.targets.map(formatPlanTarget), MARK[p.verdict]]);
      out.push(table(header, rows).split('\n').map((l) => `  ${l}`).join('\n'), '');
      const { charts, passing } = curveCharts(doc, team.name);
      for (const chart of charts) out.push(...chart.map((l) => `  ${l}`), '');
      if (charts.length > 0 && passing.length > 0) out.push(`  not charted, passing at every ${team.name} value shown: ${passing.join('; ')}`, '');
    }
  }
  if (doc.sweep) {
    out.push(`the plan against ${doc.sweep.varied}:`);
    const rows = doc.sweep.rows.map((r, i) => [
      r.label,
      r.staffing ? Object.entries(r.staffing).map(([k, v]) => `${k} ${typeof v === 'number' ? v : `${v.change > 0 ? '+' : ''}${v.change}/shift`}`).join(', ') : r.status === 'infeasible' ? 'none within bounds' : 'stopped',
      r.cost === null ? '-' : r.cost.toFixed(0),
      r.targets.map((t) => `${formatPlanTarget(t)} ${MARK[t.verdict].slice(0, 1)}`).join('; '),
      ...(timings?.rows ? [`${r.candidates} (took ${took(timings.rows[i] ?? 0)})`] : [`${r.candidates}`]),
    ]);
    out.push(table([doc.sweep.varied, 'staffing', 'agent-hours', 'targets', 'staffings tried'], rows).split('\n').map((l) => `  ${l}`).join('\n'), '');
  }
  return `${out.join('\n')}\n`;
}
