import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { Field, FIELD_COUNT, TeamField, TEAM_FIELD_COUNT } from '../../src/metrics/fields.js';
import { Recorder, type ClassScopes, type ScopeLayout } from '../../src/metrics/recorder.js';
import { Extreme, EXTREME_COUNT, Scopes } from '../../src/metrics/scopes.js';
import { bucketOf, HISTOGRAM_BUCKETS } from '../../src/metrics/histogram.js';

/** Classes of `channels` x `tiers` conversations without a brand: class = channel * tiers + tier. */
function classesOf(channels: number, tiers: number, brand = -1): ClassScopes {
  const n = channels * tiers;
  return {
    channel: Int32Array.from({ length: n }, (_, c) => Math.floor(c / tiers)),
    tier: Int32Array.from({ length: n }, (_, c) => c % tiers),
    brand: new Int32Array(n).fill(brand),
  };
}
/** The class of (channel, tier) in a 2 x 2 layout. */
const cls = (channel: number, tier: number): number => channel * 2 + tier;

// Scopes: 0 overall, 1..2 channels, 3..4 tiers. Window [100, 1000), bins of 300 s (the last one cut at 1000).
const layout: ScopeLayout = {
  channels: 2, tiers: 2, brands: 0, teams: 2, classes: classesOf(2, 2), from: 100, to: 1000, horizon: 1000, interval: 300, answeredWithin: 7200,
};
const scopes = new Scopes(layout.channels, layout.tiers);
// The recorder is told channel and tier indexes; these are the scopes they count in.
const CH = [scopes.channel(0), scopes.channel(1)];
const TIER = [scopes.tier(0), scopes.tier(1)];

const field = (r: Recorder, scope: number, f: number): number => r.fields[scope * FIELD_COUNT + f];
const team = (r: Recorder, t: number, f: number): number => r.teams[t * TEAM_FIELD_COUNT + f];

describe('Recorder: layout and bins', () => {
  it('sizes its arrays from the layout', () => {
    const r = new Recorder(layout);
    expect(r.bins).toBe(4);
    expect(r.fields.length).toBe(5 * FIELD_COUNT);
    expect(r.waitHist.length).toBe(5 * HISTOGRAM_BUCKETS);
    expect(r.firstResponseHist.length).toBe(5 * HISTOGRAM_BUCKETS);
    expect(r.teams.length).toBe(2 * TEAM_FIELD_COUNT);
    expect(r.series.arrivals.length).toBe(4 * 2);
    expect(r.series.backlogArea.length).toBe(4 * 2);
    expect(r.series.onShiftArea.length).toBe(4 * 2); // bins x teams
    expect(r.series.slaHits.length).toBe(4 * 2); // bins x tiers
    expect(r.series.negative.length).toBe(4 * 2); // bins x channels
  });

  it('has at least one bin', () => {
    expect(new Recorder({ ...layout, horizon: 0 }).bins).toBe(1);
    expect(new Recorder({ ...layout, horizon: 900 }).bins).toBe(3);
    expect(new Recorder({ ...layout, horizon: 901 }).bins).toBe(4);
  });

  it('binOf maps times to intervals and clamps at the last bin', () => {
    const r = new Recorder(layout);
    expect(r.binOf(0)).toBe(0);
    expect(r.binOf(299.999)).toBe(0);
    expect(r.binOf(300)).toBe(1);
    expect(r.binOf(899)).toBe(2);
    expect(r.binOf(900)).toBe(3);
    expect(r.binOf(999.99)).toBe(3);
    expect(r.binOf(1000)).toBe(3);
    expect(r.binOf(1e9)).toBe(3);
  });
});

