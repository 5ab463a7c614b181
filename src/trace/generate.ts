import { stringify } from 'csv-stringify/sync';
import { samplerOf, type Sampler } from '../core/distributions.js';
import { createStream, KeyedUniform, type Stream } from '../core/rng.js';
import { Draw, Triage } from '../model/attributes.js';
import { ChannelLoad } from '../model/load-curve.js';
import { AtomicFileWriter } from '../report/write.js';
import { SENTIMENTS, type Scenario } from '../scenario/types.js';
import { TRACE_COLUMNS, type TraceColumn } from './columns.js';
import { formatIdentity, replicationMask } from './keys.js';

/** Options for {@link generateTrace}. */
export interface GenerateOptions {
  /** The replication whose arrivals to write, from 0 (the CLI's `--replication N` is N - 1). */
  replication: number;
  /** Where to write the CSV (whole or not at all). */
  out: string;
  /** The columns to write (in the trace's column order whatever the order given); default: all. `timestamp` is always written, and `channel` when the scenario has more than one. Rows replay alike either way when `id` is kept: every left-out attribute is drawn again from it. */
  columns?: readonly TraceColumn[];
  /** Called every so many rows with the rows written and the simulated time reached. */
  onProgress?: (rows: number, simulatedTime: number) => void;
}

/** What {@link generateTrace} wrote. */
export interface GeneratedTrace {
  rows: number;
  /** Rows per channel, in the scenario's channel order. */
  perChannel: number[];
}

/** Rows buffered before each write. */
const BATCH = 8192;

/** One channel's arrival process exactly as a replication draws it (see Arrivals.scheduleNext). */
class ChannelArrivals {
  next = Infinity;
  constructor(readonly load: ChannelLoad, readonly arrivals: Stream, readonly keys: Stream, readonly horizon: number) {}

  /** Draws the next arrival after `from` by thinning; Infinity when none comes before the horizon. */
  advance(from: number): void {
    const max = this.load.maxRate;
    this.next = Infinity;
    if (!(max > 0)) return;
    let t = from;
    for (;;) {
      t -= Math.log(this.arrivals.next()) / max;
      if (t >= this.horizon) return;
      if (this.load.isConstant || this.arrivals.next() * max <= this.load.rate(t)) break;
    }
    this.next = t;
  }
}

/**
 * Writes the arrivals replication `replication` of a scenario would generate
 * as a trace (CSV, in time order), with every attribute the model draws for
 * each one on arrival (sentiment, topic, brand, tier after triage, turns,
 * handle time of each reply, patience) and the `id` that keys its random
 * draws. Replaying the trace (`arrivals: { trace }`) with the same seed
 * reproduces that replication exactly: the rows are its arrivals, and every
 * later draw comes from the same keys. Follow-up posts are not rows: the
 * model makes them from their original's key when it replays.
 * @throws Error when a channel already replays a trace (its rows are a trace already)
 */
export function generateTrace(scenario: Scenario, options: GenerateOptions): GeneratedTrace {
  const traced = scenario.channels.find((c) => c.tracedRate !== null);
  if (traced) throw new Error(`channel ${traced.name} replays a trace already: generate writes the arrivals of channels that generate theirs (with a rate)`);
  const sc = scenario;
  const r = options.replication;
  const loads = sc.channels.map((c, i) => new ChannelLoad(c, i, sc.surges, sc.startsAt, sc.calendar?.weekday));
  const channels = sc.channels.map((c, i) => new ChannelArrivals(loads[i], createStream(sc.seed, r, `arrivals/${c.name}`), createStream(sc.seed, r, `conversations/${c.name}`), sc.horizon));
  const turns: Sampler[] = sc.channels.map((c) => samplerOf(c.turns));
  const handle: Sampler[] = sc.channels.map((c) => samplerOf(c.handleTime));
  const patience: (Sampler | null)[] = sc.channels.map((c) => (c.patience ? samplerOf(c.patience) : null));
  const triage = new Triage(sc, loads);
  const draw = new KeyedUniform();
  const mask = replicationMask(sc.seed, r);
  const perChannel = sc.channels.map(() => 0);
  const wanted = new Set<TraceColumn>(options.columns ?? TRACE_COLUMNS);
  wanted.add('timestamp');
  if (sc.channels.length > 1) wanted.add('channel');
  const keep = TRACE_COLUMNS.map((c) => wanted.has(c));
  const header = TRACE_COLUMNS.filter((_, i) => keep[i]);
  const writer = new AtomicFileWriter(options.out);
  try {
    writer.write(stringify([header]));
    for (const ch of channels) ch.advance(0);
    let batch: string[][] = [];
    let rows = 0;
    for (;;) {
      // The earliest next arrival over the channels (ties to the first channel, as the event heap orders them).
      let c = -1;
      for (let i = 0; i < channels.length; i++) if (channels[i].next < (c < 0 ? Infinity : channels[c].next)) c = i;
      if (c < 0) break;
      const rt = channels[c];
      const t = rt.next;
      const keyA = rt.keys.nextUint32();
      const keyB = rt.keys.nextUint32();
      triage.classify(c, t, draw, keyA, keyB);
      const n = turns[c].sample(draw.select(keyA, keyB, Draw.turns, 0));
      const works: number[] = [];
      for (let k = 0; k < n; k++) works.push(handle[c].sample(draw.select(keyA, keyB, Draw.handleTime, k)));
      const p = patience[c];
      const cells = [
        String(t),
        sc.channels[c].name,
        formatIdentity(keyA ^ mask.keyA, keyB ^ mask.keyB),
        SENTIMENTS[triage.sentiment],
        triage.topic >= 0 ? sc.topics[triage.topic] : '',
        triage.brand >= 0 ? sc.brands[triage.brand] : '',
        sc.tiers[triage.tier].name,
        works.map(String).join(';'),
        String(n),
        p === null ? '' : String(p.sample(draw.select(keyA, keyB, Draw.patience, 0))),
      ];
      batch.push(cells.filter((_, i) => keep[i]));
      perChannel[c]++;
      rows++;
      rt.advance(t);
      if (batch.length >= BATCH) {
        writer.write(stringify(batch));
        batch = [];
        options.onProgress?.(rows, t);
      }
    }
    if (batch.length > 0) writer.write(stringify(batch));
    writer.commit();
    return { rows, perChannel };
  } catch (e) {
    writer.abort();
    throw e;
  }
}
