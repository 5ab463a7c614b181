/**
 * Named measurement windows (report.windows) in the recorder and the
 * summary: each window keeps a full set of accumulators, a window equal to
 * the report window gives exactly the main figures, and disjoint windows
 * that tile the report window add up to it.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { AVAILABILITY_FIELD_COUNT, Field, FIELD_COUNT, TEAM_FIELD_COUNT, TeamField } from '../../src/metrics/fields.js';
import { HISTOGRAM_BUCKETS } from '../../src/metrics/histogram.js';
import { Recorder, type ScopeLayout } from '../../src/metrics/recorder.js';
import { EXTREME_COUNT, Scopes } from '../../src/metrics/scopes.js';
import { scopeValues, summarize, teamValues } from '../../src/metrics/summary.js';
import { simulateReplication } from '../../src/model/simulation.js';
import { replicationValuesDocument } from '../../src/report/replications.js';
import { judgeThresholds } from '../../src/check/run.js';
import { parseScenario } from '../../src/scenario/load.js';

// Two channels x two tiers, one class per pair, classes 0 and 3 with brands 0 and 1: scopes 0 overall, 1..2 channels, 3..4 tiers, 5..6 brands.
const classes = { channel: Int32Array.from([0, 0, 1, 1]), tier: Int32Array.from([0, 1, 0, 1]), brand: Int32Array.from([0, -1, -1, 1]) };
const base: ScopeLayout = { channels: 2, tiers: 2, brands: 2, teams: 2, classes, from: 100, to: 1000, horizon: 1000, interval: 300, answeredWithin: 60 };
const SCOPES = new Scopes(2, 2, 2);

/** One observation the simulation could make, at a time offset from the previous one. */
interface Op {
  dt: number;
  kind: number;
  cls: number;
  team: number;
  value: number;
  flag: boolean;
}

const op: fc.Arbitrary<Op> = fc.record({
  dt: fc.double({ min: 0, max: 40, noNaN: true }),
  kind: fc.integer({ min: 0, max: 13 }),
  cls: fc.integer({ min: 0, max: 3 }),
  team: fc.integer({ min: 0, max: 1 }),
  value: fc.double({ min: 0, max: 500, noNaN: true }),
  flag: fc.boolean(),
});

/**
 * Plays observations into a recorder the way the simulation does: each
 * conversation-level observation carries the window mask of an arrival
 * time, time integrals move forward in time.
 */
function play(layout: ScopeLayout, ops: readonly Op[]): Recorder {
  const r = new Recorder(layout);
  let now = 0;
  const waiting = [0, 0, 0, 0];
  const levels = [0, 0];
  for (const o of ops) {
    now += o.dt;
    // The conversation arrived some time before now (possibly before the windows).
    const arrival = Math.max(0, now - o.value);
    const mask = r.windowsAt(arrival);
    switch (o.kind) {
      case 0:
        r.arrival(now, o.cls, o.flag, r.windowsAt(now), !o.flag, o.flag, o.flag);
        break;
      case 1:
        r.pickup(o.cls, o.team, now - arrival, 60, mask);
        break;
      case 2:
        r.abandon(o.cls, now - arrival, mask);
        break;
      case 3:
        r.firstReply(o.cls, arrival, now - arrival, 120, mask);
        break;
      case 4:
        r.nextReply(o.cls, o.value / 3, mask);
        break;
      case 5:
        r.outcome(o.cls, o.team, o.flag ? 2 : 0, mask);
        r.survey(o.cls, o.flag, o.team === 1, mask);
        break;
      case 6:
        r.deflect(arrival, o.cls, mask);
        r.merged(o.cls, mask);
        break;
      case 7:
        // Waiting counts stay >= 0, as in the simulation.
        if (o.flag || waiting[o.cls] === 0) {
          waiting[o.cls]++;
          r.waitingChanged(now, o.cls, +1);
        } else {
          waiting[o.cls]--;
          r.waitingChanged(now, o.cls, -1);
        }
        break;
      case 8:
        r.writing(o.team, o.cls, now, now + o.value / 10);
        break;
      case 9:
        r.onShiftChanged(now, o.team, o.flag ? +1 : 0);
        break;
      case 10:
        r.unanswered(o.cls, mask);
        break;
      case 11:
        // Team levels (open conversations, overrun, roster, away) go up and down but stay >= 0.
        if (o.flag || levels[o.team] === 0) {
          levels[o.team]++;
          r.openChanged(now, o.team, +1);
          r.rosteredChanged(now, o.team, +1);
        } else {
          levels[o.team]--;
          r.openChanged(now, o.team, -1);
          r.rosteredChanged(now, o.team, -1);
        }
        break;
      case 12:
        r.overrunChanged(now, o.team, o.flag ? +1 : 0);
        r.awayChanged(now, o.team, o.flag ? +1 : 0);
        break;
      default:
        r.arrival(now, o.cls, false, r.windowsAt(now));
    }
  }
  r.finish(now + 100);
  return r;
}