describe('Recorder: counting', () => {
  it('arrivals before warmup count in the series but not in the fields', () => {
    const r = new Recorder(layout);
    r.arrival(50, cls(0, 0), true, 0);
    r.arrival(150, cls(1, 1), false, 1);
    r.arrival(160, cls(1, 0), true, 1);
    r.arrival(950, cls(0, 1), false, 1);
    const a = r.series.arrivals;
    // bins x channels
    expect(Array.from(a)).toEqual([1, 2, 0, 0, 0, 0, 1, 0]);
    // bin 0: one negative on channel 0 (t=50), one on channel 1 (t=160)
    expect(Array.from(r.series.negative)).toEqual([1, 1, 0, 0, 0, 0, 0, 0]);
    expect(field(r, 0, Field.arrivals)).toBe(3);
    expect(field(r, CH[0], Field.arrivals)).toBe(1);
    expect(field(r, CH[1], Field.arrivals)).toBe(2);
    expect(field(r, TIER[0], Field.arrivals)).toBe(1);
    expect(field(r, TIER[1], Field.arrivals)).toBe(2);
    expect(field(r, 0, Field.negativeArrivals)).toBe(1);
    expect(field(r, CH[1], Field.negativeArrivals)).toBe(1);
    expect(field(r, TIER[0], Field.negativeArrivals)).toBe(1);
    expect(field(r, CH[0], Field.negativeArrivals)).toBe(0);
  });

  it('pickup counts hits at or under the target, sums waits and fills the wait histograms', () => {
    const r = new Recorder(layout);
    r.pickup(cls(0, 0), 1, 30, 30, 1); // exactly on target: a hit
    r.pickup(cls(0, 1), 0, 31, 30, 1); // a miss
    r.pickup(cls(1, 0), 0, 0, 30, 1); // zero wait: a hit, bucket 0
    r.pickup(cls(1, 0), 0, 5, 30, 0); // unmeasured: ignored
    expect(field(r, 0, Field.answered)).toBe(3);
    expect(field(r, 0, Field.pickupHits)).toBe(2);
    expect(field(r, 0, Field.waitSum)).toBe(61);
    expect(field(r, 0, Field.waitAllSum)).toBe(61);
    expect(field(r, CH[0], Field.answered)).toBe(2);
    expect(field(r, CH[0], Field.pickupHits)).toBe(1);
    expect(field(r, TIER[0], Field.pickupHits)).toBe(2);
    expect(field(r, TIER[1], Field.pickupHits)).toBe(0);
    expect(team(r, 0, TeamField.handled)).toBe(2);
    expect(team(r, 1, TeamField.handled)).toBe(1);
    const h = r.waitHist;
    expect(h[bucketOf(30)]).toBe(1);
    expect(h[bucketOf(31)]).toBe(1);
    expect(h[0]).toBe(1);
    expect(h.reduce((s, x) => s + x, 0)).toBe(3 * 3); // overall + channel + tier
    expect(h[CH[1] * HISTOGRAM_BUCKETS + 0]).toBe(1);
    expect(h[TIER[1] * HISTOGRAM_BUCKETS + bucketOf(31)]).toBe(1);
    // Nothing in the first-response histogram.
    expect(r.firstResponseHist.reduce((s, x) => s + x, 0)).toBe(0);
  });

  it('abandon counts and adds the time waited to waitAllSum only', () => {
    const r = new Recorder(layout);
    r.abandon(cls(0, 1), 40, 1);
    r.abandon(cls(0, 1), 99, 0);
    r.pickup(cls(0, 1), 0, 10, 30, 1);
    expect(field(r, 0, Field.abandoned)).toBe(1);
    expect(field(r, CH[0], Field.abandoned)).toBe(1);
    expect(field(r, TIER[1], Field.abandoned)).toBe(1);
    expect(field(r, 0, Field.waitSum)).toBe(10);
    expect(field(r, 0, Field.waitAllSum)).toBe(50);
  });

  it('firstReply counts hits (at or under target) in fields when measured and in the series by arrival bin always', () => {
    const r = new Recorder(layout);
    r.firstReply(cls(0, 0), 50, 20, 60, 0); // unmeasured hit: series only
    r.firstReply(cls(0, 0), 350, 60, 60, 1); // hit on the target
    r.firstReply(cls(1, 1), 360, 61, 60, 1); // miss
    r.firstReply(cls(1, 0), 990, 500, 600, 1); // hit, arrival in last bin
    // bins x tiers: [bin0 tier0, bin0 tier1, bin1 tier0, ...]
    expect(Array.from(r.series.slaHits)).toEqual([1, 0, 1, 0, 0, 0, 1, 0]);
    expect(field(r, 0, Field.firstReplies)).toBe(3);
    expect(field(r, 0, Field.slaHits)).toBe(2);
    expect(field(r, 0, Field.firstResponseSum)).toBe(621);
    expect(field(r, CH[1], Field.slaHits)).toBe(1);
    expect(field(r, TIER[0], Field.slaHits)).toBe(2);
    expect(field(r, TIER[1], Field.slaHits)).toBe(0);
    expect(r.firstResponseHist[bucketOf(61)]).toBe(1);
    expect(r.firstResponseHist[TIER[0] * HISTOGRAM_BUCKETS + bucketOf(500)]).toBe(1);
    expect(r.firstResponseHist.reduce((s, x) => s + x, 0)).toBe(9);
  });

  it('nextReply counts measured replies only', () => {
    const r = new Recorder(layout);
    r.nextReply(cls(0, 0), 12, 1);
    r.nextReply(cls(0, 0), 8, 1);
    r.nextReply(cls(0, 0), 1000, 0);
    expect(field(r, 0, Field.nextReplies)).toBe(2);
    expect(field(r, CH[0], Field.nextResponseSum)).toBe(20);
    expect(field(r, TIER[0], Field.nextResponseSum)).toBe(20);
  });

  it('unanswered counts into the three scopes', () => {
    const r = new Recorder(layout);
    r.unanswered(cls(1, 1), 1);
    expect(field(r, 0, Field.unanswered)).toBe(1);
    expect(field(r, CH[1], Field.unanswered)).toBe(1);
    expect(field(r, TIER[1], Field.unanswered)).toBe(1);
    expect(field(r, CH[0], Field.unanswered)).toBe(0);
  });
});

