import type { RoutingPolicyName } from '../../scenario/types.js';
import { deadlinePolicy } from './deadline.js';
import { dedicatedPolicy } from './dedicated.js';
import { fifoPolicy } from './fifo.js';
import type { RoutingContext, RoutingPolicy } from './policy.js';
import { priorityPolicy } from './priority.js';

export type { RoutingContext, RoutingPolicy } from './policy.js';

/** The routing policies by scenario name. */
export const routingPolicies: Record<RoutingPolicyName, (ctx: RoutingContext) => RoutingPolicy> = {
  fifo: fifoPolicy,
  priority: priorityPolicy,
  deadline: deadlinePolicy,
  dedicated: dedicatedPolicy,
};
