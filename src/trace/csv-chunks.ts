import { closeSync, openSync, readSync } from 'node:fs';
import { CsvError, parse } from 'csv-parse/sync';

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

/**
 * Reads a CSV file record by record, synchronously, holding one chunk of it
 * at a time (so a trace replays inside the event loop, in memory flat in its
 * length). The parsing is csv-parse's (quotes, escaped quotes, CRLF, a BOM,
 * comment lines starting with #); this class only cuts the file into chunks
 * at line ends outside quotes: a newline is outside quotes exactly when the
 * number of quote characters before it is even, since RFC 4180 escapes a
 * quote by doubling it.
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
  private linesBefore = 0;
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

  /** Reads on until a whole chunk of records is parsed (or the file ends). */
  private fill(): void {
    const n = readSync(this.fd, this.buffer, 0, this.buffer.length, null);
    if (n > 0) this.onBytes?.(this.buffer.subarray(0, n));
    const data = this.carry.length === 0 ? Buffer.from(this.buffer.subarray(0, n)) : Buffer.concat([this.carry, this.buffer.subarray(0, n)]);
    let cut: number;
    if (n === 0) {
      this.close();
      cut = data.length;
    } else {
      cut = lastCut(data);
    }
    this.carry = data.subarray(cut);
    if (cut > 0) this.parse(data.subarray(0, cut));
  }

  private parse(bytes: Buffer): void {
    let rows: { record: string[]; info: { lines: number } }[];
    try {
      rows = parse(bytes, { bom: this.first, info: true, comment: '#', comment_no_infix: true, skip_empty_lines: true, relax_column_count: true, record_delimiter: ['\r\n', '\n'] }) as never;
    } catch (e) {
      if (e instanceof CsvError) {
        const at = (e as CsvError & { lines?: number }).lines;
        throw new CsvFormatError(this.linesBefore + (typeof at === 'number' ? at : 1), e.message.replace(/^Invalid [^:]*: /, ''));
      }
      throw e;
    }
    this.first = false;
    const before = this.linesBefore;
    this.records = rows.map((r) => r.record);
    this.lines = rows.map((r) => before + r.info.lines);
    this.next = 0;
    let newlines = 0;
    for (let i = 0; i < bytes.length; i++) if (bytes[i] === NEWLINE) newlines++;
    this.linesBefore += newlines;
  }
}

/** Offset just past the last newline of `data` that stands outside quotes (0 when none does). */
function lastCut(data: Buffer): number {
  let quotes = 0;
  let cut = 0;
  for (let i = 0; i < data.length; i++) {
    const b = data[i];
    if (b === QUOTE) quotes++;
    else if (b === NEWLINE && (quotes & 1) === 0) cut = i + 1;
  }
  return cut;
}
