/**
 * The kill test: real runs into a folder that already holds a complete
 * earlier result set are interrupted at random moments (SIGKILL, SIGINT,
 * SIGTERM). Afterwards the folder holds, in whole files, either one run's
 * set (the old one, the new one, or a partial one: every file with the same
 * run id) or, after a SIGKILL between two renames, a mix that every reader
 * refuses; never a mix that reads. The user's own files stay untouched,
 * and the next complete run leaves no stray temporary file of careload
 * once it is a day old. The folder is judged by the library reader that
 * diff and check --baseline use. Spawns the built binary (`npm run build` first);
 * the moments are random, and printed when a check fails.
 */
import { spawn } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { readReplicationValues, RecordedRunError } from '../../src/index.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const CLI = join(ROOT, 'dist', 'cli', 'careload.js');
const MMC = join(ROOT, 'scenarios', 'mmc-validation.yaml');
const ARGS = ['run', MMC, '--set', 'horizon=30h', '-r', '6', '--workers', '1', '--no-tui', '--quiet', '--inconclusive', 'pass'];
const SET = ['replications.json', 'run.json', 'summary.json'];
const USER_FILES: Record<string, string> = { 'compare.json': '{"schemaVersion":1,"mine":true}\n', 'plan.yaml': '# kept\n', 'calibrated.yaml': 'teams: {}\n' };
const TEMP = /^\.careload-[0-9a-f]+\.tmp$|^\.\d+\.\d+\.tmp$/;

const tmpRoot = mkdtempSync(join(tmpdir(), 'careload-kill-'));
afterAll(() => rmSync(tmpRoot, { recursive: true, force: true }));

const env = (): NodeJS.ProcessEnv => {
  const e = { ...process.env };
  delete e.CARELOAD_DEBUG;
  return e;
};

/** Runs careload into `out`, sending `signal` after `afterMs` (none: run to the end); resolves with the exit code or signal and the wall time. */
function runInto(out: string, extra: string[], kill?: { signal: NodeJS.Signals; afterMs: number }): Promise<{ code: number | null; signal: NodeJS.Signals | null; ms: number }> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, [CLI, ...ARGS, ...extra, '--out', out], { cwd: ROOT, env: env(), stdio: 'ignore' });
    const timer = kill ? setTimeout(() => child.kill(kill.signal), kill.afterMs) : undefined;
    const guard = setTimeout(() => child.kill('SIGKILL'), 30_000);
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      clearTimeout(guard);
      resolve({ code, signal, ms: performance.now() - started });
    });
  });
}

/** The run id in each file of the set (every file must be whole JSON: a torn file throws here). */
function runIds(dir: string): (string | undefined)[] {
  return SET.map((f) => (JSON.parse(readFileSync(join(dir, f), 'utf8')) as { runId?: string }).runId);
}

/** What careload's readers (diff, check --baseline) say of the folder: null when they read it, else why not. */
function readerVerdict(dir: string): string | null {
  try {
    readReplicationValues(join(dir, 'summary.json'));
    return null;
  } catch (e) {
    if (e instanceof RecordedRunError) return e.message;
    throw e;
  }
}

describe('a run killed at random moments', () => {
  // About 30 s on an idle 2-core machine; the longer timeout only keeps a loaded machine from failing it.
  it('leaves the old set, the new set or a refused mix, never a readable mix, and no stray temporary files after the next run', { timeout: 120_000 }, async () => {
    const pristine = join(tmpRoot, 'old');
    const reference = join(tmpRoot, 'new');
    // The earlier result set (another seed), and the set the interrupted runs would write, with the run's duration.
    expect((await runInto(pristine, ['--seed', '99'])).code).toBe(0);
    const full = await runInto(reference, []);
    expect(full.code).toBe(0);
    const [oldId] = runIds(pristine);
    const [newId] = runIds(reference);
    expect(oldId).toMatch(/^[0-9a-f]{16}$/);
    expect(newId).toMatch(/^[0-9a-f]{16}$/);
    expect(newId).not.toBe(oldId);

    const out = join(tmpRoot, 'out');
    mkdirSync(out);
    for (const [name, text] of Object.entries(USER_FILES)) writeFileSync(join(out, name), text);
    const seen: string[] = [];
    // Three moments per signal over the run, the last near its end (where the files are written): under 60 s in all.
    for (const signal of ['SIGKILL', 'SIGINT', 'SIGTERM'] as const) {
      for (const share of [Math.random() * 0.5, 0.5 + Math.random() * 0.4, 0.9 + Math.random() * 0.15]) {
        for (const f of SET) copyFileSync(join(pristine, f), join(out, f));
        const afterMs = Math.round(full.ms * share);
        const ended = await runInto(out, [], { signal, afterMs });
        const what = `${signal} after ${afterMs} ms of about ${Math.round(full.ms)} (exit ${ended.code ?? ended.signal})`;
        const ids = runIds(out);
        if (ids.every((id) => id === ids[0])) {
          // One run's set: the old one, the new one, or a partial one of the new run (a run id of its own).
          expect(ids[0], what).toMatch(/^[0-9a-f]{16}$/);
          expect(readerVerdict(out), what).toBeNull();
          seen.push(ids[0] === oldId ? 'old' : ids[0] === newId ? 'new' : 'partial');
        } else {
          // Killed between two renames: readers must refuse it, naming the files and both ids.
          expect(readerVerdict(out), what).toMatch(/are from different runs/);
          seen.push('refused mix');
        }
        for (const [name, text] of Object.entries(USER_FILES)) expect(readFileSync(join(out, name), 'utf8'), `${what}: ${name}`).toBe(text);
      }
    }
    expect(seen).toHaveLength(9);

    // Leftovers of killed runs (a run killed mid-write leaves one; these stand for them), a day old, and a fresh one of a run still writing.
    writeFileSync(join(out, `.careload-${'ab'.repeat(16)}.tmp`), 'torn');
    writeFileSync(join(out, `.${process.pid}.1700000000000.tmp`), 'torn, older careload');
    const dayAgo = (Date.now() - 25 * 3600 * 1000) / 1000;
    for (const name of readdirSync(out).filter((n) => TEMP.test(n))) utimesSync(join(out, name), dayAgo, dayAgo);
    const writing = `.careload-${'cd'.repeat(16)}.tmp`;
    writeFileSync(join(out, writing), 'in progress');

    expect((await runInto(out, [])).code).toBe(0);
    expect(runIds(out)).toEqual([newId, newId, newId]);
    expect(readerVerdict(out)).toBeNull();
    expect(readdirSync(out).filter((n) => TEMP.test(n))).toEqual([writing]);
    expect(readdirSync(out).sort()).toEqual([...Object.keys(USER_FILES), ...SET, writing].sort());
  });
});
