/**
 * Build step (`npm run build`, after tsc): bundles each quick command's
 * compiled entry (cli/quick/<name>.ts) and all it imports into
 * dist/cli/quick/<name>.cjs, then writes its V8 code cache
 * (<name>.cjs.v8cache), made after running the command once on typical
 * command lines (output thrown away) so the functions they call are in it.
 * Also writes <name>.meta.json, the bundle's inputs (the lazy-loading test
 * reads it). See cli/quick-bundle.ts for how they are loaded.
 */
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { build, type Plugin } from 'esbuild';
import { codeCacheFile, compileBundle, quickBundleFile, QUICK_COMMANDS, type QuickCommand } from './quick-bundle.js';

const ROOT = join(dirname(quickBundleFile('erlang')), '../../..');
const scenario = (name: string) => join(ROOT, 'scenarios', name);

/** The command lines each bundle runs before its code is cached (all must succeed). */
const WARM_UP: Record<QuickCommand, string[][]> = {
  erlang: [
    ['--rate', '200/h', '--aht', '3m', '--target', '20s', '--sl', '80%'],
    ['--rate', '200/h', '--aht', '3m', '--target', '20s', '--sl', '80%', '--patience', '5m', '--shrinkage', '30%'],
    ['--rate', '200/h', '--aht', '3m', '--target', '20s', '--sl', '80%', '--patience', '5m', '--format', 'json'],
  ],
  validate: [[scenario('mmc-validation.yaml')], [scenario('swisscom-outage.yaml')], [scenario('orange-multibrand.yaml'), '--format', 'json']],
};

/**
 * `import.meta.url` has no meaning in CommonJS: each module's is rebuilt
 * from the bundle's own path and the module's place relative to it (the
 * modules locate package.json and their requires by it).
 */
function moduleUrls(bundleDir: string): Plugin {
  return {
    name: 'module-urls',
    setup(b) {
      b.onLoad({ filter: /[\\/]dist[\\/].*\.js$/ }, (args) => {
        const text = readFileSync(args.path, 'utf8');
        if (!text.includes('import.meta.url')) return undefined;
        const rel = JSON.stringify(relative(bundleDir, args.path).split('\\').join('/'));
        return { contents: text.replaceAll('import.meta.url', `__careloadModuleUrl(${rel})`), loader: 'js' };
      });
    },
  };
}

/** Writes `data` to `file` whole: a temporary file renamed over it. */
function writeWhole(file: string, data: string | Buffer): void {
  writeFileSync(`${file}.tmp`, data);
  renameSync(`${file}.tmp`, file);
}

/** Bundles `command`, runs it on its warm-up lines, and writes the bundle's code cache. */
async function buildQuick(command: QuickCommand): Promise<void> {
  const file = quickBundleFile(command);
  const result = await build({
    entryPoints: [file.replace(/\.cjs$/, '.js')],
    outfile: file,
    bundle: true,
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    logLevel: 'warning',
    // Less text to read and hash at each start (CARELOAD_DEBUG loads the modules instead, for readable stack traces).
    minify: true,
    metafile: true,
    plugins: [moduleUrls(dirname(file))],
    banner: { js: "const __careloadModuleUrl = (rel) => require('node:url').pathToFileURL(require('node:path').join(__dirname, rel)).href;" },
    // Never the terminal UI nor the worker pool: left out, an import of them fails the warm-up below.
    external: ['ink', 'react', 'workerpool'],
  });
  writeWhole(file.replace(/\.cjs$/, '.meta.json'), JSON.stringify(result.metafile));

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

for (const command of QUICK_COMMANDS) await buildQuick(command);
