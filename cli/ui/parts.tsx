import asciichart from 'asciichart';
import { Box, Text } from 'ink';
import type { ReactNode } from 'react';
import { formatSimulatedClock } from '../../src/index.js';

/** A table cell: text, optionally coloured (colour is dropped when colours are off). */
export interface Cell {
  text: string;
  color?: string;
  bold?: boolean;
}

const cellOf = (c: string | Cell): Cell => (typeof c === 'string' ? { text: c } : c);

/**
 * A plain table: first column left-aligned, the others right-aligned, two
 * spaces apart, a dashed rule under the header. It reads the same with or
 * without colour, so status cells carry a symbol too.
 */
export function Table({ header, rows, color }: { header: string[]; rows: (string | Cell)[][]; color: boolean }) {
  const cells = rows.map((r) => r.map(cellOf));
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((r) => r[i]?.text.length ?? 0)));
  const pad = (text: string, i: number) => (i === 0 ? text.padEnd(widths[i]) : text.padStart(widths[i]));
  return (
    <Box flexDirection="column">
      <Text bold={color}>{header.map(pad).join('  ').trimEnd()}</Text>
      <Text>{widths.map((w) => '-'.repeat(w)).join('  ')}</Text>
      {cells.map((r, k) => (
        <Text key={k}>
          {r.map((c, i) => (
            <Text key={i} color={color ? c.color : undefined} bold={color && c.bold}>
              {(i > 0 ? '  ' : '') + pad(c.text, i)}
            </Text>
          ))}
        </Text>
      ))}
    </Box>
  );
}

/** A section title. */
export function Heading({ children, color }: { children: ReactNode; color: boolean }) {
  return (
    <Box marginTop={1}>
      <Text bold={color} underline={color}>
        {children}
      </Text>
    </Box>
  );
}

export interface ChartSeries {
  label: string;
  values: (number | null)[];
  color?: string;
}

const ANSI: Record<string, string> = {
  green: asciichart.green,
  red: asciichart.red,
  yellow: asciichart.yellow,
  blue: asciichart.blue,
  magenta: asciichart.magenta,
  cyan: asciichart.cyan,
  white: asciichart.white,
  gray: asciichart.darkgray,
};

/** Averages (or stretches) a series onto `n` columns. */
function resample(values: (number | null)[], n: number): number[] {
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
  // asciichart draws no gaps (a NaN breaks it): carry the last known value over empty columns.
  const first = out.findIndex(Number.isFinite);
  if (first < 0) return out;
  for (let j = 0; j < n; j++) if (!Number.isFinite(out[j])) out[j] = j < first ? out[first] : out[j - 1];
  return out;
}

/**
 * A line chart over simulated time, drawn to `width` columns and `height`
 * rows (asciichart), with a titled legend, a y axis labelled in `unit`, and
 * an x axis of simulated clock times. A `target` draws a flat reference line.
 */
export function TimeChart(props: {
  title: string;
  unit: string;
  series: ChartSeries[];
  width: number;
  height: number;
  horizon: number;
  startsAt: number;
  color: boolean;
  format?: (v: number) => string;
  target?: { label: string; value: number };
  min?: number;
  max?: number;
}) {
  const { series, width, height, color } = props;
  const format = props.format ?? ((v: number) => (Math.abs(v) < 1e-9 ? 0 : v).toFixed(1));
  const labelWidth = 8;
  const columns = Math.max(10, width - labelWidth - 2);
  const data = series.map((s) => resample(s.values, columns)).filter((d) => d.some(Number.isFinite));
  const finite = data.flat().filter(Number.isFinite);
  const legend = [...series.map((s) => s.label), ...(props.target ? [`${props.target.label} (flat line)`] : [])].join(', ');
  if (finite.length === 0) {
    return (
      <Box flexDirection="column">
        <Text bold={color}>{props.title}</Text>
        <Text dimColor={color}>(no data yet)</Text>
      </Box>
    );
  }
  const all = props.target ? [...data, new Array(columns).fill(props.target.value)] : data;
  const drawn = series.filter((s) => s.values.some((v) => v !== null && Number.isFinite(v)));
  const colors = color ? [...drawn.map((s) => ANSI[s.color ?? 'white'] ?? asciichart.white), ...(props.target ? [asciichart.darkgray] : [])] : undefined;
  const plot = asciichart.plot(all, {
    // asciichart draws height + 1 rows; the title and the time axis take two more.
    height: Math.max(2, height - 3),
    min: props.min ?? Math.min(0, ...finite),
    max: props.max ?? Math.max(...finite, props.target?.value ?? -Infinity),
    format: (v: number) => format(v).padStart(labelWidth).slice(-labelWidth),
    colors,
  });
  const ticks = 4;
  let axis = ' '.repeat(labelWidth + 1);
  for (let k = 0; k <= ticks; k++) {
    const label = formatSimulatedClock((k / ticks) * props.horizon, props.startsAt);
    const at = labelWidth + 1 + Math.round((k / ticks) * (columns - 1));
    const start = Math.min(Math.max(at - Math.floor(label.length / 2), axis.length), labelWidth + 1 + columns - label.length);
    if (start >= axis.length) axis = axis.padEnd(start) + label;
  }
  return (
    <Box flexDirection="column">
      <Text>
        <Text bold={color}>{props.title}</Text>
        <Text dimColor={color}>{` (${props.unit}) ${legend ? `- ${legend}` : ''}`}</Text>
      </Text>
      <Text>{plot}</Text>
      <Text dimColor={color}>{axis}</Text>
    </Box>
  );
}
