import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { ClassQueues } from '../../src/model/queues.js';
import { ConversationStore, ConvState } from '../../src/model/conversations.js';

function walk(q: ClassQueues, store: ConversationStore, cls: number): number[] {
  const out: number[] = [];
  for (let s = q.head[cls]; s !== -1; s = store.next[s]) out.push(s);
  return out;
}

function walkBack(q: ClassQueues, store: ConversationStore, cls: number): number[] {
  const out: number[] = [];
  for (let s = q.tail[cls]; s !== -1; s = store.prev[s]) out.push(s);
  return out.reverse();
}

describe('ConversationStore', () => {
  it('hands out the lowest free slots first and bumps the generation on every reuse', () => {
    const store = new ConversationStore(4);
    expect([store.allocate(), store.allocate(), store.allocate()]).toEqual([0, 1, 2]);
    expect(store.inFlight).toBe(3);
    const gen1 = store.gen[1];
    store.state[1] = ConvState.active;
    store.release(1);
    expect(store.state[1]).toBe(ConvState.free);
    expect(store.inFlight).toBe(2);
    expect(store.allocate()).toBe(1);
    expect(store.gen[1]).toBe(gen1 + 1);
  });

  it('grows when full, keeping the data of slots in flight', () => {
    const store = new ConversationStore(2);
    const slots: number[] = [];
    for (let i = 0; i < 100; i++) {
      const s = store.allocate();
      store.arrival[s] = i * 1.5;
      store.keyA[s] = 0xffffffff - i;
      store.channel[s] = i % 3;
      slots.push(s);
    }
    expect(new Set(slots).size).toBe(100);
    expect(Math.max(...slots)).toBe(99);
    expect(store.inFlight).toBe(100);
    for (let i = 0; i < 100; i++) {
      expect(store.arrival[slots[i]]).toBe(i * 1.5);
      // Keys are held as signed words: the same 32 bits.
      expect(store.keyA[slots[i]] >>> 0).toBe(0xffffffff - i);
      expect(store.channel[slots[i]]).toBe(i % 3);
    }
  });

  it('property: slots in flight are distinct and a reused slot always has a new generation', () => {
    fc.assert(
      fc.property(fc.array(fc.boolean(), { maxLength: 300 }), (ops) => {
        const store = new ConversationStore(1);
        const live: number[] = [];
        const seen = new Map<number, Set<number>>();
        for (const alloc of ops) {
          if (alloc || live.length === 0) {
            const s = store.allocate();
            expect(live).not.toContain(s);
            live.push(s);
            const gens = seen.get(s) ?? new Set<number>();
            expect(gens.has(store.gen[s])).toBe(false);
            gens.add(store.gen[s]);
            seen.set(s, gens);
          } else {
            store.release(live.shift()!);
          }
          expect(store.inFlight).toBe(live.length);
        }
      }),
    );
  });
});

describe('ClassQueues', () => {
  it('is FIFO per class and supports removal from the middle, head and tail', () => {
    const store = new ConversationStore(16);
    const q = new ClassQueues(2, store);
    for (const s of [0, 1, 2, 3, 4]) q.push(0, s);
    q.push(1, 5);
    expect(walk(q, store, 0)).toEqual([0, 1, 2, 3, 4]);
    expect(walk(q, store, 1)).toEqual([5]);
    q.remove(0, 2);
    expect(walk(q, store, 0)).toEqual([0, 1, 3, 4]);
    q.remove(0, 0);
    expect(walk(q, store, 0)).toEqual([1, 3, 4]);
    q.remove(0, 4);
    expect(walk(q, store, 0)).toEqual([1, 3]);
    expect(walkBack(q, store, 0)).toEqual([1, 3]);
    expect(q.length[0]).toBe(2);
    q.remove(0, 1);
    q.remove(0, 3);
    expect(q.head[0]).toBe(-1);
    expect(q.tail[0]).toBe(-1);
    expect(q.length[0]).toBe(0);
    q.push(0, 7);
    expect(walk(q, store, 0)).toEqual([7]);
    expect(walk(q, store, 1)).toEqual([5]);
  });

  it('property: matches an array model under random push / remove', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.boolean(), fc.integer({ min: 0, max: 2 }), fc.nat()), { maxLength: 300 }),
        (ops) => {
          const store = new ConversationStore(8);
          const q = new ClassQueues(3, store);
          const model: number[][] = [[], [], []];
          const free: number[] = [];
          for (const [push, cls, pick] of ops) {
            if (push || model[cls].length === 0) {
              const s = free.length > 0 ? free.pop()! : store.allocate();
              q.push(cls, s);
              model[cls].push(s);
            } else {
              const s = model[cls][pick % model[cls].length];
              q.remove(cls, s);
              model[cls].splice(model[cls].indexOf(s), 1);
              free.push(s);
            }
            for (let c = 0; c < 3; c++) {
              expect(walk(q, store, c)).toEqual(model[c]);
              expect(walkBack(q, store, c)).toEqual(model[c]);
              expect(q.length[c]).toBe(model[c].length);
            }
            // The set of non-empty classes routing walks: exactly those with someone waiting.
            const filled = Array.from(q.nonEmpty.subarray(0, q.nonEmptyCount)).sort();
            expect(filled).toEqual([0, 1, 2].filter((c) => model[c].length > 0));
          }
        },
      ),
      { numRuns: 150 },
    );
  });
});
