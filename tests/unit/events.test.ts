import { describe, it, expect } from 'vitest';
import { Engine } from '../../src/core/engine.js';
import { EventKind, ModelEvents } from '../../src/model/events.js';

/** Runs the engine and returns what it dispatched, as [time, kind, a, b]. */
function drain(engine: Engine): [number, number, number, number][] {
  const seen: [number, number, number, number][] = [];
  engine.run({ handle: (kind, a, b) => void seen.push([engine.now, kind, a, b]) });
  return seen;
}

describe('the model event table', () => {
  it('gives every kind its own number, which is also its priority', () => {
    const numbers = Object.values(EventKind);
    expect(new Set(numbers).size).toBe(numbers.length);
    // Roster changes come before replies, replies before customers, new arrivals last
    // (a replayed trace's rows are arrivals too: numbered last, scheduled with the arrival priority).
    expect(EventKind.shift).toBeLessThan(EventKind.replyDone);
    expect(EventKind.replyDone).toBeLessThan(EventKind.customerMessage);
    expect(Math.max(...numbers.filter((k) => k !== EventKind.traceArrival))).toBe(EventKind.arrival);
    expect(EventKind.traceArrival).toBe(EventKind.arrival + 1);
  });

  it('schedules each kind with its payload, ties broken by the kind', () => {
    const engine = new Engine();
    const events = new ModelEvents(engine);
    // All at t = 5, scheduled in reverse priority order: they must come out by kind (a trace row as an arrival, in the order scheduled).
    events.traceArrivalAt(5, 1);
    events.arrivalAt(5, 2);
    events.conversationAt(5, EventKind.abandon, 11, 3);
    events.conversationIn(5, EventKind.customerMessage, 12, 4);
    events.replyDoneIn(5, 7);
    events.rosterAt(5, EventKind.activation, 1, -1);
    events.rosterIn(5, EventKind.shift, 0, 2);
    expect(drain(engine)).toEqual([
      [5, EventKind.shift, 0, 2],
      [5, EventKind.activation, 1, -1],
      [5, EventKind.replyDone, 7, 0],
      [5, EventKind.customerMessage, 12, 4],
      [5, EventKind.abandon, 11, 3],
      [5, EventKind.traceArrival, 1, 0],
      [5, EventKind.arrival, 2, 0],
    ]);
  });

  it('counts `in` from the current time and `at` as absolute', () => {
    const engine = new Engine();
    const events = new ModelEvents(engine);
    engine.scheduleAt(10, EventKind.arrival, 0, 0, EventKind.arrival);
    engine.run({
      handle: () => {
        events.replyDoneIn(1, 0);
        events.conversationAt(12, EventKind.overflow, 1, 1);
      },
    }, 10);
    expect(drain(engine).map(([t, kind]) => [t, kind])).toEqual([
      [11, EventKind.replyDone],
      [12, EventKind.overflow],
    ]);
  });
});
