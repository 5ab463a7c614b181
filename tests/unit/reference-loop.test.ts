import { describe, expect, it } from 'vitest';
import { erlangCMeanWait, erlangCServiceLevel } from '../../src/theory/erlang.js';
import { referenceLoop } from '../bench/reference-loop.js';

// The bench's yardstick must simulate the model it stands for, or the ratio to it means nothing.
describe('the bench reference loop (M/M/50 at utilisation 0.9)', () => {
  it('agrees with Erlang C on the mean wait and the share answered within 5 minutes', () => {
    const load = (100 / 3600) * 27 * 60;
    const r = referenceLoop(400_000, 3);
    expect(r.conversations).toBe(400_000);
    expect(r.events).toBe(800_000);
    const wait = erlangCMeanWait(50, load, 27 * 60);
    expect(Math.abs(r.meanWait - wait) / wait).toBeLessThan(0.12);
    expect(Math.abs(r.within5m - erlangCServiceLevel(50, load, 27 * 60, 300))).toBeLessThan(0.02);
  });
});
