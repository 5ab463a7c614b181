import type { Comparison, DifferenceEstimate } from '../metrics/compare.js';
import type { Estimate } from '../metrics/summary.js';
import { formatSeconds } from '../format/time.js';
import { formatShare, table } from './text.js';

const LABELS: Record<string, string> = {
  slaAttainment: 'SLA met',
  firstResponseMean: '1st reply mean',
  firstResponseP90: '1st reply p90',
  abandonRate: 'abandoned',
  waitMean: 'wait mean',
  backlogMean: 'backlog mean',
  followUps: 'follow-ups',
  misrouted: 'misrouted',
  utilization: 'utilization',
};
const SHARES = new Set(['slaAttainment', 'abandonRate', 'utilization']);
const DURATIONS = new Set(['firstResponseMean', 'firstResponseP90', 'waitMean']);

const SYMBOL: Record<DifferenceEstimate['verdict'], string> = {
  better: '+ better',
  worse: '- worse',
  higher: '^ higher',
  lower: 'v lower',
  'no significant difference': '= n.s.',
};

function metricOf(key: string): string {
  return key.slice(key.lastIndexOf('.') + 1);
}

function rowLabel(key: string): string {
  const parts = key.split('.');
  const scope = parts[0] === 'overall' ? 'overall' : `tier ${parts[1]}`;
  return `${scope} ${LABELS[metricOf(key)] ?? metricOf(key)}`;
}

/** A value in the unit of its metric: %, a duration, or a count. */
function value(metric: string, x: number, signed = false): string {
  const sign = signed && x > 0 ? '+' : '';
  if (SHARES.has(metric)) return `${sign}${(100 * x).toFixed(1)}${signed ? 'pp' : '%'}`;
  if (DURATIONS.has(metric)) return `${signed && x < 0 ? '-' : sign}${formatSeconds(Math.abs(x))}`;
  return `${sign}${x.toFixed(1)}`;
}

function estimateText(metric: string, e: Estimate): string {
  if (e.mean === null) return '-';
  // A share's interval may be clipped to [0, 1]: formatShare then prints its bounds.
  if (SHARES.has(metric)) return formatShare(e);
  const half = e.ci95 ? (e.ci95[1] - e.ci95[0]) / 2 : null;
  return `${value(metric, e.mean)}${half === null ? '' : ` ±${value(metric, half).replace(/pp$|%$/, '')}`}`;
}

function differenceText(metric: string, d: DifferenceEstimate): string {
  if (d.mean === null) return '-';
  return `${value(metric, d.mean, true)} ${SYMBOL[d.verdict]}`;
}

/** What every difference is taken against: the unchanged scenario, or with --no-baseline the first variant named. */
function referenceLine(c: Comparison): string {
  return c.reference.baseline
    ? `every difference is against ${c.reference.label}: the scenario as given, unchanged (first column)`
    : `every difference is against ${c.reference.label}: the first variant named (--no-baseline: the unchanged scenario was not run)`;
}

/** The comparison as a table: one row per metric, each variant's value, then its difference from the first (the reference). */
export function compareTextReport(header: string, c: Comparison): string {
  const base = c.variants[0].label;
  const head = [
    'metric',
    c.variants[0].label,
    ...c.variants.slice(1).flatMap((v) => [v.label, `vs ${base}`]),
  ];
  const rows = c.metrics.map(({ key }) => {
    const metric = metricOf(key);
    return [
      rowLabel(key),
      estimateText(metric, c.variants[0].values[key]),
      ...c.variants.slice(1).flatMap((v, i) => [estimateText(metric, v.values[key]), differenceText(metric, c.differences[i].values[key])]),
    ];
  });
  return [
    header,
    'every variant serves the same customers (common random numbers); differences are paired by replication,',
    'with a verdict where their 95% interval excludes zero (+ better, - worse, = no significant difference)',
    referenceLine(c),
    '',
    table(head, rows),
    '',
  ].join('\n');
}
