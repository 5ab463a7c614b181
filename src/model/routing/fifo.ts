import { olderThan, type RoutingContext, type RoutingPolicy } from './policy.js';

/** Oldest waiting conversation first, whatever its tier. */
export function fifoPolicy(ctx: RoutingContext): RoutingPolicy {
  const { queues, conv, teamClasses } = ctx;
  return {
    pick(team: number): number {
      const classes = teamClasses[team];
      let best = -1;
      let bestHead = -1;
      for (let i = 0; i < classes.length; i++) {
        const cls = classes[i];
        const h = queues.head[cls];
        if (h >= 0 && (bestHead < 0 || olderThan(conv, h, bestHead))) {
          best = cls;
          bestHead = h;
        }
      }
      return best;
    },
  };
}
