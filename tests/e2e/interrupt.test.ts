/**
 * Stopping careload part-way, off a terminal (a detached process, as
 * `setsid careload run ... &` then `kill -INT` makes it): every long command
 * stops soon after SIGINT or SIGTERM, writes what finished marked partial,
 * and exits 130 or 143; a second signal quits at once with nothing more
 * written; a worker thread that dies is one line naming the replication and
 * seed, exit 1, and no result file. Under a terminal, `q` in run's live
 * view keeps what finished and exits 130.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');
const BIN = join(ROOT, 'dist/cli/careload.js');
const MMC = join(ROOT, 'scenarios/mmc-validation.yaml');
const CRASH = join(ROOT, 'tests/fixtures/crash-worker.mjs');
// Short replications, and so many that none of these runs ends before it is stopped.
const FAST = ['--set', 'horizon=100h', '--set', 'warmup=5h', '--set', 'report.interval=50h', '--workers', '1'];
const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));
const tempDir = () => {
  const d = mkdtempSync(join(tmpdir(), 'careload-interrupt-'));
  dirs.push(d);
  return d;
};
const json = (file: string) => JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;

interface Stopped {
  code: number | null;
  stdout: string;
  stderr: string;
  /** Milliseconds from the first signal to the process's end. */
  stopMs: number;
  sent: boolean;
}

/**
 * Runs careload detached from any terminal (its own session, pipes for
 * output) and sends `signals`, one right after the other, once stderr
 * matches `when`.
 */
function stopWhen(args: string[], when: RegExp, signals: NodeJS.Signals[], options: { node?: string[]; env?: Record<string, string> } = {}): Promise<Stopped> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [...(options.node ?? []), BIN, ...args], { cwd: ROOT, detached: true, env: { ...process.env, CI: 'true', ...options.env } });
    let stdout = '';
    let stderr = '';
    let sentAt = 0;
    const timer = setTimeout(() => child.kill('SIGKILL'), 120_000);
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString('utf8')));
    child.stderr.on('data', (c: Buffer) => {
      stderr += c.toString('utf8');
      if (sentAt === 0 && when.test(stderr)) {
        sentAt = performance.now();
        for (const s of signals) child.kill(s);
      }
    });
    child.on('error', fail);
    child.on('close', (code) => {
      clearTimeout(timer);
      done({ code, stdout, stderr, stopMs: performance.now() - sentAt, sent: sentAt > 0 });
    });
  });
}

// "Within a second" on an idle machine; the bound leaves room for a loaded CI runner.
const PROMPT_MS = 5000;

