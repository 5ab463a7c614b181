import type { ConversationStore } from './conversations.js';

/**
 * Waiting conversations, one FIFO per queue class, as intrusive doubly linked
 * lists threaded through the conversation store (no allocation; removal from
 * the middle, for abandonment, is O(1)). Within a class, arrival order is
 * queue order. The set of classes with someone waiting is kept as they
 * fill and empty, so routing visits only those.
 */
export class ClassQueues {
  readonly head: Int32Array;
  readonly tail: Int32Array;
  readonly length: Int32Array;
  /** The classes with someone waiting: nonEmpty[0 .. nonEmptyCount - 1], in no particular order. */
  readonly nonEmpty: Int32Array;
  nonEmptyCount = 0;
  /** Position of each non-empty class in {@link nonEmpty}. */
  private readonly nonEmptyAt: Int32Array;

  constructor(classes: number, private readonly conv: ConversationStore) {
    this.head = new Int32Array(classes).fill(-1);
    this.tail = new Int32Array(classes).fill(-1);
    this.length = new Int32Array(classes);
    this.nonEmpty = new Int32Array(classes);
    this.nonEmptyAt = new Int32Array(classes);
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
    if (this.length[cls]++ === 0) {
      this.nonEmptyAt[cls] = this.nonEmptyCount;
      this.nonEmpty[this.nonEmptyCount++] = cls;
    }
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
    if (--this.length[cls] === 0) {
      // Swap the last non-empty class into this one's place.
      const moved = this.nonEmpty[--this.nonEmptyCount];
      const at = this.nonEmptyAt[cls];
      this.nonEmpty[at] = moved;
      this.nonEmptyAt[moved] = at;
    }
  }
}
