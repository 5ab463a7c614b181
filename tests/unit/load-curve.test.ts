import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { createStream } from '../../src/core/rng.js';
import { ChannelLoad } from '../../src/model/load-curve.js';
import { surgeEnd, surgeWeight } from '../../src/scenario/surges.js';
import type { Channel, SentimentMix, Surge } from '../../src/scenario/types.js';

const H = 3600;
const DAY = 86400;

function channel(rate: number, profile: number[] | null = null, sentiment: SentimentMix = { negative: 0.2, neutral: 0.5, positive: 0.3 }): Channel {
  return {
    name: 'chat',
    rate,
    tracedRate: null,
    profile,
    sentiment,
    handleTime: { dist: 'exponential', mean: 60 },
    turns: { dist: 'constant', value: 1 },
    customerReplyDelay: null,
    idleTimeout: null,
    patience: null,
    tier: 0,
    brands: null,
    topics: null,
    welcome: false,
    selfService: null,
    followUp: null,
    surveyResponseRate: null,
  };
}

function surge(p: Partial<Surge> & { start: number; volume: number }): Surge {
  return { name: 's', rampUp: 0, duration: 0, rampDown: 0, channels: [0], sentiment: null, brands: null, topics: null, ...p };
}

/** 24 weights: 0.5 at night, 1.5 in the day (mean 1), with a distinct value at hour 8. */
const profile = Array.from({ length: 24 }, (_, h) => (h === 8 ? 2 : h >= 7 && h < 19 ? 1.5 : 0.5));

describe('surgeWeight', () => {
  const s = surge({ start: 1000, rampUp: 100, duration: 500, rampDown: 200, volume: 2 });

  it('is 0 before the start and after the ramp-down', () => {
    expect(surgeWeight(s, 0)).toBe(0);
    expect(surgeWeight(s, 999.999)).toBe(0);
    expect(surgeWeight(s, 1800)).toBe(0);
    expect(surgeWeight(s, 5000)).toBe(0);
    expect(surgeEnd(s)).toBe(1800);
  });

  it('ramps up linearly, holds 1 on the plateau, ramps down linearly', () => {
    expect(surgeWeight(s, 1000)).toBe(0);
    expect(surgeWeight(s, 1025)).toBeCloseTo(0.25, 12);
    expect(surgeWeight(s, 1050)).toBeCloseTo(0.5, 12);
    expect(surgeWeight(s, 1100)).toBe(1);
    expect(surgeWeight(s, 1350)).toBe(1);
    expect(surgeWeight(s, 1599.999)).toBe(1);
    expect(surgeWeight(s, 1600)).toBe(1);
    expect(surgeWeight(s, 1650)).toBeCloseTo(0.75, 12);
    expect(surgeWeight(s, 1700)).toBeCloseTo(0.5, 12);
    expect(surgeWeight(s, 1799)).toBeCloseTo(0.005, 12);
  });

  it('a surge without ramps is a step', () => {
    const step = surge({ start: 10, duration: 5, volume: 3 });
    expect(surgeWeight(step, 9.99)).toBe(0);
    expect(surgeWeight(step, 10)).toBe(1);
    expect(surgeWeight(step, 14.99)).toBe(1);
    expect(surgeWeight(step, 15)).toBe(0);
    expect(surgeEnd(step)).toBe(15);
  });

  it('property: stays in [0, 1], is 0 outside [start, end) and 1 on the plateau', () => {
    const arb = fc.record({
      start: fc.double({ min: 0, max: 1e5, noNaN: true }),
      rampUp: fc.oneof(fc.constant(0), fc.double({ min: 1e-3, max: 1e4, noNaN: true })),
      duration: fc.oneof(fc.constant(0), fc.double({ min: 1e-3, max: 1e4, noNaN: true })),
      rampDown: fc.oneof(fc.constant(0), fc.double({ min: 1e-3, max: 1e4, noNaN: true })),
    });
    fc.assert(
      fc.property(arb, fc.double({ min: -1e4, max: 2e5, noNaN: true }), (p, t) => {
        const s = surge({ ...p, volume: 2 });
        const w = surgeWeight(s, t);
        expect(w).toBeGreaterThanOrEqual(0);
        expect(w).toBeLessThanOrEqual(1);
        if (t < s.start || t >= surgeEnd(s)) expect(w).toBe(0);
        if (t >= s.start + s.rampUp && t < s.start + s.rampUp + s.duration) expect(w).toBe(1);
      }),
    );
  });
});

