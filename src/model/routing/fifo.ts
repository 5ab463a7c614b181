import { HeadRanker, type RoutingContext, type RoutingPolicy } from './policy.js';

/** One shared queue: the oldest waiting conversation first, whatever its tier. */
export function fifoPolicy(ctx: RoutingContext): RoutingPolicy {
  const key = () => 0;
  return new HeadRanker(ctx, key);
}
