/**
 * The run part of the HTML report, from summary.json (and run.json and
 * replications.json beside it when present): the verdict line, the key
 * figures with their intervals against their targets, and the series over
 * time with surge windows and reserve teams shaded and 95% interval bands.
 */
import type { MetricUnit, ThresholdResult } from '../../check/types.js';
import { durationSeconds } from '../../format/time.js';
import type { ScopeSummary, SeriesRow } from '../../metrics/summary.js';
import type { SummaryDocument } from '../json.js';
import type { ReplicationValuesDocument } from '../replications.js';
import type { RunRecord } from '../run-record.js';
import { downsample, downsampleFactor, downsampleX, intervalBand, type ChartSeries, type ChartSpec, type ChartUnit } from './chart.js';
import { figureHtml } from './figure.js';
import { escapeHtml, figureCell, formatInterval, tableHtml, textCell } from './markup.js';
import type { Section } from './section.js';

/** A threshold's unit as the page formats it. */
export function chartUnit(unit: MetricUnit): ChartUnit {
  return unit === 'level' ? 'count' : unit;
}

/** `3 passed, 1 failed, 0 inconclusive`: the verdict line of a list of thresholds. */
export function verdictLine(thresholds: readonly Pick<ThresholdResult, 'verdict'>[]): string {
  const count = (v: string) => thresholds.filter((t) => t.verdict === v).length;
  return `${count('pass')} passed, ${count('fail')} failed, ${count('inconclusive')} inconclusive`;
}

/** The overall metrics the key figures list, with their units. */
const KEY_METRICS: [keyof ScopeSummary, string, ChartUnit][] = [
  ['arrivals', 'Arrivals', 'count'],
  ['slaAttainment', 'SLA attainment', 'share'],
  ['answeredWithin', 'Answered within the report target', 'share'],
  ['firstResponseMean', 'First response, mean', 'seconds'],
  ['firstResponseP90', 'First response, 90th percentile', 'seconds'],
  ['waitMean', 'Wait, mean', 'seconds'],
  ['abandonRate', 'Abandoned', 'share'],
  ['backlogMean', 'Backlog, mean', 'count'],
  ['utilization', 'Agent utilisation', 'share'],
  ['negativeShare', 'Negative at arrival', 'share'],
  ['recoveryNegative', 'Recovered: negative to positive', 'share'],
  ['csat', 'CSAT', 'share'],
];

/** The surge windows of the scenario as run (its source), in seconds: [start, end of ramp-down). */
function surgeRanges(source: Record<string, unknown> | undefined): [number, number][] {
  const surges = Array.isArray(source?.surges) ? (source.surges as Record<string, unknown>[]) : [];
  const seconds = (v: unknown) => (typeof v === 'string' ? (durationSeconds(v) ?? 0) : typeof v === 'number' ? v : 0);
  return surges.map((s) => {
    const start = seconds(s.start);
    return [start, start + seconds(s.rampUp) + seconds(s.duration) + seconds(s.rampDown)];
  });
}

/** Teams that are called in (an `activation`): reserves, whose time on shift is shaded. */
function reserveTeams(source: Record<string, unknown> | undefined): string[] {
  const teams = source?.teams;
  if (teams === null || typeof teams !== 'object') return [];
  return Object.entries(teams as Record<string, unknown>)
    .filter(([, t]) => t !== null && typeof t === 'object' && 'activation' in t)
    .map(([name]) => name);
}

/** Seconds after midnight at t = 0 (`startsAt: "07:30"`), 0 when not given. */
function startsAtOf(source: Record<string, unknown> | undefined): number {
  const m = typeof source?.startsAt === 'string' ? /^(\d{1,2}):(\d{2})$/.exec(source.startsAt) : null;
  return m ? Number(m[1]) * 3600 + Number(m[2]) * 60 : 0;
}

/** Ranges of x where `on` holds, each from its first x to the next interval's start. */
function rangesWhere(x: readonly number[], step: number, on: (i: number) => boolean): [number, number][] {
  const out: [number, number][] = [];
  x.forEach((t, i) => {
    if (!on(i)) return;
    const last = out[out.length - 1];
    if (last !== undefined && last[1] === t) last[1] = t + step;
    else out.push([t, t + step]);
  });
  return out;
}

