/** Lifecycle states of a conversation slot. */
export const ConvState = {
  free: 0,
  waiting: 1,
  active: 2,
  /** Settled with a linked conversation being answered; released at that reply. */
  merged: 3,
} as const;

function grown<T extends Float64Array | Int32Array | Uint32Array | Uint8Array>(old: T, size: number): T {
  const next = new (old.constructor as new (n: number) => T)(size);
  next.set(old);
  return next;
}

/**
 * The conversations in flight, as parallel typed arrays indexed by slot.
 * Closed conversations return their slot to a free list, so memory follows
 * the number in flight, not the number simulated. A slot's generation number
 * changes on every reuse, which lets stale events (a patience timer due
 * after the horizon of a conversation already picked up: the timers before
 * it are cancelled, see events.ts) recognise that they no longer apply.
 */
export class ConversationStore {
  arrival = new Float64Array(0);
  /** Arrival sequence number: a total order for FIFO ties. */
  seq = new Float64Array(0);
  /** Two 32-bit halves of the per-conversation random key: their bits, held as signed integers (small integers to V8; the draws read only the bits). */
  keyA = new Int32Array(0);
  keyB = new Int32Array(0);
  channel = new Int32Array(0);
  tier = new Int32Array(0);
  /** Queue class (channel x tier). */
  cls = new Int32Array(0);
  state = new Uint8Array(0);
  gen = new Uint32Array(0);
  agent = new Int32Array(0);
  turns = new Int32Array(0);
  turnsDone = new Int32Array(0);
  /** When the customer's latest message arrived (for next-response times). */
  messageAt = new Float64Array(0);
  /** Measurement windows it arrived in, a mask: bit 0 report.window, bit k the k-th named window (at most 7); 0 = unmeasured. */
  measured = new Uint8Array(0);
  /** Initial sentiment: 0 negative, 1 neutral, 2 positive. */
  sentiment = new Uint8Array(0);
  /** Arrival to first agent reply, seconds (once sent). */
  firstResponse = new Float64Array(0);
  /** When an agent picked it up (time of assignment; for exports). */
  pickedUp = new Float64Array(0);
  /** Agent work time summed over its replies so far, seconds (for exports). */
  workTime = new Float64Array(0);
  brand = new Int32Array(0);
  topic = new Int32Array(0);
  /** A customer's follow-up post (it does not spawn follow-ups itself). */
  followUp = new Uint8Array(0);
  /** Follow-ups this conversation has spawned. */
  followUps = new Int32Array(0);
  /** Linked conversations merged into this one, settled by its first reply. */
  mergeCount = new Int32Array(0);
  /** Agent time per merged conversation added to the first reply. */
  mergeTime = new Float64Array(0);
  /** Ring of linked conversations (an original and its follow-ups); itself when alone. */
  link = new Int32Array(0);
  /** Patience a replayed trace row gives, seconds; NaN = drawn from the channel's distribution. */
  patience = new Float64Array(0);
  /** Agent work per reply a replayed trace row gives (the last value repeats), or null = drawn. */
  handleTimes: (Float64Array | null)[] = [];
  /** Intrusive doubly linked list links for the waiting queues. */
  prev = new Int32Array(0);
  next = new Int32Array(0);

  private freeList = new Int32Array(0);
  private freeCount = 0;
  private capacity = 0;
  /** Conversations currently in flight (waiting or active). */
  inFlight = 0;

  constructor(initialCapacity = 1024) {
    this.grow(initialCapacity);
  }

  /** Adds `slot` to the ring of conversations linked with `to`. */
  linkWith(slot: number, to: number): void {
    this.link[slot] = this.link[to];
    this.link[to] = slot;
  }

  /** Takes a free slot (growing the arrays when none is left). */
  allocate(): number {
    if (this.freeCount === 0) this.grow(Math.max(16, this.capacity * 2));
    const slot = this.freeList[--this.freeCount];
    this.gen[slot]++;
    this.link[slot] = slot;
    this.inFlight++;
    return slot;
  }

  /** Returns a closed conversation's slot (leaving its ring of linked conversations). */
  release(slot: number): void {
    const next = this.link[slot];
    if (next !== slot) {
      let p = next;
      while (this.link[p] !== slot) p = this.link[p];
      this.link[p] = next;
      this.link[slot] = slot;
    }
    this.state[slot] = ConvState.free;
    this.freeList[this.freeCount++] = slot;
    this.inFlight--;
  }

  private grow(size: number): void {
    const old = this.capacity;
    this.arrival = grown(this.arrival, size);
    this.seq = grown(this.seq, size);
    this.keyA = grown(this.keyA, size);
    this.keyB = grown(this.keyB, size);
    this.channel = grown(this.channel, size);
    this.tier = grown(this.tier, size);
    this.cls = grown(this.cls, size);
    this.state = grown(this.state, size);
    this.gen = grown(this.gen, size);
    this.agent = grown(this.agent, size);
    this.turns = grown(this.turns, size);
    this.turnsDone = grown(this.turnsDone, size);
    this.messageAt = grown(this.messageAt, size);
    this.measured = grown(this.measured, size);
    this.sentiment = grown(this.sentiment, size);
    this.firstResponse = grown(this.firstResponse, size);
    this.pickedUp = grown(this.pickedUp, size);
    this.workTime = grown(this.workTime, size);
    this.brand = grown(this.brand, size);
    this.topic = grown(this.topic, size);
    this.followUp = grown(this.followUp, size);
    this.followUps = grown(this.followUps, size);
    this.mergeCount = grown(this.mergeCount, size);
    this.mergeTime = grown(this.mergeTime, size);
    this.link = grown(this.link, size);
    this.patience = grown(this.patience, size);
    for (let s = old; s < size; s++) this.handleTimes.push(null);
    this.prev = grown(this.prev, size);
    this.next = grown(this.next, size);
    this.freeList = grown(this.freeList, size);
    // Push new slots so that the lowest index is handed out first.
    for (let s = size - 1; s >= old; s--) this.freeList[this.freeCount++] = s;
    this.capacity = size;
  }
}
