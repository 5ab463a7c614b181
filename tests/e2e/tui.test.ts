import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

const BIN = resolve(import.meta.dirname, '../../dist/cli/careload.js');
const SCENARIO = resolve(import.meta.dirname, '../../scenarios/swisscom-outage.yaml');
const ESC = '\u001b';
const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));
const out = () => {
  const d = mkdtempSync(join(tmpdir(), 'careload-tui-'));
  dirs.push(d);
  return d;
};

/** Strips terminal control sequences, for reading what a screen said. */
const plain = (s: string) => stripVTControlCharacters(s).replace(/\r/g, '');

/** Runs careload under a pseudo-terminal (util-linux `script`), as a user at a terminal would. */
function underTerminal(args: string[], env: Record<string, string | undefined>) {
  const command = [process.execPath, BIN, ...args].map((a) => `'${a.replace(/'/g, "'\\''")}'`).join(' ');
  const r = spawnSync('script', ['-qec', `stty cols 100 rows 30; ${command}`, '/dev/null'], {
    encoding: 'utf8',
    env: { ...process.env, TERM: 'xterm-256color', ...env },
    timeout: 60_000,
  });
  return { code: r.status, output: r.stdout };
}

describe('terminal UI end to end', () => {
  it('under a terminal: draws the live view, then the final screen', () => {
    const r = underTerminal(['run', SCENARIO, '--replications', '4', '--workers', '1', '--inconclusive', 'pass', '--out', out()], { CI: undefined, NO_COLOR: undefined });
    expect(r.code).toBe(0);
    expect(r.output).toContain(ESC); // it is a live, coloured terminal session
    const screen = plain(r.output);
    expect(screen).not.toContain(ESC); // every control sequence was stripped
    expect(screen).toMatch(/\[overview\]/);
    expect(screen).toMatch(/replications \d\/4/);
    expect(screen).toMatch(/SLA by tier/);
    expect(screen).toMatch(/urgent\s+1h\s+80%/);
    expect(screen).toMatch(/recovered: negative → positive/);
    expect(screen).toMatch(/wrote .*summary\.json/);
  });

  it('under a terminal with CI set, --no-tui or NO_COLOR: plain text, no control codes', () => {
    for (const [args, env] of [
      [[], { CI: 'true' }],
      [['--no-tui', '--no-color'], { CI: undefined }],
    ] as [string[], Record<string, string | undefined>][]) {
      const r = underTerminal(['run', SCENARIO, '--replications', '2', '--workers', '1', '--inconclusive', 'pass', '-q', '--out', out(), ...args], env);
      expect(r.code).toBe(0);
      expect(r.output, JSON.stringify(env)).not.toContain(ESC);
      expect(r.output).toMatch(/SLA by tier/);
    }
  });

  it('piped: stdout carries only the report, with no escape sequence, and progress goes to stderr', () => {
    const r = spawnSync(process.execPath, [BIN, 'run', SCENARIO, '--replications', '2', '--workers', '1', '--inconclusive', 'pass', '--out', out()], {
      encoding: 'utf8',
      env: { ...process.env, FORCE_COLOR: '1' },
    });
    expect(r.status).toBe(0);
    expect(r.stdout).not.toContain(ESC);
    expect(r.stderr).not.toContain(ESC);
    expect(r.stdout).toMatch(/^careload: swisscom-outage\n/);
    expect(r.stderr).toMatch(/replications done/);
  });

  it('piped into a reader that goes away (| true, | head): exits 0 without a stack trace', () => {
    const command = `'${process.execPath}' '${BIN}' run '${SCENARIO}' --replications 2 --workers 1 -q --out '${out()}' | true`;
    const r = spawnSync('bash', ['-c', `set -o pipefail; ${command}`], { encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });
});
