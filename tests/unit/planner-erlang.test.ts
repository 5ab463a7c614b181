/**
 * The planner's staffing functions (src/planner/erlang.ts) against the
 * reference cases of docs/validation.md (shared/reference/VALIDATION.md),
 * and their properties: rows monotone in agents, the answer the least
 * count that meets the target, shrinkage rounded up, Erlang A's patience.
 * Times in seconds, rates per second.
 */
import { describe, expect, it } from 'vitest';
import {
  erlangRow,
  erlangStaffing,
  erlangTable,
  meetsTarget,
  requiredAgents,
  rosteredAgents,
  UnreachableServiceLevel,
  type ErlangQuestion,
  type StaffingQuestion,
} from '../../src/planner/erlang.js';
import { erlangA, erlangC, erlangCResponseWithin } from '../../src/theory/erlang.js';

/** Assert |actual - expected| <= half a unit in the last printed digit of `printed`. */
function expectPrinted(actual: number, printed: string): void {
  const decimals = printed.split('.')[1]?.length ?? 0;
  expect(Math.abs(actual - Number(printed))).toBeLessThanOrEqual(0.5 * 10 ** -decimals + 1e-12);
}

/** C1-C3: 100 per 30 min, AHT 3 min (A = 10), t = 20 s. */
const C1: ErlangQuestion = { rate: 100 / 1800, aht: 180, target: 20 };
/** C4: 3.5/min, AHT 3 min. */
const C4: ErlangQuestion = { rate: 3.5 / 60, aht: 180, target: 20 };

describe('erlangRow: the reference cases', () => {
  it('C1: N = 14 — P(wait) 0.1741, SL(20 s) 0.888, occupancy 0.714, mean wait 0.1306 min', () => {
    const r = erlangRow(C1, 14);
    expect(r.agents).toBe(14);
    expectPrinted(r.pWait, '0.1741');
    expectPrinted(r.serviceLevel, '0.888');
    expectPrinted(r.occupancy, '0.714');
    expectPrinted(r.meanWait / 60, '0.1306');
    expect(r.abandonment).toBe(0);
  });

  it('C2 and C3: N = 15 and 11', () => {
    expectPrinted(erlangRow(C1, 15).pWait, '0.1020');
    expectPrinted(erlangRow(C1, 15).serviceLevel, '0.941');
    expectPrinted(erlangRow(C1, 11).pWait, '0.6821');
    expectPrinted(erlangRow(C1, 11).serviceLevel, '0.390');
  });

  it('C4 and C5: mean waits', () => {
    expectPrinted(erlangRow(C4, 13).meanWait, '26.56');
    expectPrinted(erlangRow(C4, 13).pWait, '0.3688');
    const c5 = erlangRow({ rate: 100 / 3600, aht: 27 * 60, target: 300 }, 50);
    expectPrinted(c5.pWait, '0.363864');
    expectPrinted(c5.meanWait / 60, '1.9649');
  });

  it('A1: C1 with mean patience 5 min, N = 14', () => {
    const r = erlangRow({ ...C1, patience: 300 }, 14);
    expectPrinted(r.pWait, '0.14526');
    expectPrinted(r.abandonment, '0.013984');
    expectPrinted(r.occupancy, '0.704297');
    expectPrinted(r.serviceLevel, '0.916792');
  });

  it('A2, A3: mean wait is over answered customers (the simulator\'s `wait`), not over all arrivals', () => {
    for (const agents of [13, 9]) {
      const r = erlangRow({ ...C4, patience: 300 }, agents);
      const theory = erlangA({ arrivalRate: C4.rate, aht: C4.aht, servers: agents, patience: 300 });
      expect(r.meanWait).toBeCloseTo(theory.meanWaitServed, 10);
    }
    expectPrinted(erlangA({ arrivalRate: C4.rate, aht: C4.aht, servers: 13, patience: 300 }).meanWaitAll, '9.91');
    expectPrinted(erlangRow({ ...C4, patience: 300 }, 13).meanWait, '9.18');
  });

  it("measure 'response': wait + handle time within the target (mmc-validation: 0.8002 within 5 min)", () => {
    const r = erlangRow({ ...C1, target: 300, measure: 'response' }, 14);
    expectPrinted(r.serviceLevel, '0.8002');
    expect(r.serviceLevel).toBe(erlangCResponseWithin(14, 10, 180, 300));
    // The same customers, a stricter measure: the response level is below the pickup level.
    expect(r.serviceLevel).toBeLessThan(erlangRow({ ...C1, target: 300 }, 14).serviceLevel);
    const a = erlangRow({ ...C1, target: 300, measure: 'response', patience: 300 }, 14);
    expect(a.serviceLevel).toBeLessThan(erlangRow({ ...C1, target: 300, patience: 300 }, 14).serviceLevel);
  });

  it('Erlang C at or above its capacity: nobody within target, everyone waits, forever', () => {
    expect(erlangRow(C1, 10)).toEqual({ agents: 10, serviceLevel: 0, pWait: 1, meanWait: Infinity, abandonment: 0, occupancy: 1 });
    expect(erlangRow(C1, 9).serviceLevel).toBe(0);
    // Erlang A is stable there: abandonment carries the excess.
    const a = erlangRow({ ...C1, patience: 300 }, 9);
    expect(a.serviceLevel).toBeGreaterThan(0);
    expect(a.abandonment).toBeGreaterThan(0.1);
    expect(a.occupancy).toBeLessThanOrEqual(1);
  });

  it('infinite patience is Erlang C', () => {
    expect(erlangRow({ ...C1, patience: Infinity }, 14)).toEqual(erlangRow(C1, 14));
  });

  it('rejects malformed questions', () => {
    expect(() => erlangRow(C1, 0)).toThrow(RangeError);
    expect(() => erlangRow(C1, 2.5)).toThrow(RangeError);
    expect(() => erlangRow({ ...C1, rate: 0 }, 14)).toThrow(RangeError);
    expect(() => erlangRow({ ...C1, aht: -1 }, 14)).toThrow(RangeError);
    expect(() => erlangRow({ ...C1, target: NaN }, 14)).toThrow(RangeError);
    expect(() => erlangRow({ ...C1, patience: 0 }, 14)).toThrow(RangeError);
  });
});

