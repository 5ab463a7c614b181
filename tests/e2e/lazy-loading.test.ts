/**
 * Lazy loading, proved by what Node actually resolves (not by timing): each
 * command's code is imported only when it runs, so --version, --help,
 * validate and erlang load neither the terminal UI (ink, react) nor the worker threads
 * (workerpool), and neither does importing the library. A resolve hook
 * (tests/scripts/log-imports.mjs) logs every module URL to a file.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');
const BIN = join(ROOT, 'dist/cli/careload.js');
const SCENARIO = join(ROOT, 'scenarios/mmc-validation.yaml');
const HOOK = pathToFileURL(join(ROOT, 'tests/scripts/log-imports.mjs')).href;
const HEAVY = /\/node_modules\/(ink|react|workerpool)\//;

const tmp = mkdtempSync(join(tmpdir(), 'careload-lazy-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
let count = 0;

/** Runs node with the logging hook on `args`; returns the exit status, output and every URL resolved. */
function logged(args: string[], env: Record<string, string> = {}): { status: number | null; stdout: string; stderr: string; urls: string[] } {
  const log = join(tmp, `urls-${++count}.txt`);
  const r = spawnSync(process.execPath, ['--import', HOOK, ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, CARELOAD_IMPORT_LOG: log, NO_COLOR: '1', ...env },
    timeout: 60_000,
  });
  if (r.error) throw r.error;
  return { status: r.status, stdout: r.stdout, stderr: r.stderr, urls: readFileSync(log, 'utf8').split('\n').filter(Boolean) };
}

const heavy = (urls: string[]) => urls.filter((u) => HEAVY.test(u));

