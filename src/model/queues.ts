import type { ConversationStore } from './conversations.js';

/**
 * Waiting conversations, one FIFO per queue class, as intrusive doubly linked
 * lists threaded through the conversation store (no allocation; removal from
 * the middle, for abandonment, is O(1)). Within a class, arrival order is
 * queue order.
 */
export class ClassQueues {
  readonly head: Int32Array;
  readonly tail: Int32Array;
  readonly length: Int32Array;

  constructor(classes: number, private readonly conv: ConversationStore) {
    this.head = new Int32Array(classes).fill(-1);
    this.tail = new Int32Array(classes).fill(-1);
    this.length = new Int32Array(classes);
  }

  /** Appends conversation `slot` to the back of class `cls`. */
  push(cls: number, slot: number): void {
    const { prev, next } = this.conv;
    const t = this.tail[cls];
    prev[slot] = t;
    next[slot] = -1;
    if (t === -1) this.head[cls] = slot;
    else next[t] = slot;
    this.tail[cls] = slot;
    this.length[cls]++;
  }

  /** Removes conversation `slot` from class `cls`, wherever it stands. */
  remove(cls: number, slot: number): void {
    const { prev, next } = this.conv;
    const p = prev[slot];
    const n = next[slot];
    if (p === -1) this.head[cls] = n;
    else next[p] = n;
    if (n === -1) this.tail[cls] = p;
    else prev[n] = p;
    this.length[cls]--;
  }
}
