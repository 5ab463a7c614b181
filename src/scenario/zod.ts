/**
 * The part of zod the scenario schema uses, from one module. The build
 * (package.json `build`, after tsc) bundles this module with esbuild into
 * dist/src/scenario/zod.js: one file holding only what is exported here
 * (zod's own code, tree-shaken), instead of zod's 90 modules (48 of them
 * locales) that Node would otherwise resolve, read, compile and link on
 * every `validate`, `run` or `schema`; that saves about a third of
 * `validate`'s start-up CPU. Unbuilt (tests, tsx), this module simply
 * re-exports zod. Import zod through it (never `from 'zod'` for values), so
 * schemas and their JSON Schema come from one copy of zod.
 */
import { config } from 'zod';

export { array, literal, NEVER, record, strictObject, string, toJSONSchema, union, unknown } from 'zod';
export type { core, output, ZodType } from 'zod';

// zod compiles a fast parser for each object schema with `new Function` on its first parse; a scenario is parsed once or
// twice per process, so that code is compiled for one use, and unlike careload's own code no V8 code cache can keep it
// (cli/quick-bundle.ts). Interpreted, the first parse costs less and gives the same result.
config({ jitless: true });