describe('what each command loads', () => {
  // The start-up path imports small modules, never the library's index (which loads everything).
  const INDEX = /\/dist\/src\/index\.js$/;
  // The scenario loader's dependencies: schema (zod, which the build bundles into dist/src/scenario/zod.js), YAML, trace CSV reading.
  const LOADER = /\/node_modules\/(zod|yaml|csv-parse|csv-stringify|simple-statistics)\/|\/dist\/src\/scenario\/zod\.js$/;
  // zod is loaded as the build's one-file bundle, never module by module from node_modules.
  const ZOD_BUNDLE = '/dist/src/scenario/zod.js';
  const zodLoaded = (urls: string[]) => {
    expect(urls.filter((u) => u.includes('/node_modules/zod/'))).toEqual([]);
    return urls.some((u) => u.endsWith(ZOD_BUNDLE));
  };
  const handlers = (urls: string[]) => urls.filter((u) => u.includes('/dist/cli/handlers/')).map((u) => u.replace(/^.*\/handlers\//, ''));

  it('careload --version answers before loading yargs: it loads the version module and little else', () => {
    const r = logged([BIN, '--version']);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^\d+\.\d+\.\d+\n$/);
    expect(r.urls.some((u) => u.endsWith('/dist/src/version.js'))).toBe(true);
    expect(r.urls.filter((u) => u.includes('/node_modules/'))).toEqual([]);
    // Nor any command's spec (their flags are declared for yargs only).
    expect(r.urls.filter((u) => u.includes('/dist/cli/commands/'))).toEqual([]);
    expect(r.urls.filter((u) => INDEX.test(u) || u.includes('/dist/src/model/') || u.includes('/dist/src/scenario/load.js'))).toEqual([]);
  });

  it('careload --help loads yargs and the commands\' flags, but neither the library, the scenario loader nor any handler', () => {
    const r = logged([BIN, '--help']);
    expect(r.status, r.stderr).toBe(0);
    expect(r.urls.some((u) => u.includes('/node_modules/yargs/'))).toBe(true);
    expect(r.urls.some((u) => u.endsWith('/dist/cli/commands/run.js'))).toBe(true);
    expect(handlers(r.urls)).toEqual([]);
    expect(r.urls.filter((u) => INDEX.test(u) || LOADER.test(u) || HEAVY.test(u))).toEqual([]);
  });

  /** The modules in a quick command's start-up bundle (dist/cli/quick/<name>.cjs), as URLs like the hook logs. */
  const bundled = (command: string) => {
    const meta = JSON.parse(readFileSync(join(ROOT, `dist/cli/quick/${command}.meta.json`), 'utf8')) as { inputs: Record<string, unknown> };
    return Object.keys(meta.inputs).map((f) => pathToFileURL(resolve(ROOT, f)).href);
  };
  // With CARELOAD_DEBUG set, a quick command imports its modules one by one (for readable stack traces): the hook then sees them.
  const DEBUG = { CARELOAD_DEBUG: '1' };

  it.each([['from its start-up bundle', {}], ['module by module (CARELOAD_DEBUG)', DEBUG]])('careload validate %s loads the scenario loader and its own handler, but not yargs (for a plain command line), the library index, the model runner, ink, react nor workerpool', (_how, env) => {
    const r = logged([BIN, 'validate', SCENARIO], env);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/: valid scenario "mmc-validation"/);
    const urls = env === DEBUG ? r.urls : [...r.urls, ...bundled('validate')];
    if (env !== DEBUG) {
      // The bundle is read and compiled from its code cache: no handler module is imported.
      expect(handlers(r.urls)).toEqual([]);
      expect(r.urls.some((u) => u.endsWith('/dist/cli/quick-bundle.js'))).toBe(true);
    }
    expect(zodLoaded(urls)).toBe(true);
    expect(handlers(urls)).toEqual(['validate.js']);
    expect(urls.filter((u) => INDEX.test(u) || u.includes('/dist/src/runner/replicate.js') || u.includes('/dist/src/model/simulation.js'))).toEqual([]);
    expect(heavy(urls)).toEqual([]);
    // Files (and --format) only: parsed without yargs (cli/plain-flags.ts), and no other command's spec is loaded.
    expect(urls.filter((u) => u.includes('/node_modules/yargs/'))).toEqual([]);
    expect(urls.filter((u) => u.includes('/dist/cli/commands/')).map((u) => u.replace(/^.*\/commands\//, ''))).toEqual(['validate.js']);
  });

  it('careload validate from its start-up bundle imports only the entry and the four small modules every command needs as ES modules (each costs its own resolving and compiling)', () => {
    const r = logged([BIN, 'validate', SCENARIO]);
    expect(r.status, r.stderr).toBe(0);
    const own = r.urls.filter((u) => u.startsWith(pathToFileURL(ROOT).href)).map((u) => u.slice(pathToFileURL(ROOT).href.length + 1));
    expect(own.sort()).toEqual(['dist/cli/careload.js', 'dist/cli/exit-codes.js', 'dist/cli/quick-bundle.js', 'dist/cli/stderr.js', 'dist/src/report/errno.js']);
  });

  it('careload validate loads node:crypto only for a scenario that replays a trace (its hash): a temporary name or a hash takes it on first use', () => {
    // Built-in modules are never resolved by the hook: Node's own list of loaded modules tells.
    const preload = join(tmp, 'crypto-loaded.cjs');
    writeFileSync(preload, "process.on('exit', () => process.stderr.write(`crypto loaded: ${process.moduleLoadList.includes('NativeModule crypto')}\\n`));\n");
    const loaded = (scenario: string) => {
      const r = spawnSync(process.execPath, ['-r', preload, BIN, 'validate', join(ROOT, 'scenarios', scenario)], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
      expect(r.status, r.stderr).toBe(0);
      return /crypto loaded: (true|false)/.exec(r.stderr)?.[1];
    };
    expect(loaded('mmc-validation.yaml')).toBe('false');
    expect(loaded('swisscom-replay.yaml')).toBe('true');
  });

  it('careload validate on a command line that is not plain goes through yargs, whose messages stay its own', () => {
    const set = logged([BIN, 'validate', SCENARIO, '--set', 'horizon=30h']);
    expect(set.status, set.stderr).toBe(0);
    expect(set.urls.some((u) => u.includes('/node_modules/yargs/'))).toBe(true);
    const typo = logged([BIN, 'validate', SCENARIO, '--format', 'xml']);
    expect(typo.status).toBe(2);
    expect(typo.stderr).toMatch(/^careload: Invalid values:/);
    expect(typo.urls.some((u) => u.includes('/node_modules/yargs/'))).toBe(true);
  });

  it.each([['from its start-up bundle', {}], ['module by module (CARELOAD_DEBUG)', DEBUG]])('careload erlang %s loads its own handler and the theory, but neither the library, the scenario loader, ink, react nor workerpool', (_how, env) => {
    const r = logged([BIN, 'erlang', '--rate', '200/h', '--aht', '3m', '--target', '20s', '--sl', '80%', '--patience', '5m'], env);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^agents needed: 13 /m);
    const urls = env === DEBUG ? r.urls : [...r.urls, ...bundled('erlang')];
    if (env !== DEBUG) expect(handlers(r.urls)).toEqual([]);
    expect(handlers(urls)).toEqual(['erlang.js']);
    expect(urls.some((u) => u.endsWith('/dist/src/theory/erlang.js'))).toBe(true);
    expect(urls.filter((u) => INDEX.test(u) || LOADER.test(u) || HEAVY.test(u))).toEqual([]);
    // A plain erlang command line is parsed without yargs (cli/plain-flags.ts); anything else goes through it.
    expect(urls.filter((u) => u.includes('/node_modules/yargs/'))).toEqual([]);
  });

  it('careload erlang with a typo goes through yargs, whose message stays its own', () => {
    const typo = logged([BIN, 'erlang', '--rate', '200/h', '--aht', '3m', '--target', '20s', '--sl', '80%', '--bogus', '1']);
    expect(typo.status).toBe(2);
    expect(typo.stderr).toMatch(/^careload: Unknown argument/);
    expect(typo.urls.some((u) => u.includes('/node_modules/yargs/'))).toBe(true);
  });

  it('careload erlang --format json loads no schema either', () => {
    const r = logged([BIN, 'erlang', '--rate', '200/h', '--aht', '3m', '--target', '20s', '--sl', '80%', '--format', 'json']);
    expect(r.status, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toHaveProperty('schemaVersion');
    expect([...r.urls, ...bundled('erlang')].filter((u) => INDEX.test(u) || LOADER.test(u) || HEAVY.test(u))).toEqual([]);
  });

  it('careload schema loads its own handler and the scenario schema (zod), but neither the library index, the scenario loader, the model, ink, react nor workerpool', () => {
    const r = logged([BIN, 'schema']);
    expect(r.status, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toHaveProperty('$schema');
    expect(handlers(r.urls)).toEqual(['schema.js']);
    expect(zodLoaded(r.urls)).toBe(true);
    expect(r.urls.filter((u) => INDEX.test(u) || u.endsWith('/dist/src/scenario/load.js') || u.includes('/dist/src/model/') || /\/node_modules\/(yaml|csv-parse)\//.test(u) || HEAVY.test(u))).toEqual([]);
  });

  it('loading a scenario reads with csv-parse only when it replays a trace (csv-parse and seedrandom are required on first use)', () => {
    // They are loaded by require, which the resolve hook does not see: the require cache tells.
    const load = pathToFileURL(join(ROOT, 'dist/src/scenario/load.js')).href;
    const script = [
      "import { createRequire } from 'node:module';",
      `const { loadScenario } = await import(${JSON.stringify(load)});`,
      "const loaded = () => [...new Set(Object.keys(createRequire(import.meta.url).cache).map((f) => /node_modules[\\/](csv-parse|seedrandom)[\\/]/.exec(f)?.[1]).filter(Boolean))].sort();",
      "loadScenario('scenarios/swisscom-outage.yaml');",
      'const before = loaded();',
      "loadScenario('scenarios/swisscom-replay.yaml');",
      'console.log(JSON.stringify({ before, after: loaded() }));',
    ].join('\n');
    const r = logged(['--input-type=module', '-e', script]);
    expect(r.status, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({ before: [], after: ['csv-parse'] });
  });

  it('importing the library loads neither ink, react nor workerpool', () => {
    const index = pathToFileURL(join(ROOT, 'dist/src/index.js')).href;
    const r = logged(['--input-type=module', '-e', `const api = await import(${JSON.stringify(index)}); console.log(typeof api.runReplications);`]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout.trim()).toBe('function');
    expect(heavy(r.urls)).toEqual([]);
  });

  it('a small run stays on the main thread (no workerpool), and with --format json loads no UI', () => {
    const one = logged([BIN, 'run', SCENARIO, '--set', 'horizon=30h', '-r', '2', '--workers', '2', '--no-tui', '-q', '--format', 'json', '--out', join(tmp, 'one')]);
    expect(one.status, one.stderr).toBe(0);
    expect((JSON.parse(one.stdout) as { replications: number }).replications).toBe(2);
    expect(heavy(one.urls)).toEqual([]);
    expect(one.urls.filter((u) => u.includes('/dist/cli/ui/'))).toEqual([]);
    // Nor the library's index (the planner, the fitter, ...): the run handler imports the modules it uses.
    expect(one.urls.filter((u) => INDEX.test(u) || u.includes('/dist/src/planner/') || u.includes('/dist/src/fit/'))).toEqual([]);
    // A plain run command line (no scenario flags such as --set) is parsed without yargs (cli/plain-flags.ts).
    const short = join(tmp, 'short.yaml');
    writeFileSync(short, readFileSync(SCENARIO, 'utf8').replace(/^horizon: .*$/m, 'horizon: 30h'));
    const plain = logged([BIN, 'run', short, '-r', '2', '--workers', '2', '--no-tui', '-q', '--format', 'json', '--out', join(tmp, 'plain')]);
    expect(plain.status, plain.stderr).toBe(0);
    expect((JSON.parse(plain.stdout) as { replications: number }).replications).toBe(2);
    expect(plain.urls.filter((u) => u.includes('/node_modules/yargs/') || HEAVY.test(u))).toEqual([]);
    // From its start-up bundle: no handler module is imported, nor the entry's own copy of cli/interrupt.ts (the bundle's
    // copy is the one that watches Ctrl-C, and the one the entry registers its way to quit with).
    expect(plain.urls.filter((u) => u.includes('/dist/cli/handlers/') || u.endsWith('/dist/cli/interrupt.js'))).toEqual([]);
    expect(plain.urls.some((u) => u.endsWith('/dist/cli/quick-bundle.js'))).toBe(true);
  });

  it('a text report loads the UI to render; a larger run starts a worker thread even with one worker (the simulation stays off the main thread, so a signal stops it at once)', () => {
    const big = logged([BIN, 'run', SCENARIO, '--set', 'horizon=300h', '--set', 'report.interval=100h', '-r', '4', '--workers', '1', '--no-tui', '-q', '--out', join(tmp, 'big')]);
    expect(big.status, big.stderr).toBe(0);
    // The UI is imported as ES modules (ink's yoga awaits at the top level), from the build's UI bundle (ink and React
    // inside it, none of their modules one by one), or with CARELOAD_DEBUG module by module.
    expect(big.urls.some((u) => u.endsWith('/dist/cli/ui-bundle/render.mjs'))).toBe(true);
    expect(big.urls.filter((u) => /\/node_modules\/(ink|react)\//.test(u))).toEqual([]);
    // Its worker thread starts from the build's one-file bundle of its entry (src/runner/worker-entry.ts), no module one by one.
    expect(big.urls.filter((u) => u.endsWith('/dist/src/runner/team-worker.js'))).toEqual([]);
    const bigArgs = [BIN, 'run', SCENARIO, '--set', 'horizon=300h', '--set', 'report.interval=100h', '-r', '4', '--workers', '1', '--no-tui', '-q', '--out', join(tmp, 'debug')];
    const debug = logged(bigArgs, { CARELOAD_DEBUG: '1' });
    expect(debug.status, debug.stderr).toBe(0);
    expect(debug.stdout).toBe(big.stdout.replace(join(tmp, 'big'), join(tmp, 'debug')));
    expect(debug.urls.some((u) => u.endsWith('/dist/cli/ui/render.js'))).toBe(true);
    expect(debug.urls.some((u) => u.includes('/node_modules/ink/'))).toBe(true);
    expect(debug.urls.some((u) => u.endsWith('/dist/src/runner/team-worker.js'))).toBe(true);
    // A run's own threads are plain worker threads: workerpool serves only the pools callers keep across runs (calibrate).
    expect(big.urls.filter((u) => u.includes('/node_modules/workerpool/'))).toEqual([]);
  });

  it.each([
    ['--format json', ['--format', 'json']],
    ['plain (not a terminal)', []],
  ])('check %s loads neither ink nor react: the live view is imported only when drawn', (_name, extra) => {
    const r = logged([BIN, 'check', SCENARIO, '--set', 'horizon=30h', '--max-replications', '4', '--inconclusive', 'pass', '--workers', '1', '--out', join(tmp, `check-${count}`), ...extra]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.urls.some((u) => u.endsWith('/dist/cli/handlers/check.js'))).toBe(true);
    expect(r.urls.filter((u) => /\/node_modules\/(ink|react)\/|\/dist\/cli\/ui\//.test(u))).toEqual([]);
  });

  it.each([
    ['--format json', ['--format', 'json']],
    ['plain (not a terminal)', []],
  ])('plan %s loads neither ink nor react: the live view is imported only when drawn', (_name, extra) => {
    // At most 12 agents: one candidate, infeasible (exit 99), quick.
    const r = logged([BIN, 'plan', SCENARIO, '--set', 'horizon=30h', '--max', 'agents=12', '--workers', '1', '--out', join(tmp, `plan-${count}`), ...extra]);
    expect(r.status, r.stderr).toBe(99);
    expect(r.urls.some((u) => u.endsWith('/dist/cli/handlers/plan.js'))).toBe(true);
    expect(r.urls.filter((u) => /\/node_modules\/(ink|react)\/|\/dist\/cli\/ui\//.test(u))).toEqual([]);
  });
});
