import { createReadStream } from 'node:fs';
import { parse, CsvError, type Options } from 'csv-parse';
import { ScenarioError } from '../scenario/errors.js';
import { durationSeconds } from '../format/time.js';
import { SENTIMENTS } from '../scenario/types.js';
import { parseInstant } from '../trace/instant.js';

/** Columns an export must have. */
export const REQUIRED_COLUMNS = ['created', 'channel', 'workTime'] as const;
/** Columns an export may have: what a fit cannot estimate without them, it leaves out (and says so). */
export const OPTIONAL_COLUMNS = ['id', 'pickedUpAt', 'firstResponseAt', 'closedAt', 'turns', 'abandoned', 'sentimentStart', 'sentimentEnd', 'topic', 'brand', 'tier'] as const;
/** Every column a fit reads. */
export const FIT_COLUMNS: readonly string[] = [...REQUIRED_COLUMNS, ...OPTIONAL_COLUMNS];

/** A column-name mapping: careload's column name to the export's header (`created` -> `CreatedDate`). */
export type ColumnMap = Record<string, string>;

/** A bad `--map` entry (the CLI makes it a usage error). */
export class ColumnMapError extends Error {
  override name = 'ColumnMapError';
}

/** Parses `created=CreatedDate,channel=Source` (entries may also come as separate strings) into a {@link ColumnMap}. */
export function parseColumnMap(entries: readonly string[]): ColumnMap {
  const map: ColumnMap = {};
  for (const entry of entries.flatMap((e) => e.split(','))) {
    if (entry.trim() === '') continue;
    const m = /^\s*([A-Za-z]+)\s*=\s*(.*?)\s*$/.exec(entry);
    if (!m || m[2] === '') throw new ColumnMapError(`expected column=Header such as created=CreatedDate, got ${JSON.stringify(entry)}`);
    if (!FIT_COLUMNS.includes(m[1])) throw new ColumnMapError(`unknown column ${JSON.stringify(m[1])}; columns: ${FIT_COLUMNS.join(', ')}`);
    map[m[1]] = m[2];
  }
  return map;
}

/** The conversations of an export, column by column (NaN or -1 where a value is absent). */
export interface ExportRecords {
  file: string;
  /** Conversations read. */
  rows: number;
  /** Columns the file has (careload's names). */
  columns: Set<string>;
  /** Times are Unix seconds read from ISO 8601 text (true), or seconds from t = 0 (false). */
  dated: boolean;
  /** The UTC offset of the first `created` (seconds east), for dated exports. */
  offset: number;
  /** Names in order of first appearance. */
  channels: string[];
  topics: string[];
  brands: string[];
  tiers: string[];
  created: number[];
  channel: number[];
  pickedUp: number[];
  firstResponse: number[];
  closed: number[];
  workTime: number[];
  turns: number[];
  abandoned: boolean[];
  /** Sentiment indexes (0 negative, 1 neutral, 2 positive) or -1. */
  sentimentStart: number[];
  sentimentEnd: number[];
  topic: number[];
  brand: number[];
  tier: number[];
}

/** A CSV record and the line of the file it ends on. */
interface CsvLine {
  fields: string[];
  line: number;
}

/** A value that cannot be read: a located problem. */
class BadValue extends Error {}

const TRUE = new Set(['true', '1', 'yes', 'y', 't']);
const FALSE = new Set(['false', '0', 'no', 'n', 'f', '']);

/**
 * Reads an export of past conversations (CSV with a header line), streaming:
 * `map` renames columns (careload's name -> the file's header). Every bad
 * value is a {@link ScenarioError} naming `file:line` and the column (as the
 * file's header names it); so is a missing required column, or a mapped
 * header the file lacks. Columns the fit does not read are ignored.
 */
