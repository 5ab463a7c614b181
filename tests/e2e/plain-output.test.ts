/**
 * Plain output: with `--no-tui`, off a terminal, and in CI logs, careload
 * writes no control code at all, colours included, on stdout or stderr; on a
 * terminal without those it still colours its report. Every simulating
 * command is spawned from the built binary (run `npm run build` first), with
 * stdout a pipe, and under a pseudo-terminal (util-linux `script`), where
 * today's chalk would colour for a CI runner that provides one.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const BIN = resolve(import.meta.dirname, '../../dist/cli/careload.js');
const SCENARIO = resolve(import.meta.dirname, '../../scenarios/mmc-validation.yaml');
const ESC = '\u001b';
const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));
const out = () => {
  const d = mkdtempSync(join(tmpdir(), 'careload-plain-'));
  dirs.push(d);
  return d;
};

/** Each simulating command, made short: one simulated day, few replications, one worker. */
const COMMANDS: [string, string[]][] = [
  ['run', ['run', SCENARIO, '-r', '2', '--inconclusive', 'pass']],
  ['compare', ['compare', SCENARIO, '--policy', 'fifo', '--policy', 'priority', '-r', '2']],
  ['check', ['check', SCENARIO, '--max-replications', '4', '--inconclusive', 'pass']],
  ['plan', ['plan', SCENARIO, '-r', '2', '--max-replications', '4']],
  ['calibrate', ['calibrate', SCENARIO, '-r', '2', '--observe', 'csat=0.6']],
];
const SHORT = ['--set', 'horizon=1d', '--workers', '1'];
/** The environment without what would already turn colour off (so the flag or the CI setting under test is what does). */
const BASE_ENV = { ...process.env, CI: undefined, NO_COLOR: undefined, FORCE_COLOR: undefined, TERM: 'xterm-256color' };

/** Runs careload with stdout and stderr pipes. */
function piped(args: string[], env: Record<string, string | undefined> = {}) {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', env: { ...BASE_ENV, ...env }, timeout: 120_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Runs careload under a pseudo-terminal (stdout and stderr both the terminal), as a user at a terminal or a CI runner with a pty would. */
function underTerminal(args: string[], env: Record<string, string | undefined> = {}) {
  const command = [process.execPath, BIN, ...args].map((a) => `'${a.replace(/'/g, "'\\''")}'`).join(' ');
  const r = spawnSync('script', ['-qec', `stty cols 100 rows 30; ${command}`, '/dev/null'], { encoding: 'utf8', env: { ...BASE_ENV, ...env }, timeout: 120_000 });
  return { code: r.status, output: r.stdout };
}

const hasScript = spawnSync('script', ['--version'], { encoding: 'utf8' }).status === 0;

describe('plain output: no control codes with --no-tui, off a terminal or in CI', () => {
  it.each(COMMANDS)('%s --no-tui with stdout a pipe writes no escape byte on stdout or stderr', (_name, args) => {
    const r = piped([...args, ...SHORT, '--no-tui', '--out', out()]);
    expect([0, 99], r.stderr).toContain(r.code);
    expect(r.stdout.length).toBeGreaterThan(0);
    expect(r.stdout).not.toContain(ESC);
    expect(r.stderr).not.toContain(ESC);
  });

  it.runIf(hasScript).each(COMMANDS)('%s --no-tui under a terminal writes no escape byte (no colours either)', (_name, args) => {
    const r = underTerminal([...args, ...SHORT, '--no-tui', '--out', out()]);
    expect([0, 99], r.output).toContain(r.code);
    expect(r.output).toMatch(/careload/);
    expect(r.output).not.toContain(ESC);
  });

  it.runIf(hasScript)('in a CI log with a pseudo-terminal (CI and GITHUB_ACTIONS set, no flag) run writes no escape byte', () => {
    const r = underTerminal([...COMMANDS[0][1], ...SHORT, '--out', out()], { CI: 'true', GITHUB_ACTIONS: 'true' });
    expect(r.code, r.output).toBe(0);
    expect(r.output).toMatch(/SLA by tier/);
    expect(r.output).not.toContain(ESC);
  });

  it.runIf(hasScript)('a terminal without those still gets colour (the live view and the coloured report)', () => {
    const r = underTerminal([...COMMANDS[0][1], ...SHORT, '--out', out()]);
    expect(r.code, r.output).toBe(0);
    expect(r.output).toContain(ESC);
  });
});
