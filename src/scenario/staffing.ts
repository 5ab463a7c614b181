import type { ScheduleStep } from './types.js';

const DAY = 86400;

/**
 * Index of the schedule step in force at `timeOfDay` (seconds after
 * midnight): the last step at or before it, or the day's last step when the
 * day's first step is still to come (yesterday's last step still holds).
 */
export function stepInForce(steps: readonly ScheduleStep[], timeOfDay: number): number {
  let current = steps.length - 1;
  for (let i = 0; i < steps.length; i++) if (steps[i].at <= timeOfDay) current = i;
  return current;
}

/** Seconds from `timeOfDay` until the step after `current` takes over. */
export function untilNextStep(steps: readonly ScheduleStep[], current: number, timeOfDay: number): number {
  const next = (current + 1) % steps.length;
  const d = (((steps[next].at - timeOfDay) % DAY) + DAY) % DAY;
  return d === 0 ? DAY : d;
}

/** Largest headcount a team ever has. */
export function peakHeadcount(agents: number, steps: readonly ScheduleStep[] | null): number {
  return steps ? Math.max(0, ...steps.map((s) => s.agents)) : agents;
}
