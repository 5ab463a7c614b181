import { availableParallelism } from 'node:os';
import type { Argv } from 'yargs';
// Small modules only: every command's flags are declared from here, also for --version and --help.
// What loads a scenario or estimates a run lives in ./scenario-args.js, imported by the handlers.
import { DEFAULT_MAX_WORK } from '../src/limits/max-work.js';
import { checkOutputFile, checkOutputFolder, OutputPathError } from '../src/report/out-dir.js';
import type { LoadOptions } from '../src/scenario/load.js';
import { setSyntaxError } from '../src/scenario/set-syntax.js';
import { shardProblem, type Shard } from '../src/shard/range.js';
import { UsageError } from './exit-codes.js';

/** The `--max-work` option, shared by every simulating command. */
export const MAX_WORK_OPTION = {
  type: 'string',
  describe: `most conversations a run may simulate, all replications together, e.g. 5e9 (also raises the memory ceiling in proportion) [default: ${DEFAULT_MAX_WORK.toExponential().replace('+', '')}]`,
} as const;

/** Overrides as typed, each checked to be `key.path=value` (else a usage error, exit 2). */
function overrideList(flag: string) {
  return (values: unknown): string[] => {
    const list = (Array.isArray(values) ? values : [values]).map(String);
    for (const text of list) {
      const error = setSyntaxError(text);
      if (error !== null) throw new UsageError(`--${flag} ${JSON.stringify(text.length > 80 ? `${text.slice(0, 77)}...` : text)}: ${error}`);
    }
    return list;
  };
}

/** Adds `--set` and `--set-new`; `every` words their help for commands over many scenarios. */
export function withOverrides<T>(y: Argv<T>, every = false) {
  const scope = every ? 'in every scenario' : '';
  return y
    .option('set', {
      type: 'string',
      array: true,
      default: [] as string[],
      coerce: overrideList('set'),
      describe: `override a scenario key${scope ? ` ${scope}` : ''}, e.g. --set teams.agents.agents=15 (repeatable; the key and any team, channel, tier or surge named must exist)`,
    })
    .option('set-new', {
      type: 'string',
      array: true,
      default: [] as string[],
      coerce: overrideList('set-new'),
      describe: `like --set, but may add a team, channel, tier or surge${scope ? ` ${scope}` : ''}, e.g. --set-new teams.night.agents=4 (repeatable; applied before --set)`,
    })
    .option('skip-bad-rows', {
      type: 'boolean',
      default: false,
      describe: 'replayed traces: skip rows that cannot be replayed and count them in the report, instead of refusing the trace',
    });
}

/** How cli/careload.ts passes a lone `-` through yargs (which would make it an empty string). */
export const STDIN_ARG = '\u0000stdin';

/** A file argument as given: `-` (standard input) back from its token. */
export const fileArg = (v: string): string => (v === STDIN_ARG ? '-' : v);

/** Adds the positional scenario argument, `--set`/`--set-new` overrides and overlays. */
export function withScenario<T>(y: Argv<T>) {
  return withOverrides(y.positional('scenario', { type: 'string', demandOption: true, coerce: fileArg, describe: 'scenario file (YAML or JSON; - reads standard input)' }))
    .option('overlay', {
      type: 'string',
      array: true,
      default: [] as string[],
      describe: 'merge an overlay file (a partial scenario, e.g. calibrated.yaml) over the scenario (repeatable)',
    });
}

