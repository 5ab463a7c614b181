import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { Engine, type EventHandler } from '../../src/core/engine.js';

type Trace = [time: number, kind: number, a: number, b: number][];

/** A handler that records (now, kind, a, b) and optionally reacts. */
function recorder(engine: Engine, react?: (kind: number, a: number, b: number) => void): { trace: Trace; handler: EventHandler } {
  const trace: Trace = [];
  return {
    trace,
    handler: {
      handle(kind, a, b) {
        trace.push([engine.now, kind, a, b]);
        react?.(kind, a, b);
      },
    },
  };
}

describe('Engine: tiny traces', () => {
  it('processes events in time order with the clock at each event time', () => {
    const env = new Engine();
    const { trace, handler } = recorder(env);
    env.schedule(5, 1);
    env.schedule(2, 2, 7, 8);
    env.schedule(0, 3);
    env.scheduleAt(3.5, 4);
    expect(env.pending).toBe(4);
    env.run(handler);
    expect(trace).toEqual([
      [0, 3, 0, 0],
      [2, 2, 7, 8],
      [3.5, 4, 0, 0],
      [5, 1, 0, 0],
    ]);
    expect(env.now).toBe(5);
    expect(env.processed).toBe(4);
    expect(env.pending).toBe(0);
  });

  it('SimPy-style clock process: a handler rescheduling itself', () => {
    // env.process(clock(env, 'fast', 0.5)); env.process(clock(env, 'slow', 1)); env.run(until=2)
    const env = new Engine();
    const FAST = 1;
    const SLOW = 2;
    const { trace, handler } = recorder(env, (kind) => env.schedule(kind === FAST ? 0.5 : 1, kind));
    env.schedule(0, FAST);
    env.schedule(0, SLOW);
    env.run(handler, 2);
    expect(trace.map(([t, k]) => [t, k])).toEqual([
      [0, FAST],
      [0, SLOW],
      [0.5, FAST],
      // At t = 1 the slow tick was scheduled (at t = 0) before the fast one (at t = 0.5).
      [1, SLOW],
      [1, FAST],
      [1.5, FAST],
      [2, SLOW],
      [2, FAST],
    ]);
    expect(env.now).toBe(2);
    // The events at 2.5 and 3 remain pending.
    expect(env.pending).toBe(2);
  });

  it('delays are relative to the clock at scheduling time', () => {
    const env = new Engine();
    const { trace, handler } = recorder(env, (kind) => {
      if (kind === 1) env.schedule(3, 2);
      if (kind === 2) env.scheduleAt(env.now, 3); // same time, later sequence
    });
    env.schedule(4, 1);
    env.schedule(6, 9);
    env.run(handler);
    expect(trace.map(([t, k]) => [t, k])).toEqual([
      [4, 1],
      [6, 9],
      [7, 2],
      [7, 3],
    ]);
  });

  it('breaks ties by priority (smaller first), then by scheduling order', () => {
    const env = new Engine();
    const { trace, handler } = recorder(env);
    env.schedule(1, 10, 0, 0, 2);
    env.schedule(1, 11, 0, 0, 0);
    env.schedule(1, 12, 0, 0, 1);
    env.schedule(1, 13, 0, 0, 0);
    env.scheduleAt(1, 14, 0, 0, -1);
    env.schedule(1, 15, 0, 0, 2);
    env.schedule(0.5, 16, 0, 0, 99);
    env.run(handler);
    expect(trace.map(([, k]) => k)).toEqual([16, 14, 11, 13, 12, 10, 15]);
  });

  it('priority only breaks ties: an earlier event with a larger priority goes first', () => {
    const env = new Engine();
    const { trace, handler } = recorder(env);
    env.schedule(2, 1, 0, 0, 0);
    env.schedule(1, 2, 0, 0, 1000);
    env.run(handler);
    expect(trace.map(([, k]) => k)).toEqual([2, 1]);
  });

  it('an event scheduled during a tie with a smaller priority runs before the remaining tied events', () => {
    const env = new Engine();
    const { trace, handler } = recorder(env, (kind) => {
      if (kind === 1) env.schedule(0, 3, 0, 0, 0);
    });
    env.schedule(1, 1, 0, 0, 0);
    env.schedule(1, 2, 0, 0, 5);
    env.run(handler);
    expect(trace.map(([, k]) => k)).toEqual([1, 3, 2]);
  });

  it('passes integer payloads (including negative ones) through', () => {
    const env = new Engine();
    const { trace, handler } = recorder(env);
    env.schedule(1, 7, -3, 2 ** 31 - 1);
    env.run(handler);
    expect(trace).toEqual([[1, 7, -3, 2 ** 31 - 1]]);
  });
});

