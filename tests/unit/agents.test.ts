import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { AgentPool, AgentStatus, AvailabilityHeap } from '../../src/model/agents.js';

describe('AgentPool', () => {
  it('numbers agents contiguously per team, with each team concurrency', () => {
    const pool = new AgentPool([2, 0, 3], [1, 5, 4]);
    expect(pool.size).toBe(5);
    expect(Array.from(pool.team)).toEqual([0, 0, 2, 2, 2]);
    expect(Array.from(pool.concurrency)).toEqual([1, 1, 4, 4, 4]);
    expect(Array.from(pool.writing)).toEqual([-1, -1, -1, -1, -1]);
    expect(Array.from(pool.heapPos)).toEqual([-1, -1, -1, -1, -1]);
    expect(Array.from(pool.status)).toEqual(Array(5).fill(AgentStatus.off));
    expect(Array.from(pool.open)).toEqual([0, 0, 0, 0, 0]);
  });

  it('the reply ring is FIFO and returns -1 when empty', () => {
    const pool = new AgentPool([1], [3]);
    expect(pool.shiftReply(0)).toBe(-1);
    pool.pushReply(0, 10);
    pool.pushReply(0, 11);
    pool.pushReply(0, 12);
    expect(pool.shiftReply(0)).toBe(10);
    pool.pushReply(0, 13); // wraps around
    expect(pool.shiftReply(0)).toBe(11);
    expect(pool.shiftReply(0)).toBe(12);
    expect(pool.shiftReply(0)).toBe(13);
    expect(pool.shiftReply(0)).toBe(-1);
  });

  it('concurrency 1 holds exactly one pending reply at a time', () => {
    const pool = new AgentPool([2], [1]);
    for (let i = 0; i < 5; i++) {
      pool.pushReply(1, 100 + i);
      expect(pool.shiftReply(1)).toBe(100 + i);
      expect(pool.shiftReply(1)).toBe(-1);
    }
    expect(pool.shiftReply(0)).toBe(-1);
  });

  it('property: each agent ring behaves as an independent FIFO queue of at most `concurrency` items', () => {
    const teams = fc.array(fc.record({ size: fc.integer({ min: 0, max: 3 }), conc: fc.integer({ min: 1, max: 5 }) }), {
      minLength: 1,
      maxLength: 3,
    });
    fc.assert(
      fc.property(teams, fc.array(fc.tuple(fc.nat(), fc.boolean(), fc.integer({ min: 0, max: 1e6 })), { maxLength: 300 }), (ts, ops) => {
        const pool = new AgentPool(
          ts.map((t) => t.size),
          ts.map((t) => t.conc),
        );
        if (pool.size === 0) return;
        const ref: number[][] = Array.from({ length: pool.size }, () => []);
        for (const [pick, push, slot] of ops) {
          const agent = pick % pool.size;
          if (push && ref[agent].length < pool.concurrency[agent]) {
            pool.pushReply(agent, slot);
            ref[agent].push(slot);
          } else {
            expect(pool.shiftReply(agent)).toBe(ref[agent].length > 0 ? ref[agent].shift() : -1);
          }
        }
        for (let a = 0; a < pool.size; a++) {
          for (const slot of ref[a]) expect(pool.shiftReply(a)).toBe(slot);
          expect(pool.shiftReply(a)).toBe(-1);
        }
      }),
    );
  });

  describe('before', () => {
    const pool = new AgentPool([4], [3]);
    it('prefers fewer open conversations', () => {
      pool.open.set([1, 2, 1, 0]);
      pool.writing.fill(-1);
      pool.idleSince.set([50, 10, 50, 90]);
      expect(pool.before(0, 1)).toBe(true);
      expect(pool.before(1, 0)).toBe(false);
      expect(pool.before(3, 0)).toBe(true);
    });

    it('then an agent not writing over one writing', () => {
      pool.open.set([1, 1, 1, 1]);
      pool.writing.set([-1, 7, -1, -1]);
      pool.idleSince.set([500, 0, 0, 0]);
      expect(pool.before(0, 1)).toBe(true);
      expect(pool.before(1, 0)).toBe(false);
    });

    it('then the longest idle, then the lower id', () => {
      pool.open.set([1, 1, 1, 1]);
      pool.writing.set([-1, -1, 5, 6]);
      pool.idleSince.set([30, 20, 0, 0]);
      expect(pool.before(1, 0)).toBe(true);
      expect(pool.before(0, 1)).toBe(false);
      // Both writing: idleSince does not matter, the lower id wins.
      pool.idleSince.set([30, 20, 99, 1]);
      expect(pool.before(2, 3)).toBe(true);
      expect(pool.before(3, 2)).toBe(false);
      // Equal keys: lower id.
      pool.writing.fill(-1);
      pool.idleSince.fill(5);
      expect(pool.before(0, 3)).toBe(true);
      expect(pool.before(3, 0)).toBe(false);
      expect(pool.before(2, 2)).toBe(false);
    });
  });
});

