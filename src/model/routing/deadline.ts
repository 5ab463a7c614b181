import { HeadRanker, type RoutingContext, type RoutingPolicy } from './policy.js';

/**
 * Earliest SLA deadline first: arrival + the tier's first-response target,
 * so a low tier close to breach goes before a fresh urgent one.
 */
export function deadlinePolicy(ctx: RoutingContext): RoutingPolicy {
  const { classes, conv } = ctx;
  const key = (cls: number, head: number) => conv.arrival[head] + classes.target[cls];
  return new HeadRanker(ctx, key);
}
