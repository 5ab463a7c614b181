import asciichart from 'asciichart';
import { Box, Text } from 'ink';
import { formatSimulatedClock } from '../../src/format/time.js';

/**
 * Small multiples for the live view: one series per chart (asciichart), so
 * lines never hide each other where they overlap, with the charts of one
 * measure on one scale so they still compare at a glance. Each chart's
 * title names its series in the series' own colour (the legend), and a
 * target is drawn as a dashed line on the row that holds its value,
 * labelled with that value on the y axis.
 */

/** One line over simulated time: its name, its colour, its values per report interval, and the target it is held to, if any. */
export interface PanelSeries {
  label: string;
  /** A palette name: cyan, magenta, yellow, green, blue, red or white. */
  color: string;
  values: (number | null)[];
  target?: { label: string; value: number };
}

/** Series of one measure in one unit, drawn on a shared scale. */
export interface PanelGroup {
  /** What is measured, after the series name: "arrival rate". */
  measure: string;
  unit: string;
  series: PanelSeries[];
  min?: number;
  max?: number;
  format?: (v: number) => string;
}

/** A chart needs its title line and at least three plot rows. */
export const MIN_PANEL_ROWS = 4;
/** Narrower charts than this are not worth a second column. */
export const MIN_PANEL_WIDTH = 28;
/** Rows per chart below which a second (or third) column is tried. */
const COMFORTABLE_PANEL_ROWS = 5;
const MAX_COLUMNS = 3;
const GAP = 2;
const LABEL_WIDTH = 7;
/** The glyph of a target line (series draw over it). */
export const TARGET_MARK = '┄';

/** ANSI colour of each palette name (raw codes, as asciichart writes them). */
export const ANSI: Record<string, string> = {
  green: asciichart.green,
  red: asciichart.red,
  yellow: asciichart.yellow,
  blue: asciichart.blue,
  magenta: asciichart.magenta,
  cyan: asciichart.cyan,
  white: asciichart.default,
  gray: asciichart.darkgray,
};
const RESET = asciichart.reset;

/** How `count` charts share `width` columns and `rows` rows (one row goes to the time axis). */
export interface PanelLayout {
  columns: number;
  panelWidth: number;
  /** Rows of each chart, its title included. */
  panelRows: number;
  /** Charts drawn; the rest get a one-line note. */
  shown: number;
}

const widthFor = (width: number, columns: number) => Math.floor((width - GAP * (columns - 1)) / columns);

/**
 * The grid for `count` charts: one column while each chart keeps a
 * comfortable height, more columns (never narrower than
 * {@link MIN_PANEL_WIDTH}) when that buys height, and when even that is not
 * enough, as many charts of {@link MIN_PANEL_ROWS} as fit, with a note row.
 */
export function layoutPanels(count: number, width: number, rows: number): PanelLayout {
  const options: { columns: number; panelRows: number }[] = [];
  for (let columns = 1; columns <= MAX_COLUMNS; columns++) {
    if (columns > 1 && widthFor(width, columns) < MIN_PANEL_WIDTH) break;
    options.push({ columns, panelRows: Math.floor((rows - 1) / Math.ceil(count / columns)) });
  }
  const comfortable = options.find((o) => o.panelRows >= COMFORTABLE_PANEL_ROWS);
  const best = comfortable ?? options.reduce((a, b) => (b.panelRows > a.panelRows ? b : a));
  if (best.panelRows >= MIN_PANEL_ROWS) return { ...best, panelWidth: widthFor(width, best.columns), shown: count };
  const columns = options[options.length - 1].columns;
  const gridRows = Math.max(0, Math.floor((rows - 2) / MIN_PANEL_ROWS));
  const shown = Math.min(count, columns * gridRows);
  const panelRows = shown === 0 ? 0 : Math.floor((rows - 2) / Math.ceil(shown / columns));
  return { columns, panelWidth: widthFor(width, columns), panelRows, shown };
}

