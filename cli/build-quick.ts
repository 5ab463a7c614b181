/**
 * Build step (`npm run build`, after tsc): bundles each quick command's
 * compiled entry (cli/quick/<name>.ts) and all it imports into
 * dist/cli/quick/<name>.cjs, then writes its V8 code cache
 * (<name>.cjs.v8cache), made after running the command once on typical
 * command lines (output thrown away) so the functions they call are in it.
 * Also writes <name>.meta.json, the bundle's inputs (the lazy-loading test
 * reads it). See cli/quick-bundle.ts for how they are loaded. Before them,
 * the worker threads' entries (buildWorkers) and the terminal UI's bundle
 * (buildUi and cli/ui-modules.ts).
 */
import { mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { build, type Plugin } from 'esbuild';
import { codeCacheFile, compileBundle, quickBundleFile, QUICK_COMMANDS, type QuickCommand } from './quick-bundle.js';
import { UI_ENTRIES, uiBundleFile } from './ui-modules.js';

const ROOT = join(dirname(quickBundleFile('erlang')), '../../..');
const scenario = (name: string) => join(ROOT, 'scenarios', name);
/** Where the warm-up runs write their results (removed after the build). */
const warmUpOut = mkdtempSync(join(tmpdir(), 'careload-build-'));

/** The command lines each bundle runs before its code is cached (all must succeed). */
const WARM_UP: Record<QuickCommand, string[][]> = {
  erlang: [
    ['--rate', '200/h', '--aht', '3m', '--target', '20s', '--sl', '80%'],
    ['--rate', '200/h', '--aht', '3m', '--target', '20s', '--sl', '80%', '--patience', '5m', '--shrinkage', '30%'],
    ['--rate', '200/h', '--aht', '3m', '--target', '20s', '--sl', '80%', '--patience', '5m', '--format', 'json'],
  ],
  validate: [[scenario('mmc-validation.yaml')], [scenario('swisscom-outage.yaml')], [scenario('orange-multibrand.yaml'), '--format', 'json']],
  // JSON out (never the live view, even from a terminal): a run on worker threads, and a small one on this thread.
  run: [
    [scenario('mmc-validation.yaml'), '-r', '2', '--format', 'json', '--quiet', '--inconclusive', 'pass', '--out', join(warmUpOut, 'threads')],
    [scenario('swisscom-outage.yaml'), '-r', '2', '--format', 'json', '--quiet', '--inconclusive', 'pass', '--out', join(warmUpOut, 'inline')],
  ],
};

/**
 * `import.meta.url` has no meaning in CommonJS: each module's is rebuilt
 * from the bundle's own path and the module's place relative to it (the
 * modules locate package.json and their requires by it). And a dynamic
 * import of what stays out of the bundles (the terminal UI, cli/ui, and
 * workerpool) becomes a call of the loader's `__careloadImport`, which
 * imports it as the ES module it is (see compileBundle).
 */
function moduleUrls(bundleDir: string): Plugin {
  return {
    name: 'module-urls',
    setup(b) {
      b.onLoad({ filter: /[\\/]dist[\\/].*\.js$/ }, (args) => {
        let text = readFileSync(args.path, 'utf8');
        const original = text;
        text = text.replace(/\bimport\((['"])((?:\.\.?\/)+ui\/[^'"]+)\1\)/g, (_, q: string, path: string) => `__careloadImport(new URL(${q}${path}${q}, import.meta.url).href)`);
        text = text.replace(/\bimport\((['"])workerpool\1\)/g, "__careloadImport('workerpool')");
        if (text.includes('import.meta.url')) {
          const rel = JSON.stringify(relative(bundleDir, args.path).split('\\').join('/'));
          text = text.replaceAll('import.meta.url', `__careloadModuleUrl(${rel})`);
        }
        return text === original ? undefined : { contents: text, loader: 'js' };
      });
    },
  };
}

/** Writes `data` to `file` whole: a temporary file renamed over it. */
function writeWhole(file: string, data: string | Buffer): void {
  writeFileSync(`${file}.tmp`, data);
  renameSync(`${file}.tmp`, file);
}

/**
 * Bundles the compiled module `entry` and all it imports (but `external`)
 * into the minified CommonJS file `outfile`, each module's import.meta.url
 * rebuilt from the bundle's place (see moduleUrls); returns esbuild's result
 * with its metafile.
 */
function bundleCommonJs(entry: string, outfile: string, external: string[]) {
  return build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    logLevel: 'warning',
    // Less text to read and hash at each start (CARELOAD_DEBUG loads the modules instead, for readable stack traces).
    minify: true,
    metafile: true,
    plugins: [moduleUrls(dirname(outfile))],
    banner: { js: "const __careloadModuleUrl = (rel) => require('node:url').pathToFileURL(require('node:path').join(__dirname, rel)).href;" },
    external,
  });
}

/** Bundles `command`, runs it on its warm-up lines, and writes the bundle's code cache. */
async function buildQuick(command: QuickCommand): Promise<void> {
  const file = quickBundleFile(command);
  // Never the terminal UI nor the worker pool: left out, an import of them fails the warm-up below.
  const result = await bundleCommonJs(file.replace(/\.cjs$/, '.js'), file, ['ink', 'react', 'workerpool']);
  writeWhole(file.replace(/\.cjs$/, '.meta.json'), JSON.stringify(result.metafile));
  // The terminal UI must stay out: ink is ES modules only (with top-level await), which a CommonJS bundle cannot require.
  const ui = Object.keys(result.metafile.inputs).filter((f) => /(^|\/)dist\/cli\/ui\//.test(f));
  if (ui.length > 0) throw new Error(`the ${command} bundle takes in the terminal UI (${ui.join(', ')}): import it dynamically`);

  const compiled = compileBundle(file, readFileSync(file, 'utf8'));
  const write = process.stdout.write.bind(process.stdout);
  process.stdout.write = () => true;
  const codes: (number | undefined)[] = [];
  try {
    for (const args of WARM_UP[command]) codes.push(await compiled.exports.runQuick(args));
  } finally {
    process.stdout.write = write;
  }
  if (codes.some((c) => c !== 0)) throw new Error(`careload ${command} failed in the build's warm-up (exit codes ${codes.join(', ')})`);
  writeWhole(codeCacheFile(file), compiled.script.createCachedData());
}

/** ink's devtools hook (imported only with DEV=true), whose package careload does not install: an empty module in the UI bundle. */
const noDevtools: Plugin = {
  name: 'no-devtools',
  setup(b) {
    b.onResolve({ filter: /^react-devtools-core$/ }, () => ({ path: 'react-devtools-core', namespace: 'no-devtools' }));
    b.onLoad({ filter: /.*/, namespace: 'no-devtools' }, () => ({ contents: 'export default {};', loader: 'js' }));
  },
};

/**
 * Bundles the terminal UI's entries (cli/ui-modules.ts) into
 * dist/cli/ui-bundle: ES modules (ink's yoga awaits at the top level), one
 * per entry and the chunks they share, React in its production build. Only
 * drawing code and pure functions may be copied in: the build fails if an
 * entry takes in a module whose objects are checked by class or that keeps
 * state (the runner, the recorder and summary, the model, the scenario
 * loader, the check runner, the planner).
 */
async function buildUi(): Promise<void> {
  const outdir = dirname(uiBundleFile('live'));
  rmSync(outdir, { recursive: true, force: true });
  const result = await build({
    entryPoints: Object.fromEntries(UI_ENTRIES.map((name) => [name, join(dirname(outdir), 'ui', `${name}.js`)])),
    outdir,
    outExtension: { '.js': '.mjs' },
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    logLevel: 'warning',
    minify: true,
    metafile: true,
    plugins: [noDevtools],
    define: { 'process.env.NODE_ENV': '"production"' },
    // The CommonJS packages inside (React) require Node's built-ins.
    banner: { js: "import { createRequire as __careloadRequire } from 'node:module'; const require = __careloadRequire(import.meta.url);" },
  });
  // Pure functions (formats, intervals, verdicts) may be copied; not what makes objects checked by class or holds state.
  const SHARED = /(^|\/)dist\/src\/((runner|model|core|scenario|planner)\/|metrics\/(histogram|recorder|summary)\.js|check\/(run|types)\.js)/;
  const shared = Object.keys(result.metafile.inputs).filter((f) => SHARED.test(f));
  if (shared.length > 0) throw new Error(`the UI bundle takes in library modules with shared objects or state (${shared.join(', ')}): give the UI those functions from its caller`);
}

/**
 * Bundles each worker thread's entry (src/runner/team-worker.ts, worker.ts)
 * into one CommonJS file beside it (see src/runner/worker-entry.ts): a
 * thread then starts without resolving and linking its modules one by one.
 * No code cache: a worker compiles what it runs anyway, on its own thread.
 */
async function buildWorkers(): Promise<void> {
  const runnerDir = join(ROOT, 'dist', 'src', 'runner');
  for (const entry of ['team-worker', 'worker']) {
    await bundleCommonJs(join(runnerDir, `${entry}.js`), join(runnerDir, `${entry}.cjs`), ['workerpool']);
  }
}

try {
  await buildWorkers();
  await buildUi();
  for (const command of QUICK_COMMANDS) await buildQuick(command);
} finally {
  rmSync(warmUpOut, { recursive: true, force: true });
}
