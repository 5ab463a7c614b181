import { createStream } from '../core/rng.js';

/**
 * A conversation's 64-bit random key as two unsigned 32-bit halves: every
 * draw made for the conversation (its attributes, handle times, patience,
 * outcome) comes from streams keyed by it (see KeyedUniform).
 */
export interface ConversationKey {
  keyA: number;
  keyB: number;
}

const HEX_ID = /^[0-9a-f]{16}$/;

/** FNV-1a over the UTF-16 code units of `text`, from `basis`: 32 bits. */
function fnv1a(text: string, basis: number): number {
  let h = basis >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/**
 * The 64-bit identity a trace row's `id` names: 16 lowercase hex digits are
 * read as the number they spell (what `careload generate` writes); any other
 * text (a platform's own conversation id) is hashed to 64 bits, so equal ids
 * give equal identities and different ids almost surely differ.
 */
export function identityOfId(id: string, out: ConversationKey): void {
  if (HEX_ID.test(id)) {
    out.keyA = Number.parseInt(id.slice(0, 8), 16) >>> 0;
    out.keyB = Number.parseInt(id.slice(8), 16) >>> 0;
    return;
  }
  out.keyA = fnv1a(id, 0x811c9dc5);
  out.keyB = fnv1a(id, 0x050c5d1f);
}

/** The identity of a row without an `id`: its line in the file (unique by construction). */
export function identityOfLine(line: number, out: ConversationKey): void {
  // The line in the low half (unique), its hash in the high half (so nearby lines share few bits).
  out.keyA = fnv1a(String(line), 0x9e3779b9);
  out.keyB = line >>> 0;
}

/** An identity as the `id` text `careload generate` writes: 16 lowercase hex digits. */
export function formatIdentity(keyA: number, keyB: number): string {
  return (keyA >>> 0).toString(16).padStart(8, '0') + (keyB >>> 0).toString(16).padStart(8, '0');
}

/**
 * The mask that turns a trace row's identity into its conversation key in one
 * replication (key = identity XOR mask): the arrivals are the trace's in every
 * replication, while everything drawn from the key (handle times, patience,
 * outcomes) varies from one replication to the next. `careload generate`
 * writes identity = key XOR mask of the replication it generated, so
 * replaying that trace reproduces the replication exactly.
 */
export function replicationMask(seed: number, replication: number): ConversationKey {
  const s = createStream(seed, replication, 'trace/keys');
  return { keyA: s.nextUint32(), keyB: s.nextUint32() };
}
