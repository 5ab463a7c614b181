import { HeadRanker, type RoutingContext, type RoutingPolicy } from './policy.js';

/** One shared queue: the oldest waiting conversation first, whatever its tier. */
export function fifoPolicy(ctx: RoutingContext): RoutingPolicy {
  return new HeadRanker(ctx, { classWeight: new Float64Array(ctx.classes.count), withArrival: false });
}
