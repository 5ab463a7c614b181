import { basename, extname } from 'node:path';
import { ColumnMapError, errnoText, fitDocument, fitExport, fitScenarioText, fitTextReport, parseColumnMap, parseScenario, parseTimeOfDay, readExport, toJson, writeFileAtomic } from '../../src/index.js';
import type { FitFlags } from '../commands/fit.js';
import { UsageError } from '../exit-codes.js';

/** Reads the export, fits, writes the scenario to --out (checked as `validate` would) and prints the diagnostics. */
export async function handler(args: FitFlags): Promise<void> {
  for (const [name, value] of [['out', args.out], ['starts-at', args.startsAt], ['name', args.name]] as const) {
    if (Array.isArray(value)) throw new UsageError(`--${name}: given ${value.length} times, expected once`);
  }
  let map;
  try {
    map = parseColumnMap(args.map === undefined ? [] : [args.map].flat());
  } catch (e) {
    if (e instanceof ColumnMapError) throw new UsageError(`--map: ${e.message}`);
    throw e;
  }
  let startsAt: number | undefined;
  if (args.startsAt !== undefined) {
    const parsed = parseTimeOfDay(args.startsAt);
    if (!parsed.ok) throw new UsageError(`--starts-at: ${parsed.error}`);
    startsAt = parsed.value;
  }
  const records = await readExport(args.export, map);
  const fit = fitExport(records, { startsAt });
  const name = args.name ?? basename(args.out, extname(args.out));
  const text = fitScenarioText(fit, name);
  // What is written must load: a fit that cannot be run is a bug, not a result.
  parseScenario(text, args.out);
  try {
    writeFileAtomic(args.out, text);
  } catch (e) {
    throw new UsageError(`--out: cannot write ${args.out}: ${errnoText(e)}`);
  }
  process.stdout.write(args.json ? toJson(fitDocument(fit, args.out)) : `${fitTextReport(fit)}wrote ${args.out}\n`);
}
