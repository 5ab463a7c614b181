import { HeadRanker, type RoutingContext, type RoutingPolicy } from './policy.js';

/** Strict priority tiers (non-preemptive): the most urgent tier first, oldest first within it. */
export function priorityPolicy(ctx: RoutingContext): RoutingPolicy {
  return new HeadRanker(ctx, { classWeight: ctx.classes.priority, withArrival: false });
}
