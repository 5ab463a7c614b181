/**
 * A binary min-heap of events stored as parallel typed arrays (struct of
 * arrays), ordered by (time, order) where `order` packs the event priority
 * and an insertion sequence number. No object is allocated per event: the
 * engine's hot path pushes and pops plain numbers.
 *
 * Every pending event has a handle (returned by {@link push}), through which
 * it can be removed before it is due ({@link remove}). The heap's slots hold
 * (time, order, handle); the payload (kind, a, b) and the event's position
 * in the heap are stored by handle, so a move within the heap writes as many
 * numbers as it would without handles. A handle is freed when its event is
 * popped or removed and is then reused by a later push: whoever keeps a
 * handle checks, with {@link holds}, that it still names the event it meant.
 */
export class EventHeap {
  // By heap slot.
  private times: Float64Array;
  private orders: Float64Array;
  private handles: Int32Array;
  // By handle.
  private kinds: Int32Array;
  private as: Int32Array;
  private bs: Int32Array;
  /** Heap slot of each handle's event; -1 when the handle is free. */
  private positions: Int32Array;
  /** Freed handles, reused last in, first out. */
  private free: Int32Array;
  private freeCount = 0;
  /** Handles ever handed out (pending ones plus free ones). */
  private handleCount = 0;
  private count = 0;

  /** Fields of the event most recently removed by {@link pop}. */
  time = 0;
  kind = 0;
  a = 0;
  b = 0;

  constructor(initialCapacity = 1024) {
    const n = Math.max(16, initialCapacity);
    this.times = new Float64Array(n);
    this.orders = new Float64Array(n);
    this.handles = new Int32Array(n);
    this.kinds = new Int32Array(n);
    this.as = new Int32Array(n);
    this.bs = new Int32Array(n);
    this.positions = new Int32Array(n).fill(-1);
    this.free = new Int32Array(n);
  }

  /** Number of pending events. */
  get size(): number {
    return this.count;
  }

  /** Time of the earliest pending event (Infinity when empty). */
  peekTime(): number {
    return this.count > 0 ? this.times[0] : Infinity;
  }

  /**
   * Adds an event; `order` breaks ties between equal times (smaller first).
   * Returns the event's handle, valid until the event is popped or removed.
   */
  push(time: number, order: number, kind: number, a: number, b: number): number {
    let h: number;
    if (this.freeCount > 0) {
      h = this.free[--this.freeCount];
    } else {
      // No free handle: every handle is pending, so handleCount === count.
      if (this.handleCount === this.times.length) this.grow();
      h = this.handleCount++;
    }
    this.kinds[h] = kind;
    this.as[h] = a;
    this.bs[h] = b;
    this.siftUp(this.count++, time, order, h);
    return h;
  }

  /**
   * Removes the earliest event and exposes it through the `time`, `kind`,
   * `a` and `b` fields. Returns false when the heap is empty.
   */
  pop(): boolean {
    if (this.count === 0) return false;
    const h = this.handles[0];
    this.time = this.times[0];
    this.kind = this.kinds[h];
    this.a = this.as[h];
    this.b = this.bs[h];
    this.positions[h] = -1;
    this.free[this.freeCount++] = h;
    const last = --this.count;
    if (last > 0) this.siftDown(0, this.times[last], this.orders[last], this.handles[last]);
    return true;
  }

  /** True when `handle` names a pending event with this payload (a handle kept after its event left may name another since). */
  holds(handle: number, kind: number, a: number, b: number): boolean {
    return handle >= 0 && handle < this.handleCount && this.positions[handle] >= 0 &&
      this.kinds[handle] === kind && this.as[handle] === a && this.bs[handle] === b;
  }

  /** Time of the pending event `handle` (check it with {@link holds} first). */
  timeOf(handle: number): number {
    return this.times[this.positions[handle]];
  }

  /** Removes the pending event `handle` (check it with {@link holds} first); the others keep their order. */
  remove(handle: number): void {
    const i = this.positions[handle];
    this.positions[handle] = -1;
    this.free[this.freeCount++] = handle;
    const last = --this.count;
    if (i === last) return;
    // The last event fills the hole, then moves up or down to its place.
    const t = this.times[last];
    const o = this.orders[last];
    const moved = this.handles[last];
    if (i > 0) {
      const p = (i - 1) >> 1;
      const pt = this.times[p];
      if (pt > t || (pt === t && this.orders[p] > o)) {
        this.siftUp(i, t, o, moved);
        return;
      }
    }
    this.siftDown(i, t, o, moved);
  }

  /** Removes every pending event (every handle is freed). */
  clear(): void {
    this.count = 0;
    this.freeCount = 0;
    this.handleCount = 0;
    this.positions.fill(-1);
  }

  /** Places event (t, o, h) at slot `i` or above: parents later than it move down. */
  private siftUp(i: number, t: number, o: number, h: number): void {
    const times = this.times;
    const orders = this.orders;
    const handles = this.handles;
    const positions = this.positions;
    while (i > 0) {
      const p = (i - 1) >> 1;
      const pt = times[p];
      if (pt < t || (pt === t && orders[p] < o)) break;
      times[i] = pt;
      orders[i] = orders[p];
      const ph = handles[p];
      handles[i] = ph;
      positions[ph] = i;
      i = p;
    }
    times[i] = t;
    orders[i] = o;
    handles[i] = h;
    positions[h] = i;
  }

  /** Places event (t, o, h) at slot `i` or below (within the first `count` slots): earlier children move up. */
  private siftDown(i: number, t: number, o: number, h: number): void {
    const times = this.times;
    const orders = this.orders;
    const handles = this.handles;
    const positions = this.positions;
    const n = this.count;
    const half = n >> 1;
    while (i < half) {
      let c = 2 * i + 1;
      const r = c + 1;
      let ct = times[c];
      if (r < n) {
        const rt = times[r];
        if (rt < ct || (rt === ct && orders[r] < orders[c])) {
          c = r;
          ct = rt;
        }
      }
      if (t < ct || (t === ct && o < orders[c])) break;
      times[i] = ct;
      orders[i] = orders[c];
      const ch = handles[c];
      handles[i] = ch;
      positions[ch] = i;
      i = c;
    }
    times[i] = t;
    orders[i] = o;
    handles[i] = h;
    positions[h] = i;
  }

  private grow(): void {
    const n = this.times.length * 2;
    const grown = <T extends Float64Array | Int32Array>(old: T, make: (n: number) => T): T => {
      const next = make(n);
      next.set(old);
      return next;
    };
    this.times = grown(this.times, (k) => new Float64Array(k));
    this.orders = grown(this.orders, (k) => new Float64Array(k));
    this.handles = grown(this.handles, (k) => new Int32Array(k));
    this.kinds = grown(this.kinds, (k) => new Int32Array(k));
    this.as = grown(this.as, (k) => new Int32Array(k));
    this.bs = grown(this.bs, (k) => new Int32Array(k));
    this.positions = grown(this.positions, (k) => new Int32Array(k).fill(-1));
    this.free = grown(this.free, (k) => new Int32Array(k));
  }
}
