import type { ClassTable } from '../../scenario/classes.js';
import type { ConversationStore } from '../conversations.js';
import type { ClassQueues } from '../queues.js';

/** What a routing policy may look at: the queues, the waiting conversations and the classes. */
export interface RoutingContext {
  readonly queues: ClassQueues;
  readonly conv: ConversationStore;
  readonly classes: ClassTable;
}

/**
 * Chooses which waiting conversation an agent with a free slot takes next.
 * A policy returns the queue class whose head the agent of `team` should
 * take at time `now`, or -1 when nothing it may take is waiting. Within a
 * class the oldest conversation is always first, so a policy only ranks
 * class heads. A new policy is a new file exporting a factory of this.
 */
export interface RoutingPolicy {
  pick(team: number, now: number): number;
}

/**
 * Ranks class heads by a policy's key (smaller first), then by arrival, then
 * by arrival order. Candidates are the team's own classes plus the classes it
 * takes by overflow whose head has waited long enough. One ranker per
 * policy, reused for every pick: nothing is allocated per pick.
 */
export class HeadRanker implements RoutingPolicy {
  private best = -1;
  private bestHead = -1;
  private bestKey = Infinity;

  constructor(
    private readonly ctx: RoutingContext,
    private readonly key: (cls: number, head: number) => number,
  ) {}

  pick(team: number, now: number): number {
    const { queues, conv, classes } = this.ctx;
    this.best = -1;
    const own = classes.teamClasses[team];
    for (let i = 0; i < own.length; i++) {
      const h = queues.head[own[i]];
      if (h >= 0) this.consider(own[i], h);
    }
    const extra = classes.overflowClasses[team];
    if (extra.length > 0) {
      const after = classes.overflowAfter[team];
      for (let i = 0; i < extra.length; i++) {
        const h = queues.head[extra[i]];
        if (h >= 0 && now >= conv.arrival[h] + after[i]) this.consider(extra[i], h);
      }
    }
    return this.best;
  }

  private consider(cls: number, h: number): void {
    const conv = this.ctx.conv;
    const k = this.key(cls, h);
    const b = this.bestHead;
    if (
      this.best < 0 ||
      k < this.bestKey ||
      (k === this.bestKey && (conv.arrival[h] < conv.arrival[b] || (conv.arrival[h] === conv.arrival[b] && conv.seq[h] < conv.seq[b])))
    ) {
      this.best = cls;
      this.bestHead = h;
      this.bestKey = k;
    }
  }
}
