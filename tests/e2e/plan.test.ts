import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import type { PlanDocument } from '../../src/report/plan-json.js';

const ROOT = resolve(import.meta.dirname, '../..');
const BIN = join(ROOT, 'dist/cli/careload.js');
const MMC = join(ROOT, 'scenarios/mmc-validation.yaml');
// Short replications: the M/M/N case still separates 13 agents from 14 on these targets.
const FAST = ['--set', 'horizon=100h', '--set', 'warmup=5h', '--set', 'report.interval=50h', '-q'];
const dirs: string[] = [];
const tempDir = () => {
  const d = mkdtempSync(join(tmpdir(), 'careload-plan-'));
  dirs.push(d);
  return d;
};
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

function careload(args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', GITHUB_STEP_SUMMARY: '' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('careload plan', () => {
  it('finds the least headcount, says why one fewer fails, writes plan.json and a plan.yaml that check passes', () => {
    const out = tempDir();
    // Theory: utilization 10/N <= 0.75 needs N >= 14 (13 gives 0.77).
    const r = careload(['plan', MMC, ...FAST, '--only-cli-thresholds', '--threshold', 'utilization <= 0.75', '--out', out]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/✓ the least staffing that meets the targets/);
    expect(r.stdout).toMatch(/agents\s+14 agents/);
    expect(r.stdout).toMatch(/with one agent fewer on agents \(agents 13\): ✗ fails on utilization <= 0.75/);
    const doc = JSON.parse(readFileSync(join(out, 'plan.json'), 'utf8')) as PlanDocument;
    expect(doc.staffing).toEqual({ agents: 14 });
    expect(doc.status).toBe('found');
    expect(doc.curve.filter((p) => p.team === 'agents').map((p) => p.value)).toEqual([11, 12, 13, 14, 15, 16]);
    const overlay = join(out, 'plan.yaml');
    expect(parseYaml(readFileSync(overlay, 'utf8'))).toEqual({ teams: { agents: { agents: 14 } } });
    const check = careload(['check', MMC, ...FAST, '--overlay', overlay, '--only-cli-thresholds', '--threshold', 'utilization <= 0.75', '--out', tempDir()]);
    expect(check.code, check.stdout + check.stderr).toBe(0);
  });

  it('prints plan.json with --format json, and repeats the plan over surge sizes', () => {
    const out = tempDir();
    const r = careload([
      'plan', MMC, ...FAST, '--format', 'json', '--out', out, '--only-cli-thresholds', '--threshold', 'utilization <= 0.75',
      '--set', 'surges=[{name: peak, start: 20h, duration: 60h, volume: +40%}]', '--set', 'report.window=surge', '--surge-scale', '0,1',
    ]);
    expect(r.code, r.stderr).toBe(0);
    const doc = JSON.parse(r.stdout) as PlanDocument;
    expect(doc.sweep?.varied).toBe('surge scale');
    const [none, full] = doc.sweep!.rows;
    expect(none.staffing).toEqual({ agents: 14 });
    // +40%: 14 erlangs of work, 14 / 0.75 = 18.7: 19 agents.
    expect(full.staffing).toEqual({ agents: 19 });
  });

  it('exits 99 and says which target fails at the maxima when nothing within the bounds passes', () => {
    const out = tempDir();
    const r = careload(['plan', MMC, ...FAST, '--max', 'agents=12', '--out', out]);
    expect(r.code).toBe(99);
    expect(r.stdout).toContain('✗ no staffing within the bounds meets the targets');
    expect(r.stdout).toMatch(/utilization <= 0.75\s+.*✗ fail/);
    expect(existsSync(join(out, 'plan.yaml'))).toBe(false);
    expect((JSON.parse(readFileSync(join(out, 'plan.json'), 'utf8')) as PlanDocument).status).toBe('infeasible');
  });

  it.each([
    [['--teams', 'nobody'], /--teams: no team "nobody"; teams: agents/],
    [['--min', 'agents=ten'], /--min: expected team=a whole number/],
    [['--min', 'agents=9', '--max', 'agents=5'], /--min 9 is above --max 5/],
    [['--threshold', 'slaAttainment >='], /--threshold: /],
    [['--surge-scale', '1'], /--surge-scale: the scenario has no surges/],
    [['--vary', 'teams.agents.agents'], /--vary: expected key.path=value1,value2/],
  ])('refuses %j with exit 2 and one line', (flags, message) => {
    const r = careload(['plan', MMC, ...FAST, ...flags, '--out', tempDir()]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('names --vary, not --set, when a varied key is wrong: exit 104, one line', () => {
    const r = careload(['plan', MMC, ...FAST, '--vary', 'teams.agentz.agents=40,60', '--out', tempDir()]);
    expect(r.code).toBe(104);
    expect(r.stderr.trim()).toMatch(/^--vary teams\.agentz\.agents=40: no team "agentz"/);
    expect(r.stderr).not.toContain('--set teams');
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });
});
