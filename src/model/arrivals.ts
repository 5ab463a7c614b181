import { fixedValue } from '../core/distributions.js';
import type { Engine } from '../core/engine.js';
import { Draw, Triage } from './attributes.js';
import type { Model } from './context.js';
import { ConvState } from './conversations.js';
import { EventKind } from './events.js';
import { NEGATIVE } from './outcomes.js';
import { TraceFeed } from './trace-feed.js';
import type { TraceRow } from '../trace/rows.js';

const TWO_POW_32 = 4294967296;

/**
 * New conversations: each channel's arrivals (a Poisson process whose rate
 * follows the channel's daily profile and surges, drawn by thinning), the
 * follow-up posts of customers still waiting, and their admission into the
 * system, straight to a free agent or into a queue.
 *
 * Events: `arrival` ({@link onArrival}), `followUpCheck` ({@link onFollowUpCheck}).
 */
export class Arrivals {
  /** Test hook: called with each conversation's slot as it enters the system. */
  onAdmit: ((slot: number) => void) | null = null;
  private readonly engine: Engine;
  private readonly triage: Triage;
  private arrivalCount = 0;
  /** The replayed traces, read as the run goes (empty when every channel's arrivals are generated). */
  private readonly feeds: TraceFeed[];
  /** Each channel's turn count when it never varies (no draw needed), else NaN. */
  private readonly fixedTurns: Float64Array;

  constructor(private readonly m: Model, replication: number) {
    this.engine = m.engine;
    this.triage = new Triage(m.scenario, m.channels.map((c) => c.load));
    this.feeds = m.scenario.traces.map((source) => new TraceFeed(m.scenario, source, replication));
    this.fixedTurns = Float64Array.from(m.channels, (c) => fixedValue(c.turns));
  }

  /** Schedules every generated channel's first arrival and every trace's first row. */
  start(): void {
    for (let ch = 0; ch < this.m.channels.length; ch++) {
      if (!this.m.channels[ch].load.isTraced) this.scheduleNext(ch, 0);
    }
    for (let i = 0; i < this.feeds.length; i++) this.scheduleRow(i);
  }

  /** Closes the traces still open (a run cut short). */
  finish(): void {
    for (const feed of this.feeds) feed.close();
  }

  private scheduleRow(trace: number): void {
    const feed = this.feeds[trace];
    if (feed.advance()) this.m.events.traceArrivalAt(feed.row.t, trace);
  }

  /**
   * Trace `trace`'s next row arrives: triaged with the attributes it gives
   * (the rest drawn from its key), admitted, and the trace's next row
   * scheduled. Surges on its channel thin or repeat it by their volume at
   * its time: floor(factor) copies plus one more with probability
   * frac(factor), decided by the row's key; copies get keys derived from it.
   */
  onTraceArrival(trace: number): void {
    const row = this.feeds[trace].row;
    const ch = row.channel;
    const now = this.engine.now;
    const load = this.m.channels[ch].load;
    const draw = this.m.draw;
    let copies = 1;
    const factor = load.surgeFactor(now);
    if (factor !== 1) {
      const whole = Math.floor(factor);
      copies = whole + (draw.first(row.keyA, row.keyB, Draw.traceCopies, 0) < factor - whole ? 1 : 0);
    }
    for (let c = 0; c < copies; c++) {
      let keyA = row.keyA;
      let keyB = row.keyB;
      if (c > 0) {
        const k = draw.select(row.keyA, row.keyB, Draw.traceCopyKey, c - 1);
        keyA = Math.floor(k.next() * TWO_POW_32) >>> 0;
        keyB = Math.floor(k.next() * TWO_POW_32) >>> 0;
      }
      this.triage.classify(ch, now, draw, keyA, keyB, undefined, row);
      this.admit(ch, keyA, keyB, -1, row);
    }
    this.scheduleRow(trace);
  }

  /** Draws the next arrival of a channel after `from` (thinning: see ChannelLoad.nextArrival). */
  private scheduleNext(ch: number, from: number): void {
    const rt = this.m.channels[ch];
    const t = rt.load.nextArrival(from, this.m.scenario.horizon, rt.arrivals);
    if (t !== Infinity) this.m.events.arrivalAt(t, ch);
  }

