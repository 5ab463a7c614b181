/**
 * `careload check` at a terminal and off it: under a pseudo-terminal
 * (util-linux `script`, as tests/e2e/tui.test.ts does for `run`) it draws
 * the live view, then prints the same report as a pipe gets; `q` and ctrl-c
 * stop it with exit 130, check.json keeping what was checked, marked
 * stopped (no JUnit or Markdown report); everywhere else its output
 * carries no control code at all.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');
const BIN = join(ROOT, 'dist/cli/careload.js');
const MMC = join(ROOT, 'scenarios/mmc-validation.yaml');
// Short replications: the M/M/14 case still decides its thresholds at the first look.
const FAST = ['--set', 'horizon=100h', '--set', 'warmup=5h', '--set', 'report.interval=50h', '--workers', '1'];
const ESC = '\u001b';
const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));
const tempDir = () => {
  const d = mkdtempSync(join(tmpdir(), 'careload-check-live-'));
  dirs.push(d);
  return d;
};

/** Strips terminal control sequences, for reading what a screen said. */
const plain = (s: string) => stripVTControlCharacters(s).replace(/\r/g, '');

/** The shell command `script` runs: a 100x30 terminal, then careload. */
function terminalCommand(args: string[]): string[] {
  const command = [process.execPath, BIN, ...args].map((a) => `'${a.replace(/'/g, "'\\''")}'`).join(' ');
  return ['-qec', `stty cols 100 rows 30; ${command}`, '/dev/null'];
}

const terminalEnv = (env: Record<string, string | undefined> = {}) => ({ ...process.env, TERM: 'xterm-256color', CI: undefined, NO_COLOR: undefined, GITHUB_STEP_SUMMARY: undefined, ...env });

/** Runs careload under a pseudo-terminal to the end. */
function underTerminal(args: string[], env: Record<string, string | undefined> = {}) {
  const r = spawnSync('script', terminalCommand(args), { cwd: ROOT, encoding: 'utf8', env: terminalEnv(env), timeout: 120_000 });
  return { code: r.status, output: r.stdout };
}

/** Runs careload under a pseudo-terminal and types `key` once the screen shows `when`. */
function typeWhen(args: string[], when: RegExp, key: string): Promise<{ code: number | null; output: string }> {
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
      done({ code, output });
    });
  });
}

function piped(args: string[], env: Record<string, string | undefined> = {}) {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, GITHUB_STEP_SUMMARY: undefined, FORCE_COLOR: '1', ...env } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('careload check at a terminal', () => {
  it('draws the live view, then leaves the same report a pipe gets, and writes check.json', () => {
    const out = tempDir();
    const r = underTerminal(['check', MMC, ...FAST, '--out', out]);
    expect(r.code, plain(r.output)).toBe(0);
    expect(r.output).toContain(ESC); // a live, coloured terminal session
    const screen = plain(r.output);
    expect(screen).toMatch(/careload check: 0 of 1 scenario checked · q: stop/);
    expect(screen).toMatch(/▶ running\s+mmc-validation\s+look 1 of at most \d+/);
    expect(screen).toMatch(/look 1 of at most \d+: replications 1 to 10/);
    expect(screen).toMatch(/verdict so far\s+threshold\s+observed \[interval\]\s+margin\s+replications/);
    expect(existsSync(join(out, 'check.json'))).toBe(true);

    // What stays on screen after the view is the plain report, line for line.
    const report = piped(['check', MMC, ...FAST, '-q', '--out', tempDir()]);
    expect(report.code, report.stderr).toBe(0);
    expect(report.stdout).toMatch(/✓ pass\s+slaAttainment >= 75%/);
    const reportBody = report.stdout.replace(/wrote .*\n$/, '');
    expect(screen).toContain(reportBody.trimEnd());
    expect(screen).toMatch(new RegExp(`wrote ${out.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}/check\\.json\\n?$`));
  });

  it.each([
    ['q', 'q'],
    ['ctrl-c', '\u0003'],
  ])('%s stops the check: exit 130, check.json marked stopped, no JUnit report', async (_name, key) => {
    const out = tempDir();
    // A target at theory cannot be decided: without the key this would run 400 replications.
    // The key goes in once the second batch runs, long after the view took the keyboard.
    const r = await typeWhen(['check', MMC, ...FAST, '--threshold', 'slaAttainment >= 0.8002', '--max-replications', '400', '--out', out, '--junit', join(out, 'check.xml')], /look 2 of at most/, key);
    const screen = plain(r.output);
    expect(r.code, screen).toBe(130);
    expect(screen).toMatch(/careload: check stopped after 0 of 1 scenario\(s\); check\.json holds those checked, marked stopped/);
    const doc = JSON.parse(readFileSync(join(out, 'check.json'), 'utf8')) as { verdict: string; partial?: { done: number; total: number; notJudged: { scenario: string } | null } };
    expect(doc.verdict).toBe('stopped');
    expect(doc.partial).toMatchObject({ done: 0, total: 1, notJudged: { scenario: 'mmc-validation' } });
    expect(existsSync(join(out, 'check.xml'))).toBe(false);
  });

  it('stays plain under a terminal with --no-tui, -q, --format json or CI set: no control code', () => {
    for (const [args, env] of [
      [['--no-tui'], {}],
      [['-q'], {}],
      [['--format', 'json'], {}],
      [[], { CI: 'true' }],
    ] as [string[], Record<string, string>][]) {
      const out = tempDir();
      const r = underTerminal(['check', MMC, ...FAST, '--out', out, ...args], env);
      const label = JSON.stringify({ args, env });
      expect(r.code, label).toBe(0);
      expect(r.output, label).not.toContain(ESC);
      expect(r.output, label).not.toMatch(/verdict so far/);
      if (args[0] === '--format') expect((JSON.parse(readFileSync(join(out, 'check.json'), 'utf8')) as { verdict: string }).verdict).toBe('pass');
      else expect(r.output, label).toMatch(/✓ pass: 3 passed/);
      if (args.length === 0 || args[0] === '--no-tui') expect(r.output, label).toMatch(/careload: checking mmc-validation/);
    }
  });
});

describe('careload check piped', () => {
  it('prints plain progress lines on stderr and the report on stdout, without escape sequences', () => {
    const r = piped(['check', MMC, ...FAST, '--out', tempDir()]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).not.toContain(ESC);
    expect(r.stderr).not.toContain(ESC);
    expect(r.stderr).toMatch(/^careload: checking mmc-validation \(.*\): 3 thresholds\n/);
    expect(r.stderr).toMatch(/careload: \d+ replications done \(\d+\.\ds\) \(at most 200\)/);
    expect(r.stdout).toMatch(/^✓ mmc-validation /);
  });
});
