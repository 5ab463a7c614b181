/**
 * The reference loop of `npm run bench`: the bench's M/M/50 case (arrivals
 * 100/h, exponential handle time of 27 min, 50 agents, one FIFO queue,
 * utilisation 0.9) written as the smallest plain Node program that
 * simulates it: a typed binary heap of departure times, the next arrival in
 * a variable, a ring buffer of waiting arrival times, a xorshift generator.
 * No features, no per-class routing, no metrics beyond the mean wait and the
 * share answered within 5 min. careload's whole `run` is measured against
 * this program's whole process (same conversation count), so the ratio
 * tells what the simulator's generality and its start-up cost.
 *
 * Usage: node reference-loop.js [conversations] — prints one JSON line:
 * { conversations, events, seconds (loop only), meanWait, within5m }.
 */
import { pathToFileURL } from 'node:url';

const RATE = 100 / 3600;
const MEAN_SERVICE = 27 * 60;
const SERVERS = 50;
const TARGET = 5 * 60;

/** xorshift128+ folded to a uniform in (0, 1): enough for a bench. */
function makeUniform(seed: number): () => number {
  let s0 = (seed ^ 0x9e3779b9) >>> 0 || 1;
  let s1 = 0x6a09e667;
  let s2 = 0xbb67ae85;
  let s3 = 0x3c6ef372;
  return () => {
    // xoshiro128+ (32-bit words).
    const result = (s0 + s3) >>> 0;
    const t = s1 << 9;
    s2 ^= s0;
    s3 ^= s1;
    s1 ^= s2;
    s0 ^= s3;
    s2 ^= t;
    s3 = (s3 << 11) | (s3 >>> 21);
    return (result + 0.5) / 4294967296;
  };
}

/** Simulates `conversations` arrivals of the M/M/50 case and the service of every one of them. */
export function referenceLoop(conversations: number, seed = 1): { conversations: number; events: number; meanWait: number; within5m: number } {
  const u = makeUniform(seed);
  // Min-heap of busy agents' departure times.
  const heap = new Float64Array(SERVERS + 1);
  let busy = 0;
  // Ring buffer of waiting arrival times (grows by doubling: rarely).
  let ring = new Float64Array(1024);
  let head = 0;
  let waiting = 0;
  let arrived = 0;
  let events = 0;
  let waitSum = 0;
  let within = 0;
  let now = 0;
  let nextArrival = -Math.log(u()) / RATE;

  const push = (t: number) => {
    let i = busy++;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (heap[p] <= t) break;
      heap[i] = heap[p];
      i = p;
    }
    heap[i] = t;
  };
  const pop = () => {
    const last = heap[--busy];
    let i = 0;
    const half = busy >> 1;
    while (i < half) {
      let c = 2 * i + 1;
      if (c + 1 < busy && heap[c + 1] < heap[c]) c++;
      if (last <= heap[c]) break;
      heap[i] = heap[c];
      i = c;
    }
    heap[i] = last;
  };
  const start = (arrival: number) => {
    const wait = now - arrival;
    waitSum += wait;
    if (wait <= TARGET) within++;
    push(now - Math.log(u()) * MEAN_SERVICE);
  };

  while (arrived < conversations || busy > 0) {
    events++;
    if (arrived < conversations && (busy === 0 || nextArrival < heap[0])) {
      now = nextArrival;
      arrived++;
      nextArrival = now - Math.log(u()) / RATE;
      if (busy < SERVERS) {
        start(now);
      } else {
        if (waiting === ring.length) {
          const grown = new Float64Array(ring.length * 2);
          for (let k = 0; k < waiting; k++) grown[k] = ring[(head + k) % ring.length];
          ring = grown;
          head = 0;
        }
        ring[(head + waiting++) % ring.length] = now;
      }
    } else {
      now = heap[0];
      pop();
      if (waiting > 0) {
        const arrival = ring[head];
        head = (head + 1) % ring.length;
        waiting--;
        start(arrival);
      }
    }
  }
  return { conversations: arrived, events, meanWait: waitSum / arrived, within5m: within / arrived };
}

// Run as a program: one line of JSON on stdout.
if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const n = Number(process.argv[2] ?? 1_000_000);
  const started = process.hrtime.bigint();
  const r = referenceLoop(n);
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  console.log(JSON.stringify({ ...r, seconds }));
}
