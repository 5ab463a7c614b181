import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { afterAll, describe, expect, it } from 'vitest';
import type { CheckDocument } from '../../src/check/types.js';

const ROOT = resolve(import.meta.dirname, '../..');
const BIN = join(ROOT, 'dist/cli/careload.js');
const MMC = join(ROOT, 'scenarios/mmc-validation.yaml');
// Short replications: the M/M/14 case still decides clear thresholds at once.
const FAST = ['--set', 'horizon=100h', '--set', 'warmup=5h', '--set', 'report.interval=50h', '-q'];
const dirs: string[] = [];
const tempDir = () => {
  const d = mkdtempSync(join(tmpdir(), 'careload-check-'));
  dirs.push(d);
  return d;
};
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

function careload(args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', GITHUB_STEP_SUMMARY: '', ...env } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('careload check', () => {
  it("passes the shipped M/M/14 scenario's thresholds: exit 0, a table that reads without colour, check.json", () => {
    const out = tempDir();
    const r = careload(['check', MMC, ...FAST, '--max-replications', '40', '--out', out]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/✓ pass\s+slaAttainment >= 75%/);
    expect(r.stdout).toContain('✓ pass: 3 passed, 0 failed, 0 inconclusive');
    const doc = JSON.parse(readFileSync(join(out, 'check.json'), 'utf8')) as CheckDocument;
    expect(doc.verdict).toBe('pass');
    expect(doc.scenarios[0].thresholds.map((t) => t.expression)).toEqual(['slaAttainment >= 75%', 'wait avg < 30s', 'utilization <= 0.75']);
    expect(doc.scenarios[0].thresholds[0].observed.ci![0]).toBeGreaterThan(0.75);
  });

  it('exits 99 on a failed threshold, writes JUnit that parses back and a Markdown summary, and appends to GITHUB_STEP_SUMMARY', () => {
    const out = tempDir();
    const summary = join(out, 'step-summary.md');
    writeFileSync(summary, '# earlier step\n');
    const junit = join(out, 'check.xml');
    const markdown = join(out, 'check.md');
    const r = careload(['check', MMC, ...FAST, '--out', out, '--threshold', 'slaAttainment >= 0.95', '--junit', junit, '--markdown', markdown], { GITHUB_STEP_SUMMARY: summary });
    expect(r.code, r.stderr).toBe(99);
    expect(r.stdout).toMatch(/✗ fail\s+slaAttainment >= 0.95/);
    const xml = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' }).parse(readFileSync(junit, 'utf8')) as {
      testsuites: { tests: string; failures: string; testsuite: { name: string; testcase: { name: string; failure?: { message: string } }[] } };
    };
    expect(xml.testsuites.tests).toBe('4');
    expect(xml.testsuites.failures).toBe('1');
    const failed = xml.testsuites.testsuite.testcase.filter((t) => t.failure !== undefined);
    expect(failed.map((t) => t.name)).toEqual(['slaAttainment >= 0.95']);
    expect(failed[0].failure!.message).toMatch(/observed 80\.\d+% \[/);
    expect(readFileSync(markdown, 'utf8')).toContain('✗ fail');
    expect(readFileSync(summary, 'utf8')).toMatch(/^# earlier step\n[\s\S]*✗ fail/);
  });

  it('judges only the command line thresholds with --only-cli-thresholds, and prints check.json with --format json', () => {
    const out = tempDir();
    const r = careload(['check', MMC, ...FAST, '--out', out, '--only-cli-thresholds', '--threshold', 'firstResponse p(90) < 10m', '--format', 'json']);
    expect(r.code, r.stderr).toBe(0);
    const doc = JSON.parse(r.stdout) as CheckDocument;
    expect(doc.scenarios[0].thresholds.map((t) => [t.expression, t.verdict])).toEqual([['firstResponse p(90) < 10m', 'pass']]);
  });

  it('counts an undecidable threshold as a failure, or as a pass with --inconclusive pass', () => {
    // 80.0% is the theory value itself: no run can decide it.
    const args = ['check', MMC, ...FAST, '--max-replications', '4', '--only-cli-thresholds', '--threshold', 'slaAttainment >= 0.8002'];
    expect(careload([...args, '--out', tempDir()]).code).toBe(99);
    const lenient = careload([...args, '--out', tempDir(), '--inconclusive', 'pass']);
    expect(lenient.code, lenient.stderr).toBe(0);
    expect(lenient.stdout).toContain('? inconclusive (counted as pass)');
  });

  it('refuses a malformed --threshold with exit 2 and an unknown name with exit 104, before running anything', () => {
    const out = tempDir();
    const bad = careload(['check', MMC, '--out', out, '--threshold', 'slaAttainment >> 3']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("--threshold: malformed value \"> 3\": expected a condition such as '>= 80%'");
    const unknown = careload(['check', MMC, '--out', out, '--threshold', 'slaAttainment{tier:vip} >= 0.9']);
    expect(unknown.code).toBe(104);
    expect(unknown.stderr).toContain("--threshold 'slaAttainment{tier:vip} >= 0.9': unknown tier \"vip\"; known: standard");
    expect(unknown.stderr).not.toMatch(/at .*\.js:\d+/);
  });

  it('reports a bad threshold in a scenario file at its file, line and column with exit 104', () => {
    const dir = tempDir();
    const file = join(dir, 's.yaml');
    writeFileSync(file, `${readFileSync(MMC, 'utf8').replace("wait: ['avg < 30s']", "wait: ['avg < 30']")}`);
    const r = careload(['check', file, '--out', dir]);
    expect(r.code).toBe(104);
    expect(r.stderr).toMatch(/s\.yaml:\d+:\d+ thresholds\.wait\.0: wait is a duration: expected a value with a unit such as 45m or 2h, got "30"/);
  });

  it('checks a folder: scenarios with thresholds run, overlays and scenarios without thresholds are listed as skipped', () => {
    const dir = tempDir();
    const folder = join(dir, 'suite');
    mkdirSync(folder);
    cpSync(MMC, join(folder, 'a.yaml'));
    writeFileSync(join(folder, 'overlay.yaml'), 'teams: { agents: { agents: 15 } }\n');
    writeFileSync(join(folder, 'plain.yaml'), 'name: plain\nhorizon: 10h\nchannels: { chat: { rate: 10/h, handleTime: 3m } }\nteams: { t: { agents: 2 } }\n');
    writeFileSync(join(folder, 'notes.txt'), 'not a scenario\n');
    const r = careload(['check', folder, ...FAST, '--out', dir, '--format', 'json']);
    expect(r.code, r.stderr).toBe(0);
    const doc = JSON.parse(r.stdout) as CheckDocument;
    expect(doc.scenarios.map((s) => s.scenario)).toEqual(['mmc-validation']);
    expect(doc.skipped).toEqual([
      { file: join(folder, 'notes.txt'), reason: 'not a .yaml, .yml or .json file' },
      { file: join(folder, 'overlay.yaml'), reason: 'no channels: an overlay or partial scenario' },
      { file: join(folder, 'plain.yaml'), reason: 'no thresholds' },
    ]);
  });
});

describe('careload run judges thresholds too', () => {
  it('reports them, writes them to summary.json and exits 99 on a failure, with the verdicts check gives at the same count', () => {
    const out = tempDir();
    const args = [MMC, ...FAST, '-r', '6', '--workers', '1', '--no-tui'];
    const run = careload(['run', ...args, '--out', out]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('thresholds (6 replications):');
    const summary = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8')) as { thresholds: { expression: string; verdict: string }[] };
    expect(summary.thresholds.map((t) => [t.expression, t.verdict])).toEqual([
      ['slaAttainment >= 75%', 'pass'],
      ['wait avg < 30s', 'pass'],
      ['utilization <= 0.75', 'pass'],
    ]);

    const failing = careload(['run', ...args, '--out', tempDir(), '--set', 'teams.agents.agents=12']);
    expect(failing.code).toBe(99);
    expect(readFileSync(join(ROOT, 'README.md'), 'utf8')).toContain('| 99 |');
    const runDoc = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8')) as { thresholds: { verdict: string; observed: unknown }[] };

    const check = careload(['check', MMC, ...FAST, '--set', 'replications=6', '--max-replications', '6', '--workers', '1', '--out', tempDir(), '--format', 'json']);
    const checkDoc = JSON.parse(check.stdout) as CheckDocument;
    expect(checkDoc.scenarios[0].thresholds.map((t) => [t.verdict, t.observed])).toEqual(runDoc.thresholds.map((t) => [t.verdict, t.observed]));
  });
});

describe('careload check --baseline', () => {
  it('catches a deliberate staffing cut against a recorded run, and passes the same staffing', () => {
    const base = tempDir();
    const recorded = careload(['run', MMC, ...FAST, '-r', '10', '--workers', '1', '--no-tui', '--out', base]);
    expect(recorded.code, recorded.stderr).toBe(0);
    const summary = join(base, 'summary.json');

    const same = careload(['check', MMC, ...FAST, '--workers', '1', '--out', tempDir(), '--baseline', summary, '--tolerance', '1pp']);
    expect(same.code, same.stdout + same.stderr).toBe(0);
    expect(same.stdout).toContain(`✓ baseline ${summary}: no metric worse beyond the tolerance (paired by replication (same seed)`);

    // One agent fewer of 14: SLA attainment drops by far more than a point, and the thresholds still pass.
    const cut = careload(['check', MMC, ...FAST, '--workers', '1', '--out', tempDir(), '--baseline', summary, '--tolerance', '1pp', '--set', 'teams.agents.agents=13',
      '--only-cli-thresholds', '--threshold', 'slaAttainment >= 70%', '--format', 'json']);
    expect(cut.code).toBe(99);
    const doc = JSON.parse(cut.stdout) as CheckDocument;
    expect(doc.scenarios[0].thresholds.every((t) => t.verdict === 'pass')).toBe(true);
    const regressions = doc.scenarios[0].baseline!.regressions.map((r) => r.key);
    expect(regressions).toContain('overall.slaAttainment');
    expect(doc.scenarios[0].baseline!.paired).toBe(true);
  });

  it('refuses a baseline without its replications.json, or of another scenario, with exit 2', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'summary.json'), '{}');
    const missing = careload(['check', MMC, '--out', dir, '--baseline', join(dir, 'summary.json')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('replications.json: no such file');
    expect(careload(['check', MMC, '--out', dir, '--tolerance', 'lots']).code).toBe(2);
  });
});

describe('careload diff', () => {
  it('lists the metrics that differ between two recorded runs, paired by replication, and nothing for a run against itself', () => {
    const dir = tempDir();
    const args = [MMC, ...FAST, '-r', '8', '--workers', '1', '--no-tui', '--inconclusive', 'pass'];
    expect(careload(['run', ...args, '--out', join(dir, 'a')]).code).toBe(0);
    expect(careload(['run', ...args, '--set', 'teams.agents.agents=15', '--out', join(dir, 'b')]).code).toBe(0);
    const a = join(dir, 'a', 'summary.json');
    const b = join(dir, 'b', 'summary.json');
    const r = careload(['diff', a, b, '--format', 'json']);
    expect(r.code, r.stderr).toBe(0);
    const doc = JSON.parse(r.stdout) as { paired: boolean; changes: { key: string; verdict: string; difference: { mean: number } }[] };
    expect(doc.paired).toBe(true);
    const wait = doc.changes.find((c) => c.key === 'overall.waitMean')!;
    expect(wait.verdict).toBe('better');
    expect(wait.difference.mean).toBeLessThan(0);
    expect(careload(['diff', a, a]).stdout).toContain('no metric differs significantly');
    expect(careload(['diff', a, join(dir, 'nowhere', 'summary.json')]).code).toBe(2);
  });
});

describe('careload validate with several files and folders', () => {
  it('describes every scenario, lists skipped files, and reports every problem of every file with exit 104', () => {
    const dir = tempDir();
    cpSync(MMC, join(dir, 'a.yaml'));
    writeFileSync(join(dir, 'b.yaml'), 'name: b\nhorizon: 10h\nchannels: { chat: { rate: 200, handleTime: 3m } }\nteams: { t: { agents: ten } }\n');
    writeFileSync(join(dir, 'overlay.yaml'), 'teams: { agents: { agents: 15 } }\n');
    const r = careload(['validate', dir, join(ROOT, 'scenarios/orange-multibrand.yaml')]);
    expect(r.code).toBe(104);
    expect(r.stdout).toContain(`${join(dir, 'a.yaml')}: valid scenario "mmc-validation"`);
    expect(r.stdout).toContain('orange-multibrand.yaml: valid scenario "orange-multibrand"');
    expect(r.stdout).toContain(`${join(dir, 'overlay.yaml')}: skipped: no channels`);
    const errors = r.stderr.trim().split('\n');
    expect(errors).toHaveLength(2);
    expect(errors[0]).toMatch(/b\.yaml:3:\d+ channels\.chat\.rate: expected a rate/);
    expect(errors[1]).toMatch(/b\.yaml:4:\d+ teams\.t\.agents: expected a whole number >= 0, got "ten"/);
    expect(careload(['validate', join(dir, 'a.yaml')]).code).toBe(0);
  });

  it('a folder named among others that holds no scenario is an error of its own, in the order given', () => {
    const dir = tempDir();
    const empty = join(dir, 'empty');
    mkdirSync(empty);
    const overlays = join(dir, 'overlays');
    mkdirSync(overlays);
    writeFileSync(join(overlays, 'o.yaml'), 'teams: { agents: { agents: 15 } }\n');
    const r = careload(['validate', MMC, empty, overlays]);
    expect(r.code).toBe(104);
    expect(r.stdout).toContain('mmc-validation.yaml: valid scenario "mmc-validation"');
    expect(r.stdout).toContain(`${join(overlays, 'o.yaml')}: skipped: no channels`);
    expect(r.stderr.trim().split('\n')).toEqual([
      `${empty}: no scenario here: a scenario is a .yaml, .yml or .json file with name and channels`,
      `${overlays}: no scenario here: a scenario is a .yaml, .yml or .json file with name and channels`,
    ]);
  });

  it('--format json: one entry per file, valid or with its problems (the same lines as on stderr), and skipped files with why', () => {
    const dir = tempDir();
    cpSync(MMC, join(dir, 'a.yaml'));
    writeFileSync(join(dir, 'b.yaml'), 'name: b\nhorizon: 10h\nchannels: { chat: { rate: 200, handleTime: 3m } }\nteams: { t: { agents: ten } }\n');
    writeFileSync(join(dir, 'overlay.yaml'), 'teams: { agents: { agents: 15 } }\n');
    const missing = join(dir, 'missing.yaml');
    const r = careload(['validate', dir, missing, join(ROOT, 'scenarios/orange-multibrand.yaml'), '--format', 'json']);
    expect(r.code).toBe(104);
    const doc = JSON.parse(r.stdout) as { valid: boolean; files: { file: string; valid: boolean; scenario?: string; skipped?: string; problems: { where: string; key: string; message: string; text: string }[] }[] };
    expect(doc.valid).toBe(false);
    expect(doc.files.map((f) => [f.file.replace(`${ROOT}/`, ''), f.valid])).toEqual([
      [join(dir, 'a.yaml'), true],
      [join(dir, 'b.yaml'), false],
      [missing, false],
      ['scenarios/orange-multibrand.yaml', true],
      [join(dir, 'overlay.yaml'), true],
    ]);
    expect(doc.files[0].scenario).toBe('mmc-validation');
    expect(doc.files[1].problems.map((p) => p.key)).toEqual(['channels.chat.rate', 'teams.t.agents']);
    expect(doc.files[1].problems[0].where).toMatch(/b\.yaml:3:\d+$/);
    expect(doc.files[2].problems[0].message).toMatch(/cannot read the scenario/);
    expect(doc.files[4].skipped).toMatch(/^no channels/);
    // The text form of every problem is what stderr lists, in the same order.
    expect(doc.files.flatMap((f) => f.problems.map((p) => p.text))).toEqual(r.stderr.trim().split('\n'));
    const ok = careload(['validate', MMC, '--format', 'json']);
    expect(ok.code).toBe(0);
    expect((JSON.parse(ok.stdout) as { valid: boolean }).valid).toBe(true);
  });
});
