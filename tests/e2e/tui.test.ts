import { spawn, spawnSync } from 'node:child_process';
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

/** Runs careload under a pseudo-terminal (util-linux `script`) of `size` columns and rows, as a user at a terminal would. */
function underTerminal(args: string[], env: Record<string, string | undefined>, size: [number, number] = [100, 30]) {
  const command = [process.execPath, BIN, ...args].map((a) => `'${a.replace(/'/g, "'\\''")}'`).join(' ');
  const r = spawnSync('script', ['-qec', `stty cols ${size[0]} rows ${size[1]}; ${command}`, '/dev/null'], {
    encoding: 'utf8',
    env: { ...process.env, TERM: 'xterm-256color', ...env },
    timeout: 60_000,
  });
  return { code: r.status, output: r.stdout };
}

/** An environment without CI (ink and careload both take any CI value, even empty, as "no live view"). */
function withoutCI(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, TERM: 'xterm-256color' };
  delete env.CI;
  delete env.NO_COLOR;
  return env;
}

/**
 * careload under an 80x24 pseudo-terminal, driven by keys: `waitFor`
 * resolves once the screen, since the last key, shows `pattern`; `press`
 * types keys; `exit` resolves with the exit code and everything drawn.
 */
function interactive(args: string[]) {
  const command = [process.execPath, BIN, ...args].map((a) => `'${a.replace(/'/g, "'\\''")}'`).join(' ');
  const child = spawn('script', ['-qec', `stty cols 80 rows 24; ${command}`, '/dev/null'], { env: withoutCI() });
  let output = '';
  let since = 0;
  const waiters: { pattern: RegExp; resolve: () => void }[] = [];
  const check = () => {
    for (const w of [...waiters]) if (w.pattern.test(plain(output.slice(since)))) {
      waiters.splice(waiters.indexOf(w), 1);
      w.resolve();
    }
  };
  // Decoded as a stream: a character split across two chunks stays one character.
  child.stdout.setEncoding('utf8');
  child.stdout.on('data', (chunk: string) => {
    output += chunk;
    check();
  });
  const exited = new Promise<number | null>((done) => child.on('close', done));
  return {
    output: () => output,
    waitFor: (pattern: RegExp) =>
      new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no ${String(pattern)} on the screen: ${plain(output.slice(since)).slice(-500)}`)), 30_000);
        waiters.push({ pattern, resolve: () => (clearTimeout(timer), resolve()) });
        check();
      }),
    press: (keys: string) => {
      since = output.length;
      child.stdin.write(keys);
    },
    exit: async () => ({ code: await exited, output }),
    kill: () => child.kill('SIGKILL'),
  };
}

/** The lines a screen showed: cursor moves and erases end a line, colours are dropped. */
const screenLines = (raw: string) =>
  stripVTControlCharacters(raw.replace(new RegExp(`${ESC}\\[[0-9;?]*[ABCDEFGHJKST]`, 'g'), '\n'))
    .replace(/\r/g, '')
    .split('\n');

describe('terminal UI end to end', () => {
  it('at 80x24: tab and shift-tab cycle every view and wrap, legends are coloured, no line is longer than 80 columns', async () => {
    const screen = interactive(['run', SCENARIO, '--replications', '400', '--workers', '1', '--inconclusive', 'pass', '--out', out()]);
    try {
      await screen.waitFor(/\[overview\][\s\S]*means of \d+ finished/);
      const views = ['tiers', 'channels', 'teams', 'sentiment', 'overview'];
      for (const view of views) {
        screen.press('\t');
        await screen.waitFor(new RegExp(`\\[${view}\\]`));
      }
      for (const view of ['sentiment', 'teams', 'channels', 'tiers', 'overview']) {
        screen.press('\u001b[Z');
        await screen.waitFor(new RegExp(`\\[${view}\\]`));
      }
      screen.press('\t');
      await screen.waitFor(/\[tiers\][\s\S]*urgent SLA/);
      screen.press('q');
      const { code, output } = await screen.exit();
      expect(code).toBe(130);
      expect(output).toContain('\u001b[36murgent'); // the legend: the series' name in its colour
      expect(output).toContain('\u001b[35mstandard');
      const live = output.slice(0, output.indexOf('PARTIAL RESULTS') > 0 ? output.indexOf('PARTIAL RESULTS') : undefined);
      for (const line of screenLines(live)) expect([...line].length, line).toBeLessThanOrEqual(80);
    } finally {
      screen.kill();
    }
  });

  it('shows the charts at 60x18, the documented minimum, and hides them one column or one row below', () => {
    const run = (size: [number, number]) =>
      plain(underTerminal(['run', SCENARIO, '--replications', '2', '--workers', '1', '--inconclusive', 'pass', '--out', out()], { CI: undefined, NO_COLOR: undefined }, size).output);
    const at = run([60, 18]);
    // The live view drew means (after one replication or both: a fast machine may skip the frame between).
    expect(at).toMatch(/means of \d finished/);
    expect(at).toMatch(/[┤┼]/);
    expect(at).not.toMatch(/charts hidden/);
    for (const size of [[59, 18], [60, 17]] as [number, number][]) {
      const below = run(size);
      expect(below, size.join('x')).toMatch(/charts hidden: the terminal is smaller than 60x18/);
      expect(below).not.toMatch(/[┤┼]/);
    }
  });

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
