import type { ClassQueues } from '../queues.js';
import type { ConversationStore } from '../conversations.js';

/** What a routing policy may look at: the queues and the waiting conversations. */
export interface RoutingContext {
  readonly queues: ClassQueues;
  readonly conv: ConversationStore;
  /** Urgency of each queue class (its tier's priority; lower = more urgent). */
  readonly classPriority: Float64Array;
  /** Queue classes each team may take, sorted by urgency then class index. */
  readonly teamClasses: readonly Int32Array[];
}

/**
 * Chooses which waiting conversation an agent with a free slot takes next.
 * A policy returns the queue class whose head the agent of `team` should
 * take, or -1 when nothing it may take is waiting. Within a class the oldest
 * conversation is always first, so a policy only ranks class heads.
 */
export interface RoutingPolicy {
  pick(team: number): number;
}

/** True when conversation x arrived before y (sequence number breaks ties). */
export function olderThan(conv: ConversationStore, x: number, y: number): boolean {
  const ax = conv.arrival[x];
  const ay = conv.arrival[y];
  return ax < ay || (ax === ay && conv.seq[x] < conv.seq[y]);
}
