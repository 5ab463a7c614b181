import { olderThan, type RoutingContext, type RoutingPolicy } from './policy.js';

/**
 * Most urgent tier first (non-preemptive), oldest first among the classes of
 * equal urgency. The team's classes are sorted by urgency, so the scan stops
 * at the first urgency level that has anyone waiting.
 */
export function priorityPolicy(ctx: RoutingContext): RoutingPolicy {
  const { queues, conv, teamClasses, classPriority } = ctx;
  return {
    pick(team: number): number {
      const classes = teamClasses[team];
      let best = -1;
      let bestHead = -1;
      for (let i = 0; i < classes.length; i++) {
        const cls = classes[i];
        if (best >= 0 && classPriority[cls] > classPriority[best]) break;
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
