/**
 * The script a worker thread starts from. From the build, the entry's
 * one-file CommonJS bundle (dist/src/runner/<name>.cjs, written by
 * cli/build-quick.ts): the thread then resolves and links no module one by
 * one, about 40 ms less before its first replication. With CARELOAD_DEBUG
 * set (readable stack traces), or without the bundle, the compiled module;
 * from sources (tsx, vitest), the bootstrap that registers tsx (the entry to
 * load is then in the worker's data). A file path, not a URL's pathname, so
 * folders with spaces or non-ASCII names work.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The worker entries: a run's own team (./team-worker.ts) and a caller's pool (./worker.ts). */
export type WorkerEntry = 'team-worker' | 'worker';

/** The file a worker thread running `entry` is started from. */
export function workerScript(entry: WorkerEntry): string {
  const here = import.meta.url;
  if (here.endsWith('.ts')) return fileURLToPath(new URL('./worker-tsx.mjs', here));
  const bundle = fileURLToPath(new URL(`./${entry}.cjs`, here));
  if (!process.env.CARELOAD_DEBUG && existsSync(bundle)) return bundle;
  return fileURLToPath(new URL(`./${entry}.js`, here));
}
