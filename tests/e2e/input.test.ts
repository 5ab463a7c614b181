/**
 * End-to-end: input that used to be wrong but accepted (issue 12, items
 * 11-14 and 16), through the real binary: exit codes and the one line each
 * problem is printed as.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');
const CLI = join(ROOT, 'dist', 'cli', 'careload.js');
const SCENARIO = join(ROOT, 'scenarios', 'mmc-validation.yaml');
const dir = mkdtempSync(join(tmpdir(), 'careload-input-e2e-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function careload(args: string[], input?: string) {
  const env = { ...process.env };
  delete env.CARELOAD_DEBUG;
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd: dir, env, encoding: 'utf8', timeout: 30_000, input });
  if (r.error) throw r.error;
  return { status: r.status, stdout: r.stdout, stderr: r.stderr, lines: r.stderr.replace(/\n$/, '').split('\n') };
}

describe('careload: --set paths (item 11)', () => {
  it('refuses a team typo with exit 104, naming the closest team', () => {
    const r = careload(['validate', SCENARIO, '--set', 'teams.agnets.agents=5']);
    expect(r.status).toBe(104);
    expect(r.lines).toEqual([`--set teams.agnets.agents=5: no team "agnets" in ${SCENARIO} (did you mean "agents"?); to add one, use --set-new`]);
  });

  it('adds a team with --set-new', () => {
    const r = careload(['validate', SCENARIO, '--set-new', 'teams.night.agents=3']);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('night (3 agents x 1)');
  });
});

describe('careload: reserved names, aliases, size (items 12-14)', () => {
  it('refuses a team named __proto__ in an overlay with file:line:col and key path', () => {
    const overlay = join(dir, 'proto.yaml');
    writeFileSync(overlay, 'teams:\n  __proto__: { agents: 1 }\n');
    const r = careload(['validate', SCENARIO, '--overlay', overlay]);
    expect(r.status).toBe(104);
    expect(r.lines).toEqual([`${overlay}:2:3 teams.__proto__: "__proto__" cannot be used as a name or key (it is reserved in JavaScript); choose another name`]);
  });

  it('refuses a billion-laughs alias bomb with exit 104 and one line', () => {
    const bomb = join(dir, 'bomb.yaml');
    const levels = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    for (let i = 1; i < 9; i++) levels.push(`${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(9).fill(`*${String.fromCharCode(96 + i)}`).join(',')}]`);
    writeFileSync(bomb, `${levels.join('\n')}\n`);
    for (const args of [['validate', bomb], ['validate', SCENARIO, '--overlay', bomb]]) {
      const r = careload(args);
      expect(r.status).toBe(104);
      expect(r.lines).toEqual([`${bomb}:2:8: too many alias expansions (more than 100): is this an alias bomb?`]);
    }
  });

  it.skipIf(process.platform === 'win32')('refuses /dev/zero with exit 104 without reading it all', () => {
    const r = careload(['validate', '/dev/zero']);
    expect(r.status).toBe(104);
    expect(r.lines).toEqual(['/dev/zero: cannot read the scenario: too large (more than that; at most 10485760 bytes = 10 MB)']);
  });
});

describe('careload: error texts (item 16)', () => {
  it.each([
    [['validate', SCENARIO, '--set', 'horizon']],
    [['validate', SCENARIO, '--set', 'foo']],
    [['run', SCENARIO, '--set-new', '=5']],
  ])('a --set without key=value is a usage error (exit 2): %j', (args) => {
    const r = careload(args);
    expect(r.status).toBe(2);
    expect(r.lines[0]).toMatch(/^careload: --set(-new)? ".*": expected key\.path=value/);
  });

  it('blames horizon for --set horizon=1000000000h', () => {
    const r = careload(['validate', SCENARIO, '--set', 'horizon=1000000000h']);
    expect(r.status).toBe(104);
    expect(r.lines[0]).toMatch(/^--set horizon: too long for report\.interval 10h: /);
  });

  it('echoes the seed as written', () => {
    const r = careload(['validate', SCENARIO, '--set', 'seed=12345678901234567890']);
    expect(r.lines).toEqual(['--set seed: expected a whole number >= 0, got 12345678901234567890']);
  });

  it('lists the commands for an unknown one', () => {
    const r = careload(['xyzzy']);
    expect(r.status).toBe(2);
    expect(r.lines[0]).toBe('careload: unknown command "xyzzy"; commands: run, validate, compare, calibrate, check, diff, plan, erlang, generate, fit, merge, report, schema');
  });

  it.each(['validate', 'compare', 'calibrate'])('a missing scenario on %s suggests that command, not run', (command) => {
    const r = careload([command]);
    expect(r.status).toBe(2);
    expect(r.lines[0]).toBe(`careload: missing the scenario file, e.g. careload ${command} scenarios/mmc-validation.yaml`);
  });

  it('calls a malformed .json scenario "not valid JSON"', () => {
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, '{"horizon": ');
    const r = careload(['validate', bad]);
    expect(r.status).toBe(104);
    expect(r.lines[0]).toMatch(/^.*bad\.json:1:\d+: not valid JSON: /);
  });

  it('reports a YAML warning (an unknown tag) as a problem, never raw on stderr', () => {
    const tagged = join(dir, 'tag.yaml');
    writeFileSync(tagged, readFileSync(SCENARIO, 'utf8').replace('horizon: 2000h', 'horizon: !foo 2000h'));
    const r = careload(['validate', tagged]);
    expect(r.status).toBe(104);
    expect(r.stderr).not.toMatch(/YAMLWarning|Warning:/);
    expect(r.lines).toEqual([`${tagged}:7:10: not valid YAML: Unresolved tag: !foo`]);
  });

  it('takes a --set value with an unknown tag as text, with no YAMLWarning on stderr', () => {
    const r = careload(['validate', SCENARIO, '--set', 'name=!foo']);
    expect(r.status).toBe(104);
    expect(r.lines).toEqual(['--set name: expected a name of letters, digits, _ and -, starting with a letter, got "!foo"']);
  });

  it('prints a --set problem found in every scenario of a folder once', () => {
    const r = careload(['validate', join(ROOT, 'scenarios'), '--set', 'horizon=5']);
    expect(r.status).toBe(104);
    expect(r.lines).toEqual(['--set horizon: expected a duration with a unit such as 90s, 3m, 2h, 1d, 1h30m or 2.5h, got 5']);
  });

  it('accepts surge names in --set paths', () => {
    const r = careload(['validate', join(ROOT, 'scenarios', 'swisscom-outage.yaml'), '--set', 'surges.outage-tuesday.volume=+10%']);
    expect(r.status).toBe(0);
  });

  it('validate - reads standard input', () => {
    const r = careload(['validate', '-'], readFileSync(SCENARIO, 'utf8'));
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^stdin: valid scenario "mmc-validation"/);
  });
});