describe('Recorder: time integrals', () => {
  it('backlogArea integrates the number waiting over the window and the series over [0, horizon)', () => {
    const r = new Recorder(layout);
    r.waitingChanged(50, cls(0, 0), +1);
    r.waitingChanged(150, cls(1, 0), +1);
    r.waitingChanged(250, cls(0, 1), +1);
    r.waitingChanged(400, cls(0, 0), -1);
    r.waitingChanged(950, cls(1, 0), +1);
    r.finish(1200);
    // overall: 1 on [50,150), 2 on [150,250), 3 on [250,400), 2 on [400,950), 3 after.
    expect(field(r, 0, Field.backlogArea)).toBeCloseTo(50 + 200 + 450 + 1100 + 150, 9);
    expect(field(r, CH[0], Field.backlogArea)).toBeCloseTo(150 + 300 + 600, 9);
    expect(field(r, CH[1], Field.backlogArea)).toBeCloseTo(800 + 100, 9);
    expect(field(r, TIER[0], Field.backlogArea)).toBeCloseTo(50 + 500 + 550 + 100, 9);
    expect(field(r, TIER[1], Field.backlogArea)).toBeCloseTo(750, 9);
    // series: bins x tiers, including the time before warmup, cut at the horizon.
    const s = Array.from(r.series.backlogArea);
    const tier0 = [s[0], s[2], s[4], s[6]];
    const tier1 = [s[1], s[3], s[5], s[7]];
    expect(tier0.map((x) => Math.round(x * 1e6) / 1e6)).toEqual([400, 400, 300, 150]);
    expect(tier1.map((x) => Math.round(x * 1e6) / 1e6)).toEqual([50, 300, 300, 100]);
  });

  it('backlog entirely before warmup or after the horizon adds nothing to the fields', () => {
    const r = new Recorder(layout);
    r.waitingChanged(10, cls(0, 0), +2);
    r.waitingChanged(90, cls(0, 0), -2);
    r.waitingChanged(1000, cls(1, 1), +1);
    r.finish(2000);
    for (let s = 0; s < 5; s++) expect(field(r, s, Field.backlogArea)).toBe(0);
    // Series: only the pre-warmup part is in bin 0 of tier 0.
    expect(Array.from(r.series.backlogArea)).toEqual([160, 0, 0, 0, 0, 0, 0, 0]);
  });

  it('waitingChanged at the same instant twice does not double count', () => {
    const r = new Recorder(layout);
    r.waitingChanged(200, cls(0, 0), +1);
    r.waitingChanged(200, cls(0, 0), +1);
    r.waitingChanged(500, cls(0, 0), -1);
    r.waitingChanged(500, cls(0, 0), -1);
    r.finish(1000);
    expect(field(r, 0, Field.backlogArea)).toBeCloseTo(600, 9);
  });

  it('property: backlogArea matches a reference integral and scopes add up', () => {
    const step = fc.record({
      dt: fc.double({ min: 0, max: 200, noNaN: true }),
      ch: fc.integer({ min: 0, max: 1 }),
      tier: fc.integer({ min: 0, max: 1 }),
      up: fc.boolean(),
    });
    fc.assert(
      fc.property(fc.array(step, { maxLength: 60 }), fc.double({ min: 0, max: 500, noNaN: true }), (steps, tail) => {
        const r = new Recorder(layout);
        const n = new Map<string, number>(); // waiting per (ch, tier)
        const events: { t: number; ch: number; tier: number; delta: number }[] = [];
        let t = 0;
        for (const s of steps) {
          t += s.dt;
          const key = `${s.ch}/${s.tier}`;
          const cur = n.get(key) ?? 0;
          const delta = s.up || cur === 0 ? 1 : -1;
          n.set(key, cur + delta);
          events.push({ t, ch: s.ch, tier: s.tier, delta });
          r.waitingChanged(t, cls(s.ch, s.tier), delta);
        }
        const end = t + tail;
        r.finish(end);
        // Reference: integrate each scope's piecewise-constant count.
        const integral = (match: (e: (typeof events)[number]) => boolean, lo: number, hi: number): number => {
          let count = 0;
          let since = 0;
          let area = 0;
          const add = (until: number): void => {
            const a = Math.max(since, lo);
            const b = Math.min(until, hi);
            if (b > a) area += count * (b - a);
          };
          for (const e of events) {
            if (!match(e)) continue;
            add(e.t);
            since = e.t;
            count += e.delta;
          }
          add(end);
          return area;
        };
        const tol = (x: number): number => 1e-9 * Math.max(1, Math.abs(x));
        const all = integral(() => true, layout.from, layout.horizon);
        expect(Math.abs(field(r, 0, Field.backlogArea) - all)).toBeLessThan(tol(all));
        for (let c = 0; c < 2; c++) {
          const x = integral((e) => e.ch === c, layout.from, layout.horizon);
          expect(Math.abs(field(r, CH[c], Field.backlogArea) - x)).toBeLessThan(tol(x));
        }
        let tierSum = 0;
        for (let k = 0; k < 2; k++) {
          const x = integral((e) => e.tier === k, layout.from, layout.horizon);
          expect(Math.abs(field(r, TIER[k], Field.backlogArea) - x)).toBeLessThan(tol(x));
          tierSum += field(r, TIER[k], Field.backlogArea);
          for (let b = 0; b < r.bins; b++) {
            const lo = b * layout.interval;
            const hi = Math.min((b + 1) * layout.interval, layout.horizon);
            const y = integral((e) => e.tier === k, lo, hi);
            expect(Math.abs(r.series.backlogArea[b * layout.tiers + k] - y)).toBeLessThan(tol(y));
          }
        }
        expect(Math.abs(tierSum - field(r, 0, Field.backlogArea))).toBeLessThan(tol(all));
      }),
      { numRuns: 300 },
    );
  });

  it('onShiftChanged integrates agents on shift per team, in the window and in the series', () => {
    const r = new Recorder(layout);
    r.onShiftChanged(0, 0, +3);
    r.onShiftChanged(50, 1, +1);
    r.onShiftChanged(200, 0, -1);
    r.onShiftChanged(700, 0, +2);
    r.finish(1200);
    // team 0: 3 on [0,200), 2 on [200,700), 4 after; team 1: 1 from 50.
    expect(team(r, 0, TeamField.onShiftTime)).toBeCloseTo(100 * 3 + 500 * 2 + 300 * 4, 9);
    expect(team(r, 1, TeamField.onShiftTime)).toBeCloseTo(900, 9);
    // Series rows are bins, columns teams: [bin0 team0, bin0 team1, bin1 team0, ...].
    expect(Array.from(r.series.onShiftArea).map((x) => Math.round(x * 1e6) / 1e6)).toEqual([800, 250, 600, 300, 1000, 300, 400, 100]);
  });

  it('onShiftChanged with a run ending before the horizon closes the integral at the end', () => {
    const r = new Recorder(layout);
    r.onShiftChanged(0, 1, +2);
    r.finish(600);
    expect(team(r, 1, TeamField.onShiftTime)).toBeCloseTo(1000, 9);
    expect(Array.from(r.series.onShiftArea)).toEqual([0, 600, 0, 600, 0, 0, 0, 0]);
  });

  it('writing() adds only the overlap of [start, end] with the window', () => {
    const r = new Recorder(layout);
    // (team, channel, tier, start, end); scopes 1-2 are channels, 3-4 tiers in this layout.
    r.writing(0, cls(0, 0), 50, 150); // half before warmup
    r.writing(0, cls(0, 0), 900, 1100); // crosses the horizon
    r.writing(0, cls(1, 0), 300, 360); // inside
    r.writing(1, cls(1, 1), 0, 90); // before warmup
    r.writing(1, cls(1, 1), 1000, 1500); // after horizon
    r.writing(1, cls(1, 1), 0, 2000); // covers the whole window
    expect(team(r, 0, TeamField.writingTime)).toBeCloseTo(50 + 100 + 60, 9);
    expect(team(r, 1, TeamField.writingTime)).toBeCloseTo(900, 9);
    // The same time lands in the conversation's scopes, and they add up to overall.
    expect(field(r, 0, Field.writingTime)).toBeCloseTo(210 + 900, 9);
    expect(field(r, 1, Field.writingTime)).toBeCloseTo(150, 9);
    expect(field(r, 2, Field.writingTime)).toBeCloseTo(60 + 900, 9);
    expect(field(r, 3, Field.writingTime)).toBeCloseTo(210, 9);
    expect(field(r, 4, Field.writingTime)).toBeCloseTo(900, 9);
  });
});

