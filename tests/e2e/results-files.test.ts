/**
 * End-to-end: results are never lost to a dead stderr or a full stdout,
 * `--out` is checked before anything runs, a run leaves the other files of
 * its folder alone, and readers refuse a folder mixing two runs or files of
 * another schema version. Spawns the built binary (`npm run build` first).
 */
import { spawn, spawnSync, type StdioOptions } from 'node:child_process';
import { chmodSync, closeSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const CLI = join(ROOT, 'dist', 'cli', 'careload.js');
const MMC = join(ROOT, 'scenarios', 'mmc-validation.yaml');
/** A short run: 4 replications of 30 simulated hours, a fraction of a second each. */
const SHORT = ['--set', 'horizon=30h', '-r', '4', '--workers', '1', '--no-tui', '--inconclusive', 'pass'];
const SET = ['replications.json', 'run.json', 'summary.json'];

const tmpRoot = mkdtempSync(join(tmpdir(), 'careload-results-'));
afterAll(() => {
  // A read-only folder left by a test must not stop the cleanup.
  spawnSync('chmod', ['-R', 'u+w', tmpRoot]);
  rmSync(tmpRoot, { recursive: true, force: true });
});
let counter = 0;
function freshDir(): string {
  const dir = join(tmpRoot, `t${++counter}`);
  mkdirSync(dir, { recursive: true });
  return dir;
}

const env = (): NodeJS.ProcessEnv => {
  const e = { ...process.env };
  delete e.CARELOAD_DEBUG;
  return e;
};

interface Result {
  code: number | null;
  stdout: string;
  stderr: string;
}

function careload(args: string[]): Result {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd: ROOT, env: env(), encoding: 'utf8', timeout: 30_000 });
  if (r.error) throw r.error;
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Runs the binary with the given stdio; `closeStderr` destroys the read end of a stderr pipe at once (a reader gone, as with `| head -1`). */
function careloadWith(args: string[], stdio: StdioOptions, closeStderr = false): Promise<Result> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], { cwd: ROOT, env: env(), stdio });
    let stdout = '';
    let stderr = '';
    child.stdout?.on('data', (d: Buffer) => (stdout += d.toString()));
    if (closeStderr) child.stderr?.destroy();
    else child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

const runIdsIn = (dir: string) => SET.map((f) => (JSON.parse(readFileSync(join(dir, f), 'utf8')) as { runId?: string }).runId);

describe('a dead stderr never costs the results', () => {
  it('finishes and writes its files when stderr is a pipe closed at once', async () => {
    const out = join(freshDir(), 'r');
    const r = await careloadWith(['run', MMC, ...SHORT, '--out', out], ['ignore', 'pipe', 'pipe'], true);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('wrote ');
    for (const f of SET) expect(existsSync(join(out, f)), f).toBe(true);
  });

  it('finishes and writes its files when stderr is a full disk (/dev/full)', async () => {
    const out = join(freshDir(), 'r');
    const full = openSync('/dev/full', 'w');
    try {
      const r = await careloadWith(['run', MMC, ...SHORT, '--out', out], ['ignore', 'pipe', full]);
      expect(r.code).toBe(0);
    } finally {
      closeSync(full);
    }
    for (const f of SET) expect(existsSync(join(out, f)), f).toBe(true);
  });

  it('keeps its exit code when an error line cannot be written', async () => {
    const full = openSync('/dev/full', 'w');
    try {
      const r = await careloadWith(['run', MMC, '--seed', 'abc'], ['ignore', 'pipe', full]);
      expect(r.code).toBe(2);
    } finally {
      closeSync(full);
    }
  });
});

describe('a full stdout', () => {
  it('is one line on stderr and exit 1, after the results are written', async () => {
    const out = join(freshDir(), 'r');
    const full = openSync('/dev/full', 'w');
    let r: Result;
    try {
      r = await careloadWith(['run', MMC, ...SHORT, '--quiet', '--out', out], ['ignore', full, 'pipe']);
    } finally {
      closeSync(full);
    }
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('careload: cannot write to standard output: no space left on device (ENOSPC)\n');
    for (const f of SET) expect(existsSync(join(out, f)), f).toBe(true);
  });
});

