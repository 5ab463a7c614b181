/**
 * Worker-thread entry: simulates one replication per call, reporting the
 * simulated time reached as it goes. The result goes back as one
 * transferred buffer (see ./transfer.ts), not cloned array by array. A pool
 * made for one run gives the scenario once, as the thread's workerData, and
 * its calls then carry null instead of the scenario.
 */
import { workerData } from 'node:worker_threads';
import workerpool from 'workerpool';
import { simulateReplication } from '../model/simulation.js';
import type { Scenario } from '../scenario/types.js';
import { packResult } from './transfer.js';

const shared = (workerData as { scenario?: Scenario } | null)?.scenario;

workerpool.worker({
  replicate: (given: Scenario | null, replication: number, reportProgress: boolean) => {
    const scenario = given ?? shared;
    if (!scenario) throw new Error('no scenario given to the worker');
    const packed = packResult(simulateReplication(scenario, replication, reportProgress
      ? (simulatedTime, events) => workerpool.workerEmit({ replication, simulatedTime, events })
      : undefined));
    return new workerpool.Transfer(packed, [packed.buffer]);
  },
});
