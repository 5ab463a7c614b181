import { describe, it, expect } from 'vitest';
import {
  erlangA,
  erlangAResponseWithin,
  erlangB,
  erlangC,
  erlangCMeanWait,
  erlangCResponseWithin,
  erlangCServiceLevel,
} from '../../src/theory/erlang.js';

/** Assert |actual - expected| <= half a unit in the last printed digit of `printed`. */
function expectPrinted(actual: number, printed: string): void {
  const decimals = printed.split('.')[1]?.length ?? 0;
  expect(Math.abs(actual - Number(printed))).toBeLessThanOrEqual(0.5 * 10 ** -decimals + 1e-12);
}

/** Composite Simpson's rule on [a, b] with n (even) panels. */
function simpson(f: (x: number) => number, a: number, b: number, n = 2000): number {
  const h = (b - a) / n;
  let s = f(a) + f(b);
  for (let i = 1; i < n; i++) s += (i % 2 === 1 ? 4 : 2) * f(a + i * h);
  return (s * h) / 3;
}

// Reference cases from docs/validation.md. Times in minutes.
const T20S = 20 / 60;

describe('erlangB', () => {
  it('matches the closed form for small N', () => {
    // B(1, A) = A / (1 + A); B(2, A) = (A^2/2) / (1 + A + A^2/2)
    expect(erlangB(1, 3)).toBeCloseTo(3 / 4, 14);
    expect(erlangB(2, 3)).toBeCloseTo(4.5 / 8.5, 14);
    expect(erlangB(0, 5)).toBe(1);
  });

  it('stays finite for large systems', () => {
    const b = erlangB(5000, 4900);
    expect(b).toBeGreaterThan(0);
    expect(b).toBeLessThan(1);
  });

  it('rejects bad inputs', () => {
    expect(() => erlangB(2.5, 1)).toThrow(RangeError);
    expect(() => erlangB(2, -1)).toThrow(RangeError);
  });
});

describe('Erlang C reference cases', () => {
  it('C1: lambda 100/30 min, AHT 3 min, N = 14', () => {
    expectPrinted(erlangC(14, 10), '0.1741');
    expectPrinted(erlangCServiceLevel(14, 10, 3, T20S), '0.888');
    expectPrinted(erlangCMeanWait(14, 10, 3), '0.1306');
  });

  it('C2: N = 15', () => {
    expectPrinted(erlangC(15, 10), '0.1020');
    expectPrinted(erlangCServiceLevel(15, 10, 3, T20S), '0.941');
  });

  it('C3: N = 11', () => {
    expectPrinted(erlangC(11, 10), '0.6821');
    expectPrinted(erlangCServiceLevel(11, 10, 3, T20S), '0.390');
  });

  it('C4: lambda 3.5/min, AHT 3 min, N = 13', () => {
    expectPrinted(erlangCMeanWait(13, 3.5 * 3, 3) * 60, '26.56');
    expectPrinted(erlangC(13, 3.5 * 3), '0.3688');
  });

  it('C5: lambda 100/h, N = 50, AHT 27 min', () => {
    const load = (100 / 60) * 27;
    expectPrinted(erlangC(50, load), '0.363864');
    expectPrinted(erlangCMeanWait(50, load, 27), '1.9649');
  });

  it('square-root staffing: exact Erlang C at R = 100, N = 110', () => {
    expectPrinted(erlangC(110, 100), '0.2370');
  });

  it('handles overload and edge cases', () => {
    expect(erlangC(10, 10)).toBe(1);
    expect(erlangC(10, 12)).toBe(1);
    expect(erlangCMeanWait(10, 10, 3)).toBe(Infinity);
    expect(erlangCServiceLevel(10, 12, 3, 1)).toBe(0);
    expect(erlangCResponseWithin(10, 12, 3, 1)).toBe(0);
    expect(erlangC(5, 0)).toBe(0);
    expect(erlangCServiceLevel(14, 10, 3, 0)).toBeCloseTo(1 - erlangC(14, 10), 15);
  });
});

