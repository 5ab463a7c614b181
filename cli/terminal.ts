/** How to talk to the terminal, decided once per command from flags and environment. */
export interface TerminalMode {
  /** Draw the live view (stdout is a terminal, not CI, not --no-tui, not --format json). */
  live: boolean;
  /** Use colour: only where the live view would be drawn (a terminal, not CI, not --no-tui, not --format json) and not NO_COLOR or --no-color. */
  color: boolean;
  /** Width to render reports at. */
  columns: number;
}

/**
 * Decides the terminal mode. Everything non-interactive gets plain text: no
 * control codes at all, colours included. That is stdout off a terminal, CI
 * logs (CI set: some CI runners give a pseudo-terminal and chalk would colour
 * it), `--no-tui`, `--format json`, and NO_COLOR or `--no-color`.
 */
export function terminal(args: { tui?: boolean; color?: boolean; format?: string }, env = process.env, stdout = process.stdout): TerminalMode {
  const tty = stdout.isTTY === true;
  const interactive = tty && args.tui !== false && !env.CI && args.format !== 'json';
  return {
    live: interactive,
    color: interactive && args.color !== false && env.NO_COLOR === undefined,
    columns: tty && stdout.columns ? stdout.columns : 100,
  };
}