/** Averages (or stretches) a series onto `n` columns; columns with no value carry the last known one (asciichart draws no gaps). */
export function resample(values: (number | null)[], n: number): number[] {
  const out: number[] = [];
  for (let j = 0; j < n; j++) {
    const from = Math.floor((j * values.length) / n);
    const to = Math.max(from + 1, Math.floor(((j + 1) * values.length) / n));
    let sum = 0;
    let count = 0;
    for (let i = from; i < to && i < values.length; i++) {
      const v = values[i];
      if (v !== null && Number.isFinite(v)) {
        sum += v;
        count++;
      }
    }
    out.push(count > 0 ? sum / count : NaN);
  }
  const first = out.findIndex(Number.isFinite);
  if (first < 0) return out;
  for (let j = 0; j < n; j++) if (!Number.isFinite(out[j])) out[j] = j < first ? out[first] : out[j - 1];
  return out;
}

/** Columns of data in a chart `width` wide: the y labels, a space and the axis take the rest. */
export const dataColumns = (width: number) => Math.max(2, width - LABEL_WIDTH - 2);

/** The row (from the top, 0-based) asciichart draws `value` on, for a plot of `plotRows` rows over [min, max]. */
export function rowOf(value: number, min: number, max: number, plotRows: number): number {
  const ratio = (plotRows - 1) / (max - min);
  const min2 = Math.round(min * ratio);
  const rows = Math.round(max * ratio) - min2;
  return Math.min(rows, Math.max(0, rows - (Math.round(value * ratio) - min2)));
}

/**
 * One series plotted as plain text lines, `plotRows` of them, each
 * {@link LABEL_WIDTH} + 2 + columns characters: y labels, the axis,
 * the line, and the target's dashed line (under the series, labelled with
 * the target's value).
 */
export function plotLines(data: number[], scale: { min: number; max: number }, plotRows: number, format: (v: number) => string, target?: number): string[] {
  const label = (v: number) => format(v).padStart(LABEL_WIDTH).slice(-LABEL_WIDTH);
  const plot = asciichart.plot(data, { height: plotRows - 1, min: scale.min, max: scale.max, format: label });
  // Rounding could in principle give one row more or fewer than asked: keep the count exact.
  const lines = plot.split('\n').slice(0, plotRows);
  while (lines.length < plotRows) lines.push(' '.repeat(LABEL_WIDTH + 2));
  if (target !== undefined) {
    const at = rowOf(target, scale.min, scale.max, plotRows);
    const line = lines[at];
    const data = line.slice(LABEL_WIDTH + 2).replace(/ /g, TARGET_MARK);
    lines[at] = label(target) + line.slice(LABEL_WIDTH, LABEL_WIDTH + 2) + data;
  }
  return lines;
}

/** Colours a plot line: the series' glyphs in its colour, the target's dashes grey, labels plain. */
function paintPlotLine(line: string, ansi: string): string {
  const head = line.slice(0, LABEL_WIDTH + 2);
  const body = line.slice(LABEL_WIDTH + 2).replace(/[^ ┄]+|┄+/g, (run) => (run[0] === TARGET_MARK ? ANSI.gray : ansi) + run + RESET);
  return head + body;
}

/** A text segment, optionally coloured. */
interface Segment {
  text: string;
  ansi?: string;
  bold?: boolean;
}

/** Segments joined and cut to `width` characters, coloured when `color` is on. */
function paint(segments: Segment[], width: number, color: boolean): string {
  let room = width;
  let out = '';
  for (const s of segments) {
    if (room <= 0) break;
    const text = s.text.length > room ? `${s.text.slice(0, Math.max(0, room - 1))}…` : s.text;
    room -= text.length;
    out += color && (s.ansi || s.bold) ? `${s.bold ? '\u001b[1m' : ''}${s.ansi ?? ''}${text}${RESET}` : text;
  }
  return out;
}

/** The time axis under a chart `width` wide: simulated clock times at evenly spaced columns. */
export function timeAxis(width: number, horizon: number, startsAt: number): string {
  const columns = dataColumns(width);
  const ticks = Math.max(1, Math.min(4, Math.floor(columns / 16)));
  let axis = ' '.repeat(LABEL_WIDTH + 2);
  for (let k = 0; k <= ticks; k++) {
    const label = formatSimulatedClock((k / ticks) * horizon, startsAt);
    const at = LABEL_WIDTH + 2 + Math.round((k / ticks) * (columns - 1));
    const start = Math.min(Math.max(at - Math.floor(label.length / 2), axis.length + (k > 0 ? 1 : 0)), width - label.length);
    if (start >= axis.length + (k > 0 ? 1 : 0)) axis = axis.padEnd(start) + label;
  }
  return axis;
}

