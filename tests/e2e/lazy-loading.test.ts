/**
 * Lazy loading, proved by what Node actually resolves (not by timing): each
 * command's code is imported only when it runs, so --version, --help and
 * validate load neither the terminal UI (ink, react) nor the worker threads
 * (workerpool), and neither does importing the library. A resolve hook
 * (tests/scripts/log-imports.mjs) logs every module URL to a file.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
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
function logged(args: string[]): { status: number | null; stdout: string; stderr: string; urls: string[] } {
  const log = join(tmp, `urls-${++count}.txt`);
  const r = spawnSync(process.execPath, ['--import', HOOK, ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, CARELOAD_IMPORT_LOG: log, NO_COLOR: '1' },
    timeout: 60_000,
  });
  if (r.error) throw r.error;
  return { status: r.status, stdout: r.stdout, stderr: r.stderr, urls: readFileSync(log, 'utf8').split('\n').filter(Boolean) };
}

const heavy = (urls: string[]) => urls.filter((u) => HEAVY.test(u));

describe('what each command loads', () => {
  it.each([
    ['--version', [BIN, '--version']],
    ['--help', [BIN, '--help']],
    ['validate', [BIN, 'validate', SCENARIO]],
  ])('careload %s loads neither ink, react nor workerpool', (_name, args) => {
    const r = logged(args);
    expect(r.status, r.stderr).toBe(0);
    // The log saw the start-up path (yargs, the library) ...
    expect(r.urls.some((u) => u.includes('/node_modules/yargs/'))).toBe(true);
    expect(r.urls.some((u) => u.endsWith('/dist/src/index.js'))).toBe(true);
    // ... and no command's handler but validate's.
    expect(r.urls.filter((u) => u.includes('/dist/cli/handlers/') && !u.endsWith('/validate.js'))).toEqual([]);
    expect(heavy(r.urls)).toEqual([]);
  });

  it('careload erlang loads its own handler and neither ink, react nor workerpool', () => {
    const r = logged([BIN, 'erlang', '--rate', '200/h', '--aht', '3m', '--target', '20s', '--sl', '80%', '--patience', '5m']);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^agents needed: 13 /m);
    expect(r.urls.filter((u) => u.includes('/dist/cli/handlers/')).map((u) => u.replace(/^.*\/handlers\//, ''))).toEqual(['erlang.js']);
    expect(heavy(r.urls)).toEqual([]);
  });

  it('importing the library loads neither ink, react nor workerpool', () => {
    const index = pathToFileURL(join(ROOT, 'dist/src/index.js')).href;
    const r = logged(['--input-type=module', '-e', `const api = await import(${JSON.stringify(index)}); console.log(typeof api.runReplications);`]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout.trim()).toBe('function');
    expect(heavy(r.urls)).toEqual([]);
  });

  it('run still works: it loads the UI, and workerpool even with one worker (the simulation stays off the main thread, so a signal stops it at once)', () => {
    const one = logged([BIN, 'run', SCENARIO, '--set', 'horizon=30h', '-r', '2', '--workers', '1', '--no-tui', '-q', '--format', 'json', '--out', join(tmp, 'one')]);
    expect(one.status, one.stderr).toBe(0);
    expect((JSON.parse(one.stdout) as { replications: number }).replications).toBe(2);
    expect(one.urls.some((u) => u.includes('/node_modules/ink/'))).toBe(true);
    expect(one.urls.some((u) => u.includes('/node_modules/workerpool/'))).toBe(true);
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