describe('ChannelLoad.rate', () => {
  it('is the baseline without profile or surges, and isConstant', () => {
    const load = new ChannelLoad(channel(0.05), 0, [], 0);
    expect(load.isConstant).toBe(true);
    for (const t of [0, 123, 5 * DAY]) expect(load.rate(t)).toBe(0.05);
    expect(load.maxRate).toBe(0.05);
  });

  it('multiplies by the weekday weight of the local day, from the weekday of t = 0', () => {
    const weekdays = [1.4, 1.2, 1, 1, 1, 0.8, 0.6]; // Monday first
    const load = new ChannelLoad({ ...channel(0.1), weekdays }, 0, [], 20 * H, 4); // t = 0 is Friday 20:00
    expect(load.isConstant).toBe(false);
    expect(load.rate(0)).toBeCloseTo(0.1 * 1, 12); // Friday
    expect(load.rate(4 * H - 1)).toBeCloseTo(0.1 * 1, 12); // Friday 23:59:59
    expect(load.rate(4 * H)).toBeCloseTo(0.1 * 0.8, 12); // Saturday 00:00
    expect(load.rate(4 * H + DAY)).toBeCloseTo(0.1 * 0.6, 12); // Sunday
    expect(load.rate(4 * H + 2 * DAY)).toBeCloseTo(0.1 * 1.4, 12); // Monday
    expect(load.rate(4 * H + 9 * DAY)).toBeCloseTo(0.1 * 1.4, 12); // Monday a week later
    expect(load.maxRate).toBeCloseTo(0.14, 12);
  });

  it('follows the hourly profile from the start time of day, wrapping at midnight', () => {
    const startsAt = 8 * H; // t = 0 is 08:00
    const load = new ChannelLoad(channel(0.1, profile), 0, [], startsAt);
    expect(load.isConstant).toBe(false);
    expect(load.rate(0)).toBeCloseTo(0.1 * 2, 12); // 08:00
    expect(load.rate(H - 1)).toBeCloseTo(0.1 * 2, 12); // 08:59:59
    expect(load.rate(H)).toBeCloseTo(0.1 * 1.5, 12); // 09:00
    expect(load.rate(11 * H)).toBeCloseTo(0.1 * 0.5, 12); // 19:00
    expect(load.rate(16 * H)).toBeCloseTo(0.1 * 0.5, 12); // 00:00 next day
    expect(load.rate(23 * H)).toBeCloseTo(0.1 * 1.5, 12); // 07:00 next day
    expect(load.rate(DAY)).toBeCloseTo(0.1 * 2, 12); // 08:00 next day
    expect(load.rate(3 * DAY + 30 * 60)).toBeCloseTo(0.1 * 2, 12);
    expect(load.maxRate).toBeCloseTo(0.2, 12);
  });

  it('a profile read at every hour of the day gives back the profile', () => {
    const load = new ChannelLoad(channel(1, profile), 0, [], 13 * H + 30 * 60);
    for (let h = 0; h < 24; h++) {
      // t such that startsAt + t falls at hh:45
      const t = (((h * H + 45 * 60 - (13 * H + 30 * 60)) % DAY) + DAY) % DAY;
      expect(load.rate(t)).toBe(profile[h]);
    }
  });

  it('multiplies by 1 + (volume - 1) x weight of a surge on the channel', () => {
    const s = surge({ start: 1000, rampUp: 100, duration: 500, rampDown: 100, volume: 1.6 });
    const load = new ChannelLoad(channel(0.5), 0, [s], 0);
    expect(load.isConstant).toBe(false);
    expect(load.rate(500)).toBeCloseTo(0.5, 12);
    expect(load.rate(1050)).toBeCloseTo(0.5 * 1.3, 12);
    expect(load.rate(1300)).toBeCloseTo(0.5 * 1.6, 12);
    expect(load.rate(1650)).toBeCloseTo(0.5 * 1.3, 12);
    expect(load.rate(2000)).toBeCloseTo(0.5, 12);
    expect(load.maxRate).toBeCloseTo(0.8, 12);
  });

  it('ignores surges on other channels', () => {
    const s = surge({ start: 0, duration: 1000, volume: 3, channels: [1, 2] });
    const load = new ChannelLoad(channel(0.5), 0, [s], 0);
    expect(load.isConstant).toBe(true);
    expect(load.rate(500)).toBe(0.5);
    expect(load.maxRate).toBe(0.5);
    const other = new ChannelLoad(channel(0.5), 2, [s], 0);
    expect(other.rate(500)).toBeCloseTo(1.5, 12);
  });

  it('overlapping surges add their extra volumes', () => {
    const a = surge({ start: 1000, duration: 1000, volume: 2 }); // +100% on [1000, 2000)
    const b = surge({ start: 1500, duration: 1500, volume: 1.5 }); // +50% on [1500, 3000)
    const load = new ChannelLoad(channel(1), 0, [a, b], 0);
    expect(load.rate(1200)).toBeCloseTo(2, 12);
    expect(load.rate(1600)).toBeCloseTo(2.5, 12); // 1 + 1 + 0.5, not 2 x 1.5
    expect(load.rate(2500)).toBeCloseTo(1.5, 12);
    expect(load.rate(3500)).toBeCloseTo(1, 12);
    expect(load.maxRate).toBeCloseTo(2.5, 12);
  });

  it('surges combine with the profile', () => {
    const s = surge({ start: 0, duration: 2 * H, volume: 3 });
    const load = new ChannelLoad(channel(0.1, profile), 0, [s], 8 * H);
    expect(load.rate(30 * 60)).toBeCloseTo(0.1 * 2 * 3, 12);
    expect(load.rate(90 * 60)).toBeCloseTo(0.1 * 1.5 * 3, 12);
    expect(load.rate(3 * H)).toBeCloseTo(0.1 * 1.5, 12);
    expect(load.maxRate).toBeCloseTo(0.1 * 2 * 3, 12);
  });

  it('a drop (volume < 1) lowers the rate, and overlapping drops never make it negative', () => {
    const a = surge({ start: 0, duration: 100, volume: 0.5 });
    const b = surge({ start: 50, duration: 100, volume: 0.3 });
    const load = new ChannelLoad(channel(2), 0, [a, b], 0);
    expect(load.rate(25)).toBeCloseTo(1, 12);
    expect(load.rate(75)).toBe(0); // 1 - 0.5 - 0.7 < 0: clamped
    expect(load.rate(125)).toBeCloseTo(0.6, 12);
    expect(load.maxRate).toBeGreaterThanOrEqual(2);
  });

  it('property: maxRate bounds the rate over a fine grid', () => {
    const surgeArb = fc.record({
      start: fc.integer({ min: 0, max: 2 * DAY }),
      rampUp: fc.integer({ min: 0, max: 4 * H }),
      duration: fc.integer({ min: 0, max: 6 * H }),
      rampDown: fc.integer({ min: 0, max: 4 * H }),
      volume: fc.double({ min: 0, max: 5, noNaN: true }),
      channels: fc.subarray([0, 1], { minLength: 1 }),
    });
    const profileArb = fc.option(fc.array(fc.double({ min: 0, max: 4, noNaN: true }), { minLength: 24, maxLength: 24 }), { nil: null });
    fc.assert(
      fc.property(
        fc.double({ min: 1e-4, max: 10, noNaN: true }),
        profileArb,
        fc.array(surgeArb, { maxLength: 4 }),
        fc.integer({ min: 0, max: DAY - 1 }),
        (rate, prof, surges, startsAt) => {
          const all = surges.map((s) => surge(s));
          const load = new ChannelLoad(channel(rate, prof), 0, all, startsAt);
          let peak = 0;
          let low = Infinity;
          for (let t = 0; t <= 3 * DAY; t += 120) {
            const r = load.rate(t);
            if (r < low) low = r;
            if (r > peak) peak = r;
          }
          expect(low).toBeGreaterThanOrEqual(0);
          for (const s of all) {
            // Check surge corners exactly too.
            for (const t of [s.start, s.start + s.rampUp, s.start + s.rampUp + s.duration, surgeEnd(s)]) {
              if (load.rate(t) > peak) peak = load.rate(t);
            }
          }
          expect(peak).toBeLessThanOrEqual(load.maxRate * (1 + 1e-12));
        },
      ),
      { numRuns: 60 },
    );
  });
});

