/**
 * node:crypto, loaded on first use. Loading it costs about 6 ms, a few
 * percent of `validate`'s start-up, which never hashes a trace nor writes a
 * file; the modules that need it now and then (a temporary file's random
 * name, a trace's hash) take it from here.
 */
import { createRequire } from 'node:module';

let loaded: typeof import('node:crypto') | undefined;

/** The node:crypto module (required on the first call). */
export function nodeCrypto(): typeof import('node:crypto') {
  loaded ??= createRequire(import.meta.url)('node:crypto') as typeof import('node:crypto');
  return loaded;
}
