/** How to talk to the terminal, decided once per command from flags and environment. */
export interface TerminalMode {
  /** Draw the live view (stdout is a terminal, not CI, not --no-tui, not --format json). */
  live: boolean;
  /** Use colour (not NO_COLOR, not --no-color, and stdout is a terminal). */
  color: boolean;
  /** Width to render reports at. */
  columns: number;
}

/** Decides the terminal mode. Everything non-interactive gets plain text: no control codes at all. */
export function terminal(args: { tui?: boolean; color?: boolean; format?: string }, env = process.env, stdout = process.stdout): TerminalMode {
  const tty = stdout.isTTY === true;
  return {
    live: tty && args.tui !== false && !env.CI && args.format !== 'json',
    color: tty && args.color !== false && env.NO_COLOR === undefined,
    columns: tty && stdout.columns ? stdout.columns : 100,
  };
}
