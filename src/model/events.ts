import type { Engine } from '../core/engine.js';

/**
 * The model's events. The engine carries an event as plain numbers
 * (kind, a, b), so scheduling allocates nothing; this table names what each
 * kind means and what its payload holds. A kind's number is also its
 * tie-break priority at equal times (smaller first): roster changes, then
 * absences, then replies, then what customers do, then new arrivals.
 *
 * | kind            | a       | b                                   | handled by |
 * |-----------------|---------|-------------------------------------|------------|
 * | shift           | team    | index of the schedule step starting | Roster     |
 * | activation      | team    | +1 a reason starts, -1 it ends      | Roster     |
 * | standDown       | team    | generation of the stand-down        | Roster     |
 * | absenceDue      | agent   | generation of the agent's absences  | Absences   |
 * | absenceEnd      | agent   | generation of the agent's absences  | Absences   |
 * | replyDone       | agent   | -                                   | Replies    |
 * | customerMessage | slot    | conversation generation             | Replies    |
 * | idleClose       | slot    | conversation generation             | Replies    |
 * | abandon         | slot    | conversation generation             | Waiting    |
 * | deflect         | slot    | conversation generation             | Waiting    |
 * | overflow        | slot    | conversation generation             | Waiting    |
 * | followUpCheck   | slot    | conversation generation             | Arrivals   |
 * | arrival         | channel | -                                   | Arrivals   |
 *
 * A conversation event is stale (and ignored) when the slot was reused
 * since (its generation moved on) or the conversation left the state the
 * event was meant for. The waiting timers (abandon, deflect, overflow,
 * followUpCheck) are cancelled when their conversation leaves its queue
 * ({@link ModelEvents.cancelWaitingTimers}), so they are rarely stale.
 */
export const EventKind = {
  shift: 0,
  activation: 1,
  standDown: 2,
  absenceDue: 3,
  absenceEnd: 4,
  replyDone: 5,
  customerMessage: 6,
  idleClose: 7,
  abandon: 8,
  deflect: 9,
  overflow: 10,
  followUpCheck: 11,
  arrival: 12,
  /** The next row of a replayed trace (a = the trace's index). */
  traceArrival: 13,
} as const;

/** The kinds whose payload is (conversation slot, generation). */
export type ConversationEvent =
  | typeof EventKind.customerMessage
  | typeof EventKind.idleClose
  | typeof EventKind.abandon
  | typeof EventKind.deflect
  | typeof EventKind.overflow
  | typeof EventKind.followUpCheck;

/** The kinds whose payload is (agent, generation of the agent's absences). */
export type AbsenceEvent = typeof EventKind.absenceDue | typeof EventKind.absenceEnd;

/** The kinds whose payload is (team, value). */
export type RosterEvent = typeof EventKind.shift | typeof EventKind.activation | typeof EventKind.standDown;

/** Waiting timers per conversation slot: abandon, deflect, overflow, followUpCheck (kinds 8 to 11). */
const WAITING_TIMERS = 4;

/**
 * Schedules the model's events with their payloads named, each at its
 * kind's priority. `in` takes a delay from now, `at` an absolute time (kept
 * apart because now + delay and a precomputed time can differ in the last
 * bit, and results must not depend on which is used).
 *
 * It keeps the engine's handle of each conversation's latest waiting timer
 * of each kind, so that a conversation leaving its queue cancels them
 * rather than leaving them in the heap to be skipped as stale (most waiting
 * conversations are picked up long before their patience runs out).
 */
export class ModelEvents {
  /**
   * Latest time of a cancelled timer (-Infinity: none). A run that would
   * have ended at a stale event ends there (see Simulation.run): cancelling
   * changes which events are handled, never a result.
   */
  latestCancelled = -Infinity;
  /** Handles of each slot's waiting timers, WAITING_TIMERS per slot (-1: none); grown with the slots. */
  private timers = new Int32Array(0);

  /**
   * `horizon`: timers due at or after it are never cancelled but left to
   * fire as stale events, because the first event after the horizon on an
   * empty system ends the run (and sets its end time).
   */
  constructor(private readonly engine: Engine, private readonly horizon = Infinity) {}

  /**
   * Cancels the pending waiting timers (abandon, deflect, overflow,
   * follow-up check) of conversation `slot`, generation `gen`, that are due
   * before the horizon: called when it leaves its queue, after which they
   * could only be stale.
   */
  cancelWaitingTimers(slot: number, gen: number): void {
    const timers = this.timers;
    const base = slot * WAITING_TIMERS;
    if (base >= timers.length) return;
    for (let j = 0; j < WAITING_TIMERS; j++) {
      const handle = timers[base + j];
      if (handle < 0) continue;
      timers[base + j] = -1;
      // NaN when the timer already fired (its handle may name another event since).
      const time = this.engine.pendingTime(handle, EventKind.abandon + j, slot, gen);
      if (time < this.horizon) {
        this.engine.cancel(handle);
        if (time > this.latestCancelled) this.latestCancelled = time;
      }
    }
  }

  /** Remembers the handle of a conversation event if it is a waiting timer. */
  private keep(kind: number, slot: number, handle: number): void {
    if (kind < EventKind.abandon || kind > EventKind.followUpCheck) return;
    const i = slot * WAITING_TIMERS + kind - EventKind.abandon;
    if (i >= this.timers.length) {
      const grown = new Int32Array(Math.max(1024, (slot + 1) * 2) * WAITING_TIMERS).fill(-1);
      grown.set(this.timers);
      this.timers = grown;
    }
    this.timers[i] = handle;
  }

  /** Channel `channel`'s next arrival, at `time`. */
  arrivalAt(time: number, channel: number): void {
    this.engine.scheduleAt(time, EventKind.arrival, channel, 0, EventKind.arrival);
  }

  /** Trace `trace`'s next row arrives at `time` (ordered among same-time events as a generated arrival). */
  traceArrivalAt(time: number, trace: number): void {
    this.engine.scheduleAt(time, EventKind.traceArrival, trace, 0, EventKind.arrival);
  }

  /** Agent `agent` finishes the reply it is writing, after `delay`. */
  replyDoneIn(delay: number, agent: number): void {
    this.engine.schedule(delay, EventKind.replyDone, agent, 0, EventKind.replyDone);
  }

  /** Event `kind` of conversation `slot` (generation `gen`), after `delay`. */
  conversationIn(delay: number, kind: ConversationEvent, slot: number, gen: number): void {
    this.keep(kind, slot, this.engine.schedule(delay, kind, slot, gen, kind));
  }

  /** Event `kind` of conversation `slot` (generation `gen`), at `time`. */
  conversationAt(time: number, kind: ConversationEvent, slot: number, gen: number): void {
    this.keep(kind, slot, this.engine.scheduleAt(time, kind, slot, gen, kind));
  }

  /** Roster event `kind` of team `team` with `value`, after `delay`. */
  rosterIn(delay: number, kind: RosterEvent, team: number, value: number): void {
    this.engine.schedule(delay, kind, team, value, kind);
  }

  /** Roster event `kind` of team `team` with `value`, at `time`. */
  rosterAt(time: number, kind: RosterEvent, team: number, value: number): void {
    this.engine.scheduleAt(time, kind, team, value, kind);
  }

  /** Absence event `kind` of agent `agent` (generation `gen` of its absences), at `time`. */
  absenceAt(time: number, kind: AbsenceEvent, agent: number, gen: number): void {
    this.engine.scheduleAt(time, kind, agent, gen, kind);
  }
}