describe('ChannelLoad.sentimentThresholds', () => {
  const base: SentimentMix = { negative: 0.2, neutral: 0.5, positive: 0.3 };
  const angry: SentimentMix = { negative: 0.6, neutral: 0.3, positive: 0.1 };
  const calm: SentimentMix = { negative: 0, neutral: 0.2, positive: 0.8 };
  const out = new Float64Array(2);

  it("is the channel's mix as cumulative thresholds without surges", () => {
    const load = new ChannelLoad(channel(1, null, base), 0, [], 0);
    load.sentimentThresholds(123, out);
    expect(out[0]).toBeCloseTo(0.2, 12);
    expect(out[1]).toBeCloseTo(0.7, 12);
  });

  it("blends toward the surge's mix by the surge weight", () => {
    const s = surge({ start: 100, rampUp: 100, duration: 100, rampDown: 100, volume: 2, sentiment: angry });
    const load = new ChannelLoad(channel(1, null, base), 0, [s], 0);
    load.sentimentThresholds(50, out);
    expect(Array.from(out)).toEqual([0.2, 0.7]);
    load.sentimentThresholds(150, out); // weight 0.5
    expect(out[0]).toBeCloseTo(0.4, 12);
    expect(out[1]).toBeCloseTo(0.4 + 0.4, 12);
    load.sentimentThresholds(250, out); // plateau
    expect(out[0]).toBeCloseTo(0.6, 12);
    expect(out[1]).toBeCloseTo(0.9, 12);
    load.sentimentThresholds(375, out); // weight 0.25
    expect(out[0]).toBeCloseTo(0.2 + 0.25 * 0.4, 12);
    expect(out[1] - out[0]).toBeCloseTo(0.5 + 0.25 * -0.2, 12);
    load.sentimentThresholds(400, out);
    expect(out[0]).toBeCloseTo(0.2, 12);
    expect(out[1]).toBeCloseTo(0.7, 12);
  });

  it('surges without a sentiment or on other channels leave the mix alone', () => {
    const volumeOnly = surge({ start: 0, duration: 1000, volume: 3 });
    const elsewhere = surge({ start: 0, duration: 1000, volume: 3, sentiment: angry, channels: [1] });
    const load = new ChannelLoad(channel(1, null, base), 0, [volumeOnly, elsewhere], 0);
    load.sentimentThresholds(500, out);
    expect(out[0]).toBeCloseTo(0.2, 12);
    expect(out[1]).toBeCloseTo(0.7, 12);
  });

  it('overlapping surges blend in declaration order', () => {
    const a = surge({ start: 0, duration: 1000, volume: 2, sentiment: angry });
    const b = surge({ start: 0, rampUp: 1000, duration: 1000, volume: 2, sentiment: calm });
    const load = new ChannelLoad(channel(1, null, base), 0, [a, b], 0);
    load.sentimentThresholds(500, out); // a at weight 1 -> angry; then b at weight 0.5 toward calm
    expect(out[0]).toBeCloseTo(0.6 + 0.5 * (0 - 0.6), 12);
    expect(out[1] - out[0]).toBeCloseTo(0.3 + 0.5 * (0.2 - 0.3), 12);
  });

  it('property: thresholds stay ordered inside [0, 1]', () => {
    const mixArb = fc
      .tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }))
      .map(([x, y]) => {
        const [lo, hi] = x <= y ? [x, y] : [y, x];
        return { negative: lo, neutral: hi - lo, positive: 1 - hi };
      });
    fc.assert(
      fc.property(
        mixArb,
        fc.array(fc.record({ start: fc.integer({ min: 0, max: 1000 }), rampUp: fc.integer({ min: 0, max: 500 }), sentiment: fc.option(mixArb, { nil: null }) }), {
          maxLength: 4,
        }),
        fc.integer({ min: 0, max: 3000 }),
        (mix, ss, t) => {
          const surges = ss.map((s) => surge({ ...s, duration: 500, rampDown: 300, volume: 2 }));
          const load = new ChannelLoad(channel(1, null, mix), 0, surges, 0);
          const o = new Float64Array(2);
          load.sentimentThresholds(t, o);
          expect(o[0]).toBeGreaterThanOrEqual(-1e-12);
          expect(o[1]).toBeGreaterThanOrEqual(o[0] - 1e-12);
          expect(o[1]).toBeLessThanOrEqual(1 + 1e-12);
        },
      ),
    );
  });
});

