/**
 * The quick commands' start-up bundles (cli/quick-bundle.ts): each answers
 * exactly as the modules it was built from (output, errors, exit code), its
 * code cache is accepted by the Node that built it, and a cache V8 rejects
 * costs time, never correctness.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');
const BIN = join(ROOT, 'dist/cli/careload.js');
const LOADER = pathToFileURL(join(ROOT, 'dist/cli/quick-bundle.js')).href;

const tmp = mkdtempSync(join(tmpdir(), 'careload-quick-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** Runs careload on `args`; `modules` sets CARELOAD_DEBUG, which loads the modules instead of the bundle. */
function careload(args: string[], modules: boolean): { status: number | null; stdout: string; stderr: string } {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1' };
  if (modules) env.CARELOAD_DEBUG = '1';
  else delete env.CARELOAD_DEBUG;
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: ROOT, encoding: 'utf8', env, timeout: 60_000 });
  if (r.error) throw r.error;
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

const bad = join(tmp, 'bad.yaml');
writeFileSync(bad, 'name: bad\nchannels:\n  chat: { rate: 100/h, handleTime: 5m }\nteams:\n  agents: { agents: ten }\n');

describe('the quick commands from their bundles', () => {
  it.each([
    ['validate, three shipped scenarios (one replays a trace)', ['validate', 'scenarios/mmc-validation.yaml', 'scenarios/swisscom-replay.yaml', 'scenarios/swisscom-crisis-8.yaml']],
    ['validate a folder, as json', ['validate', 'scenarios', '--format', 'json']],
    ['validate a bad scenario (exit 104)', ['validate', bad]],
    ['validate a missing file', ['validate', join(tmp, 'missing.yaml')]],
    ['erlang C', ['erlang', '--rate', '200/h', '--aht', '3m', '--target', '20s', '--sl', '80%']],
    ['erlang A as json', ['erlang', '--rate', '200/h', '--aht', '3m', '--target', '20s', '--sl', '80%', '--patience', '5m', '--format', 'json']],
    ['erlang with a bad rate (exit 2)', ['erlang', '--rate', 'lots', '--aht', '3m', '--target', '20s', '--sl', '80%']],
    ['run, JSON out, on worker threads', ['run', 'scenarios/mmc-validation.yaml', '-r', '3', '--format', 'json', '--quiet', '--out', join(tmp, 'run-json')]],
    ['run, the text report (the terminal UI imported as ES modules)', ['run', 'scenarios/swisscom-outage.yaml', '-r', '2', '--quiet', '--out', join(tmp, 'run-text')]],
    ['run a shard, the text report', ['run', 'scenarios/swisscom-outage.yaml', '-r', '4', '--shard', '2/2', '--quiet', '--out', join(tmp, 'run-shard')]],
    ['run a bad scenario (exit 104)', ['run', bad]],
    ['run with a bad flag value (exit 2)', ['run', 'scenarios/mmc-validation.yaml', '--workers', 'many']],
  ])('%s: the same output, errors and exit code as the modules', (_name, args) => {
    const fromBundle = careload(args, false);
    const fromModules = careload(args, true);
    expect(fromBundle).toEqual(fromModules);
    expect(fromBundle.stderr).not.toMatch(/internal error|\n\s+at /);
  });

  it('the bad scenario is reported as one line naming file, line, column and key', () => {
    const r = careload(['validate', bad], false);
    expect(r.status).toBe(104);
    expect(r.stderr).toMatch(/bad\.yaml:5:21 teams\.agents\.agents: /);
  });

  it.each(['validate', 'erlang', 'run'])('%s: the bundle holds no module with process-wide state but the ones only it uses (the entry point\'s own copies keep the others)', (command) => {
    // A bundle has its own copy of every module in it: one that keeps state for the whole process would then be split
    // in two, the entry point's copy and the bundle's. The stderr guard is the entry point's alone; Ctrl-C handling
    // (cli/interrupt.ts) is run's alone, the entry point then never loading its own copy (tests/e2e/lazy-loading.test.ts).
    const meta = JSON.parse(readFileSync(join(ROOT, `dist/cli/quick/${command}.meta.json`), 'utf8')) as { inputs: Record<string, unknown> };
    const inputs = Object.keys(meta.inputs);
    expect(inputs.some((f) => f.endsWith(`cli/handlers/${command}.js`))).toBe(true);
    expect(inputs.filter((f) => /cli\/(stderr|careload)\.js$|\/src\/index\.js$/.test(f))).toEqual([]);
    expect(inputs.some((f) => f.endsWith('cli/interrupt.js'))).toBe(command === 'run');
    // Nor the terminal UI (ES modules only), which run imports as such when it draws.
    expect(inputs.filter((f) => f.includes('/cli/ui/') || /node_modules\/(ink|react)\//.test(f))).toEqual([]);
    // Its modules' import.meta.url is rebuilt from the bundle's own place, never a path of the machine that built it.
    expect(readFileSync(join(ROOT, `dist/cli/quick/${command}.cjs`), 'utf8')).not.toContain(ROOT);
  });

  /** Compiles `command`'s bundle in a fresh node with the given cache ('built': the build's own) and runs it on `args`. */
  function compiled(command: string, cache: 'built' | 'garbage', args: string[]) {
    const script = [
      "import { readFileSync } from 'node:fs';",
      `const { compileBundle, quickBundleFile, codeCacheFile } = await import(${JSON.stringify(LOADER)});`,
      `const file = quickBundleFile(${JSON.stringify(command)});`,
      `const cache = ${cache === 'built' ? 'readFileSync(codeCacheFile(file))' : "Buffer.from('not a code cache')"};`,
      'const bundle = compileBundle(file, readFileSync(file, "utf8"), cache);',
      `const code = await bundle.exports.runQuick(${JSON.stringify(args)});`,
      'console.error(JSON.stringify({ rejected: bundle.cacheRejected, code }));',
    ].join('\n');
    const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
    const last = r.stderr.trim().split('\n').at(-1) ?? '';
    return { stdout: r.stdout, ...(JSON.parse(last) as { rejected: boolean; code: number }) };
  }

  it.each(['validate', 'erlang', 'run'])('%s: the build\'s code cache is accepted by this Node; a rejected one changes nothing but time', (command) => {
    const ARGS: Record<string, string[]> = {
      validate: ['scenarios/mmc-validation.yaml'],
      erlang: ['--rate', '200/h', '--aht', '3m', '--target', '20s', '--sl', '80%'],
      run: ['scenarios/swisscom-outage.yaml', '-r', '2', '--format', 'json', '--quiet', '--inconclusive', 'pass', '--out', join(tmp, 'run-cache')],
    };
    const args = ARGS[command];
    const built = compiled(command, 'built', args);
    expect(built).toMatchObject({ rejected: false, code: 0 });
    const garbage = compiled(command, 'garbage', args);
    expect(garbage).toMatchObject({ rejected: true, code: 0 });
    expect(garbage.stdout).toBe(built.stdout);
    expect(built.stdout).toBe(careload([command, ...args], true).stdout);
  });
});
