/**
 * `careload plan` at a terminal and off it: under a pseudo-terminal
 * (util-linux `script`, as tests/e2e/check-live.test.ts does for `check`)
 * it draws the live view, then prints the same report as a pipe gets; `q`
 * and ctrl-c stop it with exit 130 after writing the best staffing that
 * passed so far, marked stopped, as SIGINT does off a terminal; everywhere
 * else its output carries no control code at all.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import type { PlanDocument } from '../../src/report/plan-json.js';

const ROOT = resolve(import.meta.dirname, '../..');
const BIN = join(ROOT, 'dist/cli/careload.js');
const MMC = join(ROOT, 'scenarios/mmc-validation.yaml');
// Short replications: the M/M/N case still separates 13 agents from 14 on its targets.
const FAST = ['--set', 'horizon=100h', '--set', 'warmup=5h', '--set', 'report.interval=50h', '--workers', '1'];
const ESC = '\u001b';
const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));
const tempDir = () => {
  const d = mkdtempSync(join(tmpdir(), 'careload-plan-live-'));
  dirs.push(d);
  return d;
};

/** Strips terminal control sequences, for reading what a screen said. */
const plain = (s: string) => stripVTControlCharacters(s).replace(/\r/g, '');
/** The report without its wall-clock figures, which differ run to run. */
const untimed = (s: string) => s.replace(/\(took \d+:\d\d\)/g, '(took -)');

/** The shell command `script` runs: a 100x40 terminal, then careload. */
function terminalCommand(args: string[]): string[] {
  const command = [process.execPath, BIN, ...args].map((a) => `'${a.replace(/'/g, "'\\''")}'`).join(' ');
  return ['-qec', `stty cols 100 rows 40; ${command}`, '/dev/null'];
}

const terminalEnv = (env: Record<string, string | undefined> = {}) => ({ ...process.env, TERM: 'xterm-256color', CI: undefined, NO_COLOR: undefined, ...env });

/** Runs careload under a pseudo-terminal to the end. */
function underTerminal(args: string[], env: Record<string, string | undefined> = {}) {
  const r = spawnSync('script', terminalCommand(args), { cwd: ROOT, encoding: 'utf8', env: terminalEnv(env), timeout: 120_000 });
  return { code: r.status, output: r.stdout };
}

/** Runs careload under a pseudo-terminal and types `key` once the screen shows `when`. */
function typeWhen(args: string[], when: RegExp, key: string): Promise<{ code: number | null; output: string; typed: boolean }> {
  return new Promise((done, fail) => {
    const child = spawn('script', terminalCommand(args), { cwd: ROOT, env: terminalEnv() });
    let output = '';
    let typed = false;
    const timer = setTimeout(() => child.kill(), 120_000);
    // Decoded as a stream: a character split across two chunks stays one character.
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      output += chunk;
      if (!typed && when.test(plain(output))) {
        typed = true;
        child.stdin.write(key);
      }
    });
    child.on('error', fail);
    child.on('close', (code) => {
      clearTimeout(timer);
      done({ code, output, typed });
    });
  });
}

