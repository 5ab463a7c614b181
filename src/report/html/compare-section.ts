/**
 * The compare part of the HTML report, from compare.json: each variant's
 * figures beside the baseline's, and a forest plot of the paired
 * differences with their 95% intervals (as a share of the baseline's value,
 * so that metrics of different units share an axis), with the verdict per
 * metric in the table.
 */
import type { CompareDocument } from '../compare-json.js';
import type { ChartSeries, ChartSpec, ChartUnit } from './chart.js';
import { figureHtml } from './figure.js';
import { escapeHtml, figureCell, formatInterval, tableHtml, textCell } from './markup.js';
import type { Section } from './section.js';

/** A compared metric's unit, from its name (`overall.slaAttainment`, `byTier.urgent.firstResponseP90`). */
function unitOf(key: string): ChartUnit {
  const metric = key.slice(key.lastIndexOf('.') + 1);
  if (/^(firstResponse|wait|nextResponse)/.test(metric)) return 'seconds';
  if (/^(backlogMean|followUps|misrouted|arrivals|answered|abandoned)$/.test(metric)) return 'count';
  return 'share';
}

/** A compared metric's name as an axis labels it: `slaAttainment` overall, `slaAttainment (urgent)` for a tier. */
function shortName(key: string): string {
  const parts = key.split('.');
  return parts[0] === 'byTier' ? `${parts.slice(2).join('.')} (${parts[1]})` : parts.slice(1).join('.');
}

/** Metrics shown in one forest plot at most (the rest are in the tables). */
const PER_PLOT = 9;
/** Half the width, in category units, a metric's whiskers of all variants spread over. */
const SPREAD = 0.3;

/**
 * The forest plot: x is the metric (a category), y the paired difference as
 * a percentage of the baseline's mean. Each variant's interval is a short
 * vertical line from its low to its high end (points nearly on one x, a gap
 * before the next metric), its mean a point.
 */
function forestChart(doc: CompareDocument, keys: string[], id: string, title: string): ChartSpec {
  const baseline = doc.variants[0];
  const variants = doc.differences;
  const x: number[] = [];
  const columns: ChartSeries[] = variants.flatMap((d) => [
    { label: `${d.label}: 95% interval`, values: [] as (number | null)[], width: 3 },
    { label: `${d.label}: mean difference`, values: [] as (number | null)[], pointsOnly: true },
  ]);
  keys.forEach((key, i) => {
    const base = baseline.values[key]?.mean ?? null;
    const relative = (v: number | null | undefined) => (v === null || v === undefined || base === null || base === 0 ? null : (100 * v) / Math.abs(base));
    variants.forEach((d, v) => {
      const offset = variants.length === 1 ? 0 : -SPREAD + (2 * SPREAD * v) / (variants.length - 1);
      const e = d.values[key];
      const at = i + offset;
      // Low end, mean, high end, then a gap so that the line does not run on to the next metric.
      const points: [number, number | null, number | null][] = [
        [at - 0.001, relative(e?.ci95?.[0]), null],
        [at, relative(e?.ci95 ? e.mean : null), relative(e?.mean)],
        [at + 0.001, relative(e?.ci95?.[1]), null],
        [at + 0.002, null, null],
      ];
      for (const [px, interval, mean] of points) {
        x.push(px);
        columns.forEach((c, k) => c.values.push(k === 2 * v ? interval : k === 2 * v + 1 ? mean : null));
      }
    });
  });
  return {
    id,
    title,
    xKind: 'category',
    x,
    xLabel: 'metric',
    categories: keys.map(shortName),
    unit: 'percent',
    series: columns,
    targets: [{ label: 'no difference', value: 0 }],
  };
}

/** Rows of the differences table: per metric and variant, the baseline, the variant, the paired difference with its interval, the verdict. */
function differenceRows(doc: CompareDocument): string[][] {
  const rows: string[][] = [];
  const baseline = doc.variants[0];
  for (const m of doc.metrics) {
    doc.differences.forEach((d) => {
      const unit = unitOf(m.key);
      const variant = doc.variants.find((v) => v.label === d.label);
      const e = d.values[m.key];
      const vi = doc.variants.findIndex((v) => v.label === d.label);
      const di = doc.differences.indexOf(d);
      rows.push([
        textCell(m.key),
        textCell(d.label),
        figureCell(baseline.values[m.key]?.mean ?? null, unit, `variants.0.values.${m.key}.mean`),
        figureCell(variant?.values[m.key]?.mean ?? null, unit, `variants.${vi}.values.${m.key}.mean`),
        figureCell(e?.mean ?? null, unit, `differences.${di}.values.${m.key}.mean`),
        textCell(formatInterval(e?.ci95 ?? null, unit)),
        textCell(e?.verdict ?? '–', `verdict ${(e?.verdict ?? '').replace(/ /g, '-')}`),
      ]);
    });
  }
  return rows;
}

/** The compare section: header, the forest plots (the table of every difference under the first), two to a printed page. */
export function compareSection(doc: CompareDocument): Section {
  const baseline = doc.variants[0]?.label ?? 'baseline';
  const counts = new Map<string, number>();
  for (const d of doc.differences) for (const e of Object.values(d.values)) counts.set(e.verdict, (counts.get(e.verdict) ?? 0) + 1);
  const verdicts = [...counts].map(([v, n]) => `${n} ${v}`).join(', ');
  const facts = `<dl class="facts"><dt>scenario</dt><dd>${escapeHtml(doc.scenario.name)}</dd><dt>scenario hash</dt><dd>${escapeHtml(doc.scenario.hash)}</dd><dt>seed</dt><dd>${doc.seed}</dd><dt>replications per variant</dt><dd>${doc.replications}</dd><dt>variants</dt><dd>${escapeHtml(
    doc.variants.map((v) => `${v.label} (${v.policy})`).join(', '),
  )}</dd></dl>`;
  const partial = doc.partial ? `<p class="warning">Stopped early: ${doc.partial.done} of ${doc.partial.total} variants finished.</p>` : '';
  const keys = doc.metrics.map((m) => m.key);
  const charts: ChartSpec[] = [];
  for (let i = 0; i < keys.length; i += PER_PLOT) {
    const part = keys.slice(i, i + PER_PLOT);
    charts.push(forestChart(doc, part, `compare-forest-${i / PER_PLOT + 1}`, `Paired differences against ${baseline}, % of ${baseline}'s value, with 95% intervals (metrics ${i + 1}–${i + part.length})`));
  }
  const table = tableHtml(
    `Each variant against ${baseline}: paired difference (variant minus ${baseline}) with its 95% interval, and the verdict`,
    ['metric', 'variant', baseline, 'variant value', 'difference', '95% interval', 'verdict'],
    differenceRows(doc),
    'compare',
  );
  const first = `<section><h2>Compare: ${escapeHtml(doc.scenario.name)}</h2>${facts}${partial}<p class="verdict">Differences: ${escapeHtml(verdicts || 'none')}</p><details class="block"><summary>Table of every difference</summary>${table}</details></section>`;
  const pages = [first];
  for (let i = 0; i < charts.length; i += 2) pages.push(`<section>${charts.slice(i, i + 2).map(figureHtml).join('')}</section>`);
  return { pages, charts };
}
