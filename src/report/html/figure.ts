/**
 * A chart's place in the page: its title, a legend keyed by colour and
 * dash (so that it reads in greyscale and with colour blindness), the
 * element the page script draws into, and the chart's figures as a table
 * behind a toggle (readable without the chart, and by a screen reader).
 */
import { formatSimulatedClock } from '../../format/time.js';
import type { ChartSpec } from './chart.js';
import { escapeHtml, figureCell, formatValue, tableHtml, textCell, toggle } from './markup.js';

/** Okabe-Ito: eight colours told apart with every common colour blindness (the last is the page's text colour). */
export const PALETTE = ['#0072B2', '#D55E00', '#009E73', '#CC79A7', '#E69F00', '#56B4E9', '#F0E442', 'currentColor'];
/** Dash patterns (canvas pixels) cycled with the colours, so lines stay apart in greyscale. */
export const DASHES: number[][] = [[], [8, 4], [2, 3], [10, 3, 2, 3], [4, 4], [1, 2]];
/** Fill of shaded ranges (surges, reserve on shift), by shade index. */
export const SHADES = ['rgba(230,159,0,0.18)', 'rgba(86,180,233,0.18)', 'rgba(204,121,167,0.18)'];

/** An x value as its axis labels it. */
export function xText(spec: ChartSpec, x: number): string {
  if (spec.xKind === 'time') return formatSimulatedClock(x, spec.startsAt ?? 0);
  if (spec.xKind === 'category') return spec.categories?.[x] ?? String(x);
  return String(x);
}

function legendHtml(spec: ChartSpec): string {
  const swatch = (i: number) => `border-top-color:${PALETTE[i % PALETTE.length]};border-top-style:${DASHES[i % DASHES.length].length === 0 ? 'solid' : i % DASHES.length === 2 || i % DASHES.length === 5 ? 'dotted' : 'dashed'}`;
  const items = spec.series.map((s, i) => `<li><span class="swatch" style="${swatch(i)}"></span>${escapeHtml(s.label)}${s.band ? ' <span class="muted">(band: 95% interval)</span>' : ''}</li>`);
  for (const t of spec.targets ?? []) items.push(`<li><span class="swatch target"></span>${escapeHtml(t.label)}</li>`);
  (spec.shades ?? []).forEach((s, i) => {
    if (s.ranges.length > 0) items.push(`<li><span class="swatch shade" style="background:${SHADES[i % SHADES.length]}"></span>${escapeHtml(s.label)} (shaded)</li>`);
  });
  return `<ul class="legend">${items.join('')}</ul>`;
}

function chartTable(spec: ChartSpec): string {
  const header = [spec.xLabel];
  for (const s of spec.series) {
    header.push(s.label);
    if (s.band) header.push(`${s.label} 95% interval`);
  }
  const rows = spec.x.map((x, i) => {
    const cells = [textCell(xText(spec, x))];
    for (const s of spec.series) {
      const unit = s.right ? (spec.rightUnit ?? spec.unit) : spec.unit;
      cells.push(figureCell(s.values[i], unit));
      if (s.band) {
        const lo = s.band.lo[i];
        const hi = s.band.hi[i];
        cells.push(textCell(lo === null || hi === null ? '–' : `${formatValue(lo, unit)} – ${formatValue(hi, unit)}`));
      }
    }
    return cells;
  });
  const extra = [
    ...(spec.targets ?? []).map((t) => `${t.label}: ${formatValue(t.value, spec.unit)}`),
    ...(spec.shades ?? []).flatMap((s) => s.ranges.map(([a, b]) => `${s.label}: ${xText(spec, a)} to ${xText(spec, b)}`)),
  ];
  const notes = extra.length > 0 ? `<p class="muted">${extra.map(escapeHtml).join('; ')}</p>` : '';
  return toggle('Table of this chart', `${notes}${tableHtml(spec.title, header, rows)}`);
}

/** The figure of one chart: title, legend, drawing area, and its table behind a toggle. */
export function figureHtml(spec: ChartSpec): string {
  return `<figure class="chart"><figcaption>${escapeHtml(spec.title)}</figcaption>${legendHtml(spec)}<div class="plot" data-chart="${escapeHtml(spec.id)}" role="img" aria-label="${escapeHtml(spec.title)} (the figures are in the table below)"></div>${chartTable(spec)}</figure>`;
}