/** Everything a chart of the grid needs. */
interface Panel {
  group: PanelGroup;
  series: PanelSeries;
  scale: { min: number; max: number };
}

/** The lines of one chart, `rows` of them: its title (the legend) and the plot. */
export function panelLines(panel: Panel, width: number, rows: number, color: boolean): string[] {
  const { group, series, scale } = panel;
  const format = group.format ?? ((v: number) => (Math.abs(v) < 1e-9 ? 0 : v).toFixed(1));
  const ansi = ANSI[series.color] ?? ANSI.white;
  // The name in its colour is the legend; the unit goes first when the title does not fit, the target's key last.
  const name: Segment = { text: series.label, ansi, bold: true };
  const key: Segment[] = series.target ? [{ text: ` ${TARGET_MARK}${TARGET_MARK} ${series.target.label}`, ansi: ANSI.gray }] : [];
  const full = [name, { text: ` ${group.measure} (${group.unit})` }, ...key];
  const short = [name, { text: ` ${group.measure}` }, ...key];
  const title = paint(full.reduce((n, s) => n + s.text.length, 0) <= width ? full : short, width, color);
  const data = resample(series.values, dataColumns(width));
  if (!data.some(Number.isFinite)) return [title, '(no data yet)', ...new Array<string>(Math.max(0, rows - 2)).fill('')];
  const lines = plotLines(data, scale, rows - 1, format, series.target?.value);
  return [title, ...(color ? lines.map((l) => paintPlotLine(l, ansi)) : lines)];
}

/** The shared scale of a group: its bounds, or from 0 (or the lowest value) to the highest value or target. */
function scaleOf(group: PanelGroup, columns: number): { min: number; max: number } {
  const finite = group.series.flatMap((s) => resample(s.values, columns)).filter(Number.isFinite);
  const targets = group.series.flatMap((s) => (s.target ? [s.target.value] : []));
  const min = group.min ?? Math.min(0, ...finite, ...targets);
  const max = group.max ?? Math.max(min, ...finite, ...targets);
  // A flat series (all zeros, a constant headcount) still gets a plot of the rows asked for.
  return { min, max: max > min ? max : min + 1 };
}

/**
 * The charts of a view, one series each, laid out by {@link layoutPanels}
 * in `width` x `rows`: filled row by row, a time axis under each column,
 * a note when some charts did not fit. Never wider than `width`, never
 * more than `rows` lines.
 */
export function PanelGrid({ groups, width, rows, horizon, startsAt, color }: { groups: PanelGroup[]; width: number; rows: number; horizon: number; startsAt: number; color: boolean }) {
  const all = groups.flatMap((group) => group.series.map((series) => ({ group, series })));
  const layout = layoutPanels(all.length, width, rows);
  const scales = new Map(groups.map((g) => [g, scaleOf(g, dataColumns(layout.panelWidth))]));
  const panels = all.slice(0, layout.shown).map((p) => ({ ...p, scale: scales.get(p.group)! }));
  const columns = Array.from({ length: layout.columns }, (_, c) => panels.filter((_, i) => i % layout.columns === c));
  const hidden = all.length - layout.shown;
  return (
    <Box flexDirection="column">
      {layout.shown > 0 ? (
        <Box flexDirection="row">
          {columns.map((column, c) => (
            <Box key={c} flexDirection="column" width={layout.panelWidth} marginRight={c < layout.columns - 1 ? GAP : 0}>
              {column.flatMap((p) => panelLines(p, layout.panelWidth, layout.panelRows, color)).map((line, k) => (
                <Text key={k}>{line}</Text>
              ))}
              <Text dimColor={color}>{timeAxis(layout.panelWidth, horizon, startsAt)}</Text>
            </Box>
          ))}
        </Box>
      ) : null}
      {hidden > 0 ? <Text dimColor={color}>{`(${hidden} more chart${hidden > 1 ? 's' : ''}: a taller terminal shows ${hidden > 1 ? 'them' : 'it'})`}</Text> : null}
    </Box>
  );
}