describe('Engine: until and stop', () => {
  it('run(until) handles events at exactly until and rests the clock at until', () => {
    const env = new Engine();
    const { trace, handler } = recorder(env);
    for (const t of [1, 2, 3]) env.scheduleAt(t, t);
    env.run(handler, 2);
    expect(trace.map(([t]) => t)).toEqual([1, 2]);
    expect(env.now).toBe(2);
    env.run(handler, 2.5);
    expect(trace.map(([t]) => t)).toEqual([1, 2]);
    expect(env.now).toBe(2.5);
    expect(env.pending).toBe(1);
    env.run(handler);
    expect(trace.map(([t]) => t)).toEqual([1, 2, 3]);
    expect(env.now).toBe(3);
  });

  it('run(until) with no events advances the clock to until', () => {
    const env = new Engine();
    const { handler } = recorder(env);
    env.run(handler, 10);
    expect(env.now).toBe(10);
    expect(env.processed).toBe(0);
  });

  it('run(until) with the next event past until leaves it pending and stops the clock at until', () => {
    const env = new Engine();
    const { trace, handler } = recorder(env);
    env.schedule(100, 1);
    env.run(handler, 60);
    expect(trace).toEqual([]);
    expect(env.now).toBe(60);
    // A delay scheduled now counts from until.
    env.schedule(10, 2);
    env.run(handler);
    expect(trace.map(([t, k]) => [t, k])).toEqual([
      [70, 2],
      [100, 1],
    ]);
  });

  it('run(until) never moves the clock backwards', () => {
    const env = new Engine();
    const { handler } = recorder(env);
    env.schedule(5, 1);
    env.run(handler);
    expect(env.now).toBe(5);
    env.run(handler, 3);
    expect(env.now).toBe(5);
  });

  it('run() without until leaves the clock at the last event', () => {
    const env = new Engine();
    const { handler } = recorder(env);
    env.schedule(4, 1);
    env.run(handler);
    expect(env.now).toBe(4);
  });

  it('stop() returns after the current event; run() resumes where it left', () => {
    const env = new Engine();
    const { trace, handler } = recorder(env, (kind) => {
      if (kind === 2) env.stop();
    });
    env.schedule(1, 1);
    env.schedule(2, 2);
    env.schedule(2, 3);
    env.schedule(5, 4);
    env.run(handler, 100);
    expect(trace.map(([, k]) => k)).toEqual([1, 2]);
    expect(env.now).toBe(2); // not moved to until
    expect(env.pending).toBe(2);
    env.run(handler, 100);
    expect(trace.map(([, k]) => k)).toEqual([1, 2, 3, 4]);
    expect(env.now).toBe(100);
  });

  it('stop() called before run() does not prevent the run', () => {
    const env = new Engine();
    const { trace, handler } = recorder(env);
    env.schedule(1, 1);
    env.stop();
    env.run(handler);
    expect(trace.length).toBe(1);
  });
});

describe('Engine: argument checks', () => {
  it.each([-1, -1e-9, -Infinity, NaN])('schedule(%s) throws a RangeError naming the value', (delay) => {
    const env = new Engine();
    expect(() => env.schedule(delay, 1)).toThrow(RangeError);
    expect(() => env.schedule(delay, 1)).toThrow(String(delay));
    expect(env.pending).toBe(0);
  });

  it('schedule(0) is allowed', () => {
    const env = new Engine();
    env.schedule(0, 1);
    expect(env.pending).toBe(1);
  });

  it('scheduleAt in the past throws a RangeError naming the time; at now is allowed', () => {
    const env = new Engine();
    const { handler } = recorder(env);
    env.run(handler, 10);
    expect(() => env.scheduleAt(9.5, 1)).toThrow(RangeError);
    expect(() => env.scheduleAt(9.5, 1)).toThrow('9.5');
    expect(() => env.scheduleAt(NaN, 1)).toThrow(RangeError);
    expect(env.pending).toBe(0);
    env.scheduleAt(10, 1);
    expect(env.pending).toBe(1);
  });

  it('a handler scheduling with a negative delay throws out of run()', () => {
    const env = new Engine();
    env.schedule(1, 1);
    expect(() => env.run({ handle: () => env.schedule(-5, 2) })).toThrow(/-5/);
  });
});

describe('Engine: properties', () => {
  interface Child {
    delay: number;
    prio: number;
  }
  const delayArb = fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 10 }), fc.double({ min: 0, max: 50, noNaN: true }));
  const childArb = fc.record({ delay: delayArb, prio: fc.integer({ min: -2, max: 2 }) });

  /**
   * Reference: a naive list simulation ordered by (time, priority, sequence).
   * Event number i (in scheduling order) schedules children[i] when handled.
   */
  function reference(initial: Child[], children: Child[][], limit: number): [number, number][] {
    const pending: { time: number; prio: number; seq: number; id: number }[] = [];
    let seq = 0;
    let now = 0;
    const out: [number, number][] = [];
    const add = (c: Child): void => {
      pending.push({ time: now + c.delay, prio: c.prio, seq, id: seq });
      seq++;
    };
    initial.forEach(add);
    while (pending.length > 0 && out.length < limit) {
      pending.sort((x, y) => x.time - y.time || x.prio - y.prio || x.seq - y.seq);
      const e = pending.shift()!;
      now = e.time;
      out.push([now, e.id]);
      for (const c of children[e.id % children.length] ?? []) add(c);
    }
    return out;
  }

  it('time never runs backwards and the order matches a reference (time, priority, sequence) sort', () => {
    fc.assert(
      fc.property(
        fc.array(childArb, { minLength: 1, maxLength: 10 }),
        fc.array(fc.array(childArb, { maxLength: 3 }), { minLength: 1, maxLength: 20 }),
        (initial, children) => {
          const limit = 300;
          const env = new Engine(16);
          let seq = 0;
          const got: [number, number][] = [];
          const add = (c: Child): void => {
            env.schedule(c.delay, 0, seq++, 0, c.prio);
          };
          initial.forEach(add);
          let last = -Infinity;
          env.run({
            handle(_kind, id) {
              expect(env.now).toBeGreaterThanOrEqual(last);
              last = env.now;
              got.push([env.now, id]);
              if (got.length >= limit) {
                env.stop();
                return;
              }
              for (const c of children[id % children.length]) add(c);
            },
          });
          expect(got).toEqual(reference(initial, children, limit));
          expect(env.processed).toBe(got.length);
        },
      ),
      { numRuns: 150 },
    );
  });
});
