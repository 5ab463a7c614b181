/**
 * The HTML report's building blocks: escaping, numbers in their unit, and
 * table cells that carry the exact figure they show (`data-value`, with
 * `data-path` naming where it comes from in the result's JSON), so that a
 * test or a reader's script can check the page against the files.
 */
import { formatSeconds } from '../../format/time.js';
import type { ChartUnit } from './chart.js';

/** Text made safe inside HTML elements and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

/** A value in its unit, as the page shows it: `80.2%`, `1.52h`, `1234`. */
export function formatValue(value: number | null | undefined, unit: ChartUnit): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '–';
  switch (unit) {
    case 'share':
      return `${(100 * value).toFixed(1)}%`;
    case 'percent':
      return `${value.toFixed(1)}%`;
    case 'seconds':
      return value < 0 ? `-${formatSeconds(-value)}` : formatSeconds(value);
    case 'count':
      return Math.abs(value) >= 1000 ? value.toFixed(0) : Math.abs(value) >= 10 ? value.toFixed(1) : value.toFixed(2);
  }
}

/** An interval in its unit: `[79.1%, 81.3%]` (`–` when there is none). */
export function formatInterval(ci: readonly [number, number] | null | undefined, unit: ChartUnit): string {
  return ci ? `[${formatValue(ci[0], unit)}, ${formatValue(ci[1], unit)}]` : '–';
}

/** A table cell showing a figure, carrying the exact value and, when given, its JSON path. */
export function figureCell(value: number | null | undefined, unit: ChartUnit, path?: string): string {
  const exact = value === null || value === undefined ? 'null' : String(value);
  const source = path === undefined ? '' : ` data-path="${escapeHtml(path)}"`;
  return `<td class="num" data-value="${exact}" data-unit="${unit}"${source}>${escapeHtml(formatValue(value, unit))}</td>`;
}

/** A table cell of plain text. */
export function textCell(text: string, className?: string): string {
  return `<td${className ? ` class="${className}"` : ''}>${escapeHtml(text)}</td>`;
}

/** A table: a caption, a header row and body rows of ready cells. */
export function tableHtml(caption: string, header: readonly string[], rows: readonly string[][], dataDoc?: string): string {
  const doc = dataDoc === undefined ? '' : ` data-doc="${escapeHtml(dataDoc)}"`;
  return `<table${doc}><caption>${escapeHtml(caption)}</caption><thead><tr>${header.map((h) => `<th scope="col">${escapeHtml(h)}</th>`).join('')}</tr></thead><tbody>${rows
    .map((r) => `<tr>${r.join('')}</tr>`)
    .join('')}</tbody></table>`;
}

/** A block hidden behind a toggle (the table under a chart). */
export function toggle(summary: string, body: string): string {
  return `<details><summary>${escapeHtml(summary)}</summary>${body}</details>`;
}
