import type { Scenario, TraceSource } from '../scenario/types.js';
import { replicationMask } from '../trace/keys.js';
import { TraceRowReader, type TraceRow } from '../trace/rows.js';

/**
 * One replayed trace in one replication: its rows, read one at a time in
 * time order (the file is never held whole). Rows the loader found bad were
 * counted there (with --skip-bad-rows) and are passed over again here. Each
 * row's conversation key is its identity XOR the replication's mask, so the
 * arrivals are the same in every replication and what is drawn from the key
 * is not.
 */
export class TraceFeed {
  /** The row due next (valid while {@link hasRow}). */
  readonly row: TraceRow = { line: 0, t: 0, channel: 0, keyA: 0, keyB: 0, hasId: false, sentiment: -1, topic: -1, brand: -1, tier: -1, turns: -1, patience: NaN, handleTimes: null };
  hasRow = false;
  private readonly reader: TraceRowReader;
  private readonly maskA: number;
  private readonly maskB: number;
  private readonly skipLines: ReadonlySet<number>;

  constructor(scenario: Scenario, source: TraceSource, replication: number) {
    const mask = replicationMask(scenario.seed, replication);
    this.maskA = mask.keyA;
    this.maskB = mask.keyB;
    this.skipLines = new Set(source.contents?.duplicateLines ?? []);
    this.reader = new TraceRowReader(scenario, source, () => {});
  }

  /** Reads the next row (keys masked for this replication); false (and the file closed) at the end. */
  advance(): boolean {
    const row = this.row;
    do {
      this.hasRow = this.reader.next(row);
    } while (this.hasRow && this.skipLines.size > 0 && this.skipLines.has(row.line));
    if (!this.hasRow) {
      this.reader.close();
      return false;
    }
    row.keyA = (row.keyA ^ this.maskA) >>> 0;
    row.keyB = (row.keyB ^ this.maskB) >>> 0;
    return true;
  }

  /** Stops reading early (the run ended). */
  close(): void {
    this.reader.close();
  }
}
