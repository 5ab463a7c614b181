import { closeSync, openSync, readSync } from 'node:fs';
import { createRequire } from 'node:module';
import type * as CsvParseSync from 'csv-parse/sync';

// csv-parse is loaded when a trace is first read, not when a scenario without a trace is validated.
const requireModule = createRequire(import.meta.url);
let csvParse: typeof CsvParseSync | undefined;
const csvParseSync = (): typeof CsvParseSync => (csvParse ??= requireModule('csv-parse/sync') as typeof CsvParseSync);

/** One CSV record and the line of the file it ends on (1-based). */
export interface CsvRecord {
  fields: string[];
  line: number;
}

/** A CSV file that cannot be read as CSV (an unclosed quote, unreadable bytes), with the line where it failed. */
export class CsvFormatError extends Error {
  constructor(readonly line: number, message: string) {
    super(message);
    this.name = 'CsvFormatError';
  }
}

const NEWLINE = 0x0a;
const QUOTE = 0x22;
/** Bytes read at a time: memory stays this size (plus one record) however long the file. */
export const CHUNK_BYTES = 1 << 20;

const CR = 0x0d;
const HASH = 0x23;

/** Where a chunk can be cut, and the first line of each record before the cut. */
interface Scan {
  /** Offset just past the last record boundary (a newline outside quotes and comments); 0 when none. */
  cut: number;
  /** The line each record before the cut starts on (blank and comment lines hold none). */
  lines: number[];
  /** The line number at the cut. */
  lineAtCut: number;
}

/**
 * Finds the records of `data` (whose first byte is on line `firstLine`) the
 * way csv-parse will read them with the options used here: a newline ends a
 * record unless it is inside quotes (quote parity: RFC 4180 escapes a quote
 * by doubling it), empty lines hold no record, and a line starting with #
 * is a comment. csv-parse itself could report lines (its `info` option),
 * but at twice the parsing cost; this scan is a tenth of it.
 */
function scan(data: Buffer, firstLine: number, final: boolean): Scan {
  const lines: number[] = [];
  let line = firstLine;
  let i = data.length >= 3 && data[0] === 0xef && data[1] === 0xbb && data[2] === 0xbf ? 3 : 0;
  let atStart = true;
  let inQuotes = false;
  let comment = false;
  let cut = 0;
  let lineAtCut = firstLine;
  let recordsAtCut = 0;
  for (; i < data.length; i++) {
    const b = data[i];
    if (atStart) {
      if (b === NEWLINE) {
        line++;
        cut = i + 1;
        lineAtCut = line;
        recordsAtCut = lines.length;
        continue;
      }
      if (b === CR) continue;
      atStart = false;
      if (b === HASH) {
        comment = true;
        continue;
      }
      lines.push(line);
    }
    if (b === NEWLINE) {
      line++;
      if (comment || !inQuotes) {
        comment = false;
        atStart = true;
        cut = i + 1;
        lineAtCut = line;
        recordsAtCut = lines.length;
      }
    } else if (b === QUOTE && !comment) {
      inQuotes = !inQuotes;
    }
  }
  if (final) return { cut: data.length, lines, lineAtCut: line };
  lines.length = recordsAtCut;
  return { cut, lines, lineAtCut };
}

/**
 * Reads a CSV file record by record, synchronously, holding one chunk of it
 * at a time (so a trace replays inside the event loop, in memory flat in its
 * length). The parsing is csv-parse's (quotes, escaped quotes, CRLF, a BOM,
 * comment lines starting with #); this class cuts the file into chunks at
 * record boundaries and numbers the records' lines (see scan).
 *
 * `onBytes` sees every byte of the file once, in order (for a digest).
 */
export class CsvChunks {
  private readonly fd: number;
  private readonly buffer: Buffer;
  private carry: Buffer = Buffer.alloc(0);
  private eof = false;
  private records: string[][] = [];
  private lines: number[] = [];
  private next = 0;
  /** The line the carried-over bytes start on. */
  private line = 1;
  private first = true;

  constructor(path: string, private readonly onBytes?: (bytes: Buffer) => void, chunkBytes = CHUNK_BYTES) {
    this.fd = openSync(path, 'r');
    this.buffer = Buffer.allocUnsafe(chunkBytes);
  }

  /** The next record, or null at the end of the file (the file is then closed). @throws CsvFormatError */
  read(out: CsvRecord): boolean {
    while (this.next >= this.records.length) {
      if (this.eof) return false;
      this.fill();
    }
    out.fields = this.records[this.next];
    out.line = this.lines[this.next];
    this.next++;
    return true;
  }

  /** Closes the file (safe to call twice). */
  close(): void {
    if (!this.eof) {
      this.eof = true;
      closeSync(this.fd);
    }
  }

  /** Reads on until a chunk of whole records is parsed (or the file ends). */
  private fill(): void {
    const n = readSync(this.fd, this.buffer, 0, this.buffer.length, null);
    if (n > 0) this.onBytes?.(this.buffer.subarray(0, n));
    const data = this.carry.length === 0 ? Buffer.from(this.buffer.subarray(0, n)) : Buffer.concat([this.carry, this.buffer.subarray(0, n)]);
    if (n === 0) this.close();
    const found = scan(data, this.line, n === 0);
    this.carry = data.subarray(found.cut);
    this.records = [];
    this.lines = found.lines;
    this.next = 0;
    if (found.cut > 0) this.parse(data.subarray(0, found.cut), found.lines);
    this.line = found.lineAtCut;
  }

  private parse(bytes: Buffer, lines: number[]): void {
    let rows: string[][];
    try {
      rows = csvParseSync().parse(bytes, { bom: this.first, comment: '#', comment_no_infix: true, skip_empty_lines: true, relax_column_count: true, record_delimiter: ['\r\n', '\n'] });
    } catch (e) {
      if (e instanceof csvParseSync().CsvError) {
        const at = (e as CsvParseSync.CsvError & { lines?: number }).lines;
        throw new CsvFormatError(lines[0] + (typeof at === 'number' ? at - 1 : 0), e.message.replace(/^Invalid [^:]*: /, ''));
      }
      throw e;
    }
    this.first = false;
    if (rows.length !== lines.length) {
      throw new CsvFormatError(lines[Math.min(rows.length, lines.length - 1)] ?? this.line, 'cannot tell where this record ends (a stray quote?)');
    }
    this.records = rows;
  }
}