/** Window w's block of an accumulator array with `width` values per scope (or per team). */
const block = (a: Float64Array, w: number, rows: number, width: number) => Array.from(a.subarray(w * rows * width, (w + 1) * rows * width));

describe('Recorder: named windows', () => {
  it('keeps one block of accumulators per window, the report window first', () => {
    const r = new Recorder({ ...base, windows: [{ from: 0, to: 500 }, { from: 500, to: 1000 }] });
    expect(r.fields.length).toBe(3 * SCOPES.count * FIELD_COUNT);
    expect(r.waitHist.length).toBe(3 * SCOPES.count * HISTOGRAM_BUCKETS);
    expect(r.extremes.length).toBe(3 * SCOPES.count * EXTREME_COUNT);
    expect(r.teams.length).toBe(3 * 2 * TEAM_FIELD_COUNT);
    expect(r.availability.length).toBe(3 * 2 * AVAILABILITY_FIELD_COUNT);
    // Without named windows: one block, as before windows existed.
    expect(new Recorder(base).fields.length).toBe(SCOPES.count * FIELD_COUNT);
  });

  it('marks a time with the windows that hold it: bit 0 the report window, bit k the k-th named one', () => {
    const r = new Recorder({ ...base, windows: [{ from: 0, to: 500 }, { from: 500, to: 1000 }, { from: 0, to: 2000 }] });
    expect(r.windowsAt(50)).toBe(0b1010);
    expect(r.windowsAt(100)).toBe(0b1011);
    expect(r.windowsAt(499.9)).toBe(0b1011);
    expect(r.windowsAt(500)).toBe(0b1101);
    expect(r.windowsAt(1000)).toBe(0b1000);
    expect(r.windowsAt(2000)).toBe(0);
    expect(new Recorder(base).windowsAt(100)).toBe(1);
  });

  it('a named window equal to the report window holds exactly what the report window holds', () => {
    fc.assert(
      fc.property(fc.array(op, { minLength: 40, maxLength: 120 }), (ops) => {
        const r = play({ ...base, windows: [{ from: base.from, to: base.to }] }, ops);
        const n = SCOPES.count;
        for (const [a, width] of [[r.fields, FIELD_COUNT], [r.waitHist, HISTOGRAM_BUCKETS], [r.firstResponseHist, HISTOGRAM_BUCKETS], [r.nextResponseHist, HISTOGRAM_BUCKETS], [r.extremes, EXTREME_COUNT]] as const) {
          expect(block(a, 1, n, width)).toEqual(block(a, 0, n, width));
        }
        expect(block(r.teams, 1, 2, TEAM_FIELD_COUNT)).toEqual(block(r.teams, 0, 2, TEAM_FIELD_COUNT));
        expect(block(r.availability, 1, 2, AVAILABILITY_FIELD_COUNT)).toEqual(block(r.availability, 0, 2, AVAILABILITY_FIELD_COUNT));
      }),
      { numRuns: 60 },
    );
  });

  it('the report window alone records what it recorded before named windows existed', () => {
    fc.assert(
      fc.property(fc.array(op, { minLength: 40, maxLength: 120 }), (ops) => {
        const plain = play(base, ops);
        const windowed = play({ ...base, windows: [{ from: 0, to: 300 }, { from: 250, to: 2000 }] }, ops);
        expect(block(windowed.fields, 0, SCOPES.count, FIELD_COUNT)).toEqual(Array.from(plain.fields));
        expect(block(windowed.waitHist, 0, SCOPES.count, HISTOGRAM_BUCKETS)).toEqual(Array.from(plain.waitHist));
        expect(block(windowed.extremes, 0, SCOPES.count, EXTREME_COUNT)).toEqual(Array.from(plain.extremes));
        expect(block(windowed.teams, 0, 2, TEAM_FIELD_COUNT)).toEqual(Array.from(plain.teams));
        expect(block(windowed.availability, 0, 2, AVAILABILITY_FIELD_COUNT)).toEqual(Array.from(plain.availability));
        expect(Array.from(windowed.series.backlogArea)).toEqual(Array.from(plain.series.backlogArea));
      }),
      { numRuns: 60 },
    );
  });

  it('disjoint windows that tile the report window add up to it: counts exactly, time integrals to rounding', () => {
    fc.assert(
      fc.property(fc.array(op, { minLength: 40, maxLength: 120 }), fc.double({ min: 101, max: 999, noNaN: true }), (ops, cut) => {
        const r = play({ ...base, windows: [{ from: base.from, to: cut }, { from: cut, to: base.to }] }, ops);
        const n = SCOPES.count;
        const at = (w: number, scope: number, f: number) => r.fields[SCOPES.inWindow(w, scope) * FIELD_COUNT + f];
        for (let scope = 0; scope < n; scope++) {
          for (let f = 0; f < FIELD_COUNT; f++) {
            const sum = at(1, scope, f) + at(2, scope, f);
            if (f === Field.backlogArea || f === Field.writingTime || f === Field.waitSum || f === Field.waitAllSum || f === Field.firstResponseSum || f === Field.nextResponseSum) {
              expect(sum).toBeCloseTo(at(0, scope, f), 6);
            } else {
              expect(sum).toBe(at(0, scope, f));
            }
          }
        }
        const team = (w: number, k: number, f: number) => r.teams[(w * 2 + k) * TEAM_FIELD_COUNT + f];
        for (let k = 0; k < 2; k++) {
          expect(team(1, k, TeamField.handled) + team(2, k, TeamField.handled)).toBe(team(0, k, TeamField.handled));
          for (const f of [TeamField.onShiftTime, TeamField.writingTime, TeamField.openTime, TeamField.overrunTime]) {
            expect(team(1, k, f) + team(2, k, f)).toBeCloseTo(team(0, k, f), 6);
          }
          for (let f = 0; f < AVAILABILITY_FIELD_COUNT; f++) {
            const available = (w: number) => r.availability[(w * 2 + k) * AVAILABILITY_FIELD_COUNT + f];
            expect(available(1) + available(2)).toBeCloseTo(available(0), 6);
          }
        }
        const hist = (w: number, scope: number) => r.firstResponseHist.subarray(SCOPES.inWindow(w, scope) * HISTOGRAM_BUCKETS, (SCOPES.inWindow(w, scope) + 1) * HISTOGRAM_BUCKETS);
        for (let scope = 0; scope < n; scope++) {
          const [a, b, all] = [hist(1, scope), hist(2, scope), hist(0, scope)];
          expect(Array.from(all, (_, i) => a[i] + b[i])).toEqual(Array.from(all));
        }
      }),
      { numRuns: 60 },
    );
  });
});

