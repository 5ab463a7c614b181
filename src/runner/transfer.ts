/**
 * A replication's result as one ArrayBuffer, so that a worker thread hands
 * it back by transfer (moved, not copied) instead of structured clone of a
 * dozen typed arrays. The worker copies every typed array into a fresh
 * buffer (so no array the simulation might still own is ever detached); the
 * main thread gets views on that buffer, equal value for value.
 *
 * Large, mostly empty Float64Arrays (the duration histograms: windows x
 * scopes x 2,100 buckets each, about 0.6 MB a replication for the crisis
 * scenario, most buckets zero) travel sparse: the positions and values of
 * their non-zero entries only. The histograms stay sparse on arrival
 * (SparseHistograms, views on the buffer: the main thread, which keeps
 * every replication's result until the summary, neither allocates nor
 * rereads their zeros); any other sparse array is expanded back to a dense
 * one. Every value comes back bit for bit, -0 and NaN included.
 */
import { SparseHistograms } from '../metrics/histogram.js';
import { HISTOGRAM_KEYS, type ReplicationResult } from '../metrics/recorder.js';

/** The typed arrays a result may hold, by constructor name. */
const TYPED = { Float64Array, Float32Array, Int32Array, Uint32Array, Int16Array, Uint16Array, Int8Array, Uint8Array } as const;
type TypedName = keyof typeof TYPED;
type Typed = InstanceType<(typeof TYPED)[TypedName]>;

/** Shortest Float64Array worth sending sparse: below this, the copy costs less than the scan. */
const SPARSE_MIN_LENGTH = 1024;

/** Where one typed array of a result lies in the packed buffer. */
interface Slot {
  /** Keys from the result down to the array (`['fields']`, `['series', 'arrivals']`). */
  path: string[];
  type: TypedName;
  byteOffset: number;
  /** Entries of the array. */
  length: number;
  /**
   * Set when the array travels sparse (Float64Array only): its non-zero
   * entries, their values at byteOffset (Float64) then their indexes
   * (Uint32) right after.
   */
  nonZero?: number;
}

/** A result packed by {@link packResult}: everything but the typed arrays, and the arrays' bytes. */
export interface PackedResult {
  /** The result with every typed array replaced by null. */
  rest: Record<string, unknown>;
  slots: Slot[];
  buffer: ArrayBuffer;
}

function isTyped(v: unknown): v is Typed {
  return ArrayBuffer.isView(v) && !(v instanceof DataView) && v.constructor.name in TYPED;
}

/** Lists the typed arrays of `value` (one level of nesting, as `series` has), replacing them by null in the copy returned. */
function collect(value: Record<string, unknown>, path: string[], found: { path: string[]; array: Typed }[]): Record<string, unknown> {
  const copy: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    if (isTyped(v)) {
      found.push({ path: [...path, key], array: v });
      copy[key] = null;
    } else if (v !== null && typeof v === 'object' && !Array.isArray(v) && path.length === 0) {
      copy[key] = collect(v as Record<string, unknown>, [key], found);
    } else {
      copy[key] = v;
    }
  }
  return copy;
}

/** True for an entry the sparse form must keep: anything but +0 (so -0 survives the trip). */
const kept = (x: number) => x !== 0 || Object.is(x, -0);

/** Entries of `array` that are not +0. */
function countKept(array: Float64Array): number {
  let n = 0;
  for (let i = 0; i < array.length; i++) if (kept(array[i])) n++;
  return n;
}

const align8 = (bytes: number) => Math.ceil(bytes / 8) * 8;

/** Packs a result's typed arrays into one new buffer (transfer `buffer`); large sparse Float64Arrays as their non-zero entries. */
export function packResult(result: ReplicationResult): PackedResult {
  const found: { path: string[]; array: Typed }[] = [];
  const rest = collect(result as unknown as Record<string, unknown>, [], found);
  let bytes = 0;
  const slots: Slot[] = found.map(({ path, array }) => {
    const slot: Slot = { path, type: array.constructor.name as TypedName, byteOffset: bytes, length: array.length };
    const nonZero = array instanceof Float64Array && array.length >= SPARSE_MIN_LENGTH ? countKept(array) : -1;
    // Sparse pays when its 12 bytes per kept entry are fewer than the dense 8 per entry.
    if (nonZero >= 0 && nonZero * 12 < array.byteLength) {
      slot.nonZero = nonZero;
      bytes += align8(nonZero * 12);
    } else {
      // 8-byte alignment, so a Float64Array view may start there.
      bytes += align8(array.byteLength);
    }
    return slot;
  });
  const buffer = new ArrayBuffer(bytes);
  const target = new Uint8Array(buffer);
  found.forEach(({ array }, i) => {
    const slot = slots[i];
    if (slot.nonZero === undefined) {
      target.set(new Uint8Array(array.buffer, array.byteOffset, array.byteLength), slot.byteOffset);
      return;
    }
    const source = array as Float64Array;
    const values = new Float64Array(buffer, slot.byteOffset, slot.nonZero);
    const indexes = new Uint32Array(buffer, slot.byteOffset + slot.nonZero * 8, slot.nonZero);
    let k = 0;
    for (let j = 0; j < source.length; j++) {
      const x = source[j];
      if (kept(x)) {
        values[k] = x;
        indexes[k++] = j;
      }
    }
  });
  return { rest, slots, buffer };
}

/** Result keys whose sparse slots stay sparse on arrival: the duration histograms, which every reader takes in either form. */
const KEPT_SPARSE: ReadonlySet<string> = new Set(HISTOGRAM_KEYS);

/**
 * The typed array a slot describes: a view on `buffer`; for a sparse slot
 * of a duration histogram, SparseHistograms on views of `buffer` (nothing
 * copied); for another sparse slot, a dense array rebuilt from its entries.
 */
function unpackSlot(buffer: ArrayBuffer, slot: Slot): Typed | SparseHistograms {
  if (slot.nonZero === undefined) return new TYPED[slot.type](buffer, slot.byteOffset, slot.length);
  const values = new Float64Array(buffer, slot.byteOffset, slot.nonZero);
  const indexes = new Uint32Array(buffer, slot.byteOffset + slot.nonZero * 8, slot.nonZero);
  if (slot.path.length === 1 && KEPT_SPARSE.has(slot.path[0])) return new SparseHistograms(slot.length, indexes, values);
  const dense = new Float64Array(slot.length);
  for (let k = 0; k < values.length; k++) dense[indexes[k]] = values[k];
  return dense;
}

/**
 * The result a {@link packResult} packed: its typed arrays equal the packed
 * ones value for value (dense ones are views on `packed.buffer`), except
 * that the duration histograms may come back as SparseHistograms, which
 * read the same.
 */
export function unpackResult(packed: PackedResult): ReplicationResult {
  const result: Record<string, unknown> = { ...packed.rest };
  for (const key of Object.keys(result)) {
    const v = result[key];
    if (v !== null && typeof v === 'object' && !Array.isArray(v)) result[key] = { ...(v as Record<string, unknown>) };
  }
  for (const slot of packed.slots) {
    let holder = result;
    for (const key of slot.path.slice(0, -1)) holder = holder[key] as Record<string, unknown>;
    holder[slot.path[slot.path.length - 1]] = unpackSlot(packed.buffer, slot);
  }
  return result as unknown as ReplicationResult;
}