/** Questions over both models and both measures, light to heavy loads. */
const QUESTIONS: ErlangQuestion[] = [
  C1,
  { ...C1, patience: 300 },
  { ...C1, patience: 30 },
  { ...C1, target: 300, measure: 'response' },
  { ...C1, target: 300, measure: 'response', patience: 300 },
  C4,
  { ...C4, patience: 120 },
  { rate: 0.5 / 3600, aht: 600, target: 3600 },
  { rate: 2000 / 3600, aht: 240, target: 30, patience: 180 },
  { rate: 2000 / 3600, aht: 240, target: 7200, measure: 'response' },
];

describe('erlangTable', () => {
  it.each(QUESTIONS.map((q) => [q]))('rows are monotone in agents: %o', (q) => {
    const load = q.rate * q.aht;
    const rows = erlangTable(q, Math.max(1, Math.floor(load) - 3), Math.ceil(load * 1.5) + 6);
    expect(rows.map((r) => r.agents)).toEqual(rows.map((_, i) => rows[0].agents + i));
    for (let i = 1; i < rows.length; i++) {
      const [a, b] = [rows[i - 1], rows[i]];
      expect(b.serviceLevel).toBeGreaterThanOrEqual(a.serviceLevel - 1e-12);
      expect(b.pWait).toBeLessThanOrEqual(a.pWait + 1e-12);
      expect(b.meanWait).toBeLessThanOrEqual(a.meanWait);
      expect(b.abandonment).toBeLessThanOrEqual(a.abandonment + 1e-12);
      expect(b.occupancy).toBeLessThanOrEqual(a.occupancy + 1e-12);
    }
    // Strictly better somewhere: the table is not flat.
    expect(rows[rows.length - 1].serviceLevel).toBeGreaterThan(rows[0].serviceLevel);
  });

  it('rejects an empty range', () => {
    expect(() => erlangTable(C1, 12, 11)).toThrow(RangeError);
    expect(() => erlangTable(C1, 0, 11)).toThrow(RangeError);
    expect(erlangTable(C1, 12, 12)).toHaveLength(1);
  });
});