/** The flags every simulating command shares (seed, replications, output, workers, progress). */
export function withRunOptions<T>(y: Argv<T>, outFile: string) {
  return y
    .option('seed', { type: 'string', describe: "random seed (overrides the scenario's seed)" })
    .option('replications', { type: 'string', alias: 'r', describe: 'number of replications (overrides the scenario)' })
    .option('format', { choices: ['text', 'json'] as const, default: 'text' as const, describe: 'stdout format' })
    .option('out', { type: 'string', describe: `directory for ${outFile} [default: results/<scenario name>]` })
    .option('workers', { type: 'string', describe: 'worker threads [default: one per core]' })
    .option('max-work', MAX_WORK_OPTION)
    .option('quiet', { type: 'boolean', alias: 'q', default: false, describe: 'no progress lines on stderr' })
    .option('tui', { type: 'boolean', default: true, describe: 'live terminal view when stdout is a terminal (--no-tui: plain output, no colours or other control codes)' })
    .option('color', { type: 'boolean', default: true, describe: 'colours on a terminal (--no-color or NO_COLOR: none)' });
}

/** The scenario flags' values when none is given, as yargs gives them (kebab-case and camel-case keys): for a command line parsed without yargs. */
export function scenarioFlagDefaults(): ScenarioFlagDefaults {
  return { set: [], 'set-new': [], setNew: [], overlay: [], 'skip-bad-rows': false, skipBadRows: false };
}

/** The scenario flags (all but the scenario itself) under both spellings. */
export type ScenarioFlagDefaults = Omit<ScenarioFlags, 'scenario'> & { 'set-new': string[]; 'skip-bad-rows': boolean };

/** Values of the scenario flags, as parsed by yargs. */
export interface ScenarioFlags {
  scenario: string;
  set: string[];
  setNew: string[];
  overlay: string[];
  /** Skip and count a replayed trace's bad rows (`--skip-bad-rows`). */
  skipBadRows: boolean;
}

/** Values of the shared flags of the simulating commands, as parsed by yargs. */
export interface RunFlags extends ScenarioFlags {
  seed?: string;
  replications?: string;
  format: 'text' | 'json';
  out?: string;
  workers?: string;
  maxWork?: string;
  quiet: boolean;
  tui: boolean;
  color: boolean;
  /** `--shard K/N` (run and compare only). */
  shard?: string;
  /** `--html FILE` (run and compare): also write the HTML report page. */
  html?: string;
}

/** A whole-number flag value (given as text), or a usage error naming the flag and echoing the value. */
export function wholeFlag(name: string, raw: string | number | undefined, min: number): number | undefined {
  if (raw === undefined) return undefined;
  const text = String(raw).trim();
  const value = /^\d+$/.test(text) ? Number(text) : NaN;
  if (!Number.isSafeInteger(value) || value < min) {
    const shown = /^-?\d+(\.\d+)?$/.test(text) ? text : JSON.stringify(String(raw));
    throw new UsageError(`--${name}: expected a whole number >= ${min}, got ${shown}`);
  }
  return value;
}

/** The load options the scenario flags give: `--set-new`, `--set` (plus `extraSet`) and overlays (plus `extraOverlays`). */
export function loadOptionsFromArgs(
  args: { set: string[]; setNew?: string[]; overlay?: string[]; skipBadRows?: boolean },
  extraSet: readonly string[] = [],
  extraOverlays: readonly string[] = [],
): LoadOptions {
  return { set: [...args.set, ...extraSet], setNew: args.setNew ?? [], overlays: [...(args.overlay ?? []), ...extraOverlays], skipBadRows: args.skipBadRows === true };
}

/** A `--max-work` value: a positive number such as 5e9 or 5000000000, or a usage error. */
export function maxWorkFlag(raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  const text = String(raw).trim();
  const value = /^\d+(\.\d+)?(e\+?\d+)?$/i.test(text) ? Number(text) : NaN;
  if (!(value >= 1 && Number.isFinite(value))) throw new UsageError(`--max-work: expected a number of conversations such as 5e9, got ${JSON.stringify(String(raw))}`);
  return value;
}

/**
 * A `--workers` value, capped to the machine's cores with a one-line notice
 * on stderr (more threads than cores only add overhead; results do not
 * depend on the count). Undefined when the flag is not given.
 */
