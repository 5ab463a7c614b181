/** Scenario variants a plan is repeated over: surge sizes (`--surge-scale`). */
import type { Scenario } from '../scenario/types.js';

/**
 * The scenario with every surge's extra volume multiplied by `factor`:
 * 0 removes the surges' extra volume, 1 keeps them as written, 2 doubles
 * the extra (a +50% surge becomes +100%). Mix changes (sentiment, topics)
 * are kept: an outage of any size brings its kind of conversations.
 */
export function withSurgeScale(scenario: Scenario, factor: number): Scenario {
  if (!(factor >= 0) || !Number.isFinite(factor)) throw new RangeError(`surge scale must be a number >= 0, got ${factor}`);
  return { ...scenario, surges: scenario.surges.map((s) => ({ ...s, volume: 1 + (s.volume - 1) * factor })) };
}
