/**
 * Worker-thread entry: simulates one replication per call, reporting the
 * simulated time reached as it goes (at most one message every 50 ms). The result goes back as one
 * transferred buffer (see ./transfer.ts), not cloned array by array. This
 * serves the pools callers keep across runs (createReplicationPool); a run
 * without one runs on a team of its own (./team-worker.ts).
 */
import workerpool from 'workerpool';
import { simulateReplication } from '../model/simulation.js';
import type { Scenario } from '../scenario/types.js';
import { packResult } from './transfer.js';

/** Least time between two progress messages of one replication: the live view and progress lines draw a few times a second at most. */
const TICK_EVERY_MS = 50;

workerpool.worker({
  replicate: (scenario: Scenario, replication: number, reportProgress: boolean) => {
    // The simulation ticks 100 times a replication; a message to the main thread costs about as much as
    // a short stretch of simulation there and here, so pass on at most one tick per TICK_EVERY_MS (the first always).
    let lastTick = -Infinity;
    const packed = packResult(simulateReplication(scenario, replication, reportProgress
      ? (simulatedTime, events) => {
          const now = performance.now();
          if (now - lastTick < TICK_EVERY_MS) return;
          lastTick = now;
          workerpool.workerEmit({ replication, simulatedTime, events });
        }
      : undefined));
    return new workerpool.Transfer(packed, [packed.buffer]);
  },
});