describe('erlangCResponseWithin', () => {
  /** Direct numeric integration of P(W + S <= t). */
  function integrated(servers: number, load: number, aht: number, t: number): number {
    const c = erlangC(servers, load);
    const mu = 1 / aht;
    const a = (servers - load) / aht;
    const serviceCdf = (x: number): number => 1 - Math.exp(-mu * x);
    const delayed = simpson((w) => a * Math.exp(-a * w) * serviceCdf(t - w), 0, t);
    return (1 - c) * serviceCdf(t) + c * delayed;
  }

  it.each([
    [14, 10, 3, 1],
    [14, 10, 3, 5],
    [15, 10, 3, T20S],
    [50, 45, 27, 30],
    [11, 10, 3, 4], // a == mu: (N - A) / aht = 1 / aht
  ])('N=%s A=%s aht=%s t=%s agrees with numeric integration', (n, load, aht, t) => {
    expect(erlangCResponseWithin(n, load, aht, t)).toBeCloseTo(integrated(n, load, aht, t), 9);
  });

  it('is continuous around a == mu', () => {
    const at = erlangCResponseWithin(11, 10, 3, 4);
    expect(erlangCResponseWithin(11, 10 + 1e-9, 3, 4)).toBeCloseTo(at, 8);
    expect(erlangCResponseWithin(11, 10 - 1e-9, 3, 4)).toBeCloseTo(at, 8);
  });

  it('is 0 at t = 0 and tends to 1', () => {
    expect(erlangCResponseWithin(14, 10, 3, 0)).toBe(0);
    expect(erlangCResponseWithin(14, 10, 3, 200)).toBeCloseTo(1, 12);
  });
});

describe('Erlang A reference cases', () => {
  it('A1: C1 inputs, mean patience 5 min, N = 14, t = 20 s', () => {
    const r = erlangA({ arrivalRate: 100 / 30, aht: 3, servers: 14, patience: 5, t: T20S });
    expectPrinted(r.pWait, '0.14526');
    expectPrinted(r.pAbandon, '0.013984');
    expectPrinted(r.occupancy, '0.704297');
    expectPrinted(r.meanWaitAll, '0.069919');
    expectPrinted(r.serviceLevel ?? NaN, '0.916792');
  });

  // The reference "mean wait" for A2/A3 is the mean over ALL arrivals
  // (arrival to pickup or abandonment); the served-only mean is 9.18 s / 56.59 s.
  it('A2: C4 inputs, mean patience 5 min, N = 13', () => {
    const r = erlangA({ arrivalRate: 3.5, aht: 3, servers: 13, patience: 5 });
    expectPrinted(r.meanWaitAll * 60, '9.91');
    expect(r.serviceLevel).toBeUndefined();
  });

  it('A3: C4 inputs, mean patience 5 min, N = 9 (overloaded)', () => {
    const r = erlangA({ arrivalRate: 3.5, aht: 3, servers: 9, patience: 5 });
    expectPrinted(r.meanWaitAll * 60, '56.62');
    expect(r.meanWaitServed * 60).not.toBeCloseTo(56.62, 2);
  });
});

