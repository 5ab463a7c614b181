/**
 * End-to-end tests of the careload binary: spawns `node dist/cli/careload.js`
 * (built by `npm test`'s pretest step) and checks exit codes, stdout, stderr
 * and the files written. Seeded outputs are never pinned: the tests check
 * shapes, relations between metrics, determinism and loose tolerances.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/** The project root: the nearest folder up from this file with careload's package.json. */
function projectRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg) && (JSON.parse(readFileSync(pkg, 'utf8')) as { name?: string }).name === 'careload') return dir;
    const up = dirname(dir);
    if (up === dir) throw new Error('cannot find the careload project root');
    dir = up;
  }
}

const ROOT = projectRoot();
const CLI = join(ROOT, 'dist', 'cli', 'careload.js');
const SCENARIO = join(ROOT, 'scenarios', 'mmc-validation.yaml');
const VERSION = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;

/** Short runs: warmup is 10h in the file, so 30h gives a 20h window and 3 report intervals of 10h. */
// Short runs cannot decide the scenario's thresholds: let that pass (exit 99 is tested in check.test.ts).
const SHORT = ['--set', 'horizon=30h', '--inconclusive', 'pass'];
const HORIZON = 30 * 3600;
const WARMUP = 10 * 3600;
const INTERVAL = 10 * 3600;

interface Result {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the real binary with `args` in `cwd`; CARELOAD_DEBUG is cleared so no stack is ever printed on purpose. */
function careload(args: string[], cwd: string = ROOT): Result {
  const env = { ...process.env };
  delete env.CARELOAD_DEBUG;
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, env, encoding: 'utf8', timeout: 30_000 });
  if (r.error) throw r.error;
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

let tmpRoot: string;
let counter = 0;
/** A fresh empty directory for one test. */
function freshDir(): string {
  const dir = join(tmpRoot, `t${++counter}`);
  mkdirSync(dir, { recursive: true });
  return dir;
}

/** Asserts the output has no stack trace. */
function expectNoStack(text: string): void {
  for (const line of text.split('\n')) expect(line.startsWith('    at '), `stack line: ${line}`).toBe(false);
  expect(text).not.toMatch(/\n\s+at .+\(.*:\d+:\d+\)/);
  expect(text).not.toContain('internal error');
}

/** The lines of a stream, without the final newline. */
const linesOf = (text: string) => text.replace(/\n$/, '').split('\n');

type Estimate = { mean: number | null; ci95: [number, number] | null };
type Scope = Record<string, Estimate>;
interface SummaryJson {
  schemaVersion: number;
  scenario: { name: string; hash: string };
  seed: number;
  window: { warmup: number; horizon: number };
  routing: { policy: string };
  replications: number;
  overall: Scope;
  byChannel: Record<string, Scope>;
  byTier: Record<string, Scope>;
  byTeam: Record<string, Scope>;
  timeseries: { interval: number; rows: Record<string, unknown>[] };
  events: Estimate;
}

const SCOPE_METRICS = [
  'arrivals',
  'answered',
  'abandoned',
  'abandonRate',
  'waitMean',
  'waitP50',
  'waitP90',
  'waitP95',
  'firstResponseMean',
  'firstResponseP90',
  'nextResponseMean',
  'slaAttainment',
  'pickupWithinTarget',
  'utilization',
  'deflected',
  'misrouted',
  'followUps',
  'merged',
  'welcomed',
] as const;

/** Counts of the features mmc-validation does not use (self-service, triage, follow-ups, welcome messages). */
const UNUSED_COUNTS = ['deflected', 'misrouted', 'followUps', 'merged', 'welcomed'] as const;

/** Checks the `{ mean, ci95 }` shape and that the interval holds the mean. */
function expectEstimate(e: Estimate | undefined, what: string): void {
  expect(e, what).toBeDefined();
  expect(Object.keys(e!).sort(), what).toEqual(['ci95', 'mean']);
  const { mean, ci95 } = e!;
  if (mean === null) {
    expect(ci95, what).toBeNull();
    return;
  }
  expect(Number.isFinite(mean), what).toBe(true);
  if (ci95 !== null) {
    expect(ci95, what).toHaveLength(2);
    const slack = 1e-9 * Math.max(1, Math.abs(mean));
    expect(ci95[0], what).toBeLessThanOrEqual(mean + slack);
    expect(ci95[1], what).toBeGreaterThanOrEqual(mean - slack);
  }
}