describe('ChannelLoad.nextArrival', () => {
  /** Arrivals of `runs` independent runs over [0, horizon), counted per bin of `bin` seconds, and the uniforms used. */
  function count(load: ChannelLoad, horizon: number, bin: number, runs: number) {
    const bins = new Float64Array(Math.ceil(horizon / bin));
    let draws = 0;
    let arrivals = 0;
    let late = 0;
    for (let r = 0; r < runs; r++) {
      const stream = createStream(7, r, 'arrivals/test');
      const u = { next: () => (draws++, stream.next()) };
      for (let t = load.nextArrival(0, horizon, u); t !== Infinity; t = load.nextArrival(t, horizon, u)) {
        if (!(t < horizon)) late++;
        bins[Math.floor(t / bin)]++;
        arrivals++;
      }
    }
    expect(late).toBe(0);
    return { bins, draws, arrivals };
  }

  /** The rate's integral over each bin (midpoint rule on 1 s steps). */
  function expected(load: ChannelLoad, horizon: number, bin: number): Float64Array {
    const out = new Float64Array(Math.ceil(horizon / bin));
    for (let t = 0; t < horizon; t++) out[Math.floor(t / bin)] += load.rate(t + 0.5);
    return out;
  }

  it('follows the rate through a profile, overlapping surges and a drop, hour by hour (per-segment bound)', () => {
    const surges = [
      surge({ start: 5 * H, rampUp: H, duration: 3 * H, rampDown: 2 * H, volume: 8 }),
      surge({ start: 7 * H + 600, duration: 2 * H, volume: 3 }),
      surge({ start: 20 * H, duration: 3 * H, volume: 0.2 }),
    ];
    const load = new ChannelLoad(channel(0.05, profile), 0, surges, 6 * H + 1234);
    const horizon = 2 * DAY;
    const runs = 20;
    const got = count(load, horizon, H, runs);
    const want = expected(load, horizon, H);
    for (let h = 0; h < want.length; h++) {
      const mean = want[h] * runs;
      // Poisson counts: within 4.5 standard deviations in every hour.
      expect(Math.abs(got.bins[h] - mean)).toBeLessThanOrEqual(4.5 * Math.sqrt(mean) + 1);
    }
    // Each segment's own bound: a bit over two uniforms per arrival, where the run's peak bound would take about 2 x peak / mean.
    const total = want.reduce((a, b) => a + b, 0) * runs;
    expect(got.arrivals).toBeGreaterThan(total * 0.97);
    expect(got.draws / got.arrivals).toBeLessThan(2.6);
    expect((2 * load.maxRate * horizon * runs) / total).toBeGreaterThan(8);
  });

  it('draws one uniform per arrival for a constant rate, and none for a zero rate', () => {
    const load = new ChannelLoad(channel(0.1), 0, [], 0);
    const got = count(load, DAY, DAY, 3);
    expect(got.draws).toBe(got.arrivals + 3);
    expect(Math.abs(got.arrivals - 3 * 0.1 * DAY)).toBeLessThan(4.5 * Math.sqrt(3 * 0.1 * DAY));
    const silent = new ChannelLoad(channel(0, profile), 0, [surge({ start: H, duration: H, volume: 5 })], 0);
    expect(count(silent, DAY, DAY, 1).arrivals).toBe(0);
  });

  it('is the same process wherever a run resumes: the draws depend only on the previous arrival', () => {
    const load = new ChannelLoad(channel(0.02, profile), 0, [surge({ start: 3 * H, rampUp: 600, duration: H, volume: 4 })], 0);
    const a = createStream(1, 0, 'x');
    const b = createStream(1, 0, 'x');
    let t = 0;
    let s = 0;
    for (let i = 0; i < 200 && t !== Infinity; i++) {
      t = load.nextArrival(t, DAY, a);
      s = load.nextArrival(s, DAY, b);
      expect(s).toBe(t);
    }
  });
});