describe('AvailabilityHeap', () => {
  /** The member that should be on top: the minimum under pool.before. */
  function best(pool: AgentPool, members: Iterable<number>): number {
    let top = -1;
    for (const m of members) if (top === -1 || pool.before(m, top)) top = m;
    return top;
  }

  it('starts empty', () => {
    const pool = new AgentPool([3], [2]);
    const heap = new AvailabilityHeap(3, pool);
    expect(heap.size).toBe(0);
    expect(heap.peek()).toBe(-1);
    expect(heap.has(0)).toBe(false);
  });

  it('keeps the preferred agent on top through insert, update and remove', () => {
    const pool = new AgentPool([4], [3]);
    const heap = new AvailabilityHeap(4, pool);
    pool.idleSince.set([40, 30, 20, 10]);
    for (let a = 0; a < 4; a++) heap.insert(a);
    expect(heap.size).toBe(4);
    expect(heap.peek()).toBe(3); // longest idle
    pool.open[3] = 1;
    heap.update(3);
    expect(heap.peek()).toBe(2);
    pool.writing[2] = 0;
    heap.update(2);
    expect(heap.peek()).toBe(1);
    heap.remove(1);
    expect(heap.has(1)).toBe(false);
    expect(pool.heapPos[1]).toBe(-1);
    expect(heap.peek()).toBe(0);
    pool.open[3] = 0;
    heap.update(3);
    expect(heap.peek()).toBe(3);
    heap.remove(3);
    heap.remove(0);
    expect(heap.peek()).toBe(2);
    heap.remove(2);
    expect(heap.size).toBe(0);
    expect(heap.peek()).toBe(-1);
  });

  it('property: random inserts, removes and key updates keep the top equal to the before-minimum of the members', () => {
    const N = 12;
    const op = fc.oneof(
      fc.record({ kind: fc.constant('insert' as const), agent: fc.integer({ min: 0, max: N - 1 }) }),
      fc.record({ kind: fc.constant('remove' as const), agent: fc.integer({ min: 0, max: N - 1 }) }),
      fc.record({
        kind: fc.constant('key' as const),
        agent: fc.integer({ min: 0, max: N - 1 }),
        open: fc.integer({ min: 0, max: 3 }),
        writing: fc.boolean(),
        idle: fc.integer({ min: 0, max: 5 }), // few values: many ties
      }),
    );
    fc.assert(
      fc.property(fc.array(op, { maxLength: 250 }), (ops) => {
        const pool = new AgentPool([N], [4]);
        const heap = new AvailabilityHeap(N, pool);
        const members = new Set<number>();
        for (const o of ops) {
          if (o.kind === 'insert') {
            if (members.has(o.agent)) continue;
            heap.insert(o.agent);
            members.add(o.agent);
          } else if (o.kind === 'remove') {
            if (!members.has(o.agent)) continue;
            heap.remove(o.agent);
            members.delete(o.agent);
          } else {
            pool.open[o.agent] = o.open;
            pool.writing[o.agent] = o.writing ? 1 : -1;
            pool.idleSince[o.agent] = o.idle;
            if (members.has(o.agent)) heap.update(o.agent);
          }
          expect(heap.size).toBe(members.size);
          expect(heap.peek()).toBe(best(pool, members));
          for (let a = 0; a < N; a++) expect(heap.has(a)).toBe(members.has(a));
          const positions = new Set([...members].map((m) => pool.heapPos[m]));
          expect(positions.size).toBe(members.size);
          for (const p of positions) expect(p).toBeLessThan(members.size);
        }
        // Draining by peek/remove yields the members in before-order.
        const drained: number[] = [];
        while (heap.size > 0) {
          const top = heap.peek();
          drained.push(top);
          heap.remove(top);
        }
        const sorted = [...members].sort((x, y) => (pool.before(x, y) ? -1 : pool.before(y, x) ? 1 : 0));
        expect(drained).toEqual(sorted);
      }),
      { numRuns: 300 },
    );
  });

  it('heaps of different teams share the pool without interfering', () => {
    const pool = new AgentPool([2, 2], [2, 2]);
    const h0 = new AvailabilityHeap(2, pool);
    const h1 = new AvailabilityHeap(2, pool);
    pool.idleSince.set([5, 1, 7, 3]);
    h0.insert(0);
    h0.insert(1);
    h1.insert(2);
    h1.insert(3);
    expect(h0.peek()).toBe(1);
    expect(h1.peek()).toBe(3);
    h1.remove(3);
    expect(h1.peek()).toBe(2);
    expect(h0.peek()).toBe(1);
    expect(h0.has(0)).toBe(true);
  });
});
