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

/** One option as yargs is told it: a string, one of a few choices with a default, or a boolean. */
export interface PlainOption {
  /** Kebab-case name, as typed after `--`. */
  name: string;
  /** Help text (given to yargs where the option is declared from this list). */
  describe?: string;
  /** Must be given. */
  demandOption?: boolean;
  /** The accepted values (the option is then a choice, never free text). */
  choices?: readonly string[];
  /** A boolean flag: `--name` sets it, `--no-name` clears it, and it takes no value. */
  type?: 'boolean';
  /** A one-letter alias, typed after `-` (`-q`, `-r 5`). */
  alias?: string;
  /** The value when not given. */
  default?: string | boolean;
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
  /** The array of any more, e.g. `more` (none: the first is the only one). */
  rest?: string;
}

/** The value of a flag as yargs gives it to a handler. */
export type PlainValue = string | string[] | boolean;

/**
 * The flags of `args` (the arguments after the command name) as yargs would
 * give them to the handler (kebab-case and camel-case keys, defaults
 * filled in, positional arguments under their names when `positionals` is
 * given), or null when they are not the plain case described above.
 */
export function parsePlainFlags(args: readonly string[], options: readonly PlainOption[]): Record<string, string> | null;
export function parsePlainFlags(args: readonly string[], options: readonly PlainOption[], positionals: PlainPositionals): Record<string, PlainValue> | null;
export function parsePlainFlags(args: readonly string[], options: readonly PlainOption[], positionals?: PlainPositionals): Record<string, PlainValue> | null {
  const byName = new Map(options.map((o) => [o.name, o]));
  const byAlias = new Map(options.filter((o) => o.alias !== undefined).map((o) => [o.alias, o]));
  const given = new Map<string, string | boolean>();
  const values: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    const alias = /^-([a-zA-Z])$/.exec(arg)?.[1];
    if (!arg.startsWith('--') && alias === undefined) {
      if (!positionals || arg === '' || arg.startsWith('-')) return null;
      values.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const typed = alias ?? (eq < 0 ? arg.slice(2) : arg.slice(2, eq));
    const negated = alias === undefined && eq < 0 && typed.startsWith('no-') ? byName.get(typed.slice(3)) : undefined;
    const option = alias !== undefined ? byAlias.get(alias) : (negated?.type === 'boolean' ? negated : byName.get(typed));
    if (!option || given.has(option.name)) return null;
    if (option.type === 'boolean') {
      // A bare flag only: yargs would read `--quiet=false` or `--quiet false` as a value.
      const next = args[i + 1];
      if (eq >= 0 || next === 'true' || next === 'false') return null;
      given.set(option.name, option !== negated);
      continue;
    }
    const value = eq < 0 || alias !== undefined ? args[++i] : arg.slice(eq + 1);
    if (value === undefined || value === '' || value.startsWith('-')) return null;
    if (option.choices && !option.choices.includes(value)) return null;
    given.set(option.name, value);
  }
  const flags: Record<string, PlainValue> = {};
  if (positionals) {
    if (values.length === 0 || (positionals.rest === undefined && values.length > 1)) return null;
    flags[positionals.first] = values[0];
    if (positionals.rest !== undefined) flags[positionals.rest] = values.slice(1);
  }
  for (const o of options) {
    const value = given.get(o.name) ?? o.default;
    if (value === undefined) {
      if (o.demandOption) return null;
      continue;
    }
    flags[o.name] = value;
    flags[camel(o.name)] = value;
    if (o.alias !== undefined) flags[o.alias] = value;
  }
  return flags;
}
