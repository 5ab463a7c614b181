import { nodeCrypto } from '../report/lazy-crypto.js';
import { statSync } from 'node:fs';
import type { Channel, Scenario, TraceContents, TraceSource } from '../scenario/types.js';
import { CsvFormatError } from './csv-chunks.js';
import { TraceFileError, TraceRowError, TraceRowReader, type TraceRow } from './rows.js';

/** Most problems listed when a trace is refused (the count of the rest follows). */
export const MAX_LISTED_PROBLEMS = 10;

/** A problem in a trace: `file:line column: message`, with its parts. */
export interface TraceProblem {
  where: string;
  column: string;
  message: string;
}

/** A trace that cannot be replayed, with every problem found (up to {@link MAX_LISTED_PROBLEMS}, then a count). */
export class TraceError extends Error {
  constructor(readonly problems: TraceProblem[]) {
    super(problems.map((p) => `${p.where} ${p.column}: ${p.message}`).join('\n'));
    this.name = 'TraceError';
  }
}

/** What one pass over a trace found. */
export interface TraceInspection {
  contents: TraceContents;
  /** Per channel (by index), rows per second in each `step` of the run; null for channels with no rows here. */
  rates: ({ step: number; rates: number[] } | null)[];
}

/** Longest a per-step rate table gets: steps grow past an hour for very long horizons. */
const MAX_RATE_STEPS = 100_000;

/**
 * A fixed-size Bloom filter over 64-bit identities: flat memory whatever the
 * number of rows, with false positives only (which a second pass settles).
 */
class IdentityFilter {
  private readonly bits: Uint32Array;
  private readonly mask: number;

  constructor(expected: number) {
    // About 32 bits per expected id (false positives ~1e-6 with 4 probes), between 64 kB and 32 MB.
    let size = 1 << 19;
    while (size < expected * 32 && size < 1 << 28) size *= 2;
    this.bits = new Uint32Array(size >>> 5);
    this.mask = size - 1;
  }

  /** Adds an identity; true when it may have been added before. */
  add(a: number, b: number): boolean {
    let seen = true;
    let h = (a ^ Math.imul(b, 0x9e3779b1)) >>> 0;
    const step = (Math.imul(b ^ (a >>> 7), 0x85ebca6b) | 1) >>> 0;
    for (let k = 0; k < 4; k++) {
      const bit = h & this.mask;
      const word = bit >>> 5;
      const flag = 1 << (bit & 31);
      if ((this.bits[word] & flag) === 0) {
        seen = false;
        this.bits[word] |= flag;
      }
      h = (h + step) >>> 0;
    }
    return seen;
  }
}

function emptyRow(): TraceRow {
  return { line: 0, t: 0, channel: 0, keyA: 0, keyB: 0, hasId: false, sentiment: -1, topic: -1, brand: -1, tier: -1, turns: -1, patience: NaN, handleTimes: null };
}

/**
 * Reads a trace once, start to end, and checks every row against the
 * scenario (see {@link TraceRowReader}) and every `id` against the others.
 * Returns the contents' digest, the rows replayable, the rows skipped (with
 * `skipBadRows`), and each channel's rows per hour for estimates. Memory
 * stays flat in the number of rows: ids are checked with a fixed-size filter,
 * and only ids it flags are read again.
 * @throws TraceError listing the problems (all of them, up to a limit), unless `skipBadRows` passes over the rows at fault
 */
export function inspectTrace(scenario: Scenario, source: TraceSource, label: string): TraceInspection {
  const problems: TraceProblem[] = [];
  let problemCount = 0;
  let skipped = 0;
  let firstSkipped: string | null = null;
  const note = (line: number, column: string, message: string) => {
    problemCount++;
    const where = `${label}:${line}`;
    if (source.skipBadRows) {
      skipped++;
      firstSkipped ??= `${where} ${column}: ${message}`;
    } else if (problems.length < MAX_LISTED_PROBLEMS) {
      problems.push({ where, column, message });
    }
  };
  const hash = nodeCrypto().createHash('sha256');
  const steps = Math.min(MAX_RATE_STEPS, Math.max(1, Math.ceil(scenario.horizon / 3600)));
  const step = Math.max(3600, scenario.horizon / steps);
  const counts = scenario.channels.map(() => new Float64Array(Math.ceil(scenario.horizon / step)));
  const seen = new Set<number>();
  const filter = new IdentityFilter(statSync(source.path).size / 16);
  const suspects = new Set<string>();
  let rows = 0;
  const row = emptyRow();
  let reader: TraceRowReader | null = null;
  try {
    reader = new TraceRowReader(scenario, source, (e: TraceRowError) => note(e.line, e.column, e.message), (bytes) => hash.update(bytes));
    while (reader.next(row)) {
      rows++;
      counts[row.channel][Math.floor(row.t / step)]++;
      seen.add(row.channel);
      if (row.hasId && filter.add(row.keyA, row.keyB)) suspects.add(`${row.keyA}:${row.keyB}`);
    }
  } catch (e) {
    if (e instanceof TraceFileError || e instanceof CsvFormatError) {
      throw new TraceError([{ where: `${label}:${e.line}`, column: e instanceof TraceFileError ? e.column : 'row', message: e.message }]);
    }
    throw e;
  } finally {
    reader?.close();
  }
  const duplicates = suspects.size > 0 ? duplicateLines(scenario, source, suspects) : [];
  for (const d of duplicates) {
    note(d.line, 'id', `${JSON.stringify(d.id)} is also the id of the row on line ${d.first}: each conversation's id must be its own (it keys the conversation's random draws)`);
    rows--;
  }
  if (!source.skipBadRows && problemCount > 0) {
    // Duplicates are found after the pass: list every problem in line order.
    const lineOf = (p: TraceProblem) => Number(/:(\d+)$/.exec(p.where)?.[1] ?? 0);
    problems.sort((a, b) => lineOf(a) - lineOf(b));
    if (problemCount > problems.length) problems.push({ where: label, column: '', message: `and ${problemCount - problems.length} more problem(s); --skip-bad-rows replays the rest and counts the rows skipped` });
    throw new TraceError(problems);
  }
  return {
    contents: { digest: hash.digest('hex').slice(0, 16), rows, skipped, firstSkipped, duplicateLines: duplicates.map((d) => d.line) },
    rates: counts.map((c, i) => (seen.has(i) || source.channel === i ? { step, rates: Array.from(c, (n) => n / step) } : null)),
  };
}

/** Rows whose id repeats an earlier row's: its line, the id as written, and the first line that had it. */
function duplicateLines(scenario: Scenario, source: TraceSource, suspects: ReadonlySet<string>): { line: number; id: string; first: number }[] {
  const firstLine = new Map<string, number>();
  const found: { line: number; id: string; first: number }[] = [];
  const row = emptyRow();
  const reader = new TraceRowReader(scenario, source, () => {});
  try {
    while (reader.next(row)) {
      if (!row.hasId) continue;
      const key = `${row.keyA}:${row.keyB}`;
      if (!suspects.has(key)) continue;
      const first = firstLine.get(key);
      if (first === undefined) firstLine.set(key, row.line);
      else found.push({ line: row.line, id: reader.idText(), first });
    }
  } finally {
    reader.close();
  }
  return found;
}

/** A channel with the rates of the trace rows it replays. */
export function withTracedRate(channel: Channel, rate: { step: number; rates: number[] } | null): Channel {
  return { ...channel, tracedRate: rate ?? { step: 3600, rates: [] } };
}
