import { describe, it, expect } from 'vitest';
import { checkScenario, type CheckBatch, type CheckLook } from '../../src/check/run.js';
import { parseScenario } from '../../src/scenario/load.js';
import { erlangCResponseWithin } from '../../src/theory/erlang.js';

/** M/M/14 at 200/h, 3 min handle time (Erlang C case C1 of docs/validation.md), with thresholds. */
function mmc(thresholds: string, replications = 4, horizon = '300h') {
  return parseScenario(
    `
name: check-mmc
horizon: ${horizon}
warmup: 5h
replications: ${replications}
report: { interval: 100h }
channels:
  chat: { rate: 200/h, handleTime: { dist: exponential, mean: 3m } }
tiers:
  standard: { firstResponse: 5m }
teams:
  agents: { agents: 14 }
thresholds:
${thresholds}`,
    'check-mmc.yaml',
  );
}

// Theory: the share first-replied within 5 min (wait + handle) is 0.8002.
const THEORY = erlangCResponseWithin(14, 10, 180, 300);

describe('careload check decides thresholds on intervals around theory', () => {
  it('passes a target clearly below theory and fails one clearly above, at the first look', async () => {
    const { check } = await checkScenario(mmc("  slaAttainment: ['>= 75%', '< 0.78']\n  'firstResponse': ['avg < 4m', 'p(99) > 1m']\n"), { workers: 1 });
    expect(THEORY).toBeCloseTo(0.8002, 3);
    expect(check.thresholds.map((t) => [t.expression, t.verdict])).toEqual([
      ['slaAttainment >= 75%', 'pass'],
      ['slaAttainment < 0.78', 'fail'],
      ['firstResponse avg < 4m', 'pass'],
      ['firstResponse p(99) > 1m', 'pass'],
    ]);
    expect(check.replications).toBe(4);
    expect(check.verdict).toBe('fail');
    for (const t of check.thresholds) expect(t.replications).toBe(4);
  });

  it('adds replications on the same seeds until a target near theory is decided', async () => {
    // 0.3 points under theory: far too close for 4 short replications, decided with more.
    const { check, results } = await checkScenario(mmc("  slaAttainment: ['>= 79.7%']\n", 4, '100h'), { workers: 1, maxReplications: 256 });
    const t = check.thresholds[0];
    expect(t.verdict).toBe('pass');
    expect(t.replications).toBeGreaterThan(4);
    expect(t.observed.ci![0]).toBeGreaterThanOrEqual(0.797);
    // The replications are 0..n-1, as one run of n would give.
    expect(results.map((r) => r.replication)).toEqual(Array.from({ length: results.length }, (_, i) => i));
    expect(t.observed.ci95![0]).toBeLessThan(THEORY);
    expect(t.observed.ci95![1]).toBeGreaterThan(THEORY);
  });

  it('counts a threshold still undecided at the maximum as the run says', async () => {
    // Theory itself as the target: no finite run can decide it (at 99.9%, wrongly deciding is a 1-in-1000 event on any seed).
    const text = `  slaAttainment: [{ threshold: '>= ${THEORY}', confidence: 0.999 }]\n`;
    const strict = await checkScenario(mmc(text), { workers: 1, maxReplications: 8 });
    expect(strict.check.thresholds[0].verdict).toBe('inconclusive');
    expect(strict.check.verdict).toBe('fail');
    const lenient = await checkScenario(mmc(text), { workers: 1, maxReplications: 8, inconclusive: 'pass' });
    expect(lenient.check.verdict).toBe('pass');
  });

  it('reports each batch as it starts and each look as it is taken, ending with the rows of the result', async () => {
    // A target at theory stays undecided: every planned look is taken (4, 8, 16).
    const text = `  slaAttainment: [{ threshold: '>= ${THEORY}', confidence: 0.999 }]\n  firstResponse: ['avg < 4m']\n`;
    const events: (['batch', CheckBatch] | ['look', CheckLook] | ['done', number])[] = [];
    const { check } = await checkScenario(mmc(text, 4, '100h'), {
      workers: 1,
      maxReplications: 16,
      onBatch: (b) => events.push(['batch', b]),
      onLook: (l) => events.push(['look', l]),
      onProgress: (done) => events.push(['done', done]),
    });
    const batches = events.filter((e) => e[0] === 'batch').map((e) => e[1]);
    const looks = events.filter((e) => e[0] === 'look').map((e) => e[1]);
    expect(batches).toEqual([
      { look: 1, looks: 3, from: 0, to: 4, max: 16 },
      { look: 2, looks: 3, from: 4, to: 8, max: 16 },
      { look: 3, looks: 3, from: 8, to: 16, max: 16 },
    ]);
    expect(looks.map((l) => [l.look, l.looks, l.replications, l.max, l.last])).toEqual([[1, 3, 4, 16, false], [2, 3, 8, 16, false], [3, 3, 16, 16, true]]);
    // Batch, its replications one by one, then its look.
    const order = events.map((e) => (e[0] === 'done' ? e[1] : e[0]));
    expect(order).toEqual(['batch', 1, 2, 3, 4, 'look', 'batch', 5, 6, 7, 8, 'look', 'batch', ...Array.from({ length: 8 }, (_, i) => 9 + i), 'look']);
    // The clear threshold is decided at the first look and keeps that decision (only the plain 95% interval over all replications grows);
    // the last look's rows are the result's.
    expect(looks[0].thresholds[1].verdict).toBe('pass');
    const decided = ({ verdict, replications, margin, observed: { mean, ci } }: CheckLook['thresholds'][number]) => ({ verdict, replications, margin, mean, ci });
    expect(decided(looks[2].thresholds[1])).toEqual(decided(looks[0].thresholds[1]));
    expect(looks[0].thresholds[0].verdict).toBe('inconclusive');
    expect(looks[0].thresholds[0].replications).toBe(4);
    expect(looks[2].thresholds).toEqual(check.thresholds);
  });
});
