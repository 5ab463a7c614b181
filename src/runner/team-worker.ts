/**
 * Worker-thread entry of a replication team (see ./team.ts): the thread
 * takes the next replication index from a counter shared by the whole team
 * (the calling thread included), simulates it and posts the result back as
 * one transferred buffer, until no index is left. No round trip through the
 * main thread between two replications, so a thread never waits for a main
 * thread that is busy simulating a replication of its own.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { simulateReplication } from '../model/simulation.js';
import type { Scenario } from '../scenario/types.js';
import { packResult } from './transfer.js';
import type { TeamMessage, TeamStart } from './team.js';

/** Least time between two progress messages of one replication: the live view and progress lines draw a few times a second at most. */
const TICK_EVERY_MS = 50;

const port = parentPort;
if (!port) throw new Error('team-worker.ts runs on a worker thread only');
const { scenario, counter, current, slot, end, ticks } = workerData as TeamStart & { scenario: Scenario };
const next = new Int32Array(counter);
const running = new Int32Array(current);
const post = (message: TeamMessage, transfer?: ArrayBuffer[]) => port.postMessage(message, transfer);

for (;;) {
  const replication = Atomics.add(next, 0, 1);
  if (replication >= end) break;
  // Where this thread is, should it die mid-replication (the main thread then names the replication).
  Atomics.store(running, slot, replication);
  let lastTick = -Infinity;
  let packed;
  try {
    packed = packResult(simulateReplication(scenario, replication, ticks
      ? (simulatedTime, events) => {
          const now = performance.now();
          if (now - lastTick < TICK_EVERY_MS) return;
          lastTick = now;
          post({ kind: 'tick', replication, simulatedTime, events });
        }
      : undefined));
  } catch (e) {
    post({ kind: 'failed', replication, reason: e instanceof Error ? e.message : String(e) });
    break;
  }
  post({ kind: 'result', packed }, [packed.buffer]);
}
