import { closeSync, mkdirSync, renameSync, rmSync, writeSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { dirname, join } from 'node:path';
import { stringify } from 'csv-stringify/sync';
import { Ending } from '../model/endings.js';
import { Simulation } from '../model/simulation.js';
import { createExclusive, removeStaleTemps } from '../report/write.js';
import { SENTIMENTS, type Calendar, type Scenario } from '../scenario/types.js';
import { formatInstant } from './instant.js';
import { formatIdentity, replicationMask, type ConversationKey } from './keys.js';

/**
 * The columns of a conversation export, in order: what a care platform's
 * export of past conversations holds, one row per conversation.
 */
export const EXPORT_COLUMNS = [
  'id',
  'created',
  'channel',
  'pickedUpAt',
  'firstResponseAt',
  'closedAt',
  'workTime',
  'turns',
  'abandoned',
  'sentimentStart',
  'sentimentEnd',
  'topic',
  'brand',
  'tier',
] as const;

/** Options of {@link exportConversations}. */
export interface ExportOptions {
  /** Which replication to simulate, as numbered by the runner (0 = the first); default 0. */
  replication?: number;
  /** The CSV file to write (whole or not at all). */
  out: string;
}

/** What {@link exportConversations} wrote. */
export interface ExportSummary {
  /** Rows written (conversations). */
  conversations: number;
  out: string;
}

/** Rows gathered before one write to the file (memory stays flat in the number of conversations). */
const ROWS_PER_WRITE = 2048;

/**
 * Runs one replication of `scenario` and writes one CSV row per
 * conversation, as it ends, as a care platform's export would have it (see
 * {@link EXPORT_COLUMNS}): times are ISO 8601 with the scenario's offset when
 * its `startsAt` carries a date, else seconds from t = 0; `pickedUpAt`,
 * `firstResponseAt` and `closedAt` are empty when it never happened
 * (`closedAt` is empty for conversations still waiting when the run ended);
 * `id` is the conversation's identity as `careload generate` writes it;
 * `workTime` is the agent work summed over its replies, seconds; `turns` the
 * agent replies sent. The file is written to a temporary file beside `out`,
 * renamed over it at the end: whole or not at all. Watching the run changes
 * nothing it draws.
 */
export function exportConversations(scenario: Scenario, options: ExportOptions): ExportSummary {
  const { out } = options;
  const sim = new Simulation(scenario, options.replication ?? 0);
  const dir = dirname(out);
  mkdirSync(dir, { recursive: true });
  removeStaleTemps(dir);
  const temp = join(dir, `.careload-${randomBytes(16).toString('hex')}.tmp`);
  const fd = createExclusive(temp);
  let rows: string[][] = [];
  let count = 0;
  const flush = () => {
    if (rows.length === 0) return;
    writeSync(fd, stringify(rows));
    rows = [];
  };
  try {
    writeSync(fd, stringify([[...EXPORT_COLUMNS]]));
    const row = rowWriter(scenario, sim, replicationMask(scenario.seed, options.replication ?? 0));
    sim.endings.onEnd = (slot, ending, finalSentiment) => {
      rows.push(row(slot, ending, finalSentiment));
      count++;
      if (rows.length >= ROWS_PER_WRITE) flush();
    };
    sim.run();
    flush();
    closeSync(fd);
    renameSync(temp, out);
  } catch (e) {
    try {
      closeSync(fd);
    } catch {
      // Closed already.
    }
    rmSync(temp, { force: true });
    throw e;
  }
  return { conversations: count, out };
}

/** The function that turns an ending conversation (its slot, still held) into its CSV row. */
function rowWriter(scenario: Scenario, sim: Simulation, mask: ConversationKey): (slot: number, ending: number, finalSentiment: number) => string[] {
  const conv = sim.conv;
  const time = timeFormatter(scenario.calendar);
  return (slot, ending, finalSentiment) => {
    const arrival = conv.arrival[slot];
    const answered = ending === Ending.closed;
    const topic = conv.topic[slot];
    const brand = conv.brand[slot];
    return [
      formatIdentity(conv.keyA[slot] ^ mask.keyA, conv.keyB[slot] ^ mask.keyB),
      time(arrival),
      scenario.channels[conv.channel[slot]].name,
      answered ? time(conv.pickedUp[slot]) : '',
      answered ? time(arrival + conv.firstResponse[slot]) : '',
      ending === Ending.unanswered ? '' : time(sim.engine.now),
      conv.workTime[slot].toFixed(3),
      String(conv.turnsDone[slot]),
      ending === Ending.abandoned ? 'true' : 'false',
      SENTIMENTS[conv.sentiment[slot]],
      finalSentiment >= 0 ? SENTIMENTS[finalSentiment] : '',
      topic >= 0 ? scenario.topics[topic] : '',
      brand >= 0 ? scenario.brands[brand] : '',
      scenario.tiers[conv.tier[slot]].name,
    ];
  };
}

/** Formats simulated time t: ISO 8601 with the calendar's offset when there is one, else seconds (3 decimals). */
function timeFormatter(calendar: Calendar | null): (t: number) => string {
  if (calendar === null) return (t) => t.toFixed(3);
  return (t) => formatInstant(calendar.epoch + t, calendar.offset);
}
