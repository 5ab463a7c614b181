import { closestWord } from '../scenario/closest.js';
import { durationSeconds, formatDuration } from '../format/time.js';
import { SENTIMENTS, type Scenario, type TraceSource } from '../scenario/types.js';
import { CsvChunks, type CsvRecord } from './csv-chunks.js';
import { TRACE_COLUMNS, type TraceColumn } from './columns.js';
import { identityOfId, identityOfLine } from './keys.js';

/** Marks an attribute the row leaves to the model to draw. */
export const DRAWN = -1;

/**
 * One replayable trace row, validated against the scenario. Attributes left
 * out (empty cells or absent columns) are {@link DRAWN} (NaN for times, null
 * for handle times). One object is reused for every row.
 */
export interface TraceRow {
  /** Line in the file. */
  line: number;
  /** Arrival time, seconds from t = 0. */
  t: number;
  channel: number;
  /** The row's identity (from `id`, else from its line): XORed with a replication's mask it keys the conversation. */
  keyA: number;
  keyB: number;
  /** Whether the identity came from an `id` cell (only those are checked for duplicates). */
  hasId: boolean;
  sentiment: number;
  topic: number;
  brand: number;
  tier: number;
  turns: number;
  patience: number;
  /** Agent work per reply, seconds (the last value repeats for later replies), or null. */
  handleTimes: Float64Array | null;
}

/** A trace row that cannot be replayed: its line and the column at fault. */
export class TraceRowError extends Error {
  constructor(readonly line: number, readonly column: string, message: string) {
    super(message);
    this.name = 'TraceRowError';
  }
}

/** A trace that cannot be read at all (a missing column, an ISO timestamp with no dated start): no row can be replayed. */
export class TraceFileError extends Error {
  constructor(readonly line: number, readonly column: string, message: string) {
    super(message);
    this.name = 'TraceFileError';
  }
}

