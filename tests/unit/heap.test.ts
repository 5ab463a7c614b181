import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { EventHeap } from '../../src/core/heap.js';

interface Ev {
  time: number;
  order: number;
  kind: number;
  a: number;
  b: number;
}

function popAll(heap: EventHeap): Ev[] {
  const out: Ev[] = [];
  while (heap.pop()) out.push({ time: heap.time, order: -1, kind: heap.kind, a: heap.a, b: heap.b });
  return out;
}

const byTimeOrder = (x: Ev, y: Ev): number => x.time - y.time || x.order - y.order;

/**
 * Pops `heap` and checks it against `ref` (its pending events, in any order):
 * false when both are empty, else the earliest reference event, which is
 * taken out of `ref` and whose payload the heap must expose.
 */
function popLikeReference<E extends Ev>(heap: EventHeap, ref: E[]): E | undefined {
  const got = heap.pop();
  if (ref.length === 0) {
    expect(got).toBe(false);
    return undefined;
  }
  ref.sort(byTimeOrder);
  const want = ref.shift()!;
  expect(got).toBe(true);
  expect([heap.time, heap.kind, heap.a, heap.b]).toEqual([want.time, want.kind, want.a, want.b]);
  return want;
}

describe('EventHeap', () => {
  it('starts empty', () => {
    const heap = new EventHeap();
    expect(heap.size).toBe(0);
    expect(heap.peekTime()).toBe(Infinity);
    expect(heap.pop()).toBe(false);
  });

  it('pops by time, then by order, exposing the payload of the popped event', () => {
    const heap = new EventHeap();
    // kind encodes the expected pop position.
    heap.push(5, 1, 4, 40, -40);
    heap.push(1, 9, 1, 10, -10);
    heap.push(5, 0, 3, 30, -30);
    heap.push(0, 7, 0, 0, 0);
    heap.push(1, 10, 2, 20, -20);
    heap.push(7.5, 0, 5, 50, -50);
    expect(heap.size).toBe(6);
    expect(heap.peekTime()).toBe(0);
    const popped = popAll(heap);
    expect(popped.map((e) => e.kind)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(popped.map((e) => e.time)).toEqual([0, 1, 1, 5, 5, 7.5]);
    expect(popped.map((e) => e.a)).toEqual([0, 10, 20, 30, 40, 50]);
    expect(popped.map((e) => e.b)).toEqual([0, -10, -20, -30, -40, -50]);
    expect(heap.size).toBe(0);
    expect(heap.pop()).toBe(false);
  });

  it('peekTime tracks the earliest pending event', () => {
    const heap = new EventHeap();
    heap.push(3, 0, 0, 0, 0);
    expect(heap.peekTime()).toBe(3);
    heap.push(2, 0, 0, 0, 0);
    expect(heap.peekTime()).toBe(2);
    heap.push(4, 0, 0, 0, 0);
    expect(heap.peekTime()).toBe(2);
    heap.pop();
    expect(heap.peekTime()).toBe(3);
    heap.pop();
    expect(heap.peekTime()).toBe(4);
    heap.pop();
    expect(heap.peekTime()).toBe(Infinity);
  });

  it('grows past its initial capacity without losing or reordering events', () => {
    const heap = new EventHeap(1); // rounded up to the minimum capacity
    const n = 5000;
    const evs: Ev[] = [];
    for (let i = 0; i < n; i++) {
      // A scrambled but deterministic permutation of times with many ties.
      const time = (i * 7919) % 613;
      const ev = { time, order: i, kind: i, a: i * 3 - 7000, b: 0 - i };
      evs.push(ev);
      heap.push(ev.time, ev.order, ev.kind, ev.a, ev.b);
      expect(heap.size).toBe(i + 1);
    }
    const popped = popAll(heap);
    const expected = [...evs].sort(byTimeOrder);
    expect(popped.length).toBe(n);
    expect(popped.map((e) => [e.time, e.kind, e.a, e.b])).toEqual(expected.map((e) => [e.time, e.kind, e.a, e.b]));
  });

  it('clear removes every pending event and the heap stays usable', () => {
    const heap = new EventHeap(16);
    for (let i = 0; i < 40; i++) heap.push(i, i, i, i, i);
    heap.clear();
    expect(heap.size).toBe(0);
    expect(heap.peekTime()).toBe(Infinity);
    expect(heap.pop()).toBe(false);
    heap.push(9, 0, 9, 0, 0);
    heap.push(3, 0, 3, 0, 0);
    expect(heap.size).toBe(2);
    expect(popAll(heap).map((e) => e.kind)).toEqual([3, 9]);
  });

  it('handles negative orders (negative priorities) as smaller', () => {
    const heap = new EventHeap();
    heap.push(1, 5, 2, 0, 0);
    heap.push(1, -(2 ** 40) + 3, 1, 0, 0);
    heap.push(1, -(2 ** 41), 0, 0, 0);
    expect(popAll(heap).map((e) => e.kind)).toEqual([0, 1, 2]);
  });

  it('property: interleaved pushes and pops pop in the order of a reference sort', () => {
    type Op = { push: true; time: number; prio: number } | { push: false };
    const op: fc.Arbitrary<Op> = fc.oneof(
      {
        arbitrary: fc.record({
          push: fc.constant(true as const),
          // Few distinct times so that ties are frequent.
          time: fc.oneof(fc.integer({ min: 0, max: 20 }), fc.double({ min: 0, max: 1e6, noNaN: true })),
          prio: fc.integer({ min: -3, max: 3 }),
        }),
        weight: 3,
      },
      { arbitrary: fc.constant({ push: false as const }), weight: 2 },
    );
    fc.assert(
      fc.property(fc.array(op, { maxLength: 400 }), fc.integer({ min: 1, max: 64 }), (ops, cap) => {
        const heap = new EventHeap(cap);
        const ref: Ev[] = [];
        let seq = 0;
        const drain = (): void => void popLikeReference(heap, ref);
        for (const o of ops) {
          if (o.push) {
            const order = o.prio * 2 ** 40 + seq;
            const ev = { time: o.time, order, kind: seq, a: seq + 1, b: 0 - seq };
            seq++;
            ref.push(ev);
            heap.push(ev.time, ev.order, ev.kind, ev.a, ev.b);
          } else {
            drain();
          }
          expect(heap.size).toBe(ref.length);
          expect(heap.peekTime()).toBe(ref.length === 0 ? Infinity : Math.min(...ref.map((e) => e.time)));
        }
        while (ref.length > 0) drain();
        expect(heap.pop()).toBe(false);
      }),
      { numRuns: 200 },
    );
  });

  it('property: with duplicate (time, order) keys the popped keys are still sorted', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 5 }), fc.integer({ min: 0, max: 3 })), { maxLength: 200 }),
        (pairs) => {
          const heap = new EventHeap(16);
          for (const [t, o] of pairs) heap.push(t, o, o, 0, 0);
          const got: [number, number][] = [];
          while (heap.pop()) got.push([heap.time, heap.kind]);
          const want = [...pairs].sort((x, y) => x[0] - y[0] || x[1] - y[1]);
          expect(got).toEqual(want);
        },
      ),
    );
  });

  it('removes an event by its handle, the others popping in order', () => {
    const heap = new EventHeap(16);
    const handles = [5, 1, 4, 2, 3].map((t) => heap.push(t, 0, t, t * 10, -t));
    expect(heap.holds(handles[2], 4, 40, -4)).toBe(true);
    expect(heap.timeOf(handles[2])).toBe(4);
    heap.remove(handles[2]);
    expect(heap.holds(handles[2], 4, 40, -4)).toBe(false);
    expect(heap.size).toBe(4);
    expect(popAll(heap).map((e) => e.kind)).toEqual([1, 2, 3, 5]);
  });

  it('removes any one event of any small heap, the rest popping sorted (the filler of the hole moves up or down)', () => {
    // Every removal position of heaps of 2 to 40 events with scrambled, often tied times:
    // some fillers are earlier than the hole's parent and must move up, others later than its children.
    let x = 12345;
    const next = (): number => (x = (x * 1103515245 + 12345) % 2147483648) % 30;
    for (let n = 2; n <= 40; n++) {
      for (let r = 0; r < n; r++) {
        const times = Array.from({ length: n }, next);
        const heap = new EventHeap(16);
        const handles = times.map((t, i) => heap.push(t, i, i, 0, 0));
        heap.remove(handles[r]);
        const want = times.map((t, i) => [t, i]).filter(([, i]) => i !== r).sort((p, q) => p[0] - q[0] || p[1] - q[1]);
        expect(popAll(heap).map((e) => [e.time, e.kind])).toEqual(want);
      }
    }
  });

  it('a handle kept after its event was popped does not hold a later event of another payload that reuses it', () => {
    const heap = new EventHeap(16);
    const h = heap.push(1, 0, 7, 70, 1);
    expect(heap.pop()).toBe(true);
    expect(heap.holds(h, 7, 70, 1)).toBe(false);
    const reused = heap.push(2, 1, 8, 80, 2);
    expect(reused).toBe(h); // freed handles are reused
    expect(heap.holds(h, 7, 70, 1)).toBe(false);
    expect(heap.holds(h, 8, 80, 2)).toBe(true);
    expect(heap.holds(-1, 8, 80, 2)).toBe(false);
    expect(heap.holds(999, 8, 80, 2)).toBe(false);
  });

  it('property: pushes, pops and removals by handle pop in the order of a reference sort', () => {
    type Op = { op: 'push'; time: number; prio: number } | { op: 'pop' } | { op: 'remove'; pick: number };
    const op: fc.Arbitrary<Op> = fc.oneof(
      {
        arbitrary: fc.record({
          op: fc.constant('push' as const),
          time: fc.oneof(fc.integer({ min: 0, max: 20 }), fc.double({ min: 0, max: 1e6, noNaN: true })),
          prio: fc.integer({ min: -3, max: 3 }),
        }),
        weight: 6,
      },
      // Fewer pops and removals than pushes, so the heap grows deep enough for a removal's hole to need its filler moved up.
      { arbitrary: fc.constant({ op: 'pop' as const }), weight: 1 },
      { arbitrary: fc.record({ op: fc.constant('remove' as const), pick: fc.nat() }), weight: 2 },
    );
    fc.assert(
      fc.property(fc.array(op, { maxLength: 500 }), fc.integer({ min: 1, max: 64 }), (ops, cap) => {
        const heap = new EventHeap(cap);
        // The reference: pending events with their handles; kind = a unique id.
        const ref: (Ev & { handle: number })[] = [];
        const gone: Ev[] = [];
        let seq = 0;
        const pop = (): void => {
          const want = popLikeReference(heap, ref);
          if (want) gone.push(want);
        };
        for (const o of ops) {
          if (o.op === 'push') {
            const ev = { time: o.time, order: o.prio * 2 ** 40 + seq, kind: seq, a: seq + 1, b: 0 - seq };
            seq++;
            const handle = heap.push(ev.time, ev.order, ev.kind, ev.a, ev.b);
            expect(ref.some((e) => e.handle === handle)).toBe(false); // a pending event's handle is never handed out again
            ref.push({ ...ev, handle });
          } else if (o.op === 'pop') {
            pop();
          } else if (ref.length > 0) {
            const [victim] = ref.splice(o.pick % ref.length, 1);
            expect(heap.holds(victim.handle, victim.kind, victim.a, victim.b)).toBe(true);
            expect(heap.timeOf(victim.handle)).toBe(victim.time);
            heap.remove(victim.handle);
            gone.push(victim);
          }
          expect(heap.size).toBe(ref.length);
          expect(heap.peekTime()).toBe(ref.length === 0 ? Infinity : Math.min(...ref.map((e) => e.time)));
          for (const e of ref) expect(heap.holds(e.handle, e.kind, e.a, e.b)).toBe(true);
        }
        // Every event that left (popped or removed) is held by no handle: kinds are unique.
        for (const e of gone) {
          for (let h = 0; h < seq; h++) expect(heap.holds(h, e.kind, e.a, e.b)).toBe(false);
        }
        while (ref.length > 0) pop();
        expect(heap.pop()).toBe(false);
      }),
      { numRuns: 200 },
    );
  });

  it('clear frees every handle', () => {
    const heap = new EventHeap(16);
    const h = heap.push(1, 0, 1, 2, 3);
    heap.clear();
    expect(heap.holds(h, 1, 2, 3)).toBe(false);
    const again = heap.push(4, 0, 5, 6, 7);
    expect(heap.holds(again, 5, 6, 7)).toBe(true);
    expect(popAll(heap).map((e) => e.kind)).toEqual([5]);
  });
});
