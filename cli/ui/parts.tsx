import { Box, Text } from 'ink';
import type { ReactNode } from 'react';

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
