/**
 * A parser for the plain case of a command whose options are all strings or
 * choices (`erlang`, and `validate` with files and `--format` only): every
 * argument is `--name value` or `--name=value` of a known option, each given
 * once, every required one present, every choice valid, or a positional
 * argument where the command takes them. Anything else (help, a typo, a
 * missing value, a repeated flag, a value starting with `-`) returns null,
 * and the command line parses with yargs as usual, so every message stays
 * yargs' own. Loading and setting up yargs (and the Unicode tables its help
 * layout loads) is most of these commands' start-up, so the plain case
 * skips it.
 */

/** One option as yargs is told it: a string, or one of a few choices with a default. */
export interface PlainOption {
  /** Kebab-case name, as typed after `--`. */
  name: string;
  describe: string;
  /** Must be given. */
  demandOption?: boolean;
  /** The accepted values (the option is then a choice, never free text). */
  choices?: readonly string[];
  /** The value when not given. */
  default?: string;
}

/** `max-occupancy` as yargs' camel-case alias `maxOccupancy`. */
const camel = (name: string) => name.replace(/-([a-z])/g, (_m, c: string) => c.toUpperCase());

/**
 * A command's positional arguments (`validate <scenario> [more..]`): the
 * first is required, the rest are an array. A positional argument is plain
 * when it is neither empty nor starts with `-` (so `-`, standard input,
 * goes through yargs).
 */
export interface PlainPositionals {
  /** The required first one's name, e.g. `scenario`. */
  first: string;
  /** The array of any more, e.g. `more`. */
  rest: string;
}

/**
 * The flags of `args` (the arguments after the command name) as yargs would
 * give them to the handler (kebab-case and camel-case keys, defaults
 * filled in, positional arguments under their names when `positionals` is
 * given), or null when they are not the plain case described above.
 */
export function parsePlainFlags(args: readonly string[], options: readonly PlainOption[]): Record<string, string> | null;
export function parsePlainFlags(args: readonly string[], options: readonly PlainOption[], positionals: PlainPositionals): Record<string, string | string[]> | null;
export function parsePlainFlags(args: readonly string[], options: readonly PlainOption[], positionals?: PlainPositionals): Record<string, string | string[]> | null {
  const byName = new Map(options.map((o) => [o.name, o]));
  const given = new Map<string, string>();
  const values: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (!arg.startsWith('--')) {
      if (!positionals || arg === '' || arg.startsWith('-')) return null;
      values.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const name = eq < 0 ? arg.slice(2) : arg.slice(2, eq);
    const value = eq < 0 ? args[++i] : arg.slice(eq + 1);
    const option = byName.get(name);
    if (!option || given.has(name) || value === undefined || value === '' || value.startsWith('-')) return null;
    if (option.choices && !option.choices.includes(value)) return null;
    given.set(name, value);
  }
  const flags: Record<string, string | string[]> = {};
  if (positionals) {
    if (values.length === 0) return null;
    flags[positionals.first] = values[0];
    flags[positionals.rest] = values.slice(1);
  }
  for (const o of options) {
    const value = given.get(o.name) ?? o.default;
    if (value === undefined) {
      if (o.demandOption) return null;
      continue;
    }
    flags[o.name] = value;
    flags[camel(o.name)] = value;
  }
  return flags;
}