/** The series over time, as charts. */
function timeCharts(doc: SummaryDocument, replications: ReplicationValuesDocument | undefined): { charts: ChartSpec[]; note: string | null } {
  const rows = doc.timeseries.rows;
  const factor = downsampleFactor(rows.length);
  const step = doc.timeseries.interval * factor;
  const x = downsampleX(rows.map((r) => r.t), factor);
  const perRep = replications?.series;
  const line = (label: string, pick: (r: SeriesRow) => number | null, key?: string, right?: boolean): ChartSeries => ({
    label,
    values: downsample(rows.map(pick), factor),
    ...(key !== undefined && perRep?.[key] ? { band: intervalBand(perRep[key], factor) } : {}),
    ...(right ? { right } : {}),
  });
  const source = doc.scenario.source;
  const startsAt = startsAtOf(source);
  const surges = surgeRanges(source);
  const reserves = reserveTeams(source);
  const reserveRanges = reserves.flatMap((team) => {
    const onShift = downsample(rows.map((r) => r.agentsOnShiftByTeam[team] ?? 0), factor);
    return rangesWhere(x, step, (i) => (onShift[i] ?? 0) > 0.05);
  });
  const shades = [
    { label: 'surge window', ranges: surges },
    ...(reserves.length > 0 ? [{ label: `reserve on shift (${reserves.join(', ')}, mean over replications)`, ranges: reserveRanges }] : []),
  ];
  const base = { xKind: 'time' as const, x, xLabel: 'interval starting', startsAt, shades };
  const tiers = Object.keys(doc.byTier);
  const teams = Object.keys(doc.byTeam);
  const slaTargets = (doc.thresholds ?? [])
    .filter((t) => t.metric.startsWith('slaAttainment') && t.scope.window === undefined)
    .map((t) => ({ label: `target: ${t.expression}`, value: t.target }));
  const charts: ChartSpec[] = [
    {
      ...base,
      id: 'run-arrivals',
      title: 'Arrivals per interval against capacity (conversation slots of agents on shift)',
      unit: 'count',
      rightUnit: 'count',
      series: [
        line('arrivals per interval', (r) => r.arrivals, 'arrivals'),
        { ...line('slots on shift (right axis)', () => null, 'slotsOnShift', true), values: slotsOnShift(rows, perRep?.slotsOnShift, factor) },
      ],
    },
    {
      ...base,
      id: 'run-backlog',
      title: 'Backlog: conversations waiting, time average per interval',
      unit: 'count',
      series: [line('all tiers', (r) => r.backlog, 'backlog'), ...tiers.map((t) => line(t, (r) => r.backlogByTier[t] ?? null))],
    },
    {
      ...base,
      id: 'run-sla',
      title: 'SLA attainment per tier, by arrival interval',
      unit: 'share',
      targets: slaTargets,
      series: tiers.map((t) => line(t, (r) => r.slaAttainmentByTier[t] ?? null, `slaAttainmentByTier.${t}`)),
    },
    {
      ...base,
      id: 'run-occupancy',
      title: 'Slot occupancy per team: open conversations / slots on shift',
      unit: 'share',
      series: teams.map((t) => line(t, (r) => r.slotOccupancyByTeam[t] ?? null, `slotOccupancyByTeam.${t}`)),
    },
    {
      ...base,
      id: 'run-sentiment',
      title: 'Sentiment mix: share of arrivals negative at arrival',
      unit: 'share',
      series: [line('negative at arrival', (r) => r.negativeShare, 'negativeShare')],
    },
  ];
  const note =
    factor > 1
      ? `The series over time are averaged over ${factor} consecutive intervals (${x.length} points of ${rows.length}) to keep this page small; summary.json holds every interval.`
      : null;
  return { charts, note };
}

/** Slots on shift per interval: the mean over replications when recorded, else unknown (null). */
function slotsOnShift(rows: readonly SeriesRow[], perRep: (number | null)[][] | undefined, factor: number): (number | null)[] {
  if (perRep === undefined || perRep.length === 0) return downsample(rows.map(() => null), factor);
  const mean = rows.map((_, i) => {
    const values = perRep.map((r) => r[i]).filter((v): v is number => v !== null && v !== undefined);
    return values.length > 0 ? values.reduce((s, v) => s + v, 0) / values.length : null;
  });
  return downsample(mean, factor);
}

/** The thresholds table: each with its observed mean, interval, target and verdict; `pathPrefix` locates them in the JSON. */
export function thresholdTable(thresholds: readonly ThresholdResult[], pathPrefix: string, doc: string): string {
  const rows = thresholds.map((t, i) => {
    const unit = chartUnit(t.unit);
    return [
      textCell(t.expression),
      figureCell(t.observed.mean, unit, `${pathPrefix}${i}.observed.mean`),
      textCell(formatInterval(t.observed.ci95, unit)),
      figureCell(t.target, unit, `${pathPrefix}${i}.target`),
      textCell(t.verdict, `verdict ${t.verdict}`),
    ];
  });
  return tableHtml('Thresholds: observed mean with its 95% interval, against the target', ['threshold', 'observed', '95% interval', 'target', 'verdict'], rows, doc);
}