export async function readExport(file: string, map: ColumnMap = {}): Promise<ExportRecords> {
  const records: ExportRecords = {
    file, rows: 0, columns: new Set(), dated: false, offset: 0, channels: [], topics: [], brands: [], tiers: [],
    created: [], channel: [], pickedUp: [], firstResponse: [], closed: [], workTime: [], turns: [], abandoned: [],
    sentimentStart: [], sentimentEnd: [], topic: [], brand: [], tier: [],
  };
  const fail = (line: number | string, column: string, message: string): never => {
    throw new ScenarioError([{ where: `${file}:${line}`, path: column, message }]);
  };
  const headerOf = (column: string) => map[column] ?? column;
  let index: Record<string, number> = {};
  let timeMode: 'dated' | 'seconds' | null = null;
  let record: string[] = [];
  let line = 0;
  const cell = (column: string): string => (index[column] === undefined ? '' : (record[index[column]] ?? '').trim());
  const at = <T>(column: string, read: (v: string) => T): T => {
    try {
      return read(cell(column));
    } catch (e) {
      if (e instanceof BadValue) return fail(line, headerOf(column), e.message);
      throw e;
    }
  };
  const time = (v: string, required: boolean): number => {
    if (v === '') {
      if (required) throw new BadValue('expected a time, got nothing');
      return NaN;
    }
    const instant = parseInstant(v);
    const seconds = instant === null && /^-?\d+(\.\d+)?$/.test(v) ? Number(v) : NaN;
    if (instant === null && Number.isNaN(seconds)) {
      throw new BadValue(`expected an ISO 8601 date-time with offset such as 2026-03-02T08:00:00+01:00, or seconds from the start, got ${JSON.stringify(v)}`);
    }
    const mode = instant === null ? 'seconds' : 'dated';
    if (timeMode === null) {
      timeMode = mode;
      records.dated = mode === 'dated';
      records.offset = instant?.offset ?? 0;
    } else if (mode !== timeMode) {
      throw new BadValue(`expected ${timeMode === 'dated' ? 'an ISO 8601 date-time' : 'seconds'} like the rows before, got ${JSON.stringify(v)}`);
    }
    return instant === null ? seconds : instant.unix;
  };
  const created = (v: string) => time(v, true);
  const optionalTime = (v: string) => time(v, false);
  const channel = (v: string) => nameIndex(v, records.channels, true);
  const topic = (v: string) => nameIndex(v, records.topics, false);
  const brand = (v: string) => nameIndex(v, records.brands, false);
  const tier = (v: string) => nameIndex(v, records.tiers, false);
  const stream = createReadStream(file);
  // on_record hands over the line each record ends on (cheaper than csv-parse's info snapshots).
  // csv-parse's types tie on_record's result to the record type: ours adds the line, so the options are widened.
  const toLine: Options<CsvLine, string[]>['on_record'] = (fields, context) => ({ fields, line: context.lines });
  const parser = stream.pipe(parse({ bom: true, skip_empty_lines: true, on_record: toLine as unknown as Options['on_record'] }));
  stream.on('error', (e) => parser.destroy(e));
  try {
    for await (const parsed of parser as AsyncIterable<CsvLine>) {
      record = parsed.fields;
      line = parsed.line;
      if (records.rows === 0 && Object.keys(index).length === 0) {
        index = headerIndex(record.map((h) => h.trim()), map, file);
        for (const c of FIT_COLUMNS) if (index[c] !== undefined) records.columns.add(c);
        continue;
      }
      records.created.push(at('created', created));
      records.channel.push(at('channel', channel));
      records.pickedUp.push(at('pickedUpAt', optionalTime));
      records.firstResponse.push(at('firstResponseAt', optionalTime));
      records.closed.push(at('closedAt', optionalTime));
      records.workTime.push(at('workTime', workSeconds));
      records.turns.push(at('turns', turnCount));
      records.abandoned.push(at('abandoned', flag));
      records.sentimentStart.push(at('sentimentStart', sentimentIndex));
      records.sentimentEnd.push(at('sentimentEnd', sentimentIndex));
      records.topic.push(at('topic', topic));
      records.brand.push(at('brand', brand));
      records.tier.push(at('tier', tier));
      records.rows++;
    }
  } catch (e) {
    if (e instanceof ScenarioError) throw e;
    if (e instanceof CsvError) {
      const lines = (e as CsvError & { lines?: number }).lines;
      return fail(lines ?? '1', '', `not valid CSV: ${e.message}`);
    }
    const err = e as NodeJS.ErrnoException;
    if (err.code === 'ENOENT' || err.code === 'EACCES' || err.code === 'EISDIR') return fail(0, '', `cannot read the export: ${err.code === 'ENOENT' ? 'no such file' : err.code === 'EISDIR' ? 'a folder, not a file' : 'permission denied'}`);
    throw e;
  }
  if (Object.keys(index).length === 0) fail(1, '', 'expected a header line naming the columns (created, channel, workTime, ...), got an empty file');
  if (records.rows === 0) fail(2, '', 'expected at least one conversation after the header');
  return records;
}

/** Column positions by careload's name, from the header line; a missing required or mapped column is an error at line 1. */
function headerIndex(header: string[], map: ColumnMap, file: string): Record<string, number> {
  const index: Record<string, number> = {};
  const problems: { where: string; path: string; message: string }[] = [];
  for (const column of FIT_COLUMNS) {
    const name = map[column] ?? column;
    let i = header.indexOf(name);
    if (i < 0 && map[column] === undefined) i = header.findIndex((h) => h.toLowerCase() === name.toLowerCase());
    if (i >= 0) index[column] = i;
    else if (map[column] !== undefined) {
      problems.push({ where: `${file}:1`, path: name, message: `no such column (--map ${column}=${name}); the header has: ${header.join(', ')}` });
    } else if ((REQUIRED_COLUMNS as readonly string[]).includes(column)) {
      problems.push({ where: `${file}:1`, path: column, message: `missing required column (name the file's own with --map ${column}=Header); the header has: ${header.join(', ')}` });
    }
  }
  if (problems.length > 0) throw new ScenarioError(problems);
  return index;
}

function nameIndex(v: string, names: string[], required: boolean): number {
  if (v === '') {
    if (required) throw new BadValue('expected a name, got nothing');
    return -1;
  }
  let i = names.indexOf(v);
  if (i < 0) i = names.push(v) - 1;
  return i;
}

function workSeconds(v: string): number {
  if (v === '') return NaN;
  if (/^\d+(\.\d+)?$/.test(v)) return Number(v);
  const d = durationSeconds(v);
  if (d === null) throw new BadValue(`expected seconds of agent work such as 183.5, or a duration such as 3m, got ${JSON.stringify(v)}`);
  return d;
}

function turnCount(v: string): number {
  if (v === '') return NaN;
  if (!/^\d+$/.test(v)) throw new BadValue(`expected a whole number of agent replies, got ${JSON.stringify(v)}`);
  return Number(v);
}

function flag(v: string): boolean {
  const l = v.toLowerCase();
  if (TRUE.has(l)) return true;
  if (FALSE.has(l)) return false;
  throw new BadValue(`expected true or false, got ${JSON.stringify(v)}`);
}

function sentimentIndex(v: string): number {
  if (v === '') return -1;
  const i = (SENTIMENTS as readonly string[]).indexOf(v.toLowerCase());
  if (i < 0) throw new BadValue(`expected negative, neutral or positive, got ${JSON.stringify(v)}`);
  return i;
}
