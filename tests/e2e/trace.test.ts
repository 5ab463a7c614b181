/**
 * Recorded traces end to end, through the built binary: `careload generate`
 * writes a replication's arrivals, the shipped swisscom-replay scenario
 * replays its trace to the same figures as swisscom-outage's replication,
 * and a trace with bad rows is refused row by row (exit 104) or replayed
 * without them (--skip-bad-rows).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');
const CLI = join(ROOT, 'dist', 'cli', 'careload.js');
const tmp = mkdtempSync(join(tmpdir(), 'careload-e2e-trace-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function careload(args: string[]): { status: number | null; stdout: string; stderr: string } {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1', CI: '1' };
  delete env.CARELOAD_DEBUG;
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd: ROOT, env, encoding: 'utf8', timeout: 120_000 });
  if (r.error) throw r.error;
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

const metricsOf = (folder: string): Record<string, unknown> => {
  // Thresholds too: swisscom-replay states only the 80% target for the share answered within 2 h (one recorded path decides it).
  const { runId: _r, scenario: _s, traces: _t, thresholds: _h, ...metrics } = JSON.parse(readFileSync(join(folder, 'summary.json'), 'utf8')) as Record<string, unknown>;
  return metrics;
};

describe('careload generate', () => {
  it('writes the arrivals of a replication, the same bytes for the same seed, and reports the count', () => {
    const a = join(tmp, 'a.csv');
    const r = careload(['generate', 'scenarios/swisscom-outage.yaml', '--out', a, '--format', 'json']);
    expect(r.status, r.stderr).toBe(0);
    const doc = JSON.parse(r.stdout) as { rows: number; replication: number; perChannel: Record<string, number> };
    const lines = readFileSync(a, 'utf8').trimEnd().split('\n');
    expect(lines[0]).toBe('timestamp,channel,id,sentiment,topic,brand,tier,handleTime,turns,patience');
    expect(lines.length - 1).toBe(doc.rows);
    expect(doc.replication).toBe(1);
    expect(Object.values(doc.perChannel).reduce((x, y) => x + y, 0)).toBe(doc.rows);
    const again = join(tmp, 'again.csv');
    expect(careload(['generate', 'scenarios/swisscom-outage.yaml', '--out', again]).status).toBe(0);
    expect(readFileSync(again, 'utf8')).toBe(readFileSync(a, 'utf8'));
    const second = join(tmp, 'second.csv');
    expect(careload(['generate', 'scenarios/swisscom-outage.yaml', '--out', second, '--replication', '2']).status).toBe(0);
    expect(readFileSync(second, 'utf8')).not.toBe(readFileSync(a, 'utf8'));
  });

  it('refuses a bad column, an --out it cannot write, and a scenario that replays a trace already, in one line each (exit 2)', () => {
    const cases: [string[], RegExp][] = [
      [['--columns', 'timestamp,chanel'], /^careload: --columns: unknown column "chanel" \(did you mean channel\?\)/],
      [['--out', tmp], /^careload: --out .*: a folder, not a file/],
      [['--replication', 'two'], /^careload: --replication: expected a whole number >= 1, got "two"/],
    ];
    for (const [flags, message] of cases) {
      const r = careload(['generate', 'scenarios/mmc-validation.yaml', ...(flags.includes('--out') ? [] : ['--out', join(tmp, 'x.csv')]), ...flags]);
      expect(r.status, r.stderr).toBe(2);
      expect(r.stderr).toMatch(message);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    }
    const replay = careload(['generate', 'scenarios/swisscom-replay.yaml', '--out', join(tmp, 'y.csv')]);
    expect(replay.status).toBe(2);
    expect(replay.stderr).toMatch(/replays a trace already/);
    expect(existsSync(join(tmp, 'x.csv'))).toBe(false);
  });
});

describe('generate --export and fit', () => {
  it("writes a replication's conversations as an export that careload fit turns back into a valid scenario", () => {
    const exported = join(tmp, 'export.csv');
    const r = careload(['generate', 'scenarios/mmc-validation.yaml', '--export', exported, '--set', 'horizon=48h', '--format', 'json']);
    expect(r.status, r.stderr).toBe(0);
    const doc = JSON.parse(r.stdout) as { export: string; conversations: number };
    expect(doc.export).toBe(exported);
    expect(readFileSync(exported, 'utf8').trimEnd().split('\n').length - 1).toBe(doc.conversations);
    // Only the export was asked for: no trace written.
    expect(existsSync(join(ROOT, 'results', 'mmc-validation', 'trace.csv')) && r.stdout.includes('trace.csv')).toBe(false);
    const fitted = join(tmp, 'fitted.yaml');
    const fit = careload(['fit', exported, '--out', fitted]);
    expect(fit.status, fit.stderr).toBe(0);
    expect(careload(['validate', fitted]).status).toBe(0);
    // M/M/14 at 200/h: the fitted rate is within a few standard errors (sqrt(9600)/48 ~ 2/h).
    const rate = /rate: ([\d.]+)\/h/.exec(readFileSync(fitted, 'utf8'))?.[1];
    expect(Math.abs(Number(rate) - 200)).toBeLessThan(10);
  });
});

describe('replaying a trace', () => {
  it('the shipped swisscom-replay reproduces swisscom-outage replication 1 exactly, and says what it replayed', () => {
    const outage = join(tmp, 'outage');
    const replay = join(tmp, 'replay');
    expect(careload(['run', 'scenarios/swisscom-outage.yaml', '-r', '1', '--format', 'json', '--out', outage, '--inconclusive', 'pass']).status).toBe(0);
    const r = careload(['run', 'scenarios/swisscom-replay.yaml', '-r', '1', '--out', replay, '--inconclusive', 'pass']);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout.replace(/\s+/g, ' ')).toMatch(/arrivals replayed from swisscom-outage-trace\.csv \(7,606 rows\): the arrivals are the trace's rows in every replication/);
    expect(metricsOf(replay)).toEqual(metricsOf(outage));
    const summary = JSON.parse(readFileSync(join(replay, 'summary.json'), 'utf8')) as { traces: { file: string; rows: number; digest: string }[] };
    expect(summary.traces).toEqual([expect.objectContaining({ file: 'swisscom-outage-trace.csv', rows: 7606, digest: expect.stringMatching(/^[0-9a-f]{16}$/) as unknown })]);
  });

  it('refuses bad rows with file:line and column (exit 104), or skips and counts them with --skip-bad-rows', () => {
    const bad = careload(['validate', 'docs/examples/bad-trace.yaml']);
    expect(bad.status).toBe(104);
    const lines = bad.stderr.trimEnd().split('\n');
    expect(lines.map((l) => /^docs\/examples\/bad-trace\.csv:(\d+) (\w+): /.exec(l)?.slice(1).join(' '))).toEqual(['4 timestamp', '5 channel', '6 sentiment', '7 id', '8 timestamp']);
    const out = join(tmp, 'skipped');
    const skipped = careload(['run', 'docs/examples/bad-trace.yaml', '--skip-bad-rows', '-r', '2', '--format', 'json', '--out', out]);
    expect(skipped.status, skipped.stderr).toBe(0);
    const summary = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8')) as { traces: { rows: number; skipped: number; firstSkipped: string }[] };
    expect(summary.traces[0]).toMatchObject({ rows: 2, skipped: 5, firstSkipped: expect.stringMatching(/^docs\/examples\/bad-trace\.csv:4 timestamp: /) as unknown });
  });
});