/** The header facts of a run. */
function runFacts(doc: SummaryDocument, run: RunRecord | undefined): string {
  const facts: [string, string][] = [
    ['scenario', doc.scenario.name],
    ['scenario hash', doc.scenario.hash],
    ['seed', String(doc.seed)],
    ['replications', `${doc.replications}${doc.partial ? ` (stopped early: ${doc.partial.done} of ${doc.partial.total})` : ''}`],
    ['run at', run?.startedAt ?? 'not recorded (no run.json)'],
    ['careload version', run?.careloadVersion ?? 'not recorded (no run.json)'],
  ];
  return `<dl class="facts">${facts.map(([k, v]) => `<dt>${escapeHtml(k)}</dt><dd>${escapeHtml(v)}</dd>`).join('')}</dl>`;
}

/** The run section of the report: header, verdict, key figures, and the series over time (charts two to a printed page). */
export function runSection(doc: SummaryDocument, run?: RunRecord, replications?: ReplicationValuesDocument): Section {
  const thresholds = doc.thresholds ?? [];
  const verdict =
    thresholds.length > 0
      ? `<p class="verdict ${thresholds.some((t) => t.verdict === 'fail') ? 'fail' : thresholds.some((t) => t.verdict === 'inconclusive') ? 'inconclusive' : 'pass'}">Thresholds: ${escapeHtml(verdictLine(thresholds))}</p>`
      : '<p class="verdict">No thresholds set in this scenario.</p>';
  const keyRows = KEY_METRICS.map(([key, label, unit]) => [
    textCell(label),
    figureCell(doc.overall[key].mean, unit, `overall.${key}.mean`),
    textCell(formatInterval(doc.overall[key].ci95, unit)),
  ]);
  const tierRows = Object.entries(doc.byTier).map(([tier, s]) => [
    textCell(`SLA attainment, tier ${tier}`),
    figureCell(s.slaAttainment.mean, 'share', `byTier.${tier}.slaAttainment.mean`),
    textCell(formatInterval(s.slaAttainment.ci95, 'share')),
  ]);
  const keyTable = tableHtml('Key figures over the measurement window: mean over replications with its 95% interval', ['figure', 'mean', '95% interval'], [...keyRows, ...tierRows], 'summary');
  const warnings = (doc.warnings ?? []).map((w) => `<p class="warning">${escapeHtml(w.message)}</p>`).join('');
  const first = `<section><h2>Run: ${escapeHtml(doc.scenario.name)}</h2>${runFacts(doc, run)}${verdict}${warnings}${
    thresholds.length > 0 ? thresholdTable(thresholds, 'thresholds.', 'summary') : ''
  }</section>`;
  const { charts, note } = timeCharts(doc, replications);
  const recovery = Object.entries(doc.sentimentTransitions).map(([start, ends]) => [
    textCell(start),
    ...Object.entries(ends).map(([end, e]) => figureCell(e.mean, 'share', `sentimentTransitions.${start}.${end}.mean`)),
  ]);
  const recoveryTable = tableHtml('Sentiment recovery: share of conversations starting in a sentiment (row) that ended in each (column)', ['start', 'negative', 'neutral', 'positive'], recovery, 'summary');
  const bandNote = replications?.series
    ? 'Bands around lines: the 95% interval of the mean over replications, from each replication’s series (replications.json), cut at zero (none of these series can be negative).'
    : 'No interval bands: replications.json with per-replication series was not found beside summary.json.';
  const keyPage = `<section><h2>Key figures</h2>${keyTable}</section>`;
  const chartPages: string[] = [];
  for (let i = 0; i < charts.length; i += 2) {
    const intro = i === 0 ? `<h2>Over time</h2><p class="muted">${escapeHtml(bandNote)}${note ? ` ${escapeHtml(note)}` : ''}</p>` : '';
    chartPages.push(`<section>${intro}${charts.slice(i, i + 2).map(figureHtml).join('')}</section>`);
  }
  // The recovery table joins the last chart page when it holds one chart only, else a page of its own.
  const recoveryBlock = `<div class="block">${recoveryTable}</div>`;
  if (charts.length % 2 === 1) chartPages[chartPages.length - 1] = chartPages[chartPages.length - 1].replace(/<\/section>$/, `${recoveryBlock}</section>`);
  else chartPages.push(`<section>${recoveryBlock}</section>`);
  return { pages: [first, keyPage, ...chartPages], charts };
}
