import { HeadRanker, type RoutingContext, type RoutingPolicy } from './policy.js';

/** Strict priority tiers (non-preemptive): the most urgent tier first, oldest first within it. */
export function priorityPolicy(ctx: RoutingContext): RoutingPolicy {
  const priority = ctx.classes.priority;
  const key = (cls: number) => priority[cls];
  return new HeadRanker(ctx, key);
}
