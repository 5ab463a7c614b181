/**
 * Worker-thread entry: simulates one replication per call, reporting the
 * simulated time reached as it goes (at most one message every 50 ms). The result goes back as one
 * transferred buffer (see ./transfer.ts), not cloned array by array. A pool
 * made for one run gives the scenario once, as the thread's workerData, and
 * its calls then carry null instead of the scenario.
 */
import { workerData } from 'node:worker_threads';
import workerpool from 'workerpool';
import { simulateReplication } from '../model/simulation.js';
import type { Scenario } from '../scenario/types.js';
import { packResult } from './transfer.js';

/** Least time between two progress messages of one replication: the live view and progress lines draw a few times a second at most. */
const TICK_EVERY_MS = 50;

const shared = (workerData as { scenario?: Scenario } | null)?.scenario;

workerpool.worker({
  replicate: (given: Scenario | null, replication: number, reportProgress: boolean) => {
    const scenario = given ?? shared;
    if (!scenario) throw new Error('no scenario given to the worker');
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