/**
 * Wraps a series array so that a runaway loop writing into it throws instead
 * of hanging the test run (a synchronous infinite loop cannot be timed out).
 */
function guarded(target: Float64Array, maxWrites: number): Float64Array {
  let writes = 0;
  return new Proxy(target, {
    set(t, key, value) {
      if (++writes > maxWrites) throw new Error(`more than ${maxWrites} writes into the series: the interval split makes no progress`);
      return Reflect.set(t, key, value);
    },
    get(t, key) {
      const v: unknown = Reflect.get(t, key);
      // Methods such as fill() must run on the array itself, not on the proxy.
      return typeof v === 'function' ? (v as (...args: unknown[]) => unknown).bind(t) : v;
    },
  });
}

describe('Recorder: intervals that are not whole seconds', () => {
  // A report interval such as `0.7s` is a valid scenario value (any positive duration).
  // 3 * 0.7 = 2.0999999999999996 and 2.0999999999999996 / 0.7 = 2.9999999999999996, so
  // the bin boundary at the end of bin 2 maps back into bin 2.
  const fine: ScopeLayout = { channels: 1, tiers: 1, brands: 0, teams: 1, classes: classesOf(1, 1), from: 0, to: 10, horizon: 10, interval: 0.7, answeredWithin: 7200 };

  it('spreads on-shift time over every bin (bin edges that round down still advance)', () => {
    const r = new Recorder(fine);
    const raw = r.series.onShiftArea;
    r.series.onShiftArea = guarded(raw, 1000);
    r.onShiftChanged(0, 0, +1);
    r.finish(10);
    expect(r.bins).toBe(15);
    expect(raw.reduce((a, b) => a + b, 0)).toBeCloseTo(10, 9);
    for (let b = 0; b < 14; b++) expect(raw[b]).toBeCloseTo(0.7, 9);
    expect(raw[14]).toBeCloseTo(0.2, 9);
  });

  it('spreads backlog over every bin', () => {
    const r = new Recorder(fine);
    const raw = r.series.backlogArea;
    r.series.backlogArea = guarded(raw, 1000);
    r.waitingChanged(1, cls(0, 0), +1);
    r.finish(5);
    expect(raw.reduce((a, b) => a + b, 0)).toBeCloseTo(4, 9);
    expect(r.fields[new Scopes(1, 1).tier(0) * FIELD_COUNT + Field.backlogArea]).toBeCloseTo(4, 9);
  });
});

