/**
 * careload as a package: a user's script imports it by name, and the built
 * CLI works from a folder whose path has a space (worker threads included).
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');
const SCENARIO = join(ROOT, 'scenarios/mmc-validation.yaml');
const tmp = mkdtempSync(join(tmpdir(), 'careload-package-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function node(args: string[], cwd = ROOT) {
  const r = spawnSync(process.execPath, args, { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' }, timeout: 60_000 });
  if (r.error) throw r.error;
  return r;
}

describe('careload as a package', () => {
  it("a user's script imports it by name ('careload') and runs a scenario", () => {
    const r = node([join(ROOT, 'tests/scripts/use-package.mjs'), SCENARIO]);
    expect(r.status, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as { resolved: string; replications: number; name: string; slaAttainment: number; erlangC: number };
    // Resolved through package.json "exports" to the built library.
    expect(out.resolved).toBe(pathToFileURL(join(ROOT, 'dist/src/index.js')).href);
    expect(out.replications).toBe(2);
    expect(out.name).toBe('mmc-validation');
    // M/M/14 at 10 Erlangs: about 80% answered within 5 minutes (theory 0.8002).
    expect(out.slaAttainment).toBeGreaterThan(0.6);
    expect(out.slaAttainment).toBeLessThan(0.95);
    expect(out.erlangC).toBeCloseTo(0.1741, 4);
  });

  it('package.json exports only the library entry, with its types', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { exports: Record<string, { types: string; import: string }> };
    expect(pkg.exports['.']).toEqual({ types: './dist/src/index.d.ts', import: './dist/src/index.js' });
    expect(existsSync(join(ROOT, pkg.exports['.'].types))).toBe(true);
  });

  it('runs on worker threads from a folder whose path has a space', () => {
    const home = join(tmp, 'with space', 'careload');
    mkdirSync(home, { recursive: true });
    cpSync(join(ROOT, 'dist'), join(home, 'dist'), { recursive: true });
    cpSync(join(ROOT, 'package.json'), join(home, 'package.json'));
    symlinkSync(join(ROOT, 'node_modules'), join(home, 'node_modules'), 'dir');
    const out = join(tmp, 'out');
    const r = node([join(home, 'dist/cli/careload.js'), 'run', SCENARIO, '--set', 'horizon=30h', '-r', '2', '--workers', '2', '--no-tui', '-q', '--format', 'json', '--out', out]);
    expect(r.status, r.stderr).toBe(0);
    expect((JSON.parse(r.stdout) as { replications: number }).replications).toBe(2);
    expect((JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8')) as { replications: number }).replications).toBe(2);
    expect((JSON.parse(readFileSync(join(out, 'run.json'), 'utf8')) as { workers: number }).workers).toBe(2);
    // A plain run line starts from run's bundle, which finds the worker thread's script and the terminal UI's bundle
    // (the text report) from where it is.
    const short = join(tmp, 'short.yaml');
    writeFileSync(short, readFileSync(SCENARIO, 'utf8').replace(/^horizon: .*$/m, 'horizon: 30h'));
    const text = node([join(home, 'dist/cli/careload.js'), 'run', short, '-r', '2', '--workers', '2', '--no-tui', '-q', '--out', join(tmp, 'out-text')]);
    expect(text.status, text.stderr).toBe(0);
    expect(text.stdout).toMatch(/wrote .*summary\.json/);
    expect((JSON.parse(readFileSync(join(tmp, 'out-text', 'run.json'), 'utf8')) as { workers: number }).workers).toBe(2);
    // validate and erlang start from their bundles, which find their modules' files (a trace's CSV reader, package.json) from where they are.
    const validate = node([join(home, 'dist/cli/careload.js'), 'validate', join(ROOT, 'scenarios/swisscom-replay.yaml')]);
    expect(validate.status, validate.stderr).toBe(0);
    expect(validate.stdout).toMatch(/valid scenario "swisscom-replay".*replays swisscom-outage-trace\.csv \(7,606 rows\)/);
    const erlang = node([join(home, 'dist/cli/careload.js'), 'erlang', '--rate', '200/h', '--aht', '3m', '--target', '20s', '--sl', '80%', '--format', 'json']);
    expect(erlang.status, erlang.stderr).toBe(0);
    expect(JSON.parse(erlang.stdout)).toHaveProperty('schemaVersion');
  });
});