const SENTIMENT_INDEX: ReadonlyMap<string, number> = new Map(SENTIMENTS.map((s, i) => [s, i]));
const NUMBER = /^\s*[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?\s*$/;
const ISO_TIMESTAMP = /^\s*\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?\s*(Z|[+-]\d{2}:?\d{2})\s*$/;

/** Seconds in a cell: a plain number, or a duration such as 4m or 1h30m. NaN when it is neither. */
function secondsIn(cell: string): number {
  if (NUMBER.test(cell)) return Number(cell);
  return durationSeconds(cell.trim()) ?? NaN;
}

function describe(cell: string): string {
  return JSON.stringify(cell.length > 40 ? `${cell.slice(0, 40)}...` : cell);
}

/**
 * Reads a trace row by row, checking each against the scenario: the header
 * names known columns (a misspelt one is refused with the closest name), and
 * each row has a timestamp inside the horizon, in time order, and names
 * that the scenario declares. `onBad` hears of every row that cannot be
 * replayed (it may throw to stop); such rows are then passed over.
 */
export class TraceRowReader {
  private readonly csv: CsvChunks;
  private readonly record: CsvRecord = { fields: [], line: 0 };
  private readonly at = new Int32Array(TRACE_COLUMNS.length).fill(-1);
  private columns = 0;
  private header: string[] = [];
  private last = -Infinity;
  private lastLine = 0;
  private readonly channels: Map<string, number>;
  private readonly topics: Map<string, number>;
  private readonly brands: Map<string, number>;
  private readonly tiers: Map<string, number>;
  private readonly key = { keyA: 0, keyB: 0 };

  constructor(
    private readonly scenario: Scenario,
    private readonly source: TraceSource,
    private readonly onBad: (error: TraceRowError) => void,
    onBytes?: (bytes: Buffer) => void,
  ) {
    this.channels = new Map(scenario.channels.map((c, i) => [c.name, i]));
    this.topics = new Map(scenario.topics.map((n, i) => [n, i]));
    this.brands = new Map(scenario.brands.map((n, i) => [n, i]));
    this.tiers = new Map(scenario.tiers.map((t, i) => [t.name, i]));
    this.csv = new CsvChunks(source.path, onBytes);
    this.readHeader();
  }

  /** Whether the trace has this column. */
  has(column: TraceColumn): boolean {
    return this.at[TRACE_COLUMNS.indexOf(column)] >= 0;
  }

  /** Fills `row` with the next replayable row; false at the end. @throws TraceFileError, CsvFormatError, or what `onBad` throws */
  next(row: TraceRow): boolean {
    for (;;) {
      if (!this.csv.read(this.record)) return false;
      try {
        this.fill(row);
        this.last = row.t;
        this.lastLine = row.line;
        return true;
      } catch (e) {
        if (!(e instanceof TraceRowError)) throw e;
        this.onBad(e);
      }
    }
  }

  /** The `id` cell of the row last read, as written. */
  idText(): string {
    return this.cell('id');
  }

  /** Stops reading (closes the file). */
  close(): void {
    this.csv.close();
  }

  private readHeader(): void {
    if (!this.csv.read(this.record)) throw new TraceFileError(1, 'timestamp', 'the file is empty: expected a header line naming the columns, such as timestamp,channel');
    const names = this.record.fields.map((f) => f.trim());
    this.columns = names.length;
    this.header = names;
    names.forEach((name, i) => {
      const k = TRACE_COLUMNS.indexOf(name as TraceColumn);
      if (k < 0) {
        const near = closestWord(name, TRACE_COLUMNS);
        throw new TraceFileError(this.record.line, name, `unknown column${near ? ` (did you mean ${near}?)` : ''}; a trace's columns are ${TRACE_COLUMNS.join(', ')}`);
      }
      if (this.at[k] >= 0) throw new TraceFileError(this.record.line, name, 'this column is named twice in the header');
      this.at[k] = i;
    });
    if (!this.has('timestamp')) throw new TraceFileError(this.record.line, 'timestamp', `missing column: every row needs its arrival time (header: ${names.join(',')})`);
    if (this.source.channel === null && !this.has('channel')) {
      throw new TraceFileError(this.record.line, 'channel', 'missing column: a scenario-level trace names each row\'s channel (or put the trace under channels.<name>.arrivals)');
    }
  }

  private cell(column: TraceColumn): string {
    const i = this.at[TRACE_COLUMNS.indexOf(column)];
    return i < 0 ? '' : (this.record.fields[i] ?? '').trim();
  }

  private fill(row: TraceRow): void {
    const line = this.record.line;
    const fields = this.record.fields;
    row.line = line;
    if (fields.length !== this.columns) {
      const column = fields.length < this.columns ? this.header[fields.length] : 'row';
      throw new TraceRowError(line, column, `the row has ${fields.length} field(s), the header names ${this.columns}: ${this.header.join(',')}`);
    }
    row.t = this.timestamp(line);
    row.channel = this.channelOf(line);
    const id = this.cell('id');
    if (id !== '') identityOfId(id, this.key);
    else identityOfLine(line, this.key);
    row.keyA = this.key.keyA;
    row.keyB = this.key.keyB;
    row.hasId = id !== '';
    row.sentiment = this.named('sentiment', line, SENTIMENT_INDEX, 'sentiments are');
    row.topic = this.named('topic', line, this.topics, 'declared topics');
    row.brand = this.named('brand', line, this.brands, 'declared brands');
    row.tier = this.named('tier', line, this.tiers, 'declared tiers');
    const turns = this.cell('turns');
    if (turns === '') row.turns = DRAWN;
    else if (/^\s*\d+\s*$/.test(turns) && Number(turns) >= 1 && Number(turns) <= 1e6) row.turns = Number(turns);
    else throw new TraceRowError(line, 'turns', `expected a whole number from 1 to 1000000, got ${describe(turns)}`);
    const patience = this.cell('patience');
    row.patience = patience === '' ? NaN : secondsIn(patience);
    if (patience !== '' && !(row.patience > 0 && Number.isFinite(row.patience))) {
      throw new TraceRowError(line, 'patience', `expected a duration > 0 such as 600 (seconds) or 10m, got ${describe(patience)}`);
    }
    const handle = this.cell('handleTime');
    if (handle === '') {
      row.handleTimes = null;
    } else {
      const parts = handle.split(';');
      const values = new Float64Array(parts.length);
      for (let i = 0; i < parts.length; i++) {
        values[i] = secondsIn(parts[i]);
        if (!(values[i] >= 0 && Number.isFinite(values[i]))) {
          throw new TraceRowError(line, 'handleTime', `expected a duration >= 0 such as 300 (seconds) or 5m, or a list such as 300;120, got ${describe(handle)}`);
        }
      }
      row.handleTimes = values;
    }
  }

  private timestamp(line: number): number {
    const text = this.cell('timestamp');
    let t: number;
    if (NUMBER.test(text)) {
      t = Number(text);
    } else if (ISO_TIMESTAMP.test(text)) {
      const calendar = this.scenario.calendar;
      if (calendar === null) {
        throw new TraceFileError(line, 'timestamp', `${describe(text)} is a date-time, and the scenario's startsAt has no date: give startsAt as a date-time such as "2026-03-02T08:00:00+01:00" (t = 0), or write timestamps as seconds from t = 0`);
      }
      const ms = Date.parse(text.trim().replace(' ', 'T').replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));
      if (!Number.isFinite(ms)) throw new TraceRowError(line, 'timestamp', `expected seconds from t = 0 or an ISO 8601 date-time with offset, got ${describe(text)}`);
      t = ms / 1000 - calendar.epoch;
    } else {
      throw new TraceRowError(line, 'timestamp', `expected seconds from t = 0 such as 5400.5, or an ISO 8601 date-time with offset such as 2026-03-02T09:30:00+01:00, got ${describe(text)}`);
    }
    const horizon = this.scenario.horizon;
    if (t < 0) throw new TraceRowError(line, 'timestamp', `${describe(text)} is before the run starts (t = -${formatDuration(-t)}): a trace replays arrivals from t = 0 to the horizon`);
    if (t >= horizon) throw new TraceRowError(line, 'timestamp', `${describe(text)} is at or after the horizon (t = ${formatDuration(t)}, horizon ${formatDuration(horizon)}): arrivals are replayed over [0, horizon)`);
    if (t < this.last) {
      throw new TraceRowError(line, 'timestamp', `${describe(text)} (t = ${formatDuration(t)}) is earlier than the row on line ${this.lastLine} (t = ${formatDuration(this.last)}): rows must be in time order`);
    }
    return t;
  }

  private channelOf(line: number): number {
    const own = this.source.channel;
    const text = this.cell('channel');
    if (text === '') {
      if (own !== null) return own;
      throw new TraceRowError(line, 'channel', 'expected a channel name, got an empty cell');
    }
    const ch = this.channels.get(text);
    if (ch === undefined) {
      const near = closestWord(text, [...this.channels.keys()]);
      throw new TraceRowError(line, 'channel', `unknown channel ${describe(text)}${near ? ` (did you mean ${near}?)` : ''}; the scenario's channels are ${[...this.channels.keys()].join(', ')}`);
    }
    if (own !== null && ch !== own) {
      throw new TraceRowError(line, 'channel', `${describe(text)} in the trace of channel ${this.scenario.channels[own].name}: a channel's trace holds only its own rows`);
    }
    return ch;
  }

  private named(column: TraceColumn, line: number, names: ReadonlyMap<string, number>, what: string): number {
    const text = this.cell(column);
    if (text === '') return DRAWN;
    const i = names.get(text);
    if (i !== undefined) return i;
    const near = closestWord(text, [...names.keys()]);
    throw new TraceRowError(line, column, `unknown ${column} ${describe(text)}${near ? ` (did you mean ${near}?)` : ''}; ${what}: ${[...names.keys()].join(', ') || 'none'}`);
  }
}
