/**
 * A binary min-heap of events stored as parallel typed arrays (struct of
 * arrays), ordered by (time, order) where `order` packs the event priority
 * and an insertion sequence number. No object is allocated per event: the
 * engine's hot path pushes and pops plain numbers.
 */
export class EventHeap {
  private times: Float64Array;
  private orders: Float64Array;
  private kinds: Int32Array;
  private as: Int32Array;
  private bs: Int32Array;
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
    this.kinds = new Int32Array(n);
    this.as = new Int32Array(n);
    this.bs = new Int32Array(n);
  }

  /** Number of pending events. */
  get size(): number {
    return this.count;
  }

  /** Time of the earliest pending event (Infinity when empty). */
  peekTime(): number {
    return this.count > 0 ? this.times[0] : Infinity;
  }

  /** Adds an event; `order` breaks ties between equal times (smaller first). */
  push(time: number, order: number, kind: number, a: number, b: number): void {
    if (this.count === this.times.length) this.grow();
    // Sift up: move parents down until the slot for the new event is found.
    let i = this.count++;
    const times = this.times;
    const orders = this.orders;
    while (i > 0) {
      const p = (i - 1) >> 1;
      const pt = times[p];
      if (pt < time || (pt === time && orders[p] < order)) break;
      this.move(p, i);
      i = p;
    }
    times[i] = time;
    orders[i] = order;
    this.kinds[i] = kind;
    this.as[i] = a;
    this.bs[i] = b;
  }

  /**
   * Removes the earliest event and exposes it through the `time`, `kind`,
   * `a` and `b` fields. Returns false when the heap is empty.
   */
  pop(): boolean {
    if (this.count === 0) return false;
    const times = this.times;
    const orders = this.orders;
    this.time = times[0];
    this.kind = this.kinds[0];
    this.a = this.as[0];
    this.b = this.bs[0];
    const last = --this.count;
    if (last === 0) return true;
    const t = times[last];
    const o = orders[last];
    const k = this.kinds[last];
    const a = this.as[last];
    const b = this.bs[last];
    // Sift down the former last element from the root.
    let i = 0;
    const half = last >> 1;
    while (i < half) {
      let c = 2 * i + 1;
      const r = c + 1;
      if (r < last && (times[r] < times[c] || (times[r] === times[c] && orders[r] < orders[c]))) c = r;
      if (t < times[c] || (t === times[c] && o < orders[c])) break;
      this.move(c, i);
      i = c;
    }
    times[i] = t;
    orders[i] = o;
    this.kinds[i] = k;
    this.as[i] = a;
    this.bs[i] = b;
    return true;
  }

  /** Removes every pending event. */
  clear(): void {
    this.count = 0;
  }

  private move(from: number, to: number): void {
    this.times[to] = this.times[from];
    this.orders[to] = this.orders[from];
    this.kinds[to] = this.kinds[from];
    this.as[to] = this.as[from];
    this.bs[to] = this.bs[from];
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
    this.kinds = grown(this.kinds, (k) => new Int32Array(k));
    this.as = grown(this.as, (k) => new Int32Array(k));
    this.bs = grown(this.bs, (k) => new Int32Array(k));
  }
}
