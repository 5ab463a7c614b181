import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const BIN = resolve(import.meta.dirname, '../../dist/cli/careload.js');
const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

function setup() {
  const dir = mkdtempSync(join(tmpdir(), 'careload-calibrate-'));
  dirs.push(dir);
  const file = join(dir, 'ops.yaml');
  writeFileSync(file, `
name: ops
horizon: 40h
warmup: 2h
replications: 4
channels:
  chat: { rate: 30/h, handleTime: { dist: exponential, mean: 4m }, sentiment: { negative: 0.3, neutral: 0.6, positive: 0.1 } }
tiers:
  standard: { firstResponse: 30m }
teams:
  care: { agents: 3 }
surveys: { responseRate: 0.3 }
`);
  return { dir, file };
}

function careload(args: string[], cwd: string) {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('careload calibrate', () => {
  it('fits, writes an overlay that run --overlay reproduces, and says what it cannot fit', () => {
    const { dir, file } = setup();
    const r = careload(['calibrate', file, '--observe', 'recoveryNegative=0.35', '--observe', 'csat=70%', '--observe', 'answeredWithin=0.5', '--workers', '1', '-q'], dir);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/recoveryNegative\s+35\.0%\s+3[45]\.\d% ±/);
    expect(r.stdout).toMatch(/answeredWithin .* no outcome parameter moves it/);
    const overlay = readFileSync(join(dir, 'results/ops/calibrated.yaml'), 'utf8');
    expect(overlay).toMatch(/outcomes:\n {2}positive:\n {4}negative: -?\d/);
    expect(overlay).toMatch(/csat:\n {2}bias: -?\d/);
    const run = careload(['run', file, '--overlay', join(dir, 'results/ops/calibrated.yaml'), '--format', 'json', '--workers', '1', '-q', '--out', join(dir, 'out')], dir);
    expect(run.code, run.stderr).toBe(0);
    const doc = JSON.parse(run.stdout) as { overall: Record<'recoveryNegative' | 'csat', { mean: number }> };
    expect(doc.overall.recoveryNegative.mean).toBeCloseTo(0.35, 2);
    expect(doc.overall.csat.mean).toBeCloseTo(0.7, 2);
    const json = JSON.parse(readFileSync(join(dir, 'results/ops/calibration.json'), 'utf8')) as { kpis: { metric: string }[] };
    expect(json.kpis.map((k) => k.metric)).toEqual(['recoveryNegative', 'csat', 'answeredWithin']);
  });

  it("the overlay's usage command works as written from the folder calibrate ran in (here not the scenario's folder)", () => {
    const { dir } = setup();
    const work = join(dir, 'work');
    mkdirSync(work);
    const r = careload(['calibrate', '../ops.yaml', '--set', 'teams.care.agents=4', '--observe', 'recoveryNegative=0.35', '-r', '2', '--workers', '1', '-q'], work);
    expect(r.code, r.stderr).toBe(0);
    const overlay = readFileSync(join(work, 'results/ops/calibrated.yaml'), 'utf8');
    const usage = /^# use with: (careload run .*) \(from the folder calibrate ran in\), or copy/m.exec(overlay);
    expect(usage, overlay).not.toBeNull();
    expect(usage![1]).toBe('careload run ../ops.yaml --set teams.care.agents=4 --overlay results/ops/calibrated.yaml');
    // The command as a user would paste it, in the same folder, careload standing for the built binary.
    const command = usage![1].replace(/^careload /, `'${process.execPath}' '${BIN}' `);
    const run = spawnSync('sh', ['-c', `${command} -r 2 --workers 1 -q --format json --out out`], { cwd: work, encoding: 'utf8' });
    expect(run.status, run.stderr).toBe(0);
    const doc = JSON.parse(run.stdout) as { overall: { recoveryNegative: { mean: number } } };
    expect(doc.overall.recoveryNegative.mean).toBeCloseTo(0.35, 1);
  });

  it('never writes a value for a KPI out of reach: the overlay leaves the key out and says so, as do the report and calibration.json', () => {
    const { dir } = setup();
    // Customers who abandon never recover: with few agents and impatient customers, no logit reaches 99%.
    const file = join(dir, 'impatient.yaml');
    writeFileSync(file, readFileSync(join(dir, 'ops.yaml'), 'utf8').replace('sentiment:', 'patience: { dist: exponential, mean: 10m }, sentiment:').replace('agents: 3', 'agents: 2'));
    const r = careload(['calibrate', file, '--observe', 'recoveryNegative=0.99', '--observe', 'surveyResponseRate=0.3', '-r', '2', '--workers', '1', '-q'], dir);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/recoveryNegative .*outcomes\.positive\.negative not fitted\s+out of reach of outcomes\.positive\.negative/);
    expect(r.stdout).toContain('recoveryNegative is out of reach: outcomes.positive.negative is not written to the overlay');
    const overlay = readFileSync(join(dir, 'results/ops/calibrated.yaml'), 'utf8');
    expect(overlay).not.toMatch(/^outcomes:/m);
    expect(overlay).toMatch(/^surveys:\n {2}responseRate: 0\.\d+/m);
    expect(overlay).toMatch(/^# not written: outcomes\.positive\.negative \(recoveryNegative out of reach; the scenario's -?[\d.]+ is kept\)$/m);
    const json = JSON.parse(readFileSync(join(dir, 'results/ops/calibration.json'), 'utf8')) as { fitted: { path: string[] }[]; notWritten: { metric: string }[]; kpis: { metric: string; fitted: number | null }[] };
    expect(json.fitted.map((f) => f.path.join('.'))).toEqual(['surveys.responseRate']);
    expect(json.notWritten.map((n) => n.metric)).toEqual(['recoveryNegative']);
    expect(json.kpis[0].fitted).toBeNull();
  });

  it('refuses unknown or malformed observations with exit 2', () => {
    const { dir, file } = setup();
    for (const obs of ['happiness=0.5', 'recoveryNegative', 'recoveryNegative=high', 'csat=2', 'csat=150%']) {
      const r = careload(['calibrate', file, '--observe', obs, '-q'], dir);
      expect(r.code, obs).toBe(2);
      expect(r.stderr).toMatch(/^careload: --observe: /);
    }
    expect(careload(['calibrate', file, '-q'], dir).code).toBe(2);
  });
});
