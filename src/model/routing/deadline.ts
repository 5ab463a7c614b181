import { HeadRanker, type RoutingContext, type RoutingPolicy } from './policy.js';

/**
 * Earliest SLA deadline first: arrival + the tier's first-response target,
 * so a low tier close to breach goes before a fresh urgent one.
 */
export function deadlinePolicy(ctx: RoutingContext): RoutingPolicy {
  return new HeadRanker(ctx, { classWeight: ctx.classes.target, withArrival: true });
}