describe('named windows through a simulation', () => {
  const scenario = (windows: string) =>
    parseScenario(
      `name: windows
horizon: 2d
warmup: 4h
replications: 3
report:
  interval: 1h
  window: { from: 6h, to: 40h }
  windows: ${windows}
channels:
  chat: { rate: 30/h, handleTime: { dist: exponential, mean: 5m }, patience: { dist: exponential, mean: 30m }, brands: { a: 0.5, b: 0.5 } }
  mail: { rate: 10/h, handleTime: 8m, tier: urgent }
surges:
  - { start: 20h, duration: 6h, volume: +80% }
tiers:
  urgent: { firstResponse: 10m }
  standard: { firstResponse: 1h }
teams:
  desk: { agents: 3, schedule: [{ at: "00:00", agents: 3 }, { at: "08:00", agents: 5 }] }
  back: { agents: 1, tiers: [urgent] }
thresholds:
  slaAttainment: ['>= 50%']
  'slaAttainment{window:same}': ['>= 50%']
  'firstResponse{tier:urgent,window:same}': ['p(90) < 1h']
`,
      'windows.yaml',
    );
  const run = (sc: ReturnType<typeof scenario>) => Array.from({ length: sc.replications }, (_, i) => simulateReplication(sc, i));

  it('a window equal to report.window reports exactly the main figures, and its thresholds the same values', () => {
    const sc = scenario('{ same: { from: 6h, to: 40h } }');
    const results = run(sc);
    const summary = summarize(sc, results);
    expect(summary.windows?.same).toEqual({ from: 6 * 3600, to: 40 * 3600, overall: summary.overall, byChannel: summary.byChannel, byTier: summary.byTier, byTeam: summary.byTeam });
    expect(summary.overall.arrivals.mean).toBeGreaterThan(500);
    const [main, sameOverall, sameUrgentP90] = judgeThresholds(sc, results);
    expect(sameOverall.observed).toEqual(main.observed);
    expect(sameOverall.scope).toEqual({ window: 'same' });
    expect(sameUrgentP90.scope).toEqual({ tier: 'urgent', window: 'same' });
    const values = replicationValuesDocument(sc, results).values;
    for (const [key, v] of Object.entries(values)) if (!key.startsWith('windows.')) expect(values[`windows.same.${key}`], key).toEqual(v);
  });

  it('disjoint windows that tile report.window add up to it, per replication, in every scope', () => {
    const sc = scenario('{ early: { from: 6h, to: 22h }, late: { from: 22h, to: 40h }, outage: surge, same: { from: 6h, to: 40h } }');
    const results = run(sc);
    const scopes = Scopes.of(sc);
    for (const scope of [Scopes.overall, scopes.channel(0), scopes.tier(0), scopes.tier(1), scopes.brand(1)]) {
      for (const metric of ['arrivals', 'answered', 'abandoned', 'followUps'] as const) {
        const [all, early, late] = [0, 1, 2].map((w) => scopeValues(sc, results, scope, metric, w));
        expect(early.map((x, i) => x + late[i]), `${scope} ${metric}`).toEqual(all);
      }
      const [all, early, late] = [0, 1, 2].map((w) => scopeValues(sc, results, scope, 'backlogMean', w).map((m) => m * [34, 16, 18][w]));
      early.forEach((x, i) => expect(x + late[i]).toBeCloseTo(all[i], 6));
    }
    for (let k = 0; k < sc.teams.length; k++) {
      const [all, early, late] = [0, 1, 2].map((w) => teamValues(sc, results, k, 'handled', w));
      expect(early.map((x, i) => x + late[i])).toEqual(all);
      // Time averages weighted by the windows' lengths (34 h = 16 h + 18 h) add up too.
      for (const metric of ['agentsOnShiftMean', 'agentsRosteredMean'] as const) {
        const [a, e, l] = [0, 1, 2].map((w) => teamValues(sc, results, k, metric, w));
        e.forEach((x, i) => expect(16 * x + 18 * l[i]).toBeCloseTo(34 * a[i], 6));
      }
    }
    // The surge window is its own: fewer arrivals than the whole report window, more per hour.
    const outage = summarize(sc, results).windows!.outage;
    expect(outage.from).toBe(20 * 3600);
    expect(outage.overall.arrivals.mean!).toBeLessThan(summarize(sc, results).overall.arrivals.mean!);
  });
});
