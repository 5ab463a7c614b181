/**
 * The quick commands (`erlang`, `validate`, and `run` on a plain command
 * line) start from the build's bundles:
 * each command's entry (cli/quick/<name>.ts) and all it imports in one
 * CommonJS file, dist/cli/quick/<name>.cjs, loaded with the V8 code cache
 * the build wrote beside it (<name>.cjs.v8cache). The code is then neither
 * resolved module by module nor compiled, which is most of these commands'
 * start-up on Node 20 (it has no compile cache for ES modules). A cache made
 * by another Node version is rejected by V8 and the bundle compiles as
 * usual; without the bundle (running from sources), or with CARELOAD_DEBUG
 * set, the modules are imported as they are. What stays out of a bundle
 * (the terminal UI, which is ES modules only, and workerpool) is imported
 * as ES modules when used (see importModule).
 */
import type { Script as VmScript } from 'node:vm';

// Node's built-in modules as CommonJS objects: imported as ES modules, each gets a facade that reads every export
// (node:fs's stream getters then load node:stream), a few milliseconds of a start-up that is meant to be short.
const { readFileSync } = process.getBuiltinModule('node:fs');
const nodeModule = process.getBuiltinModule('node:module');
const nodePath = process.getBuiltinModule('node:path');
const { fileURLToPath } = process.getBuiltinModule('node:url');
const { Script } = process.getBuiltinModule('node:vm');

/** The commands with a start-up bundle. */
export const QUICK_COMMANDS = ['erlang', 'validate', 'run'] as const;
/** One of them. */
export type QuickCommand = (typeof QUICK_COMMANDS)[number];

/** What a quick command's entry exports: `runQuick(args, exitAtOnce?)`, its exit code or undefined for a line yargs must parse. */
export type QuickEntry = typeof import('./quick/run.js');

/** A bundle, compiled: its exports and the Script (whose code cache the build writes). */
export interface CompiledBundle {
  exports: QuickEntry;
  script: VmScript;
  /** V8 rejected the cache given (another Node version or V8 flags); false when none was given. */
  cacheRejected: boolean;
}

/** Whether `name` is a quick command. */
export function isQuickCommand(name: string | undefined): name is QuickCommand {
  return (QUICK_COMMANDS as readonly (string | undefined)[]).includes(name);
}

/** The bundle of `command`, in dist/cli/quick. */
export function quickBundleFile(command: QuickCommand): string {
  return fileURLToPath(new URL(`./quick/${command}.cjs`, import.meta.url));
}

/** The code cache of a bundle. */
export function codeCacheFile(bundle: string): string {
  return `${bundle}.v8cache`;
}

/**
 * Loads an ES module for a bundle: the terminal UI (ink is ES modules only)
 * and workerpool stay out of the bundles, and a script compiled by node:vm
 * has no `import()` of its own, so the build rewrites their dynamic imports
 * into calls of this (see cli/build-quick.ts).
 */
const importModule = (specifier: string): Promise<unknown> => import(specifier);

/** Compiles and runs `source`, the CommonJS bundle `file`, as Node's loader would, with `cachedData` if given. */
export function compileBundle(file: string, source: string, cachedData?: Buffer): CompiledBundle {
  // Node's own CommonJS wrapper, and the ES module loader: the same source text gives the same cache.
  const script = new Script(`(function (exports, require, module, __filename, __dirname, __careloadImport) { ${source}\n});`, { filename: file, cachedData });
  const module = { exports: {} as QuickEntry };
  const run = script.runInThisContext() as (e: object, r: NodeJS.Require, m: object, f: string, d: string, i: typeof importModule) => void;
  run(module.exports, nodeModule.createRequire(file), module, file, nodePath.dirname(file), importModule);
  return { exports: module.exports, script, cacheRejected: cachedData !== undefined && script.cachedDataRejected === true };
}

/** `command`'s entry: from its bundle and code cache when built, else from the modules. */
export async function loadQuickCommand(command: QuickCommand): Promise<QuickEntry> {
  const modules = (): Promise<QuickEntry> => (command === 'erlang' ? import('./quick/erlang.js') : command === 'validate' ? import('./quick/validate.js') : import('./quick/run.js'));
  // CARELOAD_DEBUG prints stack traces: the modules' lines, not the minified bundle's.
  if (process.env.CARELOAD_DEBUG) return modules();
  const file = quickBundleFile(command);
  let source: string;
  try {
    source = readFileSync(file, 'utf8');
  } catch {
    return modules();
  }
  let cache: Buffer | undefined;
  try {
    cache = readFileSync(codeCacheFile(file));
  } catch {
    // no cache: the bundle compiles as usual
  }
  return compileBundle(file, source, cache).exports;
}
