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
 * How a policy ranks class heads: key = `classWeight[cls]`, plus the head's
 * arrival time when `withArrival` (smaller first). Plain numbers rather than
 * a key function, so ranking a candidate calls nothing.
 */
export interface HeadKey {
  readonly classWeight: Float64Array;
  readonly withArrival: boolean;
}

/** A team's standing toward a class: it never takes it, takes it outright, or takes it by overflow. */
const NONE = 0;
const OWN = 1;
const OVERFLOW = 2;

/**
 * Ranks class heads by a policy's {@link HeadKey} (smaller first), then by
 * arrival, then by arrival order. Candidates are the team's own classes plus
 * the classes it takes by overflow whose head has waited long enough. Only
 * queues that hold work are looked at: the queues keep the set of non-empty
 * classes, and a team walks that set or its own class list, whichever is
 * shorter (classes nobody can land in are never visited). The winner does
 * not depend on the order of the walk: arrival order breaks every tie. One
 * ranker per policy, reused for every pick: nothing is allocated per pick.
 */
export class HeadRanker implements RoutingPolicy {
  private best = -1;
  private bestHead = -1;
  private bestKey = Infinity;
  private readonly weight: Float64Array;
  private readonly withArrival: boolean;
  /** teams x classes: NONE, OWN or OVERFLOW. */
  private readonly role: Uint8Array;
  /** teams x classes: the overflow wait of an OVERFLOW entry. */
  private readonly after: Float64Array;
  /** Per team: its own and overflow classes, in one list. */
  private readonly candidates: Int32Array[];

  constructor(
    private readonly ctx: RoutingContext,
    key: HeadKey,
  ) {
    const { classes } = ctx;
    const n = classes.count;
    const teams = classes.teamClasses.length;
    this.weight = key.classWeight;
    this.withArrival = key.withArrival;
    this.role = new Uint8Array(teams * n);
    this.after = new Float64Array(teams * n);
    this.candidates = [];
    for (let k = 0; k < teams; k++) {
      const own = classes.teamClasses[k];
      for (let i = 0; i < own.length; i++) this.role[k * n + own[i]] = OWN;
      const extra = classes.overflowClasses[k];
      const list = Array.from(own);
      for (let i = 0; i < extra.length; i++) {
        const at = k * n + extra[i];
        const wait = classes.overflowAfter[k][i];
        if (this.role[at] === OWN) continue;
        // A class opened to the team by several overflows opens with the first of them (the shortest wait).
        if (this.role[at] === OVERFLOW) {
          if (wait < this.after[at]) this.after[at] = wait;
          continue;
        }
        this.role[at] = OVERFLOW;
        this.after[at] = wait;
        list.push(extra[i]);
      }
      this.candidates.push(Int32Array.from(list));
    }
  }

  pick(team: number, now: number): number {
    const queues = this.ctx.queues;
    this.best = -1;
    const filled = queues.nonEmptyCount;
    if (filled === 0) return -1;
    const mine = this.candidates[team];
    if (filled < mine.length) {
      const set = queues.nonEmpty;
      for (let i = 0; i < filled; i++) this.offer(team, set[i], now);
    } else {
      const length = queues.length;
      for (let i = 0; i < mine.length; i++) if (length[mine[i]] > 0) this.offer(team, mine[i], now);
    }
    return this.best;
  }

  /** Considers the head of non-empty class `cls` for `team`, if the team may take it now. */
  private offer(team: number, cls: number, now: number): void {
    const at = team * this.ctx.classes.count + cls;
    const role = this.role[at];
    if (role === NONE) return;
    const h = this.ctx.queues.head[cls];
    const arrival = this.ctx.conv.arrival[h];
    if (role === OVERFLOW && !(now >= arrival + this.after[at])) return;
    const k = this.withArrival ? arrival + this.weight[cls] : this.weight[cls];
    if (this.best >= 0 && !(k < this.bestKey)) {
      if (k !== this.bestKey) return;
      const conv = this.ctx.conv;
      const b = this.bestHead;
      const other = conv.arrival[b];
      if (!(arrival < other || (arrival === other && conv.seq[h] < conv.seq[b]))) return;
    }
    this.best = cls;
    this.bestHead = h;
    this.bestKey = k;
  }
}
