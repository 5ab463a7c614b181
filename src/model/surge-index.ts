import { surgeEnd } from '../scenario/surges.js';
import type { Surge } from '../scenario/types.js';

/**
 * Which surges are under way at a time, found without looking at the others:
 * the surges' starts and ends cut time into segments, and each segment lists
 * the surges active in it, in declaration order (so sums over them add up in
 * the same order as a loop over every surge, bit for bit: the surges left
 * out weigh 0 there). Looking up a time costs O(1) when it is in the segment
 * looked up last or the next one (arrival times mostly advance), O(log n)
 * otherwise; the table holds one entry per (segment, active surge), which is
 * O(n) for surges that do not pile up on each other.
 */
export class SurgeIndex {
  /** Segment k is [bounds[k], bounds[k + 1]); before bounds[0] and from the last bound on, no surge is active. */
  private readonly bounds: Float64Array;
  /** Surges active in segment k: active[first[k]] .. active[first[k + 1] - 1]. */
  private readonly first: Int32Array;
  private readonly active: Int32Array;
  /** Segment of the last lookup: the next one is most often the same or the next. */
  private cursor = 0;

  constructor(surges: readonly Surge[]) {
    const times = new Set<number>();
    for (const s of surges) {
      times.add(s.start);
      times.add(activeUntil(s));
    }
    this.bounds = Float64Array.from([...times].sort((a, b) => a - b));
    const segments = Math.max(0, this.bounds.length - 1);
    // Sweep: each surge is active in the segments from its start's to its end's.
    const startSegment = (s: Surge) => lowerBound(this.bounds, s.start);
    const endSegment = (s: Surge) => lowerBound(this.bounds, activeUntil(s));
    const counts = new Int32Array(segments + 1);
    for (const s of surges) for (let k = startSegment(s); k < endSegment(s); k++) counts[k]++;
    this.first = new Int32Array(segments + 1);
    for (let k = 0; k < segments; k++) this.first[k + 1] = this.first[k] + counts[k];
    this.active = new Int32Array(this.first[segments]);
    const fill = Int32Array.from(this.first);
    // Surges in declaration order, so each segment's list is in that order too.
    surges.forEach((s, i) => {
      for (let k = startSegment(s); k < endSegment(s); k++) this.active[fill[k]++] = i;
    });
  }

  /** Entries in the table: the sum over segments of the surges active in each (O(n) unless surges pile up). */
  get size(): number {
    return this.active.length;
  }

  /**
   * Finds the surges active at time t: afterwards `surgeAt(k)` for k in
   * [{@link from}, {@link to}) gives their indexes, in declaration order.
   * (Two fields rather than a returned object: this runs per arrival and
   * allocates nothing.)
   */
  select(t: number): void {
    const b = this.bounds;
    const last = b.length - 1;
    if (last < 1 || !(t >= b[0]) || t >= b[last]) {
      this.from = 0;
      this.to = 0;
      this.until = last >= 0 && t < b[0] ? b[0] : Infinity;
      return;
    }
    let k = this.cursor;
    if (!(t >= b[k] && t < b[k + 1])) {
      k++;
      // Segment k holds t when b[k] <= t < b[k + 1]: the last bound <= t.
      if (!(k < last && t >= b[k] && t < b[k + 1])) k = upperBound(b, t) - 1;
      this.cursor = k;
    }
    this.from = this.first[k];
    this.to = this.first[k + 1];
    this.until = b[k + 1];
  }

  /** Start of the range the last {@link select} found. */
  from = 0;
  /** End (exclusive) of the range the last {@link select} found. */
  to = 0;
  /** Where the segment of the last {@link select}'s time ends: the same surges are active until then (Infinity: for ever). */
  until = Infinity;

  /** The index (into the surges given to the constructor) at position k of a selected range. */
  surgeAt(k: number): number {
    return this.active[k];
  }
}

/**
 * A time from which the surge surely weighs 0: its end, plus a margin for
 * the rounding of surgeWeight's sums (a surge listed where it weighs
 * 0 adds nothing; one left out where it weighs 1e-16 would change a sum).
 */
function activeUntil(s: Surge): number {
  const end = surgeEnd(s);
  return end + Math.abs(end) * 1e-12 + 1e-9;
}

/** The first index whose value is > x (values.length when none). */
function upperBound(values: Float64Array, x: number): number {
  let lo = 0;
  let hi = values.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (values[mid] <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The first index whose value is >= x (values.length when none). */
function lowerBound(values: Float64Array, x: number): number {
  let lo = 0;
  let hi = values.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (values[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
