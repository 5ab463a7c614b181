/**
 * A replication's result as one ArrayBuffer, so that a worker thread hands
 * it back by transfer (moved, not copied) instead of structured clone of a
 * dozen typed arrays (about 0.6 MB a replication for the crisis scenario).
 * The worker copies every typed array into a fresh buffer (a memcpy, so no
 * array the simulation might still own is ever detached); the main thread
 * gets views on that buffer, equal value for value.
 */
import type { ReplicationResult } from '../metrics/recorder.js';

/** The typed arrays a result may hold, by constructor name. */
const TYPED = { Float64Array, Float32Array, Int32Array, Uint32Array, Int16Array, Uint16Array, Int8Array, Uint8Array } as const;
type TypedName = keyof typeof TYPED;
type Typed = InstanceType<(typeof TYPED)[TypedName]>;

/** Where one typed array of a result lies in the packed buffer. */
interface Slot {
  /** Keys from the result down to the array (`['fields']`, `['series', 'arrivals']`). */
  path: string[];
  type: TypedName;
  byteOffset: number;
  length: number;
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

/** Packs a result's typed arrays into one new buffer (transfer `buffer`). */
export function packResult(result: ReplicationResult): PackedResult {
  const found: { path: string[]; array: Typed }[] = [];
  const rest = collect(result as unknown as Record<string, unknown>, [], found);
  let bytes = 0;
  const slots: Slot[] = found.map(({ path, array }) => {
    const slot = { path, type: array.constructor.name as TypedName, byteOffset: bytes, length: array.length };
    // 8-byte alignment, so a Float64Array view may start there.
    bytes += Math.ceil(array.byteLength / 8) * 8;
    return slot;
  });
  const buffer = new ArrayBuffer(bytes);
  const target = new Uint8Array(buffer);
  found.forEach(({ array }, i) => target.set(new Uint8Array(array.buffer, array.byteOffset, array.byteLength), slots[i].byteOffset));
  return { rest, slots, buffer };
}

/** The result a {@link packResult} packed: its typed arrays are views on `packed.buffer`. */
export function unpackResult(packed: PackedResult): ReplicationResult {
  const result: Record<string, unknown> = { ...packed.rest };
  for (const key of Object.keys(result)) {
    const v = result[key];
    if (v !== null && typeof v === 'object' && !Array.isArray(v)) result[key] = { ...(v as Record<string, unknown>) };
  }
  for (const slot of packed.slots) {
    let holder = result;
    for (const key of slot.path.slice(0, -1)) holder = holder[key] as Record<string, unknown>;
    holder[slot.path[slot.path.length - 1]] = new TYPED[slot.type](packed.buffer, slot.byteOffset, slot.length);
  }
  return result as unknown as ReplicationResult;
}
