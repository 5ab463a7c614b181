/**
 * Text cut to a terminal's width on purpose, so that ink never wraps a
 * line of the live view (a wrapped line takes a row the charts counted on).
 */

/** `text` cut to `width` characters, with an ellipsis when cut. */
export function clip(text: string, width: number): string {
  const chars = [...text];
  return chars.length <= width ? text : `${chars.slice(0, Math.max(0, width - 1)).join('')}…`;
}

/** `items` joined by `separator` into as few lines as fit `width`, breaking only between items (an item too long on its own is clipped). */
export function packLines(items: readonly string[], width: number, separator = ' · '): string[] {
  const lines: string[] = [];
  let line = '';
  for (const item of items) {
    const joined = line === '' ? item : line + separator + item;
    if ([...joined].length <= width) line = joined;
    else {
      if (line !== '') lines.push(line);
      line = clip(item, width);
    }
  }
  if (line !== '') lines.push(line);
  return lines;
}

/** The first of `candidates` (richest first) that fits `width`, or the last one clipped. */
export function firstThatFits(candidates: readonly string[], width: number): string {
  return candidates.find((c) => [...c].length <= width) ?? clip(candidates[candidates.length - 1], width);
}
