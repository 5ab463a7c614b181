/**
 * `careload run|compare --shard K/N` and `careload merge`: the shards of a
 * run, merged, are byte for byte the run without shards (summary.json,
 * replications.json, compare.json and what `--format json` prints), for
 * any worker count; merge refuses shards that do not make one whole run;
 * and the README's fan-out recipes (GitHub Actions matrix, Kubernetes
 * Indexed Job) work as written, run here with the shards as processes.
 */
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const ROOT = resolve(import.meta.dirname, '../..');
const BIN = join(ROOT, 'dist/cli/careload.js');
const VERSION = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
/** Each test starts many careload processes: minutes when other jobs share the cores. */
const LONG = 600_000;
const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

/** A workspace holding the shipped scenarios (as a checkout or the recipes' volume would). */
function workspace(): string {
  const dir = mkdtempSync(join(tmpdir(), 'careload-shard-'));
  dirs.push(dir);
  symlinkSync(join(ROOT, 'scenarios'), join(dir, 'scenarios'), 'dir');
  return dir;
}

function careload(args: string[], cwd: string) {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A short M/M/14 run: 20 simulated hours. */
const MMC = ['scenarios/mmc-validation.yaml', '--set', 'horizon=20h', '--set', 'warmup=1h', '--set', 'report.interval=5h', '-q'];
/** The same without thresholds (20 hours cannot decide them: exit 99). */
const MMC_UNJUDGED = [...MMC, '--set', 'thresholds={}'];

/** The files a run writes that must be byte-identical: everything but run.json (which records a clock). */
const read = (dir: string, file: string) => readFileSync(join(dir, file), 'utf8');

/** Runs `args` whole, then as `shards` shards (each with `workers(k)` threads), merges them; returns both outputs. */
function wholeAndMerged(cwd: string, args: string[], shards: number, result: 'summary.json' | 'compare.json', workers: (k: number) => string = () => '2') {
  // Thresholds judged on the whole run may fail it (exit 99): the merge must judge them alike.
  const whole = careload([...args, '--out', 'whole', '--format', 'json', '--workers', '2'], cwd);
  expect([0, 99], whole.stderr).toContain(whole.code);
  for (let k = 1; k <= shards; k++) {
    const r = careload([...args, '--shard', `${k}/${shards}`, '--out', `parts/${k}`, '--workers', workers(k)], cwd);
    expect(r.code, r.stderr).toBe(0);
  }
  const merged = careload(['merge', ...Array.from({ length: shards }, (_, k) => `parts/${shards - k}/${result}`), '--out', 'merged', '--format', 'json'], cwd);
  expect(merged.code, merged.stderr).toBe(whole.code);
  return { whole: whole.stdout, merged: merged.stdout };
}

describe('merge of shards equals the run without shards, byte for byte', { timeout: LONG }, () => {
  it('run: summary.json, replications.json and --format json, shards on 1 and 2 workers; run.json carries the same run id', () => {
    const cwd = workspace();
    const { whole, merged } = wholeAndMerged(cwd, ['run', ...MMC, '-r', '5'], 3, 'summary.json', (k) => String(1 + (k % 2)));
    expect(merged).toBe(whole);
    // The merge judges the scenario's thresholds on every replication, as the whole run does (shards judge none).
    expect(JSON.parse(merged)).toHaveProperty('thresholds');
    expect(JSON.parse(read(join(cwd, 'parts/1'), 'summary.json'))).not.toHaveProperty('thresholds');
    expect(read(join(cwd, 'merged'), 'summary.json')).toBe(read(join(cwd, 'whole'), 'summary.json'));
    expect(read(join(cwd, 'merged'), 'replications.json')).toBe(read(join(cwd, 'whole'), 'replications.json'));
    const run = JSON.parse(read(join(cwd, 'merged'), 'run.json')) as { runId: string; shards: number };
    expect(run.runId).toBe((JSON.parse(whole) as { runId: string }).runId);
    expect(run.shards).toBe(3);
    // A shard is not the whole run: its own run id, its share of the replications, its shard record.
    const shard = JSON.parse(read(join(cwd, 'parts/2'), 'summary.json')) as { runId: string; shard: { index: number; count: number; first: number; end: number; run: string } };
    expect(shard.runId).not.toBe(run.runId);
    expect(shard.shard).toEqual({ index: 2, count: 3, first: 1, end: 3, run: run.runId });
    expect((JSON.parse(read(join(cwd, 'parts/2'), 'replications.json')) as { replications: number[] }).replications).toEqual([1, 2]);
  });

  it('run of a scenario with tiers, surges and named windows (swisscom-outage), and of one that replays a trace', () => {
    const cwd = workspace();
    const a = wholeAndMerged(cwd, ['run', 'scenarios/swisscom-outage.yaml', '-r', '3', '-q'], 2, 'summary.json');
    expect(a.merged).toBe(a.whole);
    const replay = workspace();
    const b = wholeAndMerged(replay, ['run', 'scenarios/swisscom-replay.yaml', '-r', '2', '-q'], 2, 'summary.json');
    expect(b.merged).toBe(b.whole);
    expect(JSON.parse(b.merged)).toHaveProperty('traces');
  });

  it('compare: compare.json and --format json', () => {
    const cwd = workspace();
    const { whole, merged } = wholeAndMerged(cwd, ['compare', ...MMC, '-r', '4', '--policy', 'fifo', '--policy', 'priority'], 2, 'compare.json');
    expect(merged).toBe(whole);
    expect(read(join(cwd, 'merged'), 'compare.json')).toBe(read(join(cwd, 'whole'), 'compare.json'));
    expect((JSON.parse(merged) as { replications: number }).replications).toBe(4);
  });
});

describe('results equal across worker counts', { timeout: LONG }, () => {
  it('a run on 1 and on 2 workers writes the same summary.json and replications.json', () => {
    const cwd = workspace();
    for (const w of ['1', '2']) expect(careload(['run', ...MMC_UNJUDGED, '-r', '3', '--workers', w, '--out', `w${w}`], cwd).code).toBe(0);
    for (const f of ['summary.json', 'replications.json']) expect(read(join(cwd, 'w1'), f)).toBe(read(join(cwd, 'w2'), f));
  });
});

describe('merge refuses, in one line with exit 2', { timeout: LONG }, () => {
  const cwd = workspace();
  const shard = (k: number, n: number, out: string, extra: string[] = []) => {
    const r = careload(['run', ...MMC_UNJUDGED, '-r', '4', '--shard', `${k}/${n}`, '--out', out, ...extra], cwd);
    expect(r.code, r.stderr).toBe(0);
  };
  const refused = (files: string[], pattern: RegExp) => {
    const r = careload(['merge', ...files, '--out', 'merged'], cwd);
    expect(r.code).toBe(2);
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(pattern);
  };

  it('shards of different runs, a missing or duplicated shard, another shard count, a stopped shard, a whole run', () => {
    shard(1, 2, 'a1');
    shard(2, 2, 'a2');
    shard(2, 2, 'b2', ['--seed', '7']);
    shard(2, 4, 'c2');
    refused(['a1/summary.json', 'b2/summary.json'], /shards of different runs/);
    refused(['a1/summary.json'], /missing shard 2\/2/);
    refused(['a1/summary.json', 'a1/summary.json', 'a2/summary.json'], /shard 1\/2 given twice/);
    refused(['a1/summary.json', 'c2/summary.json'], /different numbers of shards/);
    // A stopped shard records `partial` (as a run stopped by ctrl-c does).
    const stopped = JSON.parse(read(join(cwd, 'a2'), 'summary.json')) as Record<string, unknown>;
    mkdirSync(join(cwd, 'stopped'));
    writeFileSync(join(cwd, 'stopped/summary.json'), JSON.stringify({ ...stopped, partial: { done: 1, total: 2 } }));
    refused(['a1/summary.json', 'stopped/summary.json'], /shard 2\/2 was stopped after 1 of 2 \(partial\)/);
    expect(careload(['run', ...MMC_UNJUDGED, '-r', '2', '--out', 'whole'], cwd).code).toBe(0);
    refused(['whole/summary.json'], /not a shard/);
    // A shard.bin of another run beside a summary.json.
    mkdirSync(join(cwd, 'mixed'));
    writeFileSync(join(cwd, 'mixed/summary.json'), read(join(cwd, 'a2'), 'summary.json'));
    writeFileSync(join(cwd, 'mixed/shard.bin'), readFileSync(join(cwd, 'b2/shard.bin')));
    refused(['a1/summary.json', 'mixed/summary.json'], /from different runs/);
    // And the two that belong together merge.
    expect(careload(['merge', 'a2/summary.json', 'a1/summary.json', '--out', 'merged'], cwd).code).toBe(0);
  });

  it('a shard stopped by SIGINT: exit 130, its files marked partial, and merge refuses it', async () => {
    // Many short replications on one worker, so that the shard is still running when the signal comes.
    const args = ['run', 'scenarios/mmc-validation.yaml', '--set', 'horizon=100h', '--set', 'warmup=5h', '--set', 'report.interval=50h', '--set', 'thresholds={}', '-r', '400', '--workers', '1', '--shard', '1/2', '--out', 'halted'];
    const code = await new Promise<number | null>((done) => {
      const child = spawn(process.execPath, [BIN, ...args], { cwd, detached: true, env: { ...process.env, CI: 'true' } });
      let stderr = '';
      let sent = false;
      child.stderr.on('data', (c: Buffer) => {
        stderr += c.toString('utf8');
        // One signal: a second one quits at once without writing.
        if (!sent && /[1-9]\d*\/200 replications done/.test(stderr)) sent = child.kill('SIGINT');
      });
      child.on('exit', (c) => done(c));
    });
    expect(code).toBe(130);
    const doc = JSON.parse(read(join(cwd, 'halted'), 'summary.json')) as { partial?: { done: number; total: number }; shard?: unknown };
    expect(doc.partial?.total).toBe(200);
    expect(doc.shard).toBeDefined();
    refused(['halted/summary.json'], /shard 1\/2 was stopped after \d+ of 200 \(partial\)/);
  });

  it('--shard outside 1..N or with more shards than replications (exit 2, before running; its other forms are unit-tested)', () => {
    for (const [flag, message] of [
      ['3/2', /--shard 3\/2: expected K\/N with K from 1 to N/],
      ['1/5', /5 shards for 4 replication/],
    ] as const) {
      const r = careload(['run', ...MMC, '-r', '4', '--shard', flag, '--out', 'x'], cwd);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(message);
    }
  });
});

/** A stand-in `npx` on the PATH: `npx [npx options] careload ARGS` runs this checkout's careload with ARGS. */
function fakeNpx(dir: string): string {
  const bin = join(dir, '.bin');
  mkdirSync(bin);
  writeFileSync(join(bin, 'npx'), `#!/usr/bin/env bash\nwhile [ "$1" != careload ]; do shift; done\nshift\nexec "${process.execPath}" "${BIN}" "$@"\n`);
  chmodSync(join(bin, 'npx'), 0o755);
  return bin;
}

function bash(script: string, cwd: string, env: Record<string, string>) {
  const r = spawnSync('bash', ['-c', script], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', ...env, PATH: `${fakeNpxFor(cwd)}:${process.env.PATH}` } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}
const npxDirs = new Map<string, string>();
const fakeNpxFor = (cwd: string) => npxDirs.get(cwd) ?? (npxDirs.set(cwd, fakeNpx(cwd)), npxDirs.get(cwd)!);

/** The two cases each recipe runs: a short run, and a short compare (the recipes' variables set as their comments say). */
const CASES = [
  { args: `run ${MMC_UNJUDGED.join(' ')} -r 4`, result: 'summary.json' },
  { args: `compare ${MMC_UNJUDGED.join(' ')} -r 4 --policy fifo --policy priority`, result: 'compare.json' },
];

/** The folder of the run without shards of `args` (run once, shared by both recipes). */
const wholeRuns = new Map<string, string>();
function wholeRun(args: string): string {
  const known = wholeRuns.get(args);
  if (known) return known;
  const cwd = workspace();
  const whole = careload([...args.split(' '), '--out', 'whole'], cwd);
  expect(whole.code, whole.stderr).toBe(0);
  wholeRuns.set(args, join(cwd, 'whole'));
  return join(cwd, 'whole');
}

/** Checks the merge a recipe wrote into `cwd/results/merged` against the run without shards. */
function expectSameAsWhole(cwd: string, args: string, result: string) {
  const whole = wholeRun(args);
  const files = result === 'summary.json' ? ['summary.json', 'replications.json'] : ['compare.json'];
  for (const f of files) expect(read(join(cwd, 'results/merged'), f), f).toBe(read(whole, f));
}

interface Workflow {
  env: Record<string, string>;
  jobs: Record<string, { needs?: string; strategy?: { matrix: { shard: number[] } }; steps: { run?: string; uses?: string; with?: Record<string, unknown> }[] }>;
}

describe('the GitHub Actions recipe (docs/recipes/github-actions-shards.yml)', { timeout: LONG }, () => {
  const workflow = parse(readFileSync(join(ROOT, 'docs/recipes/github-actions-shards.yml'), 'utf8')) as Workflow;

  it('is a matrix of shard jobs and a merge job that needs them, passing the shards as artifacts', () => {
    expect(Object.keys(workflow.jobs)).toEqual(['shard', 'merge']);
    expect(workflow.jobs.merge.needs).toBe('shard');
    expect(workflow.jobs.shard.steps.some((s) => s.uses === 'actions/upload-artifact@v4')).toBe(true);
    expect(workflow.jobs.merge.steps.find((s) => s.uses === 'actions/download-artifact@v4')?.with).toMatchObject({ path: 'parts/', 'merge-multiple': true });
  });

  for (const c of CASES) {
    it(`its commands, run locally (shards as processes), merge into the ${c.args.split(' ')[0]} without shards byte for byte`, () => {
      const cwd = workspace();
      const shards = workflow.jobs.shard.strategy!.matrix.shard;
      const env = { ...workflow.env, CARELOAD_ARGS: c.args, SHARD_RESULT: c.result };
      const runs = (job: string) => workflow.jobs[job].steps.filter((s) => s.run !== undefined && !s.run.startsWith('npm install')).map((s) => s.run!);
      for (const k of shards) {
        for (const step of runs('shard')) {
          const script = step.replace(/\$\{\{\s*matrix\.shard\s*\}\}/g, String(k)).replace(/\$\{\{\s*strategy\.job-total\s*\}\}/g, String(shards.length));
          const r = bash(script, cwd, env);
          expect(r.code, r.stderr).toBe(0);
        }
      }
      // The artifacts, downloaded with merge-multiple into parts/, are the shards' parts/K folders: already in place here.
      for (const step of runs('merge')) {
        const r = bash(step, cwd, env);
        expect(r.code, r.stderr).toBe(0);
      }
      expectSameAsWhole(cwd, c.args, c.result);
    });
  }
});

interface IndexedJob {
  spec: {
    completionMode?: string;
    completions?: number;
    template: { spec: { containers: { command: string[]; args: string[]; env: { name: string; value: string }[]; workingDir: string }[] } };
  };
}

describe('the Kubernetes recipe (docs/recipes/kubernetes-shards.yaml, kubernetes-merge.yaml)', { timeout: LONG }, () => {
  const shards = parse(readFileSync(join(ROOT, 'docs/recipes/kubernetes-shards.yaml'), 'utf8')) as IndexedJob;
  const merge = parse(readFileSync(join(ROOT, 'docs/recipes/kubernetes-merge.yaml'), 'utf8')) as IndexedJob;
  const container = (job: IndexedJob) => job.spec.template.spec.containers[0];
  const envOf = (job: IndexedJob) => Object.fromEntries(container(job).env.map((e) => [e.name, e.value]));

  it('is an Indexed Job of N completions with SHARDS = N, and installs this version of the package', () => {
    expect(shards.spec.completionMode).toBe('Indexed');
    expect(envOf(shards).SHARDS).toBe(String(shards.spec.completions));
    expect(container(shards).args[0]).toContain('--shard $((JOB_COMPLETION_INDEX+1))/$SHARDS');
    for (const job of [shards, merge]) expect(container(job).args[0]).toContain(`./careload-${VERSION}.tgz`);
  });

  for (const c of CASES) {
    it(`its commands, run locally (pods as processes), merge into the ${c.args.split(' ')[0]} without shards byte for byte`, () => {
      const cwd = workspace();
      const { command, args } = container(shards);
      expect(command).toEqual(['bash', '-c']);
      for (let index = 0; index < shards.spec.completions!; index++) {
        const r = bash(args[0], cwd, { ...envOf(shards), CARELOAD_ARGS: c.args, JOB_COMPLETION_INDEX: String(index) });
        expect(r.code, r.stderr).toBe(0);
      }
      const r = bash(container(merge).args[0], cwd, { ...envOf(merge), SHARD_RESULT: c.result });
      expect(r.code, r.stderr).toBe(0);
      expectSameAsWhole(cwd, c.args, c.result);
    });
  }
});