describe('--out is checked before anything runs', () => {
  it('refuses /proc, an empty path, a file and a path through a file with exit 2, the path and the reason', () => {
    const dir = freshDir();
    const file = join(dir, 'file.txt');
    writeFileSync(file, 'x');
    const cases: [string, string][] = [
      ['/proc/careload-out', 'careload: --out /proc/careload-out: not a writable folder (under /proc, a system folder)'],
      ['', 'careload: --out "": an empty path; name a folder'],
      [file, `careload: --out ${file}: not a writable folder (it is a file)`],
      [join(file, 'sub'), `careload: --out ${join(file, 'sub')}: not a writable folder (a part of the path is a file (ENOTDIR))`],
    ];
    for (const [out, message] of cases) {
      const r = careload(['run', MMC, ...SHORT, '--out', out]);
      expect(r.code, out).toBe(2);
      expect(r.stderr.split('\n')[0], out).toBe(message);
      // Refused before the run: no progress line was printed.
      expect(r.stderr, out).not.toContain('replications done');
    }
    expect(readFileSync(file, 'utf8')).toBe('x');
  });

  it('is checked by compare, calibrate, plan and check too, and check checks --junit and --markdown', () => {
    const dir = freshDir();
    const file = join(dir, 'file.txt');
    writeFileSync(file, 'x');
    const bad = join(file, 'sub');
    const commands = [
      ['compare', MMC, '--set', 'horizon=30h', '-r', '2', '--policy', 'fifo', '--policy', 'priority', '--out', bad],
      ['calibrate', MMC, '--observe', 'utilization=0.7', '--out', bad],
      ['plan', MMC, '--out', bad],
      ['check', MMC, '--out', bad],
      ['check', MMC, '--out', dir, '--junit', join(bad, 'check.xml')],
      ['check', MMC, '--out', dir, '--markdown', dir],
    ];
    for (const args of commands) {
      const r = careload(args);
      expect(r.code, `${args.join(' ')}\n${r.stderr}`).toBe(2);
      expect(r.stderr, args.join(' ')).toMatch(/^careload: --(out|junit|markdown) /);
    }
    expect(existsSync(join(dir, 'check.json'))).toBe(false);
  });

  it.skipIf(process.getuid?.() === 0)('refuses a read-only folder (not as root, who may write anywhere)', () => {
    const out = join(freshDir(), 'ro');
    mkdirSync(out);
    chmodSync(out, 0o555);
    const r = careload(['run', MMC, ...SHORT, '--out', out]);
    expect(r.code).toBe(2);
    expect(r.stderr.split('\n')[0]).toBe(`careload: --out ${out}: not a writable folder (permission denied (EACCES))`);
  });
});

describe('a results folder', () => {
  it('keeps the files users keep there (compare.json, calibrated.yaml, plan.yaml) as they were', () => {
    const out = freshDir();
    const kept = { 'compare.json': '{"schemaVersion":1}\n', 'calibrated.yaml': 'teams: {}\n', 'plan.yaml': '# mine\n', 'check.xml': '<x/>\n' };
    for (const [name, text] of Object.entries(kept)) writeFileSync(join(out, name), text);
    expect(careload(['run', MMC, ...SHORT, '--out', out]).code).toBe(0);
    expect(careload(['run', MMC, ...SHORT, '--seed', '9', '--out', out]).code).toBe(0);
    for (const [name, text] of Object.entries(kept)) expect(readFileSync(join(out, name), 'utf8'), name).toBe(text);
    expect(readdirSync(out).sort()).toEqual([...Object.keys(kept), ...SET].sort());
  });

  it('records one run id in its three files, the same for any worker count, and a new one for a new seed', () => {
    const a = join(freshDir(), 'a');
    const b = join(freshDir(), 'b');
    const c = join(freshDir(), 'c');
    expect(careload(['run', MMC, ...SHORT, '--out', a]).code).toBe(0);
    const twoWorkers = SHORT.map((a, i) => (SHORT[i - 1] === '--workers' ? '2' : a));
    expect(careload(['run', MMC, ...twoWorkers, '--out', b]).code).toBe(0);
    expect(careload(['run', MMC, ...SHORT, '--seed', '5', '--out', c]).code).toBe(0);
    const [id] = runIdsIn(a);
    expect(id).toMatch(/^[0-9a-f]{16}$/);
    expect(runIdsIn(a)).toEqual([id, id, id]);
    expect(runIdsIn(b)).toEqual([id, id, id]);
    expect(readFileSync(join(b, 'summary.json'), 'utf8')).toBe(readFileSync(join(a, 'summary.json'), 'utf8'));
    expect(runIdsIn(c)[0]).not.toBe(id);
  });

  it('mixing two runs is refused by diff and check --baseline, naming the files and both ids', () => {
    const a = join(freshDir(), 'a');
    const b = join(freshDir(), 'b');
    expect(careload(['run', MMC, ...SHORT, '--out', a]).code).toBe(0);
    expect(careload(['run', MMC, ...SHORT, '--seed', '5', '--out', b]).code).toBe(0);
    const [idA] = runIdsIn(a);
    const [idB] = runIdsIn(b);
    // As a run killed between its renames would leave it: b's values beside a's summary and run record.
    copyFileSync(join(b, 'replications.json'), join(a, 'replications.json'));
    const message = `careload: ${a}: summary.json (run id ${idA}) and replications.json (run id ${idB}) are from different runs`;
    const diff = careload(['diff', join(a, 'summary.json'), join(b, 'summary.json')]);
    expect(diff.code).toBe(2);
    expect(diff.stderr.split('\n')[0]).toContain(message);
    const check = careload(['check', MMC, '--out', freshDir(), '--baseline', join(a, 'summary.json')]);
    expect(check.code).toBe(2);
    expect(check.stderr.split('\n')[0]).toContain(`--baseline: ${a}: summary.json (run id ${idA}) and replications.json (run id ${idB})`);
  });

  it('of another schema version is refused by diff, naming both versions', () => {
    const a = join(freshDir(), 'a');
    expect(careload(['run', MMC, ...SHORT, '--out', a]).code).toBe(0);
    const summary = join(a, 'summary.json');
    const doc = JSON.parse(readFileSync(summary, 'utf8')) as Record<string, unknown>;
    writeFileSync(summary, JSON.stringify({ ...doc, schemaVersion: 2 }));
    const r = careload(['diff', summary, summary]);
    expect(r.code).toBe(2);
    expect(r.stderr.split('\n')[0]).toBe(`careload: ${summary}: schema version 2, this careload reads version 1`);
  });
});
