/**
 * End-to-end tests of the limits of issue 12 (items 6-8, 10, 15): runaway
 * work refused before it starts, workers capped to the cores, time-series
 * rows bounded, progress within a long replication, and the unstable-at-peak
 * warning. Spawns the built binary (npm run build first).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');
const CLI = join(ROOT, 'dist', 'cli', 'careload.js');
const MMC = join(ROOT, 'scenarios', 'mmc-validation.yaml');
const tmp = mkdtempSync(join(tmpdir(), 'careload-limits-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function careload(args: string[], timeout = 60_000) {
  const env = { ...process.env };
  delete env.CARELOAD_DEBUG;
  const started = performance.now();
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd: ROOT, env, encoding: 'utf8', timeout });
  if (r.error) throw r.error;
  return { status: r.status, stdout: r.stdout, stderr: r.stderr, seconds: (performance.now() - started) / 1000 };
}

let n = 0;
const outDir = () => join(tmp, `o${++n}`);

describe('runaway work is refused before it starts (issue 12, item 6)', () => {
  const cases: [string, string[], RegExp][] = [
    ['a 3.6e10-conversation run', ['--set', 'channels.chat.rate=90000/h', '--replications', '200'], /too big to run: about 3\.6e10 conversations .* --max-work 3\.6e10$/],
    ['10,000,000 replications', ['--replications', '10000000'], /about 4e12 conversations \(400000 per replication x 10000000 replications\)/],
    ['1e9 agents', ['--set', 'teams.agents.agents=1e9'], /teams\.agents\.agents: expected at most 1,000,000 agents on one team/],
    ['1e15 agents', ['--set', 'teams.agents.agents=1e15'], /teams\.agents\.agents: expected at most 1,000,000 agents on one team/],
  ];
  for (const [what, args, message] of cases) {
    it(`run refuses ${what}: exit 104, one line, nothing written`, () => {
      const out = outDir();
      const r = careload(['run', MMC, ...args, '--out', out]);
      expect(r.status).toBe(104);
      expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
      expect(r.stderr.trimEnd()).toMatch(message);
      expect(r.stderr).not.toMatch(/Invalid typed array length|internal error/);
      expect(existsSync(out)).toBe(false);
      expect(r.seconds).toBeLessThan(20);
    });
  }

  for (const command of ['check', 'plan', 'compare --policy priority', 'calibrate --observe csat=0.8']) {
    it(`${command.split(' ')[0]} refuses it too, and --max-work is an option of it`, () => {
      const [name, ...options] = command.split(' ');
      const r = careload([name, MMC, ...options, '--set', 'channels.chat.rate=2000000/h', '--out', outDir()]);
      expect(r.status).toBe(104);
      expect(r.stderr).toMatch(/too big to run: .* --max-work \d/);
      expect(careload([name, '--help']).stdout).toContain('--max-work');
    });
  }

  it('--max-work raises the limit; a bad value is a usage error', () => {
    const r = careload(['run', MMC, '--set', 'horizon=30h', '--replications', '2', '--max-work', '1e3', '--out', outDir()]);
    expect(r.status).toBe(104);
    expect(r.stderr).toMatch(/over the limit of 1000 conversations/);
    const ok = careload(['run', MMC, '--set', 'horizon=30h', '--replications', '2', '--max-work', '2e4', '--inconclusive', 'pass', '--out', outDir(), '-q']);
    expect(ok.status).toBe(0);
    const bad = careload(['run', MMC, '--max-work', 'lots']);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/--max-work: expected a number of conversations such as 5e9, got "lots"/);
  });
});

describe('--workers is capped to the cores (issue 12, item 8)', () => {
  it('prints a one-line notice and gives byte-identical results', () => {
    const [capped, one] = [outDir(), outDir()];
    const args = ['run', MMC, '--set', 'horizon=30h', '--replications', '3', '--inconclusive', 'pass', '--format', 'json'];
    const many = careload([...args, '--workers', '200', '--out', capped]);
    expect(many.status).toBe(0);
    expect(many.stderr).toContain(`careload: --workers 200 capped to ${availableParallelism()}, the number of cores`);
    const single = careload([...args, '--workers', '1', '--out', one, '-q']);
    expect(readFileSync(join(capped, 'summary.json'), 'utf8')).toBe(readFileSync(join(one, 'summary.json'), 'utf8'));
    expect(careload([...args, '--workers', String(availableParallelism()), '--out', outDir(), '-q']).stderr).not.toContain('capped');
    expect(single.status).toBe(0);
  });
});

describe('time-series rows are bounded (issue 12, item 7)', () => {
  it('250,000 h at 15-minute intervals is refused before the run at its key, with the row count', () => {
    const r = careload(['run', MMC, '--set', 'horizon=250000h', '--set', 'report.interval=15m', '--out', outDir()]);
    expect(r.status).toBe(104);
    expect(r.stderr.trimEnd()).toBe('--set horizon: too long for report.interval 15m: 1000000 intervals (at most 10000, each a row of the time series); shorten it or set report.interval to at least 1d1h');
    expect(r.stderr).not.toContain('Invalid string length');
  });

  it('a default interval is coarsened, and the report and summary.json say so', () => {
    const file = join(tmp, 'long.yaml');
    writeFileSync(file, 'name: long\nhorizon: 250000h\nreplications: 2\nchannels:\n  chat: { rate: 0.2/h, handleTime: 3m }\nteams:\n  t: { agents: 1 }\n');
    const out = outDir();
    const r = careload(['run', file, '--out', out, '-q']);
    expect(r.status).toBe(0);
    expect(r.stdout.replace(/\s+/g, ' ')).toContain('warning: report.interval defaults to 11d here, not 15m');
    const summary = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8')) as { warnings: { kind: string }[]; timeseries: { interval: number; rows: unknown[] } };
    expect(summary.warnings.map((w) => w.kind)).toEqual(['interval']);
    expect(summary.timeseries.interval).toBe(11 * 86400);
    expect(summary.timeseries.rows.length).toBeLessThanOrEqual(1000);
  });
});

describe('progress within a replication (issue 12, item 10)', () => {
  it('a single replication on a non-terminal stderr reports the simulated time reached', () => {
    const r = careload(['run', MMC, '--replications', '1', '--workers', '1', '--inconclusive', 'pass', '--out', outDir()]);
    expect(r.status).toBe(0);
    expect(r.stderr).toMatch(/^careload: 0\/1 replications done \(\d+\.\ds\), replication 1 at \S+ of at most 90d8h simulated$/m);
  });

  it('compare reports it too, naming the variant', () => {
    const r = careload(['compare', MMC, '--policy', 'fifo', '--replications', '2', '--workers', '1', '--out', outDir()]);
    expect(r.status).toBe(0);
    expect(r.stderr).toMatch(/^careload: 0\/2 replications done \(\d+\.\ds\) for variant 1\/2 \(baseline\), replication \d at \S+ of at most 90d8h simulated$/m);
  });
});

describe('unstable at peak (issue 12, item 15)', () => {
  it('warns in the text report and summary.json, and runs anyway', () => {
    const out = outDir();
    const r = careload(['run', MMC, '--set', 'horizon=100h', '--set', 'teams.agents.agents=9', '-r', '2', '--out', out, '-q']);
    // The scenario's thresholds fail (exit 99) on so few agents; the run is complete and written all the same.
    expect(r.status).toBe(99);
    // The report wraps lines at the terminal's width (100 columns here).
    expect(r.stdout.replace(/\s+/g, ' ')).toMatch(/warning: unstable at peak: the offered load exceeds the roster's capacity and the backlog grows for 100 h/);
    const summary = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8')) as { warnings: { kind: string; growthHours: number }[] };
    expect(summary.warnings).toMatchObject([{ kind: 'unstable', growthHours: 100 }]);
  });
});
