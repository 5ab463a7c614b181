import type { Surge } from './types.js';

/**
 * Weight of a surge at time t: 0 outside it, rising linearly over the ramp-up
 * to 1 on the plateau, then falling linearly over the ramp-down.
 */
export function surgeWeight(s: Surge, t: number): number {
  const x = t - s.start;
  if (x < 0) return 0;
  if (x < s.rampUp) return x / s.rampUp;
  const plateauEnd = s.rampUp + s.duration;
  if (x < plateauEnd) return 1;
  const y = x - plateauEnd;
  if (y < s.rampDown) return 1 - y / s.rampDown;
  return 0;
}

/** End of a surge's ramp-down. */
export function surgeEnd(s: Pick<Surge, 'start' | 'rampUp' | 'duration' | 'rampDown'>): number {
  return s.start + s.rampUp + s.duration + s.rampDown;
}