describe('erlangA consistency', () => {
  it('reduces to Erlang C when patience is infinite', () => {
    const r = erlangA({ arrivalRate: 100 / 30, aht: 3, servers: 14, patience: Infinity, t: T20S });
    expect(r.pAbandon).toBe(0);
    expect(r.pWait).toBeCloseTo(erlangC(14, 10), 10);
    expect(r.meanWaitAll).toBeCloseTo(erlangCMeanWait(14, 10, 3), 10);
    expect(r.meanWaitServed).toBeCloseTo(erlangCMeanWait(14, 10, 3), 10);
    expect(r.serviceLevel ?? NaN).toBeCloseTo(erlangCServiceLevel(14, 10, 3, T20S), 10);
  });

  it('approaches Erlang C when patience is very long', () => {
    const r = erlangA({ arrivalRate: 100 / 30, aht: 3, servers: 14, patience: 1e7, t: T20S });
    expect(r.pWait).toBeCloseTo(erlangC(14, 10), 5);
    expect(r.serviceLevel ?? NaN).toBeCloseTo(erlangCServiceLevel(14, 10, 3, T20S), 5);
  });

  it('service level rises from 1 - pWait at t = 0 to 1 - pAbandon', () => {
    const input = { arrivalRate: 100 / 30, aht: 3, servers: 14, patience: 5 };
    const r = erlangA({ ...input, t: 0 });
    expect(r.serviceLevel ?? NaN).toBeCloseTo(1 - r.pWait, 14);
    const late = erlangA({ ...input, t: 200 });
    expect(late.serviceLevel ?? NaN).toBeCloseTo(1 - r.pAbandon, 9);
  });

  it('meanWaitServed = integral of (1 - pAbandon - SL(t)) dt / (1 - pAbandon)', () => {
    // Independent check of the closed-form served-only mean against the
    // uniformized pickup-time distribution: E[W; served] = int (SL(inf) - SL(t)) dt.
    const input = { arrivalRate: 3.5, aht: 3, servers: 13, patience: 5 };
    const base = erlangA(input);
    const gap = (t: number): number => 1 - base.pAbandon - (erlangA({ ...input, t }).serviceLevel ?? NaN);
    const integral = simpson(gap, 0, 40, 400);
    expect(integral / (1 - base.pAbandon)).toBeCloseTo(base.meanWaitServed, 6);
  });

  it('works for large systems (log-space weights)', () => {
    const r = erlangA({ arrivalRate: 2000, aht: 1, servers: 1900, patience: 2, t: 0.3 });
    expect(Number.isFinite(r.pWait)).toBe(true);
    expect(r.occupancy).toBeLessThanOrEqual(1);
    // Heavily overloaded: the abandoned flow is roughly the excess arrivals.
    expect(r.pAbandon).toBeCloseTo(100 / 2000, 3);
    expect(r.serviceLevel ?? NaN).toBeGreaterThan(0);
    expect(r.serviceLevel ?? NaN).toBeLessThan(1 - r.pAbandon);
  });

  it('rejects infinite patience with load >= servers', () => {
    expect(() => erlangA({ arrivalRate: 3.5, aht: 3, servers: 9, patience: Infinity })).toThrow(RangeError);
  });
});

describe('erlangAResponseWithin', () => {
  const input = { arrivalRate: 100 / 30, aht: 3, servers: 14, patience: 5 };

  it('is Erlang C response time when patience is infinite', () => {
    for (const t of [0.5, 3, 10]) {
      expect(erlangAResponseWithin({ ...input, patience: Infinity, t })).toBeCloseTo(erlangCResponseWithin(14, 10, 3, t), 10);
    }
    expect(erlangAResponseWithin({ ...input, patience: 1e7, t: 3 })).toBeCloseTo(erlangCResponseWithin(14, 10, 3, 3), 5);
  });

  it.each([
    [input, 3],
    [input, 0.4],
    [{ arrivalRate: 3.5, aht: 3, servers: 9, patience: 5 }, 6], // overloaded: stable only by abandonment
  ])('equals the pickup-time distribution convolved with the handle time (%o, t=%s)', (inp, t) => {
    // P(W + S <= t) = int_0^t mu e^{-mu s} SL(t - s) ds, SL the (defective) pickup-time CDF of erlangA.
    const mu = 1 / inp.aht;
    const sl = (w: number): number => erlangA({ ...inp, t: w }).serviceLevel ?? NaN;
    const convolved = simpson((s) => mu * Math.exp(-mu * s) * sl(t - s), 0, t, 200);
    expect(erlangAResponseWithin({ ...inp, t })).toBeCloseTo(convolved, 6);
  });

  it('is 0 at t = 0, rises, and tends to the share served', () => {
    expect(erlangAResponseWithin({ ...input, t: 0 })).toBe(0);
    const values = [0.5, 1, 2, 4, 8].map((t) => erlangAResponseWithin({ ...input, t }));
    for (let i = 1; i < values.length; i++) expect(values[i]).toBeGreaterThan(values[i - 1]);
    expect(erlangAResponseWithin({ ...input, t: 200 })).toBeCloseTo(1 - erlangA(input).pAbandon, 9);
    // Done within t implies picked up within t.
    expect(erlangAResponseWithin({ ...input, t: 2 })).toBeLessThan(erlangA({ ...input, t: 2 }).serviceLevel ?? NaN);
  });

  it('leaves the pickup service level as it was', () => {
    expectPrinted(erlangA({ ...input, t: T20S }).serviceLevel ?? NaN, '0.916792');
  });
});
