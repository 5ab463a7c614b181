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
 * event was meant for.
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

/**
 * Schedules the model's events with their payloads named, each at its
 * kind's priority. `in` takes a delay from now, `at` an absolute time (kept
 * apart because now + delay and a precomputed time can differ in the last
 * bit, and results must not depend on which is used).
 */
export class ModelEvents {
  constructor(private readonly engine: Engine) {}

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
    this.engine.schedule(delay, kind, slot, gen, kind);
  }

  /** Event `kind` of conversation `slot` (generation `gen`), at `time`. */
  conversationAt(time: number, kind: ConversationEvent, slot: number, gen: number): void {
    this.engine.scheduleAt(time, kind, slot, gen, kind);
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