describe('a signal stops a command off a terminal: what finished is written, marked partial', () => {
  it.each([
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ] as const)('run, %s: summary.json partial with the replications done, exit %i', async (signal, exitCode) => {
    const out = tempDir();
    const r = await stopWhen(['run', MMC, ...FAST, '--replications', '5000', '--out', out], /careload: [1-9]\d*\/5000 replications done/, [signal]);
    expect(r.sent, r.stderr).toBe(true);
    expect(r.code, r.stderr).toBe(exitCode);
    expect(r.stopMs).toBeLessThan(PROMPT_MS);
    const summary = json(join(out, 'summary.json')) as { partial?: { done: number; total: number }; thresholds?: unknown[] };
    expect(summary.partial?.total).toBe(5000);
    expect(summary.partial?.done).toBeGreaterThanOrEqual(1);
    expect(summary.partial?.done).toBeLessThan(5000);
    // A partial run is not judged.
    expect(summary.thresholds ?? []).toEqual([]);
    expect(json(join(out, 'run.json')).stoppedAfter).toEqual(summary.partial);
    expect(r.stdout).toMatch(/PARTIAL RESULTS: stopped after \d+ of 5000 replications/);
    expect(r.stderr).toMatch(new RegExp(`careload: stopped after ${summary.partial?.done} of 5000 replications; wrote partial results to`));
    expect(readdirSync(out).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('run on two workers, the calling thread simulating too: SIGINT still stops it soon, the finished replications written, exit 130', async () => {
    const out = tempDir();
    const r = await stopWhen(['run', MMC, ...FAST.slice(0, -2), '--workers', '2', '--replications', '5000', '--out', out], /careload: [1-9]\d*\/5000 replications done/, ['SIGINT']);
    expect(r.sent, r.stderr).toBe(true);
    expect(r.code, r.stderr).toBe(130);
    expect(r.stopMs).toBeLessThan(PROMPT_MS);
    const summary = json(join(out, 'summary.json')) as { partial?: { done: number; total: number } };
    expect(summary.partial?.done).toBeGreaterThanOrEqual(1);
    expect(summary.partial?.done).toBeLessThan(5000);
    expect(json(join(out, 'run.json')).workers).toBe(2);
    expect(readdirSync(out).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('run: a second signal quits at once, with nothing more written', async () => {
    const out = tempDir();
    const r = await stopWhen(['run', MMC, ...FAST, '--replications', '5000', '--out', out], /careload: [1-9]\d*\/5000 replications done/, ['SIGINT', 'SIGTERM']);
    expect(r.sent, r.stderr).toBe(true);
    // Whichever of the two the process heard second ended it at once (the order two signals
    // arrive in is not fixed), before the first one's results were written.
    expect([130, 143], r.stderr).toContain(r.code);
    expect(r.stderr).not.toMatch(/stopped after/);
    expect(r.stopMs).toBeLessThan(PROMPT_MS);
    expect(readdirSync(out)).toEqual([]);
  });

  it('compare: compare.json holds the variants that finished, marked partial; exit 130', async () => {
    const out = tempDir();
    const r = await stopWhen(
      ['compare', MMC, ...FAST, '--no-baseline', '--policy', 'fifo', '--policy', 'priority', '--policy', 'deadline', '--replications', '200', '--out', out],
      /careload: \d+\/200 replications done .*variant 2\/3/,
      ['SIGINT'],
    );
    expect(r.sent, r.stderr).toBe(true);
    expect(r.code, r.stderr).toBe(130);
    const doc = json(join(out, 'compare.json')) as { partial?: { done: number; total: number }; variants: { label: string }[]; differences: unknown[] };
    expect(doc.partial).toEqual({ done: 1, total: 3 });
    expect(doc.variants.map((v) => v.label)).toEqual(['fifo']);
    expect(doc.differences).toEqual([]);
    expect(r.stderr).toMatch(/careload: compare stopped after 1 of 3 variants/);
  });

  it('check: check.json keeps the scenarios checked and marks the one stopped not judged; verdict stopped, exit 130, no JUnit', async () => {
    const out = tempDir();
    // A target at theory cannot be decided: without the signal this would run 4000 replications.
    const args = ['check', MMC, ...FAST, '--threshold', 'slaAttainment >= 0.8002', '--max-replications', '4000', '--out', out, '--junit', join(out, 'check.xml')];
    const r = await stopWhen(args, /careload: checking mmc-validation[\s\S]*replications done/, ['SIGINT']);
    expect(r.sent, r.stderr).toBe(true);
    expect(r.code, r.stderr).toBe(130);
    const doc = json(join(out, 'check.json')) as { verdict: string; scenarios: unknown[]; partial?: { done: number; total: number; notJudged: { scenario: string; replications: number } | null } };
    expect(doc.verdict).toBe('stopped');
    expect(doc.scenarios).toEqual([]);
    expect(doc.partial).toMatchObject({ done: 0, total: 1, notJudged: { scenario: 'mmc-validation' } });
    expect(doc.partial?.notJudged?.replications).toBeGreaterThanOrEqual(1);
    expect(existsSync(join(out, 'check.xml'))).toBe(false);
    expect(r.stdout).toMatch(/\? stopped: 0 of 1 scenario\(s\) checked; mmc-validation .* not judged/);
  });

  it('calibrate: a fit stopped part-way writes nothing that claims to be calibrated; exit 143 on SIGTERM', async () => {
    const out = tempDir();
    const r = await stopWhen(['calibrate', MMC, ...FAST, '--replications', '40', '--observe', 'recoveryNegative=0.4', '--out', out], /simulation runs done/, ['SIGTERM']);
    expect(r.sent, r.stderr).toBe(true);
    expect(r.code, r.stderr).toBe(143);
    expect(r.stderr).toMatch(/careload: calibration stopped after \d+ simulation run\(s\), before the fit was done; nothing written/);
    expect(readdirSync(out)).toEqual([]);
  });

  it('plan: SIGTERM stops it as SIGINT does, with exit 143', async () => {
    const out = tempDir();
    const r = await stopWhen(['plan', MMC, ...FAST, '--out', out], /candidate 1: agents 14: ✓ pass/, ['SIGTERM']);
    expect(r.sent, r.stderr).toBe(true);
    expect(r.code, r.stderr).toBe(143);
    expect(json(join(out, 'plan.json'))).toMatchObject({ status: 'stopped' });
  });
});

describe('a worker thread that dies', () => {
  it('is one line with the replication and seed it ran; exit 1 and no result file', async () => {
    const out = tempDir();
    // 20 replications: enough work for worker threads (a smaller run stays on the main thread).
    const r = await stopWhen(['run', MMC, ...FAST, '--replications', '20', '--seed', '1234', '-q', '--out', out], /$^/, [], {
      node: ['--import', CRASH],
      env: { CRASH_REPLICATION: '3' },
    });
    expect(r.code, r.stderr).toBe(1);
    expect(r.stderr).toBe('careload: replication 3 (seed 1234) failed in a worker: the worker thread ended unexpectedly (exit code 70)\n');
    expect(readdirSync(out)).toEqual([]);
  });
});

/** Runs careload under a pseudo-terminal (util-linux `script`) and types `key` once the screen shows `when`. */
function typeWhen(args: string[], when: RegExp, key: string): Promise<{ code: number | null; output: string }> {
  const command = [process.execPath, BIN, ...args].map((a) => `'${a.replace(/'/g, "'\\''")}'`).join(' ');
  return new Promise((done, fail) => {
    const child = spawn('script', ['-qec', `stty cols 100 rows 30; ${command}`, '/dev/null'], {
      cwd: ROOT,
      env: { ...process.env, TERM: 'xterm-256color', CI: undefined, NO_COLOR: undefined },
    });
    let output = '';
    let typed = false;
    const timer = setTimeout(() => child.kill(), 120_000);
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString('utf8');
      if (!typed && when.test(stripVTControlCharacters(output))) {
        typed = true;
        child.stdin.write(key);
      }
    });
    child.on('error', fail);
    child.on('close', (code) => {
      clearTimeout(timer);
      done({ code, output: stripVTControlCharacters(output).replace(/\r/g, '') });
    });
  });
}

describe('q in the live view', () => {
  it('run: keeps the replications that finished, marked partial, and exits 130, not 0', async () => {
    const out = tempDir();
    const r = await typeWhen(['run', MMC, ...FAST, '--replications', '5000', '--out', out], /replications [1-9]\d*\/5000/, 'q');
    expect(r.code, r.output).toBe(130);
    const summary = json(join(out, 'summary.json')) as { partial?: { done: number; total: number } };
    expect(summary.partial?.total).toBe(5000);
    expect(summary.partial?.done).toBeGreaterThanOrEqual(1);
    expect(r.output).toMatch(/wrote .*summary\.json \(partial\)/);
  });
});