const m = (e: Estimate | undefined): number => {
  expect(e?.mean).not.toBeNull();
  return e!.mean!;
};

beforeAll(() => {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run \`npm run build\` first (npm test does)`);
  tmpRoot = mkdtempSync(join(tmpdir(), 'careload-e2e-'));
});

afterAll(() => {
  if (tmpRoot) rmSync(tmpRoot, { recursive: true, force: true });
});

describe('the built command', () => {
  it('is executable, so npx careload runs it in a clone (npm does not chmod the package\'s own bin)', () => {
    expect(statSync(CLI).mode & 0o111).not.toBe(0);
    const r = spawnSync('npx', ['--no-install', 'careload', '--version'], { cwd: ROOT, encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
  });
});

describe('careload run', () => {
  let jsonRun: Result;
  let jsonOut: string;
  let doc: SummaryJson;

  beforeAll(() => {
    jsonOut = join(freshDir(), 'out');
    // Not --quiet: progress must stay on stderr, so stdout is still pure JSON.
    jsonRun = careload(['run', SCENARIO, ...SHORT, '--replications', '3', '--format', 'json', '--out', jsonOut]);
    doc = JSON.parse(jsonRun.stdout) as SummaryJson;
  });

  it('prints a text report, writes summary.json and run.json under --out, exits 0', () => {
    const dir = freshDir();
    const out = join(dir, 'my-out');
    const r = careload(['run', SCENARIO, ...SHORT, '--replications', '2', '--out', out, '--quiet'], dir);
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/^careload: mmc-validation\nscenario [0-9a-f]{16}, seed 1, 2 replications, fifo routing\n/);
    expect(r.stdout).toContain('measured: conversations arriving from d1 10:00 to d2 06:00');
    for (const label of ['SLA by tier', 'standard      5m   80%', 'chat', 'agents', 'SLA met', 'utilization', 'Sentiment']) {
      expect(r.stdout).toContain(label);
    }
    expect(r.stdout).toMatch(/\nwrote .*my-out\/summary\.json\n$/);
    expect(readdirSync(out).sort()).toEqual(['replications.json', 'run.json', 'summary.json']);

    const summary = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8')) as SummaryJson;
    expect(summary.replications).toBe(2);
    const run = JSON.parse(readFileSync(join(out, 'run.json'), 'utf8')) as Record<string, unknown>;
    expect(run).toMatchObject({ careloadVersion: VERSION, scenarioFile: SCENARIO, overrides: ['horizon=30h'] });
    expect(run.node).toBe(process.version);
    expect(Number.isNaN(Date.parse(run.startedAt as string))).toBe(false);
    expect(run.durationSeconds).toBeGreaterThanOrEqual(0);
    expect(run.workers).toBeGreaterThanOrEqual(1);
    expect(run.workers).toBeLessThanOrEqual(2);
  });

  it('writes to results/<scenario name>/ relative to the working directory by default', () => {
    const dir = freshDir();
    const r = careload(['run', SCENARIO, ...SHORT, '-r', '1', '-q'], dir);
    expect(r.status).toBe(0);
    expect(readdirSync(dir)).toEqual(['results']);
    expect(readdirSync(join(dir, 'results'))).toEqual(['mmc-validation']);
    expect(readdirSync(join(dir, 'results', 'mmc-validation')).sort()).toEqual(['replications.json', 'run.json', 'summary.json']);
    expect(r.stdout).toContain(`wrote ${join('results', 'mmc-validation', 'summary.json')}\n`);
  });

  it('--format json prints only the summary JSON on stdout, the same bytes as summary.json', () => {
    expect(jsonRun.status).toBe(0);
    expect(jsonRun.stdout.trimStart().startsWith('{')).toBe(true);
    expect(jsonRun.stdout).toBe(readFileSync(join(jsonOut, 'summary.json'), 'utf8'));
    // Progress went to stderr, not stdout.
    expect(jsonRun.stderr).toMatch(/replications done/);
  });

  it('--format json has the documented top-level fields', () => {
    expect(doc.schemaVersion).toBe(1);
    expect(doc.seed).toBe(1);
    expect(doc.replications).toBe(3);
    expect(doc.scenario.name).toBe('mmc-validation');
    expect(doc.scenario.hash).toMatch(/^[0-9a-f]{16}$/);
    // The scenario as run travels with its results: the file's keys, with --set applied.
    const source = (doc.scenario as unknown as { source: { horizon: string; teams: unknown } }).source;
    expect(source.horizon).toBe('30h');
    expect(source.teams).toEqual({ agents: { agents: 14 } });
    expect(doc.window).toEqual({ from: WARMUP, to: HORIZON });
    expect(doc.routing).toEqual({ policy: 'fifo' });
    expect(Object.keys(doc.byChannel)).toEqual(['chat']);
    expect(Object.keys(doc.byTier)).toEqual(['standard']);
    expect(Object.keys(doc.byTeam)).toEqual(['agents']);
  });

  it('reports every scope metric as { mean, ci95 }, utilization in every scope', () => {
    const scopes: [string, Scope][] = [
      ['overall', doc.overall],
      ['byChannel.chat', doc.byChannel.chat],
      ['byTier.standard', doc.byTier.standard],
    ];
    for (const [name, scope] of scopes) {
      for (const metric of SCOPE_METRICS) expectEstimate(scope[metric], `${name}.${metric}`);
    }
    const teamMetrics = ['utilization', 'handled', 'agentsOnShiftMean', 'agentsRosteredMean', 'agentsProductiveMean', 'slotOccupancy', 'overrunHours'];
    for (const metric of teamMetrics) expectEstimate(doc.byTeam.agents[metric], `byTeam.agents.${metric}`);
    // `pickedUp` was renamed `handled`.
    expect(Object.keys(doc.byTeam.agents).sort()).toEqual([...teamMetrics].sort());
    // With 3 replications every defined metric has an interval.
    expect(doc.overall.arrivals.ci95).not.toBeNull();
    // Single-turn conversations have no next response: the metric is undefined, not 0.
    expect(doc.overall.nextResponseMean).toEqual({ mean: null, ci95: null });
    // No tier sets a nextResponse target: its attainment is undefined too.
    expect(doc.overall.nextResponseAttainment).toEqual({ mean: null, ci95: null });
  });

  it('reports metrics that agree with each other', () => {
    const o = doc.overall;
    const arrivals = m(o.arrivals);
    expect(arrivals).toBeGreaterThan(0);
    // No self-service, triage, follow-ups or welcome messages in this scenario: those counts are 0, not missing.
    for (const scope of [o, doc.byChannel.chat, doc.byTier.standard]) {
      for (const metric of UNUSED_COUNTS) expect(m(scope[metric]), metric).toBe(0);
    }
    // Every arrival ends answered (merged ones included), abandoned, deflected (none here) or unanswered;
    // nobody abandons without patience.
    expect(m(o.answered) + m(o.abandoned) + m(o.deflected) + m(o.unanswered)).toBeCloseTo(arrivals, 6);
    expect(m(o.abandoned)).toBe(0);
    expect(m(o.abandonRate)).toBe(0);
    expect(m(o.waitP50)).toBeLessThanOrEqual(m(o.waitP90));
    expect(m(o.waitP90)).toBeLessThanOrEqual(m(o.waitP95));
    expect(m(o.waitMean)).toBeGreaterThanOrEqual(0);
    // The first response comes after the wait plus a handle time.
    expect(m(o.firstResponseMean)).toBeGreaterThan(m(o.waitMean));
    expect(m(o.firstResponseP90)).toBeGreaterThanOrEqual(m(o.waitP90));
    for (const share of [m(o.slaAttainment), m(o.utilization)]) {
      expect(share).toBeGreaterThan(0);
      expect(share).toBeLessThanOrEqual(1);
    }
    // One channel, one tier: the scopes are the overall.
    expect(doc.byChannel.chat).toEqual(doc.byTier.standard);
    for (const metric of SCOPE_METRICS) expect(doc.byChannel.chat[metric]).toEqual(o[metric]);
    // One team, one channel: the channel's utilization is the team's and the overall one.
    expect(m(doc.byChannel.chat.utilization)).toBeCloseTo(m(doc.byTeam.agents.utilization), 9);
    expect(m(doc.byTeam.agents.handled)).toBeCloseTo(m(o.answered), 6);
    expect(m(doc.byTeam.agents.agentsOnShiftMean)).toBe(14);
    // One slot per agent and one turn: a slot is held exactly while its reply is written; nobody leaves.
    expect(m(doc.byTeam.agents.slotOccupancy)).toBeCloseTo(m(doc.byTeam.agents.utilization), 9);
    expect(m(doc.byTeam.agents.overrunHours)).toBe(0);
  });

  it('lands near the Erlang C figures of the scenario (loose tolerances)', () => {
    // 200/h x 3m on 14 agents: occupancy 0.714, SLA (first reply within 5m) 0.800, 200/h arrivals.
    const o = doc.overall;
    expect(m(o.utilization)).toBeGreaterThan(0.64);
    expect(m(o.utilization)).toBeLessThan(0.79);
    expect(m(o.slaAttainment)).toBeGreaterThan(0.7);
    expect(m(o.slaAttainment)).toBeLessThan(0.9);
    expect(m(o.arrivals)).toBeGreaterThan(0.85 * 200 * 20);
    expect(m(o.arrivals)).toBeLessThan(1.15 * 200 * 20);
  });

  it('has one timeseries row per report interval of the horizon', () => {
    const { interval, rows } = doc.timeseries;
    expect(interval).toBe(INTERVAL);
    expect(rows).toHaveLength(Math.ceil(HORIZON / INTERVAL));
    rows.forEach((row, i) => {
      expect(row.t).toBe(i * INTERVAL);
      for (const key of ['arrivals', 'backlog', 'agentsOnShift']) expect(typeof row[key], key).toBe('number');
      expect(Object.keys(row.arrivalsByChannel as object)).toEqual(['chat']);
      expect(Object.keys(row.backlogByTier as object)).toEqual(['standard']);
      expect(row.agentsOnShift).toBe(14);
      expect(row.agentsOnShiftByTeam).toEqual({ agents: 14 });
    });
    // Rows in the measurement window add up to the measured arrivals.
    const measured = rows.filter((r) => (r.t as number) >= WARMUP).reduce((s, r) => s + (r.arrivals as number), 0);
    expect(measured).toBeCloseTo(m(doc.overall.arrivals), 4);
  });

  it('leaves deflected conversations out of the time series SLA attainment, like the scopes', () => {
    const dir = freshDir();
    const file = join(dir, 'deflect.yaml');
    // Ample staff (at most 3 Erlangs on 6 agents) and a 4h target: every conversation an agent takes meets it.
    writeFileSync(
      file,
      `horizon: 20h
report: { interval: 10h }
channels:
  community:
    rate: 60/h
    handleTime: 3m
    selfService: { share: 0.5, within: 1m }
tiers:
  standard: { firstResponse: 4h }
teams:
  t: { agents: 6 }
`,
    );
    const r = careload(['run', file, '-r', '2', '-q', '--format', 'json', '--out', join(dir, 'out')], dir);
    expect(r.status, r.stderr).toBe(0);
    const summary = JSON.parse(r.stdout) as SummaryJson;
    expect(m(summary.overall.deflected)).toBeGreaterThan(0);
    expect(m(summary.overall.slaAttainment)).toBe(1);
    for (const row of summary.timeseries.rows) expect(row.slaAttainment, `row at t=${String(row.t)}`).toBe(1);
  });

  it('gives byte-identical summary.json for two runs with the same seed', () => {
    // The other run with the same settings is the --format json run of beforeAll (it wrote jsonOut).
    const a = join(freshDir(), 'a');
    expect(careload(['run', SCENARIO, ...SHORT, '-r', '3', '-q', '--out', a]).status).toBe(0);
    expect(readFileSync(join(a, 'summary.json'), 'utf8')).toBe(readFileSync(join(jsonOut, 'summary.json'), 'utf8'));
    // ... and the same bytes as the --format json run with the same settings.
    expect(readFileSync(join(a, 'summary.json'), 'utf8')).toBe(jsonRun.stdout);
  });

  it('gives byte-identical summary.json with --workers 1 and --workers 2', () => {
    const one = join(freshDir(), 'one');
    const two = join(freshDir(), 'two');
    expect(careload(['run', SCENARIO, ...SHORT, '-r', '3', '-q', '--workers', '1', '--out', one]).status).toBe(0);
    expect(careload(['run', SCENARIO, ...SHORT, '-r', '3', '-q', '--workers', '2', '--out', two]).status).toBe(0);
    expect(readFileSync(join(one, 'summary.json'), 'utf8')).toBe(readFileSync(join(two, 'summary.json'), 'utf8'));
    expect((JSON.parse(readFileSync(join(one, 'run.json'), 'utf8')) as { workers: number }).workers).toBe(1);
    expect((JSON.parse(readFileSync(join(two, 'run.json'), 'utf8')) as { workers: number }).workers).toBe(2);
  });

  // Three simulations in one test: past the default 60 s when other jobs keep the cores busy.
  it('gives byte-identical summary.json and replications.json on the main thread, one worker thread and two (issue 14)', { timeout: 180_000 }, () => {
    // 30 h x 3 replications is a small run (main thread); 300 h x 4 (about 120,000 conversations, over INLINE_WORK) goes to worker threads.
    const big = ['--set', 'horizon=300h', '--set', 'report.interval=10h', '--inconclusive', 'pass', '-r', '4', '-q'];
    const dirs = [['--workers', '1'], ['--workers', '2']].map((w) => {
      const out = join(freshDir(), 'o');
      expect(careload(['run', SCENARIO, ...big, ...w, '--out', out]).status).toBe(0);
      return out;
    });
    for (const file of ['summary.json', 'replications.json']) {
      expect(readFileSync(join(dirs[0], file), 'utf8')).toBe(readFileSync(join(dirs[1], file), 'utf8'));
    }
    // Replication 0 again, alone: a small run (about 30,000 conversations), so on the main thread; every value the same.
    const inline = join(freshDir(), 'o');
    expect(careload(['run', SCENARIO, ...big.slice(0, -3), '-r', '1', '-q', '--out', inline]).status).toBe(0);
    const firstValues = (dir: string) => Object.entries((JSON.parse(readFileSync(join(dir, 'replications.json'), 'utf8')) as { values: Record<string, unknown[]> }).values)
      .map(([metric, values]) => [metric, values[0]]);
    expect(firstValues(inline)).toEqual(firstValues(dirs[0]));
    expect(firstValues(inline).length).toBeGreaterThan(10);
  });

  it('gives a different summary for a different --seed, with the same scenario hash', () => {
    const r = careload(['run', SCENARIO, ...SHORT, '-r', '3', '-q', '--seed', '2', '--format', 'json', '--out', join(freshDir(), 'o')]);
    expect(r.status).toBe(0);
    const other = JSON.parse(r.stdout) as SummaryJson;
    expect(other.seed).toBe(2);
    expect(other.scenario.hash).toBe(doc.scenario.hash);
    expect(r.stdout).not.toBe(jsonRun.stdout);
    expect(other.overall.waitMean).not.toEqual(doc.overall.waitMean);
  });

  it('changes the scenario hash when --set changes a modelled value', () => {
    const r = careload(['run', SCENARIO, ...SHORT, '--set', 'teams.agents.agents=15', '-r', '2', '-q', '--format', 'json', '--out', join(freshDir(), 'o')]);
    expect(r.status).toBe(0);
    const other = JSON.parse(r.stdout) as SummaryJson;
    expect(other.scenario.hash).not.toBe(doc.scenario.hash);
    expect(m(other.byTeam.agents.agentsOnShiftMean)).toBe(15);
  });

  it('--quiet prints nothing on stderr; without it progress lines go to stderr', () => {
    const dir = freshDir();
    const quiet = careload(['run', SCENARIO, ...SHORT, '-r', '2', '--quiet', '--out', join(dir, 'q')]);
    expect(quiet.status).toBe(0);
    expect(quiet.stderr).toBe('');
    const loud = careload(['run', SCENARIO, ...SHORT, '-r', '2', '--out', join(dir, 'l')]);
    expect(loud.status).toBe(0);
    expect(linesOf(loud.stderr).at(-1)).toMatch(/^careload: 2\/2 replications done \(\d+\.\d+s\)$/);
  });
});

describe('careload usage errors (exit 2)', () => {
  const cases: [string, string[], RegExp][] = [
    ['no arguments', [], /^careload: name a command: run, compare, plan, calibrate, check, diff, erlang, generate, fit, merge, report, schema or validate$/],
    ['an unknown flag', ['run', SCENARIO, '--bogus'], /^careload: Unknown argument: bogus$/],
    ['an unknown flag without a command', ['--bogus'], /^careload: /],
    ['--seed abc', ['run', SCENARIO, '--seed', 'abc'], /^careload: --seed: expected a whole number >= 0/],
    ['--seed -1', ['run', SCENARIO, '--seed', '-1'], /^careload: --seed: expected a whole number >= 0, got -1$/],
    ['--replications 0', ['run', SCENARIO, '--replications', '0'], /^careload: --replications: expected a whole number >= 1, got 0$/],
    ['--workers 1.5', ['run', SCENARIO, '--workers', '1.5'], /^careload: --workers: expected a whole number >= 0, got 1\.5$/],
    ['an unknown command', ['frobnicate'], /^careload: .*frobnicate/],
    ['run without a scenario', ['run'], /^careload: /],
    ['validate without a scenario', ['validate'], /^careload: /],
  ];

  it.each(cases)('%s: one-line message, the --help hint, no stack, nothing written', (_name, args, first) => {
    const dir = freshDir();
    const r = careload(args, dir);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expectNoStack(r.stderr);
    const lines = linesOf(r.stderr);
    expect(lines, r.stderr).toHaveLength(2);
    expect(lines[0]).toMatch(first);
    expect(lines[1]).toBe("Run 'careload --help' for usage.");
    expect(readdirSync(dir)).toEqual([]);
  });

  // UX: yargs numbers turn "abc" into NaN and options.ts wholeFlag() prints "got something else";
  // every other message echoes the bad value.
  it('--seed abc: the message echoes the bad value', () => {
    const r = careload(['run', SCENARIO, '--seed', 'abc']);
    expect(r.status).toBe(2);
    expect(linesOf(r.stderr)[0]).toBe('careload: --seed: expected a whole number >= 0, got "abc"');
  });

  // UX: yargs' own message for a bad choice spans two lines ("Invalid values:\n  Argument: ...").
  it('--format xml: one-line message naming the accepted choices', () => {
    const r = careload(['run', SCENARIO, '--format', 'xml']);
    expect(r.status).toBe(2);
    expectNoStack(r.stderr);
    const lines = linesOf(r.stderr);
    expect(lines, r.stderr).toHaveLength(2);
    expect(lines[0]).toMatch(/^careload: .*format.*xml.*text.*json/);
  });

  it('refuses a seed that a double cannot hold exactly', () => {
    const dir = freshDir();
    const r = careload(['run', SCENARIO, ...SHORT, '-r', '1', '-q', '--seed', '9007199254740993', '--format', 'json', '--out', join(dir, 'o')]);
    if (r.status === 0) {
      // What actually happens today: the run goes ahead and reports a different seed than the one given.
      expect(r.stdout, 'the seed reported is not the seed given').toContain('"seed": 9007199254740993,');
    }
    expect(r.status).toBe(2);
    expect(linesOf(r.stderr)[0]).toMatch(/^careload: --seed: /);
  });
});

describe('careload with an invalid scenario (exit 104)', () => {
  const BAD = `name: bad
horizon: 10h
channels:
  chat:
    rate: 200
    handleTime: { dist: exponential, mean: 3m }
teams:
  tier1:
    agents: ten
    colour: blue
`;

  it('prints one `file:line:col key.path: message` line per problem, no stack, writes nothing', () => {
    const dir = freshDir();
    const file = join(dir, 'bad.yaml');
    writeFileSync(file, BAD);
    const out = join(dir, 'out');
    const r = careload(['run', file, '--out', out, '-r', '1'], dir);
    expect(r.status).toBe(104);
    expect(r.stdout).toBe('');
    expectNoStack(r.stderr);
    expect(linesOf(r.stderr)).toEqual([
      `${file}:5:11 channels.chat.rate: expected a rate such as 200/h, 3.5/m, 0.2/s or 4800/d, got 200`,
      `${file}:9:13 teams.tier1.agents: expected a whole number >= 0, got "ten"`,
      `${file}:10:5 teams.tier1.colour: unknown key; accepted keys here: agents, concurrency, channels, tiers, brands, speed, activation, overflow, dedicated, empathy, schedule, shrinkage, shrinkageBlock`,
    ]);
    for (const line of linesOf(r.stderr)) expect(line).toMatch(/^.+:\d+:\d+ [\w.]+: .+$/);
    expect(existsSync(out)).toBe(false);
    expect(readdirSync(dir)).toEqual(['bad.yaml']);
  });

  it('names the file as given on the command line', () => {
    const dir = freshDir();
    writeFileSync(join(dir, 'bad.yaml'), BAD);
    const r = careload(['validate', 'bad.yaml'], dir);
    expect(r.status).toBe(104);
    expect(linesOf(r.stderr)[0]).toMatch(/^bad\.yaml:5:11 channels\.chat\.rate: /);
  });

  it('reports YAML syntax errors and duplicate keys at their line and column', () => {
    const dir = freshDir();
    const file = join(dir, 'broken.yaml');
    writeFileSync(file, 'horizon: 10h\nhorizon: 11h\n');
    const r = careload(['run', file, '--out', join(dir, 'out')], dir);
    expect(r.status).toBe(104);
    expectNoStack(r.stderr);
    expect(linesOf(r.stderr)).toHaveLength(1);
    expect(r.stderr).toMatch(new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:2:1: not valid YAML: `));
    expect(readdirSync(dir)).toEqual(['broken.yaml']);
  });

  it('reports a rule that spans keys (warmup >= horizon) from a --set override', () => {
    const dir = freshDir();
    const r = careload(['run', SCENARIO, '--set', 'horizon=5h', '--out', join(dir, 'out')], dir);
    expect(r.status).toBe(104);
    expect(linesOf(r.stderr)).toEqual([`${SCENARIO}:8:9 warmup: expected less than the horizon (5h), got 10h`]);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('reports an invalid --set value at --set', () => {
    const dir = freshDir();
    const r = careload(['run', SCENARIO, '--set', 'teams.agents.agents=ten', '--out', join(dir, 'out')], dir);
    expect(r.status).toBe(104);
    expectNoStack(r.stderr);
    expect(linesOf(r.stderr)).toEqual(['--set teams.agents.agents: expected a whole number >= 0, got "ten"']);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('reports a malformed --set as a usage error (exit 2)', () => {
    const r = careload(['validate', SCENARIO, '--set', 'teams.agents.agents']);
    expect(r.status).toBe(2);
    expect(linesOf(r.stderr)[0]).toBe('careload: --set "teams.agents.agents": expected key.path=value, e.g. --set teams.agents.agents=15');
  });

  it('exits 104 for a missing file, naming it', () => {
    const dir = freshDir();
    const missing = join(dir, 'nope.yaml');
    const r = careload(['run', missing, '--out', join(dir, 'out')], dir);
    expect(r.status).toBe(104);
    expect(r.stdout).toBe('');
    expectNoStack(r.stderr);
    expect(linesOf(r.stderr)).toEqual([`${missing}: cannot read the scenario: no such file`]);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('exits 104 for a directory given as the scenario that holds none (validate takes folders of scenarios; run does not)', () => {
    const dir = freshDir();
    const r = careload(['validate', dir], dir);
    expect(r.status).toBe(104);
    expectNoStack(r.stderr);
    expect(linesOf(r.stderr)).toHaveLength(1);
    expect(r.stderr.startsWith(`${dir}: no scenario here`)).toBe(true);
    const run = careload(['run', dir, '--no-tui'], dir);
    expect(run.status).toBe(104);
    expect(run.stderr.startsWith(`${dir}: cannot read the scenario: `)).toBe(true);
  });

  it('never writes outside results/ because of the scenario name', () => {
    const dir = freshDir();
    const cwd = join(dir, 'work');
    mkdirSync(cwd);
    const file = join(dir, 'evil.yaml');
    writeFileSync(
      file,
      'name: ../../escaped\nhorizon: 2h\nchannels:\n  chat: { rate: 10/h, handleTime: 3m }\nteams:\n  t: { agents: 3 }\n',
    );
    const r = careload(['run', file, '-r', '1', '-q'], cwd);
    expect(existsSync(join(dir, 'escaped')), 'summary.json was written outside the working directory').toBe(false);
    expect(readdirSync(dir).sort()).toEqual(['evil.yaml', 'work']);
    expect([0, 104]).toContain(r.status);
  });
});

describe('careload validate', () => {
  it('exits 0 on the shipped scenario and says what it models', () => {
    const r = careload(['validate', SCENARIO]);
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('');
    expect(linesOf(r.stdout)).toHaveLength(1);
    expect(r.stdout).toContain(`${SCENARIO}: valid scenario "mmc-validation"`);
    expect(r.stdout).toContain('1 channel(s) [chat]');
    expect(r.stdout).toContain('agents (14 agents x 1)');
    expect(r.stdout).toContain('warmup 10h, 10 replications, seed 1');
  });

  it('applies --set overrides', () => {
    const r = careload(['validate', SCENARIO, '--set', 'teams.agents.agents=20', '--set', 'horizon=1d']);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('agents (20 agents x 1)');
    expect(r.stdout).toContain('horizon 1d,');
  });

  it('accepts a JSON scenario', () => {
    const dir = freshDir();
    const file = join(dir, 'scenario.json');
    writeFileSync(
      file,
      JSON.stringify({ horizon: '8h', channels: { chat: { rate: '30/h', handleTime: '4m' } }, teams: { t: { agents: 2 } } }, null, 2),
    );
    const r = careload(['validate', file], dir);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('valid scenario "scenario"');
    expect(readdirSync(dir)).toEqual(['scenario.json']);
  });

  it('exits 104 on a bad scenario, one located line per problem', () => {
    const dir = freshDir();
    const file = join(dir, 'bad.yaml');
    writeFileSync(file, 'horizon: 10\nchannels:\n  chat: { rate: 10/h, handleTime: 3m }\nteams:\n  t: { agents: 1 }\n');
    const r = careload(['validate', file], dir);
    expect(r.status).toBe(104);
    expect(r.stdout).toBe('');
    expectNoStack(r.stderr);
    expect(linesOf(r.stderr)).toEqual([
      `${file}:1:10 horizon: expected a duration with a unit such as 90s, 3m, 2h, 1d, 1h30m or 2.5h, got 10`,
    ]);
  });
});

describe('careload --help and --version', () => {
  it('--help exits 0 and lists the commands', () => {
    const r = careload(['--help']);
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain('careload <command> [options]');
    expect(r.stdout).toContain('careload run <scenario>');
    expect(r.stdout).toContain('careload validate <scenario>');
  });

  it('run --help exits 0 and lists the run options', () => {
    const r = careload(['run', '--help']);
    expect(r.status).toBe(0);
    for (const flag of ['--set', '--seed', '--replications', '--format', '--out', '--workers', '--quiet']) {
      expect(r.stdout).toContain(flag);
    }
  });

  it('--version exits 0 and prints the package version', () => {
    const r = careload(['--version']);
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(`${VERSION}\n`);
    expect(r.stderr).toBe('');
  });

  it('-h is --help', () => {
    const r = careload(['-h']);
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(careload(['--help']).stdout);
  });
});

describe('the shipped scenarios as a user first runs them', () => {
  // The set-up promise is `npx careload run scenarios/<a shipped scenario>`: as shipped (seed, replications),
  // each run must decide its own thresholds and pass them, not end in exit 99 on an inconclusive band.
  const shipped = readdirSync(join(ROOT, 'scenarios')).filter((f) => f.endsWith('.yaml') && f !== 'swisscom-crisis-8.yaml');
  it.each(shipped)('careload run scenarios/%s exits 0 with every threshold passed', (file) => {
    const r = careload(['run', join('scenarios', file), '-q', '--no-tui', '--format', 'json', '--out', freshDir()]);
    expect(r.status, r.stderr).toBe(0);
    const thresholds = (JSON.parse(r.stdout) as { thresholds: { expression: string; verdict: string }[] }).thresholds;
    expect(thresholds.length).toBeGreaterThan(0);
    expect(thresholds.filter((t) => t.verdict !== 'pass').map((t) => `${t.expression}: ${t.verdict}`)).toEqual([]);
  });
});