describe('Recorder: result', () => {
  it('returns its own arrays with the run metadata', () => {
    const r = new Recorder(layout);
    const res = r.result(3, 1234, 999);
    expect(res.replication).toBe(3);
    expect(res.events).toBe(1234);
    expect(res.endTime).toBe(999);
    expect(res.fields).toBe(r.fields);
    expect(res.waitHist).toBe(r.waitHist);
    expect(res.firstResponseHist).toBe(r.firstResponseHist);
    expect(res.teams).toBe(r.teams);
    expect(res.series).toBe(r.series);
  });
});

describe('Recorder: brand scopes, extremes and next-response times', () => {
  // One channel, one tier, two brands: classes 0 and 1 carry brands 0 and 1, class 2 none.
  const branded: ScopeLayout = {
    channels: 1, tiers: 1, brands: 2, teams: 1,
    classes: { channel: Int32Array.from([0, 0, 0]), tier: Int32Array.from([0, 0, 0]), brand: Int32Array.from([0, 1, -1]) },
    from: 0, to: 1000, horizon: 1000, interval: 500, answeredWithin: 7200,
  };
  const scopes = new Scopes(1, 1, 2);

  it('counts a branded conversation in its brand scope, and one without a brand in none', () => {
    const r = new Recorder(branded);
    r.arrival(10, 0, false, 1);
    r.arrival(20, 1, true, 1);
    r.arrival(30, 2, false, 1);
    expect(r.fields.length).toBe(scopes.count * FIELD_COUNT);
    expect(field(r, 0, Field.arrivals)).toBe(3);
    expect(field(r, scopes.brand(0), Field.arrivals)).toBe(1);
    expect(field(r, scopes.brand(1), Field.arrivals)).toBe(1);
    expect(field(r, scopes.brand(1), Field.negativeArrivals)).toBe(1);
    expect(field(r, scopes.tier(0), Field.arrivals)).toBe(3);
  });

  it('keeps the backlog of brand scopes out of the tier time series', () => {
    const r = new Recorder(branded);
    r.waitingChanged(0, 0, +1);
    r.finish(100);
    expect(field(r, scopes.brand(0), Field.backlogArea)).toBeCloseTo(100, 9);
    expect(field(r, scopes.tier(0), Field.backlogArea)).toBeCloseTo(100, 9);
    expect(Array.from(r.series.backlogArea)).toEqual([100, 0]);
  });

  it('tracks the smallest and largest wait, first and next response per scope', () => {
    const r = new Recorder(branded);
    const at = (scope: number, k: number) => r.extremes[scope * EXTREME_COUNT + k];
    expect(at(0, Extreme.waitMin)).toBe(Infinity);
    expect(at(0, Extreme.waitMax)).toBe(-Infinity);
    r.pickup(0, 0, 30, 60, 1);
    r.pickup(1, 0, 5, 60, 1);
    r.pickup(1, 0, 1, 60, 0); // unmeasured: ignored
    r.firstReply(0, 0, 90, 60, 1);
    r.nextReply(1, 40, 1);
    r.nextReply(1, 400, 1);
    expect([at(0, Extreme.waitMin), at(0, Extreme.waitMax)]).toEqual([5, 30]);
    expect([at(scopes.brand(0), Extreme.waitMin), at(scopes.brand(0), Extreme.waitMax)]).toEqual([30, 30]);
    expect([at(0, Extreme.firstResponseMin), at(0, Extreme.firstResponseMax)]).toEqual([90, 90]);
    expect([at(scopes.brand(1), Extreme.nextResponseMin), at(scopes.brand(1), Extreme.nextResponseMax)]).toEqual([40, 400]);
    expect(at(scopes.brand(0), Extreme.nextResponseMin)).toBe(Infinity);
    // The next-response histogram holds both replies in overall, channel, tier and brand scopes.
    expect(r.nextResponseHist.reduce((s, x) => s + x, 0)).toBe(2 * 4);
    expect(r.nextResponseHist[scopes.brand(1) * HISTOGRAM_BUCKETS + bucketOf(400)]).toBe(1);
  });
});

