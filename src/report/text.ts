import type { Estimate, ScopeSummary } from '../metrics/summary.js';
import { formatDuration } from '../scenario/units.js';
import type { SummaryDocument } from './json.js';

/** Formats seconds for a table cell: 7.4s, 12.5m, 1.52h. */
export function formatSeconds(s: number | null): string {
  if (s === null) return '-';
  if (s < 60) return `${s.toFixed(1)}s`;
  if (s < 3600) return `${(s / 60).toFixed(1)}m`;
  return `${(s / 3600).toFixed(2)}h`;
}

/** Half width of the interval, or null. */
function halfWidth(e: Estimate): number | null {
  return e.ci95 ? (e.ci95[1] - e.ci95[0]) / 2 : null;
}

/** A share as a percentage with its ± half interval: `80.2% ±0.3`. */
export function formatShare(e: Estimate): string {
  if (e.mean === null) return '-';
  const h = halfWidth(e);
  // Narrow intervals get a second decimal rather than showing as ±0.0.
  const hText = h === null ? '' : ` ±${(100 * h).toFixed(h > 0 && h < 0.0005 ? 2 : 1)}`;
  return `${(100 * e.mean).toFixed(1)}%${hText}`;
}

function formatCount(e: Estimate): string {
  return e.mean === null ? '-' : Math.round(e.mean).toLocaleString('en-US');
}

function formatDurationEstimate(e: Estimate): string {
  const h = halfWidth(e);
  return e.mean === null ? '-' : `${formatSeconds(e.mean)}${h === null ? '' : ` ±${formatSeconds(h)}`}`;
}

/** Lays out rows as left-aligned first column and right-aligned other columns. */
export function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ').trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

const SCOPE_COLUMNS: [string, (s: ScopeSummary) => string][] = [
  ['arrivals', (s) => formatCount(s.arrivals)],
  ['SLA met', (s) => formatShare(s.slaAttainment)],
  ['abandoned', (s) => formatShare(s.abandonRate)],
  ['wait mean', (s) => formatDurationEstimate(s.waitMean)],
  ['wait p90', (s) => formatSeconds(s.waitP90.mean)],
  ['1st reply p90', (s) => formatSeconds(s.firstResponseP90.mean)],
  ['backlog', (s) => (s.backlogMean.mean === null ? '-' : s.backlogMean.mean.toFixed(1))],
];

/** The plain-text report of a run: what was run, then the KPIs by scope and team. */
export function textReport(doc: SummaryDocument, targets: Record<string, number>): string {
  const scopes: [string, ScopeSummary][] = [
    ['overall', doc.overall],
    ...Object.entries(doc.byTier).map(([n, s]): [string, ScopeSummary] => [`tier ${n} (target ${formatDuration(targets[n])})`, s]),
    ...Object.entries(doc.byChannel).map(([n, s]): [string, ScopeSummary] => [`channel ${n}`, s]),
  ];
  const scopeTable = table(
    ['', ...SCOPE_COLUMNS.map(([h]) => h)],
    scopes.map(([label, s]) => [label, ...SCOPE_COLUMNS.map(([, f]) => f(s))]),
  );
  const teamTable = table(
    ['team', 'utilization', 'agents on shift', 'handled'],
    Object.entries(doc.byTeam).map(([n, t]) => [
      n,
      formatShare(t.utilization),
      t.agentsOnShiftMean.mean === null ? '-' : t.agentsOnShiftMean.mean.toFixed(1),
      formatCount(t.handled),
    ]),
  );
  const o = doc.overall;
  const unanswered = o.unanswered.mean ?? 0;
  return [
    `careload: ${doc.scenario.name} (scenario ${doc.scenario.hash}, seed ${doc.seed}, ${doc.replications} replications, ${doc.routing.policy} routing)`,
    `measured: conversations arriving from ${formatDuration(doc.window.warmup)} to ${formatDuration(doc.window.horizon)}; ± = 95% confidence half-width over replications`,
    '',
    scopeTable,
    '',
    teamTable,
    '',
    `utilization ${formatShare(o.utilization)}, first reply mean ${formatDurationEstimate(o.firstResponseMean)}` +
      (unanswered > 0 ? `; ${Math.round(unanswered)} conversations still unanswered when the run stopped` : ''),
  ].join('\n') + '\n';
}