describe('ChannelLoad: the rate inside a thinning segment', () => {
  /** The private pieces of the thinning loop, reached for this test only. */
  interface Segments {
    segmentBound(t: number): number;
    rateInSegment(t: number): number;
    segmentEnd: number;
  }

  it('property: anywhere in the segment of the last bound, the rate read from the segment is rate(t) to the bit', () => {
    const weekdays = [1, 1.2, 0.9, 1, 1.1, 0.4, 0.3];
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 6 * DAY, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.integer({ min: 0, max: DAY - 1 }),
        fc.boolean(),
        (t0, at, startsAt, withWeekdays) => {
          const surges = [surge({ start: 1.5 * DAY, volume: 1.5, rampUp: H, duration: 8 * H, rampDown: 3 * H }), surge({ start: 2.4 * DAY, volume: 1.63, rampUp: 1800, duration: 5 * H, rampDown: 3 * H })];
          const load = new ChannelLoad({ ...channel(0.02, profile), ...(withWeekdays ? { weekdays } : {}) }, 0, surges, startsAt, 3);
          const seg = load as unknown as Segments;
          seg.segmentBound(t0);
          const end = seg.segmentEnd;
          // A time in [t0, end), spread over the whole segment and up to its last representable time.
          const t = at === 1 ? end - Math.max(1e-9, end * Number.EPSILON) : t0 + at * (end - t0);
          if (!(t >= t0 && t < end)) return;
          expect(Object.is(seg.rateInSegment(t), load.rate(t))).toBe(true);
        },
      ),
      { numRuns: 400 },
    );
  });
});
