/**
 * Named measurement windows (report.windows) end to end: `check` and `run`
 * judge `window:` thresholds and say which window in check.json, JUnit,
 * Markdown and text; summary.json and replications.json carry the windows.
 * Needs dist/ (`npm run build`).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { afterAll, describe, expect, it } from 'vitest';
import type { CheckDocument } from '../../src/check/types.js';
import type { SummaryDocument } from '../../src/report/json.js';
import type { ReplicationValuesDocument } from '../../src/report/replications.js';

const ROOT = resolve(import.meta.dirname, '../..');
const BIN = join(ROOT, 'dist/cli/careload.js');
const MMC = join(ROOT, 'scenarios/mmc-validation.yaml');
// Short M/M/14 replications (theory: 80.0% within 5 min, mean wait 7.8 s), and a window over their second half.
const FAST = ['--set', 'horizon=100h', '--set', 'warmup=5h', '--set', 'report.interval=50h', '-q', '--set', 'report.windows.late={ from: 50h, to: 100h }'];
const dirs: string[] = [];
const tempDir = () => {
  const d = mkdtempSync(join(tmpdir(), 'careload-windows-'));
  dirs.push(d);
  return d;
};
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

function careload(args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', GITHUB_STEP_SUMMARY: '' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('careload check with window: thresholds', () => {
  it('judges a threshold on a named window, alone and with a scope tag, and names the window in every report', () => {
    const out = tempDir();
    const junit = join(out, 'check.xml');
    const markdown = join(out, 'check.md');
    const r = careload([
      'check', MMC, ...FAST, '--only-cli-thresholds', '--out', out, '--junit', junit, '--markdown', markdown,
      '--threshold', 'slaAttainment{window:late} >= 0.95',
      '--threshold', 'wait{tier:standard,window:late} avg < 1m',
    ]);
    expect(r.code, r.stderr).toBe(99);
    expect(r.stdout).toMatch(/✗ fail\s+slaAttainment\{window:late\} >= 0.95\s+80\.\d%/);
    expect(r.stdout).toMatch(/✓ pass\s+wait\{tier:standard,window:late\} avg < 1m/);
    expect(r.stdout).toContain('windows: late 2d2h to 4d4h');

    const doc = JSON.parse(readFileSync(join(out, 'check.json'), 'utf8')) as CheckDocument;
    const [late, wait] = doc.scenarios[0].thresholds;
    expect(late.scope).toEqual({ window: 'late' });
    expect(wait.scope).toEqual({ tier: 'standard', window: 'late' });
    expect(doc.scenarios[0].windows).toEqual([{ name: 'late', from: 50 * 3600, to: 100 * 3600 }]);
    // The M/M/14 service level is 80% in any window long enough.
    expect(late.observed.ci![0]).toBeGreaterThan(0.75);
    expect(late.observed.ci![1]).toBeLessThan(0.85);

    const xml = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' }).parse(readFileSync(junit, 'utf8')) as {
      testsuites: { testsuite: { testcase: { name: string; failure?: { message: string; '#text': string } }[] } };
    };
    const failed = xml.testsuites.testsuite.testcase.filter((t) => t.failure !== undefined);
    expect(failed.map((t) => t.name)).toEqual(['slaAttainment{window:late} >= 0.95']);
    expect(failed[0].failure!['#text']).toContain('window: late, conversations arriving from 2d2h to 4d4h');
    const md = readFileSync(markdown, 'utf8');
    expect(md).toContain('`slaAttainment{window:late} >= 0.95`');
    expect(md).toContain('Windows: late 2d2h to 4d4h');
  });

  it('refuses an unknown window with exit 104, listing the known ones, before running anything', () => {
    const r = careload(['check', MMC, ...FAST, '--out', tempDir(), '--threshold', 'slaAttainment{window:early} >= 0.5']);
    expect(r.code).toBe(104);
    expect(r.stderr).toContain('unknown window "early"; known: late');
  });
});

describe('careload run with named windows', () => {
  it('writes the windows into summary.json and replications.json and lists them in the report', () => {
    const out = tempDir();
    const r = careload(['run', MMC, ...FAST, '-r', '4', '--out', out]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/Named windows \(report\.windows\)\n\s*window\s+from\s+to\s+SLA met/);
    expect(r.stdout).toMatch(/\nlate\s+d3 02:00\s+d5 04:00\s+80\.\d% ±/);

    const summary = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8')) as SummaryDocument;
    const late = summary.windows!.late;
    expect([late.from, late.to]).toEqual([50 * 3600, 100 * 3600]);
    // Half the measured time: about half the arrivals.
    expect(late.overall.arrivals.mean! / summary.overall.arrivals.mean!).toBeCloseTo(50 / 95, 1);
    expect(Object.keys(late)).toEqual(['from', 'to', 'overall', 'byChannel', 'byTier', 'byTeam']);

    const values = JSON.parse(readFileSync(join(out, 'replications.json'), 'utf8')) as ReplicationValuesDocument;
    expect(values.values['windows.late.overall.arrivals']).toHaveLength(4);
    expect(values.values['windows.late.byTeam.agents.utilization']).toHaveLength(4);
  });

  it('judges window: thresholds written in the scenario file', () => {
    const out = tempDir();
    const r = careload(['run', MMC, ...FAST, '-r', '4', '--out', out, '--set', "thresholds={ 'slaAttainment{window:late}': ['>= 70%'] }"]);
    expect(r.code, r.stderr).toBe(0);
    const summary = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8')) as SummaryDocument;
    expect(summary.thresholds!.map((t) => [t.expression, t.scope, t.verdict])).toEqual([['slaAttainment{window:late} >= 70%', { window: 'late' }, 'pass']]);
  });
});
