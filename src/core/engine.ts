import { EventHeap } from './heap.js';

/** Receives the events an {@link Engine} dispatches. */
export interface EventHandler {
  /** Called once per event, with the engine's clock already at the event's time. */
  handle(kind: number, a: number, b: number): void;
}

/** Largest number of events per priority level that keeps (priority, seq) exact in a double. */
const SEQ_SPAN = 2 ** 40;

/**
 * The discrete-event engine: a clock plus an event heap ordered by
 * (time, priority, sequence), in the spirit of SimPy's Environment. Events are
 * plain numbers (kind, a, b) so that scheduling allocates nothing; the model
 * decides what they mean. Ties are broken by priority (smaller first), then by
 * scheduling order, so a run is fully deterministic.
 */
export class Engine {
  /** Current simulated time. */
  now = 0;
  /** Number of events processed so far. */
  processed = 0;
  private seq = 0;
  private stopped = false;
  private readonly heap: EventHeap;

  constructor(initialCapacity = 1024) {
    this.heap = new EventHeap(initialCapacity);
  }

  /** Number of events waiting to be processed. */
  get pending(): number {
    return this.heap.size;
  }

  /**
   * Schedules event `kind` with payload (a, b) at `now + delay`; returns its
   * handle (for {@link cancel}).
   * @throws RangeError when delay is negative or not a number.
   */
  schedule(delay: number, kind: number, a = 0, b = 0, priority = 0): number {
    if (!(delay >= 0)) throw new RangeError(`delay (${delay}) must be a number >= 0`);
    return this.heap.push(this.now + delay, priority * SEQ_SPAN + this.seq++, kind, a, b);
  }

  /**
   * Schedules an event at absolute time `time`; returns its handle (for
   * {@link cancel}).
   * @throws RangeError when time is earlier than the current time.
   */
  scheduleAt(time: number, kind: number, a = 0, b = 0, priority = 0): number {
    if (!(time >= this.now)) {
      throw new RangeError(`time (${time}) must not be earlier than the current time (${this.now})`);
    }
    return this.heap.push(time, priority * SEQ_SPAN + this.seq++, kind, a, b);
  }

  /**
   * Time of the pending event `handle` if it is still event `kind` with
   * payload (a, b), else NaN (it was handled or cancelled: its handle may
   * name another event since).
   */
  pendingTime(handle: number, kind: number, a: number, b: number): number {
    return this.heap.holds(handle, kind, a, b) ? this.heap.timeOf(handle) : NaN;
  }

  /**
   * Cancels the pending event `handle` (check it with {@link pendingTime}):
   * it will not be handled nor counted in {@link processed}. The other
   * events keep their order, and the sequence numbers that break ties are
   * not reused.
   */
  cancel(handle: number): void {
    this.heap.remove(handle);
  }

  /** Makes {@link run} return after the event being handled. */
  stop(): void {
    this.stopped = true;
  }

  /**
   * Processes events in order until {@link stop} is called, or no event is
   * left before `until` (the clock then rests at `until`, as in SimPy; with
   * no `until`, at the last event), or `maxEvents` events have been
   * processed by this call (the clock then rests at the last event; a later
   * call carries on exactly where this one stopped).
   */
  run(handler: EventHandler, until = Infinity, maxEvents = Infinity): void {
    const heap = this.heap;
    const last = this.processed + maxEvents;
    this.stopped = false;
    while (!this.stopped) {
      if (heap.size === 0 || heap.peekTime() > until) {
        if (until !== Infinity && until > this.now) this.now = until;
        return;
      }
      if (this.processed >= last) return;
      heap.pop();
      this.now = heap.time;
      this.processed++;
      handler.handle(heap.kind, heap.a, heap.b);
    }
  }
}
