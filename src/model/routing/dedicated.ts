import { priorityPolicy } from './priority.js';
import type { RoutingContext, RoutingPolicy } from './policy.js';

/**
 * Dedicated teams: each class belongs to the skilled teams dedicated to its
 * tier or channel, or, when none is, to the undedicated skilled teams (the
 * ClassTable builds that ownership when the scenario's policy is
 * `dedicated`); other teams get it only through overflow. Within what a team
 * may take, the most urgent tier goes first, oldest first within it.
 */
export function dedicatedPolicy(ctx: RoutingContext): RoutingPolicy {
  return priorityPolicy(ctx);
}