function piped(args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, FORCE_COLOR: '1' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const planJson = (dir: string) => JSON.parse(readFileSync(join(dir, 'plan.json'), 'utf8')) as PlanDocument;

describe('careload plan at a terminal', () => {
  it('draws the live view, then leaves the same report a pipe gets, and writes plan.json', () => {
    const out = tempDir();
    const r = underTerminal(['plan', MMC, ...FAST, '--out', out]);
    expect(r.code, plain(r.output)).toBe(0);
    expect(r.output).toContain(ESC); // a live, coloured terminal session
    const screen = plain(r.output);
    // The path gives way to the stop key when the terminal is too narrow for both.
    expect(screen).toMatch(/careload plan: mmc-validation (\(.*\) )?· agents · q: stop/);
    expect(screen).toMatch(/now: raising every team until the targets pass · simulating agents 14/);
    expect(screen).toMatch(/now: lowering agents to the least that passes/);
    expect(screen).toMatch(/latest: agents 13 · ✗ fail on \d+ replications/);
    expect(screen).toMatch(/best so far: agents 14 · 1400 agent-hours/);
    expect(screen).toMatch(/\d+ staffings tried · \d+ replications · \d:\d\d elapsed · about \d+ staffings? left/);
    // The curve through the best so far, charted in the view as the search draws it.
    expect(screen).toMatch(/utilization <= 0.75 against agents headcount \(95% intervals/);
    expect(planJson(out).staffing).toEqual({ agents: 14 });

    // What stays on screen after the view is the plain report, line for line (but the time it took).
    const report = piped(['plan', MMC, ...FAST, '-q', '--out', tempDir()]);
    expect(report.code, report.stderr).toBe(0);
    expect(report.stdout).not.toContain(ESC);
    expect(report.stdout).toMatch(/✓ the least staffing that meets the targets/);
    expect(report.stdout).toMatch(/ {2}utilization <= 0.75 against agents headcount \(95% intervals; ✓ pass, ✗ fail/);
    const reportBody = untimed(report.stdout.replace(/wrote .*\n$/, ''));
    expect(untimed(screen)).toContain(reportBody.trimEnd());
    expect(screen).toMatch(new RegExp(`wrote ${out.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}/plan\\.json and .*plan\\.yaml.*\\n?$`));
  });

  it.each([
    ['q', 'q'],
    ['ctrl-c', '\u0003'],
  ])('%s stops the plan: exit 130, the best staffing that passed so far written and marked stopped', async (_name, key) => {
    const out = tempDir();
    // The key goes in once 14 passed and 13 is being simulated: the search is not over.
    const r = await typeWhen(['plan', MMC, ...FAST, '--out', out], /best so far: agents 14[^\n]*\n[\s\S]*simulating agents 13|simulating agents 13[\s\S]*best so far: agents 14/, key);
    const screen = plain(r.output);
    expect(r.typed, screen).toBe(true);
    expect(r.code, screen).toBe(130);
    expect(screen).toMatch(/stopping: writing the best staffing that passed so far, marked stopped/);
    expect(screen).toMatch(/\? stopped early; the cheapest staffing that passed so far \(not confirmed as the least\)/);
    const doc = planJson(out);
    expect(doc.status).toBe('stopped');
    expect(doc.staffing).toEqual({ agents: 14 });
    expect(readFileSync(join(out, 'plan.yaml'), 'utf8')).toMatch(/STOPPED EARLY, the best staffing that passed so far/);
  });

  it('stays plain under a terminal with --no-tui, -q, --format json or CI set: no control code', () => {
    // At most 12 agents: one candidate, infeasible (exit 99), quick.
    for (const [args, env] of [
      [['--no-tui'], {}],
      [['-q'], {}],
      [['--format', 'json'], {}],
      [[], { CI: 'true' }],
    ] as [string[], Record<string, string>][]) {
      const out = tempDir();
      const r = underTerminal(['plan', MMC, ...FAST, '--max', 'agents=12', '--out', out, ...args], env);
      const label = JSON.stringify({ args, env });
      expect(r.code, label).toBe(99);
      expect(r.output, label).not.toContain(ESC);
      expect(r.output, label).not.toMatch(/q: stop/);
      expect(planJson(out).status, label).toBe('infeasible');
      // The terminal shows stderr's progress lines, then stdout's plan.json.
      const text = r.output.replace(/\r/g, '');
      if (args[0] === '--format') expect((JSON.parse(text.slice(text.indexOf('{'))) as PlanDocument).status).toBe('infeasible');
      else expect(r.output, label).toMatch(/✗ no staffing within the bounds meets the targets/);
      if (args.length === 0 || args[0] === '--no-tui') expect(r.output, label).toMatch(/careload: candidate 1: agents 12: ✗ fail on \d+ replications/);
      if (args[0] === '-q') expect(r.output, label).not.toMatch(/careload: candidate/);
    }
  });
});

describe('careload plan piped', () => {
  it('SIGINT stops it the same way: exit 130, the best staffing so far written and marked stopped', async () => {
    const out = tempDir();
    const child = spawn(process.execPath, [BIN, 'plan', MMC, ...FAST, '--out', out], { cwd: ROOT, env: { ...process.env, FORCE_COLOR: '1' } });
    let stderr = '';
    let stdout = '';
    let sent = false;
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString('utf8')));
    child.stderr.on('data', (c: Buffer) => {
      stderr += c.toString('utf8');
      // The first candidate (14) passed: stop while the search lowers.
      if (!sent && /candidate 1: agents 14: ✓ pass/.test(stderr)) {
        sent = true;
        child.kill('SIGINT');
      }
    });
    const code = await new Promise<number | null>((done) => child.on('close', done));
    expect(sent, stderr).toBe(true);
    expect(code, stderr).toBe(130);
    expect(stderr).toMatch(/careload: stopping: writing the best staffing that passed so far \(Ctrl-C again to quit at once\)/);
    expect(stderr + stdout).not.toContain(ESC);
    expect(stdout).toMatch(/\? stopped early; the cheapest staffing that passed so far/);
    expect(planJson(out)).toMatchObject({ status: 'stopped', staffing: { agents: 14 } });
  });
});
