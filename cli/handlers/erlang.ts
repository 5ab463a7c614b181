// Small modules, not the library's index: erlang loads only the theory it prints.
import { erlangStaffing, UnreachableServiceLevel, type StaffingQuestion } from '../../src/planner/erlang.js';
import { erlangDocument, erlangTextReport } from '../../src/planner/erlang-report.js';
import { toJson } from '../../src/report/json-text.js';
import { parseDuration, parseRate } from '../../src/scenario/units.js';
import type { ErlangFlags } from '../commands/erlang.js';
import { UsageError } from '../exit-codes.js';
import { shareFlag } from '../options.js';

/** Most rows `--agents` may ask for (each Erlang C row costs O(agents)). */
const MAX_ROWS = 1000;

/** A duration flag in seconds (`3m`, `20s`; `0` allowed unless `positive`). */
function durationFlag(name: string, raw: string, positive: boolean): number {
  const parsed = parseDuration(raw);
  if (!parsed.ok) throw new UsageError(`--${name}: ${parsed.error}`);
  if (positive && !(parsed.value > 0)) throw new UsageError(`--${name}: expected a duration above 0, got ${JSON.stringify(raw)}`);
  return parsed.value;
}

/** `--rate 200/h`: arrivals per second, above 0. */
function rateFlag(raw: string): number {
  const parsed = parseRate(raw);
  if (!parsed.ok) throw new UsageError(`--rate: ${parsed.error}`);
  if (!(parsed.value > 0)) throw new UsageError(`--rate: expected a rate above 0, got ${JSON.stringify(raw)}`);
  return parsed.value;
}

/** `--agents 10..20` (or one count, `14`): the agent counts to tabulate. */
function agentsFlag(raw: string | undefined): { from: number; to: number } | undefined {
  if (raw === undefined) return undefined;
  const m = /^\s*(\d+)\s*(?:\.\.\s*(\d+)\s*)?$/.exec(raw);
  const from = m ? Number(m[1]) : NaN;
  const to = m ? Number(m[2] ?? m[1]) : NaN;
  if (!(from >= 1 && to >= from && Number.isSafeInteger(to))) {
    throw new UsageError(`--agents: expected a range of agent counts such as 10..20 (from >= 1, to >= from), got ${JSON.stringify(raw)}`);
  }
  if (to - from + 1 > MAX_ROWS) throw new UsageError(`--agents: at most ${MAX_ROWS} rows, got ${to - from + 1} (${raw})`);
  return { from, to };
}

/** A flag given once: yargs makes a repeated one a list, which would otherwise read as a bad value. */
function once(name: string, raw: unknown): void {
  if (Array.isArray(raw)) throw new UsageError(`--${name}: given ${raw.length} times, expected once`);
}

/** Reads the flags into a staffing question: every value with its unit, every bad one a usage error naming its flag. */
function questionOf(args: ErlangFlags): StaffingQuestion {
  const given: [string, unknown][] = [['rate', args.rate], ['aht', args.aht], ['target', args.target], ['sl', args.sl], ['patience', args.patience],
    ['agents', args.agents], ['shrinkage', args.shrinkage], ['max-occupancy', args.maxOccupancy], ['measure', args.measure], ['format', args.format]];
  for (const [name, value] of given) once(name, value);
  return {
    rate: rateFlag(args.rate),
    aht: durationFlag('aht', args.aht, true),
    target: durationFlag('target', args.target, false),
    serviceLevel: shareFlag('sl', args.sl, { min: 0, max: 1, includeMin: false, includeMax: false }),
    ...(args.patience === undefined ? {} : { patience: durationFlag('patience', args.patience, true) }),
    ...(args.maxOccupancy === undefined ? {} : { maxOccupancy: shareFlag('max-occupancy', args.maxOccupancy, { min: 0, max: 1, includeMin: false, includeMax: true }) }),
    ...(args.shrinkage === undefined ? {} : { shrinkage: shareFlag('shrinkage', args.shrinkage, { min: 0, max: 1, includeMin: true, includeMax: false }) }),
    measure: args.measure,
  };
}

/** Prints the agents needed for the service level and the table around them (or over --agents). */
export function handler(args: ErlangFlags): void {
  const question = questionOf(args);
  const range = agentsFlag(args.agents);
  let staffing;
  try {
    staffing = erlangStaffing(question, range);
  } catch (e) {
    if (e instanceof UnreachableServiceLevel) throw new UsageError(`--sl: ${e.message}`);
    throw e;
  }
  process.stdout.write(args.format === 'json' ? toJson(erlangDocument(question, staffing)) : erlangTextReport(question, staffing));
}
