/**
 * Worker-thread entry: simulates one replication per call, reporting the
 * simulated time reached as it goes. Results are plain typed arrays, so they
 * cross back to the main thread by structured clone.
 */
import workerpool from 'workerpool';
import { simulateReplication } from '../model/simulation.js';
import type { Scenario } from '../scenario/types.js';

workerpool.worker({
  replicate: (scenario: Scenario, replication: number, reportProgress: boolean) =>
    simulateReplication(scenario, replication, reportProgress
      ? (simulatedTime, events) => workerpool.workerEmit({ replication, simulatedTime, events })
      : undefined),
});