describe('Recorder: one channel and one tier (the hot path counts the overall rows only)', () => {
  // The same observations, all of class 0 (channel 0, tier 0), recorded with one tier (mirrored:
  // only the overall rows are written, copied into the tier's when read) and with two tiers
  // (tier 0's rows written on their own): every number must be the same to the bit.
  const base = { channels: 1, brands: 0, teams: 1, from: 50, to: 900, horizon: 1000, interval: 70, answeredWithin: 60 };
  const op = fc.record({
    dt: fc.double({ min: 0, max: 90, noNaN: true }),
    kind: fc.integer({ min: 0, max: 6 }),
    x: fc.double({ min: 0, max: 400, noNaN: true }),
    flag: fc.boolean(),
  });

  it('property: the mirrored tier gives the same fields, series, histograms and team sums as a tier of its own', () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 80 }), fc.double({ min: 0, max: 300, noNaN: true }), (ops, tail) => {
        const one = new Recorder({ ...base, tiers: 1, classes: classesOf(1, 1) });
        const two = new Recorder({ ...base, tiers: 2, classes: classesOf(1, 2) });
        let t = 0;
        let waiting = 0;
        let open = 0;
        for (const o of ops) {
          t += o.dt;
          const windows = t >= base.from && t < base.to ? 1 : 0;
          for (const r of [one, two]) {
            switch (o.kind) {
              case 0: r.arrival(t, 0, o.flag, windows, !o.flag, o.flag, o.flag); break;
              case 1: r.waitingChanged(t, 0, waiting > 0 && o.flag ? -1 : 1); break;
              case 2: r.pickup(0, 0, o.x, 120, windows); break;
              case 3: r.firstReply(0, Math.max(0, t - o.x), o.x, 120, windows); break;
              case 4: r.openChanged(t, 0, open > 0 && o.flag ? -1 : 1); break;
              case 5: r.writing(0, 0, Math.max(0, t - o.x), t); break;
              default: r.outcome(0, o.flag ? 0 : 1, 2, windows); r.survey(0, o.flag, !o.flag, windows); break;
            }
          }
          if (o.kind === 1) waiting += waiting > 0 && o.flag ? -1 : 1;
          if (o.kind === 4) open += open > 0 && o.flag ? -1 : 1;
        }
        one.finish(t + tail);
        two.finish(t + tail);
        const row = (r: Recorder, scope: number): number[] => Array.from(r.fields.subarray(scope * FIELD_COUNT, (scope + 1) * FIELD_COUNT));
        const oneScopes = new Scopes(1, 1);
        const twoScopes = new Scopes(1, 2);
        expect(row(one, Scopes.overall)).toEqual(row(two, Scopes.overall));
        expect(row(one, oneScopes.tier(0))).toEqual(row(two, twoScopes.tier(0)));
        expect(row(one, oneScopes.channel(0))).toEqual(row(two, twoScopes.channel(0)));
        expect(Array.from(one.teams)).toEqual(Array.from(two.teams));
        for (let b = 0; b < one.bins; b++) expect(one.series.backlogArea[b]).toBe(two.series.backlogArea[b * 2]);
        expect(Array.from(one.series.openArea)).toEqual(Array.from(two.series.openArea));
        const hist = (h: Float64Array, scope: number): number[] => Array.from(h.subarray(scope * HISTOGRAM_BUCKETS, (scope + 1) * HISTOGRAM_BUCKETS));
        expect(hist(one.waitHist, oneScopes.tier(0))).toEqual(hist(two.waitHist, twoScopes.tier(0)));
        expect(hist(one.firstResponseHist, Scopes.overall)).toEqual(hist(two.firstResponseHist, Scopes.overall));
        const ext = (r: Recorder, scope: number): number[] => Array.from(r.extremes.subarray(scope * EXTREME_COUNT, (scope + 1) * EXTREME_COUNT));
        expect(ext(one, oneScopes.tier(0))).toEqual(ext(two, twoScopes.tier(0)));
      }),
      { numRuns: 300 },
    );
  });

  it('spreads a span that ends in the bin it starts in into that bin alone, and one ending on a bin edge too', () => {
    const r = new Recorder({ ...base, tiers: 1, classes: classesOf(1, 1) });
    r.openChanged(10, 0, 1);
    r.openChanged(30, 0, 1); // 1 open over [10, 30]: bin 0
    r.openChanged(70, 0, -1); // 2 open over [30, 70]: bin 0, ending on its edge
    r.finish(75); // 1 open over [70, 75]: bin 1
    expect(Array.from(r.series.openArea.subarray(0, 3))).toEqual([20 + 80, 5, 0]);
  });
});
