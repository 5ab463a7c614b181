import { Engine, type EventHandler } from '../core/engine.js';
import { Absences } from './absences.js';
import { KeyedUniform } from '../core/rng.js';
import { Recorder, type ReplicationResult } from '../metrics/recorder.js';
import type { Scenario } from '../scenario/types.js';
import { AgentPool } from './agents.js';
import { Arrivals } from './arrivals.js';
import { Assignment } from './assignment.js';
import { channelRuntimes, type ChannelRuntime } from './channels.js';
import { ClassTable } from '../scenario/classes.js';
import type { Model } from './context.js';
import { ConversationStore, ConvState } from './conversations.js';
import { Endings } from './endings.js';
import { EventKind, ModelEvents } from './events.js';
import { ClassQueues } from './queues.js';
import { Replies } from './replies.js';
import { Roster } from './roster.js';
import { teamPeakHeadcount } from '../scenario/staffing.js';
import { Waiting } from './waiting.js';

/** Events between two progress reports within a replication (at most; 1/100 of the horizon may come first). */
export const PROGRESS_EVENTS = 2 ** 20;

/**
 * One replication of a scenario: builds the model's parts, and dispatches
 * each event the engine hands it to the part that owns its kind (see the
 * table in events.ts). Conversations arrive per channel ({@link Arrivals}),
 * are triaged into a tier, wait in per-class queues ({@link Waiting}), are
 * picked up by the best available agent ({@link Assignment}), and hold one
 * of the agent's slots while replies go back and forth ({@link Replies})
 * until they close ({@link Endings}). The {@link Roster} brings agents on
 * and off shift; {@link Absences} takes them away for part of it (shrinkage).
 */
export class Simulation implements EventHandler, Model {
  readonly engine = new Engine(4096);
  readonly events: ModelEvents;
  readonly conv = new ConversationStore(1024);
  readonly draw = new KeyedUniform();
  readonly agents: AgentPool;
  readonly recorder: Recorder;
  readonly queues: ClassQueues;
  readonly classes: ClassTable;
  readonly channels: readonly ChannelRuntime[];
  readonly roster: Roster;
  readonly arrivals: Arrivals;
  readonly waiting: Waiting;
  readonly assignment: Assignment;
  readonly replies: Replies;
  readonly endings: Endings;
  readonly absences: Absences;

  /** The scenario's horizon, read after every event (a field here rather than a load through the scenario). */
  private readonly horizon: number;
  /** Time of the last event handled. */
  private lastEventTime = 0;
  /** Set once the backlog has drained after the horizon. */
  private done = false;

  constructor(readonly scenario: Scenario, readonly replication: number) {
    const sc = scenario;
    this.horizon = sc.horizon;
    this.events = new ModelEvents(this.engine, sc.horizon);
    const sizes = sc.teams.map(teamPeakHeadcount);
    this.agents = new AgentPool(sizes, sc.teams.map((t) => t.concurrency), sc.routing.agentSelection === 'longestIdle');
    const teamFirst = new Int32Array(sizes.length);
    for (let k = 1; k < sizes.length; k++) teamFirst[k] = teamFirst[k - 1] + sizes[k - 1];
    this.classes = new ClassTable(sc);
    this.recorder = new Recorder({
      channels: sc.channels.length,
      tiers: sc.tiers.length,
      brands: sc.brands.length,
      teams: sc.teams.length,
      classes: this.classes,
      from: sc.report.window.from,
      to: sc.report.window.to,
      windows: sc.report.windows,
      horizon: sc.horizon,
      interval: sc.report.interval,
      answeredWithin: sc.report.answeredWithin,
      nextResponseTargets: Float64Array.from(sc.tiers, (t) => t.nextResponseTarget ?? NaN),
    });
    this.channels = channelRuntimes(sc, replication);
    this.queues = new ClassQueues(this.classes.count, this.conv);
    this.arrivals = new Arrivals(this, replication);
    this.waiting = new Waiting(this);
    this.assignment = new Assignment(this, sizes);
    this.replies = new Replies(this);
    this.endings = new Endings(this);
    this.absences = new Absences(this, replication);
    this.roster = new Roster(sc, this.engine, this.agents, this.recorder, teamFirst, Int32Array.from(sizes), this.events,
      (agent) => this.assignment.settle(agent), this.absences);
  }

  /** Test hook: called with each conversation's slot as it enters the system. */
  set onAdmit(hook: ((slot: number) => void) | null) {
    this.arrivals.onAdmit = hook;
  }

