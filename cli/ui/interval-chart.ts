/**
 * The requirement curve so far as a text chart for the live view of
 * `plan --by-interval`: one column per interval, the simulated headcount
 * (●) beside Erlang C's for the interval on its own (○), ◉ where they agree,
 * ▲ at the top where nothing within the bounds met the targets. The latest
 * intervals are kept when they do not all fit. Plain characters only.
 */

/** One planned interval, as {@link intervalChart} reads it. */
export interface IntervalPoint {
  at: string;
  agents: number | null;
  erlang: number;
}

/** The chart's lines (a legend, the plot, the first and last interval shown), at most `height` + 3, none wider than `width`; empty before the first interval. */
export function intervalChart(steps: readonly IntervalPoint[], width: number, height: number): string[] {
  if (steps.length === 0) return [];
  const all = steps.flatMap((s) => (s.agents === null ? [s.erlang] : [s.agents, s.erlang]));
  const lo = Math.min(...all);
  const hi = Math.max(...all);
  const labelWidth = Math.max(String(lo).length, String(hi).length);
  const room = Math.max(1, width - labelWidth - 2);
  const shown = steps.slice(-room);
  const column = Math.max(1, Math.min(4, Math.floor(room / shown.length)));
  // One row per agent while the range fits, scaled otherwise; one row when every value is the same.
  const rows = hi === lo ? 1 : Math.max(2, Math.min(Math.max(2, height), hi - lo + 1));
  const rowOf = (v: number) => (hi === lo ? rows - 1 : Math.round(((hi - v) / (hi - lo)) * (rows - 1)));
  const grid: string[][] = Array.from({ length: rows }, () => Array.from({ length: shown.length * column }, () => ' '));
  for (const [k, s] of shown.entries()) {
    const x = k * column + Math.floor((column - 1) / 2);
    const e = rowOf(s.erlang);
    grid[e][x] = '○';
    if (s.agents === null) grid[0][x] = '▲';
    else grid[rowOf(s.agents)][x] = rowOf(s.agents) === e ? '◉' : '●';
  }
  const plot = grid.map((cells, r) => {
    const label = r === 0 ? String(hi) : r === rows - 1 ? String(lo) : '';
    return `${label.padStart(labelWidth)} ${label ? '┤' : '│'}${cells.join('')}`.trimEnd();
  });
  const first = shown[0].at;
  const last = shown[shown.length - 1].at;
  const span = shown.length * column;
  const xs = shown.length === 1 ? first : span >= first.length + last.length + 2 ? `${first}${last.padStart(span - first.length)}` : `${first} … ${last}`;
  const none = steps.some((s) => s.agents === null) ? ', ▲ none within the bounds' : '';
  return [
    `agents per interval: ● simulated (backlog carried over), ○ Erlang C (interval on its own), ◉ both${none}`,
    ...plot,
    `${' '.repeat(labelWidth)} └${'─'.repeat(span)}`,
    `${' '.repeat(labelWidth + 2)}${xs}`,
  ];
}
