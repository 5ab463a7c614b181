/**
 * A parser for the plain case of a command whose options are all strings or
 * choices (`erlang`): every argument is `--name value` or `--name=value` of
 * a known option, each given once, every required one present, every choice
 * valid. Anything else (help, a typo, a missing value, a repeated flag, a
 * value starting with `-`) returns null, and the command line parses with
 * yargs as usual, so every message stays yargs' own. Loading and setting up
 * yargs is most of `careload erlang`'s start-up, so the plain case skips it.
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
 * The flags of `args` (the arguments after the command name) as yargs would
 * give them to the handler (kebab-case and camel-case keys, defaults
 * filled in), or null when they are not the plain case described above.
 */
export function parsePlainFlags(args: readonly string[], options: readonly PlainOption[]): Record<string, string> | null {
  const byName = new Map(options.map((o) => [o.name, o]));
  const given = new Map<string, string>();
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (!arg.startsWith('--')) return null;
    const eq = arg.indexOf('=');
    const name = eq < 0 ? arg.slice(2) : arg.slice(2, eq);
    const value = eq < 0 ? args[++i] : arg.slice(eq + 1);
    const option = byName.get(name);
    if (!option || given.has(name) || value === undefined || value === '' || value.startsWith('-')) return null;
    if (option.choices && !option.choices.includes(value)) return null;
    given.set(name, value);
  }
  const flags: Record<string, string> = {};
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