  /** A customer posts on channel `ch`: triaged, admitted, and the channel's next arrival drawn. */
  onArrival(ch: number): void {
    const rt = this.m.channels[ch];
    // Signed words: small integers through the calls below (an unsigned word
    // above 2^31 would be a boxed double); the key's hashes and the store read
    // only the 32 bits, so the draws are the same.
    const keyA = rt.keys.nextInt32();
    const keyB = rt.keys.nextInt32();
    this.triage.classify(ch, this.engine.now, this.m.draw, keyA, keyB);
    this.admit(ch, keyA, keyB, -1);
    this.scheduleNext(ch, this.engine.now);
  }

  /** A customer still waiting may post again, on the follow-up channel, linked to this conversation. */
  onFollowUpCheck(slot: number): void {
    const conv = this.m.conv;
    const spec = this.m.scenario.channels[conv.channel[slot]].followUp!;
    const n = conv.followUps[slot];
    const u = this.m.draw.select(conv.keyA[slot], conv.keyB[slot], Draw.followUp, n);
    if (u.next() < spec.probability) {
      conv.followUps[slot] = n + 1;
      // The follow-up's key derives from its original's, so variants see the same follow-ups.
      const k = this.m.draw.select(conv.keyA[slot], conv.keyB[slot], Draw.followUpKey, n);
      const keyA = Math.floor(k.next() * TWO_POW_32) >>> 0;
      const keyB = Math.floor(k.next() * TWO_POW_32) >>> 0;
      this.triage.classify(spec.channel, this.engine.now, this.m.draw, keyA, keyB, { brand: conv.brand[slot], topic: conv.topic[slot] });
      this.admit(spec.channel, keyA, keyB, slot);
    }
    if (conv.state[slot] === ConvState.waiting && conv.followUps[slot] < spec.max) {
      this.m.events.conversationIn(spec.after, EventKind.followUpCheck, slot, conv.gen[slot]);
    }
  }

  /**
   * Brings a triaged conversation into the system (its attributes are in
   * this.triage): straight to the best available agent, or into its queue
   * with its timers. `original` is the conversation a follow-up belongs to,
   * or -1.
   */
  private admit(ch: number, keyA: number, keyB: number, original: number, row: TraceRow | null = null): void {
    const m = this.m;
    const now = this.engine.now;
    const conv = m.conv;
    const t = this.triage;
    const spec = m.scenario.channels[ch];
    const slot = conv.allocate();
    const cls = m.classes.classOf(ch, t.tier, t.brand);
    // Which measurement windows it arrived in (bit 0: report.window, bit k: the k-th of report.windows); 0 = unmeasured.
    const measured = m.recorder.windowsAt(now);
    conv.arrival[slot] = now;
    conv.seq[slot] = this.arrivalCount++;
    conv.keyA[slot] = keyA;
    conv.keyB[slot] = keyB;
    conv.channel[slot] = ch;
    conv.tier[slot] = t.tier;
    conv.brand[slot] = t.brand;
    conv.topic[slot] = t.topic;
    conv.cls[slot] = cls;
    conv.turnsDone[slot] = 0;
    conv.workTime[slot] = 0;
    conv.messageAt[slot] = now;
    conv.measured[slot] = measured;
    conv.sentiment[slot] = t.sentiment;
    conv.followUp[slot] = original >= 0 ? 1 : 0;
    conv.followUps[slot] = 0;
    conv.mergeCount[slot] = 0;
    conv.mergeTime[slot] = original >= 0 ? conv.mergeTime[original] : spec.followUp?.mergeTime ?? 0;
    const fixedTurns = this.fixedTurns[ch];
    conv.turns[slot] = row !== null && row.turns > 0 ? row.turns
      : fixedTurns === fixedTurns ? fixedTurns : m.channels[ch].turns.sample(m.draw.select(keyA, keyB, Draw.turns, 0));
    conv.patience[slot] = row === null ? NaN : row.patience;
    conv.handleTimes[slot] = row === null ? null : row.handleTimes;
    if (original >= 0) conv.linkWith(slot, original);
    if (this.onAdmit !== null) this.onAdmit(slot);
    m.recorder.arrival(now, cls, t.sentiment === NEGATIVE, measured, t.misrouted, original >= 0, spec.welcome);

    const agent = m.assignment.bestAvailableAgent(cls);
    if (agent >= 0) {
      m.assignment.assign(slot, agent);
      m.assignment.settle(agent);
    } else {
      m.waiting.enqueue(slot, original >= 0);
    }
  }
}