  get onAdmit(): ((slot: number) => void) | null {
    return this.arrivals.onAdmit;
  }

  /**
   * Runs the replication to the end: arrivals stop at the horizon, then the
   * backlog drains (for at most `drain`). An observer, for tests, is called
   * after every event; `onProgress` after each 1/100 of the horizon of
   * simulated time and after every `progressEvents` events (default 2^20,
   * well under a second), so a long replication reports as it goes. The run
   * is cut into such chunks only to report: the results do not depend on it,
   * and the event loop only counts.
   */
  run(observer?: (sim: Simulation) => void, onProgress?: (simulatedTime: number, events: number) => void, progressEvents = PROGRESS_EVENTS): ReplicationResult {
    const sc = this.scenario;
    const engine = this.engine;
    this.roster.start();
    this.arrivals.start();
    const handler: EventHandler = observer
      ? { handle: (kind, a, b) => (this.handle(kind, a, b), observer(this)) }
      : this;
    const end = sc.horizon + sc.drain;
    if (onProgress) {
      const step = sc.horizon / 100;
      let until = step;
      while (!this.done && engine.pending > 0 && engine.now < end) {
        const chunkEnd = Math.min(until, end);
        engine.run(handler, chunkEnd, progressEvents);
        onProgress(engine.now, engine.processed);
        // Stopped by the event count before the chunk's end: the same chunk goes on.
        if (engine.now >= chunkEnd) until += step;
      }
    } else {
      engine.run(handler, end);
    }
    this.arrivals.finish();
    // The run ends at its last event, or at the drain limit if events were still due:
    // never at a progress chunk's boundary, so reporting progress changes nothing.
    // A cancelled timer (always before the horizon) would have been handled as a stale event: the last event's time counts it.
    const endTime = engine.pending > 0 && !this.done ? engine.now : Math.max(this.lastEventTime, this.events.latestCancelled);
    // Staffing and backlog integrals run at least to the horizon, even when the last event came earlier.
    this.endings.finish(endTime, Math.max(endTime, sc.horizon));
    return this.recorder.result(this.replication, engine.processed, endTime);
  }

  /** Dispatches one event to the part that owns its kind (called by the engine). */
  handle(kind: number, a: number, b: number): void {
    this.lastEventTime = this.engine.now;
    switch (kind) {
      case EventKind.arrival:
        this.arrivals.onArrival(a);
        break;
      case EventKind.traceArrival:
        this.arrivals.onTraceArrival(a);
        break;
      case EventKind.replyDone:
        this.replies.onReplyDone(a);
        break;
      case EventKind.customerMessage:
        if (this.isCurrent(a, b, ConvState.active)) this.replies.onCustomerMessage(a);
        break;
      case EventKind.idleClose:
        if (this.isCurrent(a, b, ConvState.active)) this.replies.onIdleClose(a);
        break;
      case EventKind.abandon:
        if (this.isCurrent(a, b, ConvState.waiting)) this.waiting.onAbandon(a);
        break;
      case EventKind.deflect:
        if (this.isCurrent(a, b, ConvState.waiting)) this.waiting.onDeflect(a);
        break;
      case EventKind.overflow:
        if (this.isCurrent(a, b, ConvState.waiting)) this.waiting.onOverflow(a);
        break;
      case EventKind.followUpCheck:
        if (this.isCurrent(a, b, ConvState.waiting)) this.arrivals.onFollowUpCheck(a);
        break;
      case EventKind.shift:
        this.roster.onShift(a, b);
        break;
      case EventKind.activation:
        this.roster.onActivation(a, b);
        break;
      case EventKind.standDown:
        this.roster.onStandDown(a, b);
        break;
      case EventKind.absenceDue:
        this.absences.onDue(a, b);
        break;
      case EventKind.absenceEnd:
        this.absences.onEnd(a, b);
        break;
    }
    if (this.engine.now >= this.horizon && this.conv.inFlight === 0) {
      this.done = true;
      this.engine.stop();
    }
  }

  /** True when a conversation event still applies: same generation, and the state it was meant for. */
  private isCurrent(slot: number, gen: number, state: number): boolean {
    return this.conv.gen[slot] === gen && this.conv.state[slot] === state;
  }
}

/**
 * Simulates replication `replication` of a scenario and returns what it
 * measured; `onProgress` hears of the simulated time reached as it goes.
 */
export function simulateReplication(
  scenario: Scenario,
  replication: number,
  onProgress?: (simulatedTime: number, events: number) => void,
): ReplicationResult {
  return new Simulation(scenario, replication).run(undefined, onProgress);
}
