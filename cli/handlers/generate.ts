import { join } from 'node:path';
import { closestWord, exportConversations, generateTrace, TRACE_COLUMNS, type TraceColumn } from '../../src/index.js';
import { formatCount } from '../../src/format/count.js';
import type { GenerateFlags } from '../commands/generate.js';
import { UsageError } from '../exit-codes.js';
import { outFileFlag, wholeFlag } from '../options.js';
import { scenarioFromArgs } from '../scenario-args.js';

/** `--columns a,b,c`: trace column names, each known. */
function columnsFlag(raw: string): TraceColumn[] {
  const names = raw.split(',').map((s) => s.trim()).filter((s) => s !== '');
  for (const name of names) {
    if (!(TRACE_COLUMNS as readonly string[]).includes(name)) {
      const near = closestWord(name, TRACE_COLUMNS);
      throw new UsageError(`--columns: unknown column ${JSON.stringify(name)}${near ? ` (did you mean ${near}?)` : ''}; a trace's columns are ${TRACE_COLUMNS.join(', ')}`);
    }
  }
  return names as TraceColumn[];
}

/**
 * Writes the arrivals of one replication of the scenario as a trace and
 * says how to replay it; a scenario whose channels replay a trace already
 * is a usage error (exit 2).
 */
export function handler(args: GenerateFlags): void {
  const seed = wholeFlag('seed', args.seed, 0);
  const replication = wholeFlag('replication', args.replication, 1) ?? 1;
  const loaded = scenarioFromArgs(args);
  const scenario = { ...loaded, seed: seed ?? loaded.seed };
  const traced = scenario.channels.find((c) => c.tracedRate !== null);
  if (traced) throw new UsageError(`generate: channel ${traced.name} of ${args.scenario} replays a trace already; generate writes the arrivals of channels with a rate`);
  const columns = args.columns === undefined ? undefined : columnsFlag(args.columns);
  const exportFile = outFileFlag('export', args.export);
  // Only an export asked for: no trace is written.
  const out = args.out === undefined && exportFile !== undefined ? undefined : outFileFlag('out', args.out ?? join('results', scenario.name, 'trace.csv'))!;
  const exported = exportFile === undefined ? null : exportConversations(scenario, { replication: replication - 1, out: exportFile });
  if (out === undefined) {
    const text = `wrote ${exportFile}: ${formatCount(exported!.conversations)} conversations of replication ${replication} (seed ${scenario.seed}) of "${scenario.name}", as a care platform's export (careload fit reads it)\n`;
    process.stdout.write(args.format === 'json' ? `${JSON.stringify({ export: exportFile, conversations: exported!.conversations, scenario: scenario.name, seed: scenario.seed, replication }, null, 2)}\n` : text);
    return;
  }
  const written = generateTrace(scenario, { replication: replication - 1, out, columns });
  const perChannel = Object.fromEntries(scenario.channels.map((c, i) => [c.name, written.perChannel[i]]));
  if (args.format === 'json') {
    const exportPart = exported === null ? {} : { export: exportFile, conversations: exported.conversations };
    process.stdout.write(`${JSON.stringify({ file: out, scenario: scenario.name, seed: scenario.seed, replication, rows: written.rows, perChannel, ...exportPart }, null, 2)}\n`);
    return;
  }
  const channels = scenario.channels.map((c, i) => `${c.name} ${formatCount(written.perChannel[i])}`).join(', ');
  if (exported !== null) process.stdout.write(`wrote ${exportFile}: ${formatCount(exported.conversations)} conversations, as a care platform's export (careload fit reads it)\n`);
  process.stdout.write(
    `wrote ${out}: ${formatCount(written.rows)} arrivals of replication ${replication} (seed ${scenario.seed}) of "${scenario.name}" (${channels})\n` +
    `replay it with  arrivals: { trace: ${out} }  in a scenario (a relative path starts at the scenario file's folder), its channels without rate or profile${scenario.surges.length > 0 ? ', and its surges at volume: +0% (the trace holds their volume)' : ''}: at seed ${scenario.seed}, its replication ${replication} is this one exactly\n`,
  );
}