export function workersFlag(raw: string | undefined, cores = availableParallelism()): number | undefined {
  const workers = wholeFlag('workers', raw, 0);
  if (workers === undefined || workers <= cores) return workers;
  process.stderr.write(`careload: --workers ${workers} capped to ${cores}, the number of cores (see README, Limits)\n`);
  return cores;
}

/** A confidence flag: a share strictly between 0 and 1 (`0.99` or `99%`). */
export function confidenceFlag(raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  const m = /^\s*(\d*\.?\d+)\s*(%?)\s*$/.exec(raw);
  const value = m ? Number(m[1]) / (m[2] ? 100 : 1) : NaN;
  if (!(value > 0 && value < 1)) throw new UsageError(`--confidence: expected a share strictly between 0 and 1 such as 0.95 or 95%, got ${JSON.stringify(raw)}`);
  return value;
}

/** Bounds of a share flag: `min`..`max`, each end included or not. */
export interface ShareBounds {
  min: number;
  max: number;
  includeMin: boolean;
  includeMax: boolean;
}

/** A share flag given as a fraction (`0.8`) or a percentage (`80%`), within its bounds, or a usage error naming the flag. */
export function shareFlag(name: string, raw: string, bounds: ShareBounds): number {
  const m = /^\s*(\d*\.?\d+)\s*(%?)\s*$/.exec(raw);
  const value = m ? Number(m[1]) / (m[2] ? 100 : 1) : NaN;
  const aboveMin = bounds.includeMin ? value >= bounds.min : value > bounds.min;
  const belowMax = bounds.includeMax ? value <= bounds.max : value < bounds.max;
  if (!(aboveMin && belowMax)) {
    const range = `${bounds.includeMin ? '[' : '('}${bounds.min}, ${bounds.max}${bounds.includeMax ? ']' : ')'}`;
    throw new UsageError(`--${name}: expected a share in ${range} such as 0.8 or 80%, got ${JSON.stringify(raw)}`);
  }
  return value;
}

/**
 * The folder results go to (`--out`, else `fallback`), checked before
 * anything runs (see checkOutputFolder): created when missing, refused with
 * a usage error naming the path and the reason.
 */
export function outFolderFlag(raw: string | undefined, fallback: string): string {
  const dir = raw ?? fallback;
  try {
    checkOutputFolder(dir);
  } catch (e) {
    if (e instanceof OutputPathError) throw new UsageError(`${raw === undefined ? 'results folder' : '--out'} ${e.message}`);
    throw e;
  }
  return dir;
}

/** A report file flag such as `--junit`, checked before anything runs (see checkOutputFile); undefined when not given. */
export function outFileFlag(name: string, raw: string | undefined): string | undefined {
  if (raw === undefined) return undefined;
  try {
    checkOutputFile(raw);
  } catch (e) {
    if (e instanceof OutputPathError) throw new UsageError(`--${name} ${e.message}`);
    throw e;
  }
  return raw;
}

/** Adds `--shard K/N` (run and compare): one share of the replications, written for `careload merge`. */
export function withShard<T>(y: Argv<T>) {
  return y.option('shard', {
    type: 'string',
    describe: 'run only the K-th of N shares of the replications (K from 1 to N, e.g. --shard 2/4) and write a shard for careload merge',
  });
}

/**
 * A `--shard K/N` value for a run of `replications`, or a usage error
 * naming the flag (not K/N, K outside 1..N, more shards than replications).
 * Undefined when the flag is not given.
 */
export function shardFlag(raw: string | undefined, replications: number): Shard | undefined {
  if (raw === undefined) return undefined;
  const m = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(String(raw));
  if (!m) throw new UsageError(`--shard: expected K/N such as 2/4 (the K-th of N shards, K from 1), got ${JSON.stringify(String(raw))}`);
  const shard = { index: Number(m[1]), count: Number(m[2]) };
  const problem = shardProblem(shard, replications);
  if (problem !== null) throw new UsageError(`--shard ${problem}`);
  return shard;
}
