// Worker bootstrap used when careload runs from TypeScript sources (vitest,
// tsx): worker threads cannot load .ts files on their own, so register tsx's
// loader in this thread first, then load the real worker (the one its
// workerData names, a replication team's; workerpool's otherwise).
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData?.entry ?? './worker.ts');
