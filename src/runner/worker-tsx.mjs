// Worker bootstrap used when careload runs from TypeScript sources (vitest,
// tsx): worker threads cannot load .ts files on their own, so register tsx's
// loader in this thread first, then load the real worker.
import { register } from 'tsx/esm/api';

register();
await import('./worker.ts');
