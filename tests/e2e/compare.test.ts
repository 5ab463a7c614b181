import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');
const BIN = join(ROOT, 'dist/cli/careload.js');
const SWISSCOM = join(ROOT, 'scenarios/swisscom-outage.yaml');
const dirs: string[] = [];
const tempDir = () => {
  const d = mkdtempSync(join(tmpdir(), 'careload-compare-'));
  dirs.push(d);
  return d;
};
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

/** The parts of compare.json these tests read. */
interface CompareJson {
  replications: number;
  reference: { label: string; baseline: boolean };
  variants: { label: string }[];
  differences: { label: string; against: string; values: Record<string, { verdict: string; ci95: [number, number] }> }[];
}

function careload(args: string[], cwd = ROOT) {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('careload compare', () => {
  it('on swisscom-outage, dedicated and deadline raise the urgent tier over fifo, significantly', () => {
    const out = tempDir();
    // --no-baseline: the first policy named (fifo) is the reference.
    const r = careload(['compare', SWISSCOM, '--no-baseline', '--policy', 'fifo', '--policy', 'dedicated', '--policy', 'deadline', '--replications', '6', '--format', 'json', '--out', out, '-q']);
    expect(r.code, r.stderr).toBe(0);
    const doc = JSON.parse(r.stdout) as CompareJson;
    expect(doc.variants.map((v) => v.label)).toEqual(['fifo', 'dedicated', 'deadline']);
    expect(doc.reference).toEqual({ label: 'fifo', baseline: false });
    expect(doc.replications).toBe(6);
    for (const d of doc.differences) {
      const urgent = d.values['byTier.urgent.slaAttainment'];
      expect(d.against).toBe('fifo');
      expect(urgent.verdict, d.label).toBe('better');
      expect(urgent.ci95[0]).toBeGreaterThan(0);
    }
    // The same document is written to compare.json.
    expect(JSON.parse(readFileSync(join(out, 'compare.json'), 'utf8'))).toEqual(doc);
  });

  it('compares the base with an overlay file, and prints a table', () => {
    const dir = tempDir();
    const overlay = join(dir, 'more-staff.yaml');
    writeFileSync(overlay, 'teams:\n  crisis:\n    agents: 12\n');
    const r = careload(['compare', SWISSCOM, '--variant', overlay, '--replications', '4', '--out', dir, '-q']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/metric\s+baseline\s+more-staff\s+vs baseline/);
    expect(r.stdout).toMatch(/overall SLA met .* \+ better/);
    expect(r.stderr).toBe('');
  });

  it('with several policies, the unchanged scenario is the first column and the reference of every difference', () => {
    const out = tempDir();
    const mmc = ['scenarios/mmc-validation.yaml', '--set', 'horizon=20h', '--set', 'warmup=1h', '--set', 'report.interval=5h', '--replications', '3', '--out', out, '-q'];
    const r = careload(['compare', ...mmc, '--policy', 'fifo', '--policy', 'priority', '--format', 'json']);
    expect(r.code, r.stderr).toBe(0);
    const doc = JSON.parse(r.stdout) as CompareJson;
    expect(doc.variants.map((v) => v.label)).toEqual(['baseline', 'fifo', 'priority']);
    expect(doc.reference).toEqual({ label: 'baseline', baseline: true });
    expect(doc.differences.map((d) => [d.label, d.against])).toEqual([
      ['fifo', 'baseline'],
      ['priority', 'baseline'],
    ]);
    const text = careload(['compare', ...mmc, '--policy', 'fifo', '--policy', 'priority']);
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout).toMatch(/metric\s+baseline\s+fifo\s+vs baseline\s+priority\s+vs baseline/);
    expect(text.stdout).toMatch(/every difference is against baseline: the scenario as given, unchanged/);
    const without = careload(['compare', ...mmc, '--no-baseline', '--policy', 'fifo', '--policy', 'priority']);
    expect(without.code, without.stderr).toBe(0);
    expect(without.stdout).toMatch(/metric\s+fifo\s+priority\s+vs fifo/);
    expect(without.stdout).toMatch(/every difference is against fifo: the first variant named \(--no-baseline/);
  });

  it('locates a bad value in an overlay at the overlay file, line and column', () => {
    const dir = tempDir();
    const overlay = join(dir, 'bad.yaml');
    writeFileSync(overlay, 'teams:\n  crisis:\n    agents: lots\n');
    const r = careload(['compare', SWISSCOM, '--variant', overlay, '--out', dir, '-q']);
    expect(r.code).toBe(104);
    expect(r.stderr.trim()).toBe(`${overlay}:3:13 teams.crisis.agents: expected a whole number >= 0, got "lots"`);
    expect(existsSync(join(dir, 'compare.json'))).toBe(false);
  });

  it('refuses to compare nothing, unknown policies and a single replication (exit 2)', () => {
    for (const args of [[], ['--policy', 'random'], ['--policy', 'fifo', '--policy', 'priority', '--replications', '1'], ['--no-baseline', '--policy', 'fifo']]) {
      const r = careload(['compare', SWISSCOM, ...args, '-q']);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr.split('\n')[0]).toMatch(/^careload: /);
      expect(r.stderr).not.toMatch(/^\s+at /m);
    }
  });
});