describe('requiredAgents', () => {
  /** The least count meeting the target, by walking up from one agent. */
  function linearAnswer(q: StaffingQuestion): number {
    for (let n = 1; ; n++) if (meetsTarget(q, erlangRow(q, n))) return n;
  }

  const cases: StaffingQuestion[] = QUESTIONS.flatMap((q) =>
    [0.5, 0.8, 0.95].filter((sl) => q.measure !== 'response' || sl < 1 - Math.exp(-q.target / q.aht)).map((sl) => ({ ...q, serviceLevel: sl })),
  );
  cases.push({ ...C1, serviceLevel: 0.8, maxOccupancy: 0.6 }, { ...C1, serviceLevel: 0.8, patience: 300, maxOccupancy: 0.5 });

  it.each(cases.map((q) => [q]))('is the least agent count that meets the target: %o', (q) => {
    const answer = requiredAgents(q);
    expect(meetsTarget(q, answer.row)).toBe(true);
    expect(answer.row).toEqual(erlangRow(q, answer.agents));
    if (answer.agents > 1) expect(meetsTarget(q, erlangRow(q, answer.agents - 1))).toBe(false);
    expect(answer.agents).toBe(linearAnswer(q));
  });

  it('C1 at 80% within 20 s needs 14 agents (C1 says 88.8% at 14; C3 39.0% at 11, 13 gives 79.6%)', () => {
    expect(requiredAgents({ ...C1, serviceLevel: 0.8 }).agents).toBe(14);
    expect(requiredAgents({ ...C1, serviceLevel: 0.95 }).agents).toBe(16);
    expect(requiredAgents({ ...C1, serviceLevel: 0.888 }).agents).toBe(14);
  });

  it('an unstable Erlang C load is never an answer: at least one agent above the offered load', () => {
    const heavy = { rate: 10.5 / 180, aht: 180, target: 3600 };
    expect(erlangRow(heavy, 11).serviceLevel).toBeGreaterThan(0.01);
    expect(requiredAgents({ ...heavy, serviceLevel: 0.01 }).agents).toBe(11);
    expect(requiredAgents({ ...C1, serviceLevel: 0 }).agents).toBe(11);
  });

  it('Erlang A may answer below the offered load: abandonment keeps the queue stable', () => {
    const answer = requiredAgents({ ...C4, patience: 120, serviceLevel: 0.3 });
    expect(answer.agents).toBeLessThan(10.5);
    expect(answer.row.abandonment).toBeGreaterThan(0);
  });

  it('patience reduces the agents needed (abandoners leave the queue shorter for the rest)', () => {
    for (const sl of [0.8, 0.9, 0.95]) {
      const c = requiredAgents({ ...C1, serviceLevel: sl }).agents;
      const a = requiredAgents({ ...C1, serviceLevel: sl, patience: 300 }).agents;
      expect(a).toBeLessThanOrEqual(c);
    }
    expect(requiredAgents({ ...C1, serviceLevel: 0.8, patience: 300 }).agents).toBe(13);
    expect(requiredAgents({ ...C1, serviceLevel: 0.8 }).agents).toBe(14);
    // Larger systems too: 200 Erlangs, 90% within 20 s.
    const big = { rate: 2000 / 3600, aht: 360, target: 20, serviceLevel: 0.9 };
    expect(requiredAgents({ ...big, patience: 180 }).agents).toBeLessThan(requiredAgents(big).agents);
  });

  it('more load, a higher level or a longer handle time never needs fewer agents', () => {
    let last = 0;
    for (const rate of [50, 100, 200, 400, 800]) {
      const n = requiredAgents({ ...C1, rate: rate / 3600, serviceLevel: 0.8 }).agents;
      expect(n).toBeGreaterThanOrEqual(last);
      last = n;
    }
    expect(requiredAgents({ ...C1, serviceLevel: 0.9 }).agents).toBeGreaterThanOrEqual(requiredAgents({ ...C1, serviceLevel: 0.8 }).agents);
    expect(requiredAgents({ ...C1, aht: 240, serviceLevel: 0.8 }).agents).toBeGreaterThanOrEqual(requiredAgents({ ...C1, serviceLevel: 0.8 }).agents);
  });

  it('an occupancy cap adds agents until load / agents is within it', () => {
    const capped = requiredAgents({ ...C1, serviceLevel: 0.8, maxOccupancy: 0.6 });
    expect(capped.agents).toBe(17); // 10 / 17 = 0.588; 10 / 16 = 0.625
    expect(capped.row.occupancy).toBeLessThanOrEqual(0.6);
    // An exact cap is met: 10 / 20 = 0.5.
    expect(requiredAgents({ ...C1, serviceLevel: 0.8, maxOccupancy: 0.5 }).agents).toBe(20);
  });

  it('rosters agents / (1 - shrinkage), rounded up, without the rounding error of doubles', () => {
    expect(rosteredAgents(14, 0.3)).toBe(20); // 14 / 0.7 = 20.000000000000004 in doubles
    expect(rosteredAgents(7, 0.3)).toBe(10);
    expect(rosteredAgents(13, 0.3)).toBe(19); // 18.57
    expect(rosteredAgents(10, 0)).toBe(10);
    expect(rosteredAgents(1, 0.5)).toBe(2);
    expect(rosteredAgents(21, 0.3)).toBe(30);
    expect(rosteredAgents(22, 0.3)).toBe(32); // 31.43
    expect(() => rosteredAgents(10, 1)).toThrow(RangeError);
    const answer = requiredAgents({ ...C1, serviceLevel: 0.8, shrinkage: 0.3 });
    expect(answer).toMatchObject({ agents: 14, rostered: 20 });
    expect(requiredAgents({ ...C1, serviceLevel: 0.8 }).rostered).toBe(14);
  });

  it('says when no team meets a response level: handle times alone cap it', () => {
    // 1 - exp(-5 / 3) = 0.811: no wait at all still leaves 18.9% of replies late.
    const q = { ...C1, target: 300, measure: 'response' as const };
    expect(requiredAgents({ ...q, serviceLevel: 0.8 }).agents).toBe(14);
    expect(() => requiredAgents({ ...q, serviceLevel: 0.82 })).toThrow(UnreachableServiceLevel);
    expect(() => requiredAgents({ ...q, serviceLevel: 0.82, patience: 300 })).toThrow(/unreachable/);
  });

  it('rejects levels, caps and shrinkage out of range', () => {
    expect(() => requiredAgents({ ...C1, serviceLevel: 1 })).toThrow(RangeError);
    expect(() => requiredAgents({ ...C1, serviceLevel: -0.1 })).toThrow(RangeError);
    expect(() => requiredAgents({ ...C1, serviceLevel: 0.8, maxOccupancy: 0 })).toThrow(RangeError);
    expect(() => requiredAgents({ ...C1, serviceLevel: 0.8, shrinkage: 1 })).toThrow(RangeError);
  });
});

describe('erlangStaffing', () => {
  it('tabulates a few agents either side of the answer, never at or below an Erlang C load', () => {
    const s = erlangStaffing({ ...C1, serviceLevel: 0.8 });
    expect(s.agents).toBe(14);
    expect(s.table.map((r) => r.agents)).toEqual([11, 12, 13, 14, 15, 16, 17, 18]);
    const a = erlangStaffing({ ...C1, serviceLevel: 0.8, patience: 300 });
    expect(a.table.map((r) => r.agents)).toEqual([9, 10, 11, 12, 13, 14, 15, 16, 17]);
    expect(erlangStaffing({ ...C1, serviceLevel: 0.8 }, { from: 5, to: 7 }).table.map((r) => r.pWait)).toEqual([1, 1, 1]);
  });

  it('its answer row is the table row of the same count', () => {
    const s = erlangStaffing({ ...C1, serviceLevel: 0.9, patience: 300 });
    expect(s.table.find((r) => r.agents === s.agents)).toEqual(s.row);
    expect(erlangC(s.agents, 10)).toBeGreaterThan(s.row.pWait); // patience shortens the queue
  });
});
