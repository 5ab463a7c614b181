/**
 * `npm run bench`: how fast careload runs, printed as one table (and written
 * to bench.json at the project root, which git ignores):
 * - the reference loop (tests/bench/reference-loop.ts): a minimal
 *   hand-written Node M/M/50 (typed heap, no features), whole process;
 * - the engine's loop on the same M/M/50 case (C5 of docs/validation.md:
 *   lambda 100/h, AHT 27 min, 50 agents, utilisation 0.9), 1,000,000
 *   conversations in this process (goal: 1.5M conversations/s);
 * - the whole `careload run ... --format json` of that case, against the
 *   reference loop (goal: within 3x its wall time), and of 10,000,000
 *   conversations (goal: peak RSS under 200 MB, flat in the count);
 * - the crisis scenario at scale (swisscom-outage with every arrival rate
 *   and headcount x10, 100 replications): in this process on one thread
 *   (goal: 500k conversations/s per core), and the whole `careload run` on
 *   every core;
 * - a recorded trace: `careload generate` writes 100,000 and 1,000,000
 *   rows of the M/M/50 case and `careload run` replays each.
 * - parallel replications: mmc-validation (16 replications) and
 *   swisscom-outage (64) as whole runs on one worker thread and on two
 *   (goals: 1.8x and 1.6x; results are the same bytes either way).
 * Between them, the start-up time of the built CLI (`--version`, `erlang`,
 * `validate`) and `careload plan` on
 * the crisis scenario for two teams. Machines differ and shared ones are
 * noisy: compare rows of one run (the ratios), not runs of two machines.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Field } from '../../src/metrics/fields.js';
import type { ReplicationResult } from '../../src/metrics/recorder.js';
import { simulateReplication } from '../../src/model/simulation.js';
import { parseScenario } from '../../src/scenario/load.js';

/** One row of the bench's table. */
interface Row {
  case: string;
  conversations: number;
  events: number;
  /** Wall seconds (whole process, or the loop alone for in-process rows). */
  seconds: number;
  /** Peak RSS in MiB (whole process; NaN when unknown). */
  peakRssMiB: number;
  workers: number;
  /** Against the row named in `speedUpOf` (NaN: none). */
  speedUp: number;
  /** Wall time over the reference loop's (NaN: not comparable). */
  ratioToReference: number;
  goal: string;
}

const table: Row[] = [];
const fmt = (x: number) => (Number.isFinite(x) ? Math.round(x).toLocaleString('en-US') : '-');

/** The bench's M/M/50 case as YAML, `conversations` arrivals expected. */
function mm50Yaml(conversations: number): string {
  const hours = Math.round(conversations / 100);
  return `name: bench-mm50
horizon: ${hours}h
replications: 1
report: { interval: 1000h }
channels:
  chat: { rate: 100/h, handleTime: { dist: exponential, mean: 27m } }
tiers:
  standard: { firstResponse: 5m }
teams:
  agents: { agents: 50 }
`;
}

/** Conversations a replication simulated: its arrivals over the whole horizon (the time series holds them all, measured or not). */
function conversationsOf(r: ReplicationResult): number {
  return r.series.arrivals.reduce((a, b) => a + b, 0);
}

function measure(conversations: number) {
  const sc = parseScenario(mm50Yaml(conversations), 'bench.yaml');
  globalThis.gc?.();
  const heapBefore = process.memoryUsage().heapUsed;
  const started = process.hrtime.bigint();
  const r = simulateReplication(sc, 0);
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const heapAfter = process.memoryUsage().heapUsed;
  const n = r.fields[Field.arrivals];
  return { n, events: r.events, seconds, heapGrowthMiB: (heapAfter - heapBefore) / 2 ** 20 };
}

/** Wall seconds, peak RSS (MiB, from GNU time: the whole process, worker threads included) and stdout of one run of `node args` (it must exit 0). */
function nodePeak(args: string[]): { wall: number; rssMiB: number; stdout: string } {
  const started = process.hrtime.bigint();
  const r = spawnSync('/usr/bin/time', ['-f', 'peak-rss-kb %M', process.execPath, ...args], { encoding: 'utf8', maxBuffer: 1 << 28 });
  const wall = Number(process.hrtime.bigint() - started) / 1e9;
  if (r.error) {
    // No GNU time here: the wall clock only.
    const t0 = process.hrtime.bigint();
    const plain = spawnSync(process.execPath, args, { encoding: 'utf8', maxBuffer: 1 << 28 });
    if (plain.status !== 0) throw new Error(`node ${args.join(' ')} exited ${plain.status}: ${plain.stderr}`);
    return { wall: Number(process.hrtime.bigint() - t0) / 1e9, rssMiB: NaN, stdout: plain.stdout };
  }
  if (r.status !== 0) throw new Error(`node ${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  const kb = /peak-rss-kb (\d+)/.exec(r.stderr)?.[1];
  return { wall, rssMiB: kb === undefined ? NaN : Number(kb) / 1024, stdout: r.stdout };
}

const CLI = fileURLToPath(new URL('../../cli/careload.js', import.meta.url));
const REFERENCE = fileURLToPath(new URL('./reference-loop.js', import.meta.url));
const medianOf = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const benchDir = mkdtempSync(join(tmpdir(), 'careload-bench-'));

// The M/M/50 case, 1,000,000 conversations: the reference loop and careload's whole run, alternating (3 pairs, medians), then the engine's loop in this process.
const mm50 = join(benchDir, 'mm50-1m.yaml');
writeFileSync(mm50, mm50Yaml(1_000_000));
const PAIRS = 3;
const referenceRuns: { wall: number; rssMiB: number; events: number; conversations: number }[] = [];
const runRuns: { wall: number; rssMiB: number; events: number }[] = [];
for (let i = 0; i < PAIRS; i++) {
  const ref = nodePeak([REFERENCE, '1000000']);
  const out = JSON.parse(ref.stdout) as { conversations: number; events: number };
  referenceRuns.push({ wall: ref.wall, rssMiB: ref.rssMiB, events: out.events, conversations: out.conversations });
  const run = nodePeak([CLI, 'run', mm50, '--format', 'json', '--quiet', '--out', join(benchDir, 'out-mm50')]);
  const summary = JSON.parse(run.stdout) as { events: { mean: number } };
  runRuns.push({ wall: run.wall, rssMiB: run.rssMiB, events: summary.events.mean });
}
const referenceWall = medianOf(referenceRuns.map((r) => r.wall));

measure(100_000); // warm up the JIT
const small = measure(100_000);
const large = measure(1_000_000);
table.push({
  case: 'reference loop, M/M/50 1M (whole process)', conversations: referenceRuns[0].conversations, events: referenceRuns[0].events,
  seconds: referenceWall, peakRssMiB: medianOf(referenceRuns.map((r) => r.rssMiB)), workers: 1, speedUp: NaN, ratioToReference: 1, goal: '',
});
table.push({
  case: 'engine loop, M/M/50 1M (in process)', conversations: large.n, events: large.events, seconds: large.seconds,
  peakRssMiB: NaN, workers: 1, speedUp: NaN, ratioToReference: large.seconds / referenceWall, goal: '>= 1.5M conversations/s',
});
const runWall = medianOf(runRuns.map((r) => r.wall));
table.push({
  case: 'careload run, M/M/50 1M (whole process)', conversations: large.n, events: runRuns[0].events, seconds: runWall,
  peakRssMiB: medianOf(runRuns.map((r) => r.rssMiB)), workers: 1, speedUp: NaN, ratioToReference: runWall / referenceWall, goal: 'ratio <= 3',
});
console.log(`careload bench (${cpus().length} x ${cpus()[0]?.model ?? 'unknown CPU'}, Node ${process.version})`);
console.log(`  engine heap growth during the run: ${small.heapGrowthMiB.toFixed(1)} MiB for ${fmt(small.n)} conversations, ` +
  `${large.heapGrowthMiB.toFixed(1)} MiB for ${fmt(large.n)} (flat = memory follows conversations in flight)`);

// Memory: 10,000,000 conversations in one replication, whole process.
const mm50Big = join(benchDir, 'mm50-10m.yaml');
writeFileSync(mm50Big, mm50Yaml(10_000_000));
const big = nodePeak([CLI, 'run', mm50Big, '--format', 'json', '--quiet', '--out', join(benchDir, 'out-mm50-10m')]);
const bigSummary = JSON.parse(big.stdout) as { events: { mean: number }; overall: { arrivals: { mean: number } } };
table.push({
  case: 'careload run, M/M/50 10M (whole process)', conversations: bigSummary.overall.arrivals.mean, events: bigSummary.events.mean, seconds: big.wall,
  peakRssMiB: big.rssMiB, workers: 1, speedUp: NaN, ratioToReference: NaN, goal: 'peak RSS < 200 MB, flat',
});

// The crisis at scale: swisscom-outage with every arrival rate and headcount x10, 100 replications.
const CRISIS_REPLICATIONS = 100;
const crisisSource = fileURLToPath(new URL('../../../scenarios/swisscom-outage.yaml', import.meta.url));
const crisisYaml = readFileSync(crisisSource, 'utf8')
  .replace(/\brate: (\d+(?:\.\d+)?)\/h/g, (_, r: string) => `rate: ${Number(r) * 10}/h`)
  .replace(/\bagents: (\d+)/g, (_, n: string) => `agents: ${Number(n) * 10}`);
const crisisFile = join(benchDir, 'swisscom-outage-x10.yaml');
writeFileSync(crisisFile, crisisYaml);
const crisis = parseScenario(crisisYaml, crisisFile);
let crisisConversations = 0;
let crisisEvents = 0;
const crisisStarted = process.hrtime.bigint();
for (let r = 0; r < CRISIS_REPLICATIONS; r++) {
  const result = simulateReplication(crisis, r);
  crisisConversations += conversationsOf(result);
  crisisEvents += result.events;
}
const crisisSeconds = Number(process.hrtime.bigint() - crisisStarted) / 1e9;
table.push({
  case: `crisis x10, ${CRISIS_REPLICATIONS} replications (in process)`, conversations: crisisConversations, events: crisisEvents, seconds: crisisSeconds,
  peakRssMiB: NaN, workers: 1, speedUp: 1, ratioToReference: NaN, goal: '>= 500k conversations/s per core',
});
const crisisWorkers = cpus().length;
const crisisRun = nodePeak([CLI, 'run', crisisFile, '-r', String(CRISIS_REPLICATIONS), '--workers', String(crisisWorkers), '--format', 'json', '--quiet', '--out', join(benchDir, 'out-crisis')]);
table.push({
  case: `crisis x10, ${CRISIS_REPLICATIONS} replications (whole process)`, conversations: crisisConversations, events: crisisEvents, seconds: crisisRun.wall,
  peakRssMiB: crisisRun.rssMiB, workers: crisisWorkers, speedUp: crisisSeconds / crisisRun.wall, ratioToReference: NaN, goal: '',
});

// A child reports its own CPU time (user + system, all its threads) on file descriptor 3 as it exits.
const REPORT_CPU = `data:text/javascript,${encodeURIComponent(
  'import { writeSync } from "node:fs"; process.on("exit", () => { const u = process.cpuUsage(); writeSync(3, String((u.user + u.system) / 1e6)); });',
)}`;

/** Wall-clock and CPU seconds of one run of node with `args` (it must exit 0). */
function nodeSeconds(args: string[]): { wall: number; cpu: number } {
  const started = process.hrtime.bigint();
  const r = spawnSync(process.execPath, ['--import', REPORT_CPU, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe', 'pipe'] });
  const wall = Number(process.hrtime.bigint() - started) / 1e9;
  if (r.status !== 0) throw new Error(`node ${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  return { wall, cpu: Number(r.output[3]) };
}

/** Wall-clock and CPU seconds of one run of the built CLI with `args` (it must exit 0). */
function cliSeconds(args: string[]): { wall: number; cpu: number } {
  return nodeSeconds([fileURLToPath(new URL('../../cli/careload.js', import.meta.url)), ...args]);
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

// Alternating runs, so a busy spell of the machine slows both alike; medians,
// so one slow run does not count; CPU time too, which other jobs disturb less
// than the wall clock.
const STARTS = 11;
const ERLANG = ['erlang', '--rate', '200/h', '--aht', '3m', '--target', '20s', '--sl', '80%', '--patience', '5m', '--shrinkage', '30%'];
const VALIDATE = ['validate', fileURLToPath(new URL('../../../scenarios/mmc-validation.yaml', import.meta.url))];
// The floor: node itself starting an empty ES module (the same CPU hook), which no command can go below.
const EMPTY_MODULE = join(benchDir, 'empty.mjs');
writeFileSync(EMPTY_MODULE, 'export {};\n');
const startUp = { node: [] as { wall: number; cpu: number }[], version: [] as { wall: number; cpu: number }[], erlang: [] as { wall: number; cpu: number }[], validate: [] as { wall: number; cpu: number }[] };
for (let i = 0; i < STARTS; i++) {
  startUp.node.push(nodeSeconds([EMPTY_MODULE]));
  startUp.version.push(cliSeconds(['--version']));
  startUp.erlang.push(cliSeconds(ERLANG));
  startUp.validate.push(cliSeconds(VALIDATE));
}
const ms = (s: number) => `${Math.round(s * 1000)} ms`;
const line = (runs: { wall: number; cpu: number }[]) => `${ms(median(runs.map((r) => r.wall))).padStart(7)} wall, ${ms(median(runs.map((r) => r.cpu))).padStart(7)} CPU`;
console.log(`careload start-up: medians of ${STARTS} runs each, alternating`);
console.log(`  (node)     ${line(startUp.node)}  (an empty ES module: the floor)`);
console.log(`  --version  ${line(startUp.version)}  (goal: under 200 ms wall)`);
console.log(`  erlang     ${line(startUp.erlang)}  (Erlang A: ${ERLANG.slice(1).join(' ')}; goal: under 200 ms wall)`);
console.log(`  validate   ${line(startUp.validate)}  (scenarios/mmc-validation.yaml; goal: under 200 ms wall)`);

// The capacity planner on the crisis scenario, two scheduled teams (goal: under 60 s on 2 cores).
const planDir = mkdtempSync(join(tmpdir(), 'careload-bench-plan-'));
const PLAN = ['plan', fileURLToPath(new URL('../../../scenarios/swisscom-outage.yaml', import.meta.url)), '--teams', 'priority,regular', '-q', '--format', 'json', '--out', planDir];
const planRun = cliSeconds(PLAN);
rmSync(planDir, { recursive: true, force: true });
// The CPU figure needs the child's exit hook, which a run on worker threads may not reach: then only the wall clock.
const planCpu = Number.isFinite(planRun.cpu) ? `, ${planRun.cpu.toFixed(1)} s CPU` : '';
console.log(`careload plan swisscom-outage --teams priority,regular: ${planRun.wall.toFixed(1)} s wall${planCpu} (goal: under 60 s)`);

// A recorded trace: generated, then replayed in a process of its own, whose peak RSS must not grow with the rows.
/** Wall seconds and peak RSS (MiB, from GNU time: the whole process, worker threads included) of one run of the built CLI with `args` (it must exit 0). */
function cliPeak(args: string[]): { wall: number; rssMiB: number } {
  const cli = fileURLToPath(new URL('../../cli/careload.js', import.meta.url));
  const started = process.hrtime.bigint();
  const r = spawnSync('/usr/bin/time', ['-f', 'peak-rss-kb %M', process.execPath, cli, ...args], { encoding: 'utf8' });
  const wall = Number(process.hrtime.bigint() - started) / 1e9;
  if (r.error) return { wall: NaN, rssMiB: NaN };
  if (r.status !== 0) throw new Error(`careload ${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  const kb = /peak-rss-kb (\d+)/.exec(r.stderr)?.[1];
  return { wall, rssMiB: kb === undefined ? NaN : Number(kb) / 1024 };
}

const traceDir = mkdtempSync(join(tmpdir(), 'careload-bench-trace-'));
try {
  console.log('careload trace: generate the M/M/50 case, then replay it (one replication; peak RSS of the whole process)');
  for (const rows of [100_000, 1_000_000]) {
    const hours = Math.round(rows / 100);
    const model = `horizon: ${hours}h
replications: 1
report: { interval: 1000h }
tiers:
  standard: { firstResponse: 5m }
teams:
  agents: { agents: 50 }
`;
    const source = join(traceDir, `gen-${rows}.yaml`);
    writeFileSync(source, `name: bench-trace\n${model}channels:\n  chat: { rate: 100/h, handleTime: { dist: exponential, mean: 27m } }\n`);
    const trace = join(traceDir, `trace-${rows}.csv`);
    const generated = cliPeak(['generate', source, '--out', trace, '--format', 'json']);
    const replay = join(traceDir, `replay-${rows}.yaml`);
    writeFileSync(replay, `name: bench-replay\n${model}arrivals: { trace: trace-${rows}.csv }\nchannels:\n  chat: { handleTime: { dist: exponential, mean: 27m } }\n`);
    const replayed = cliPeak(['run', replay, '--format', 'json', '--quiet', '--out', join(traceDir, `out-${rows}`)]);
    const mb = statSync(trace).size / 2 ** 20;
    console.log(`  ${fmt(rows).padStart(9)} rows (${mb.toFixed(0)} MiB): generate ${generated.wall.toFixed(1)} s, peak RSS ${generated.rssMiB.toFixed(0)} MiB; ` +
      `replay ${replayed.wall.toFixed(1)} s (${fmt(rows / replayed.wall)} rows/s whole process), peak RSS ${replayed.rssMiB.toFixed(0)} MiB`);
    const label = rows >= 1_000_000 ? `${rows / 1_000_000}M` : `${rows / 1000}k`;
    table.push({ case: `generate trace, M/M/50 ${label} rows (whole process)`, conversations: rows, events: NaN, seconds: generated.wall,
      peakRssMiB: generated.rssMiB, workers: 1, speedUp: NaN, ratioToReference: NaN, goal: '' });
    table.push({ case: `replay trace, M/M/50 ${label} rows (whole process)`, conversations: rows, events: NaN, seconds: replayed.wall,
      peakRssMiB: replayed.rssMiB, workers: 1, speedUp: NaN, ratioToReference: NaN, goal: 'peak RSS flat' });
  }
} finally {
  rmSync(traceDir, { recursive: true, force: true });
}

// The shipped scenarios as a user runs them: default replications, one worker per core, whole process.
const shipped: { scenario: string; replications: number; seconds: number }[] = [];
for (const name of ['mmc-validation', 'orange-multibrand', 'swisscom-outage', 'swisscom-replay']) {
  const file = fileURLToPath(new URL(`../../../scenarios/${name}.yaml`, import.meta.url));
  // Thresholds a default run cannot decide would exit 99: the bench times the run, it does not judge it.
  const r = nodePeak([CLI, 'run', file, '--format', 'json', '--quiet', '--inconclusive', 'pass', '--out', join(benchDir, `out-${name}`)]);
  const summary = JSON.parse(r.stdout) as { replications: number; events: { mean: number } };
  shipped.push({ scenario: name, replications: summary.replications, seconds: r.wall });
  table.push({ case: `careload run ${name} (${summary.replications} replications)`, conversations: NaN, events: summary.events.mean * summary.replications,
    seconds: r.wall, peakRssMiB: r.rssMiB, workers: cpus().length, speedUp: NaN, ratioToReference: NaN, goal: '' });
}
// Parallel replications: the same run on one worker thread and on two, whole processes (start-up and
// per-replication overhead count), alternating (3 pairs), the speed-up as the median of the pairs' ratios.
const PARALLEL = [
  { name: 'mmc-validation', replications: 16, goal: '>= 1.8x on 2 workers' },
  { name: 'swisscom-outage', replications: 64, goal: '>= 1.6x on 2 workers' },
];
const parallel: { scenario: string; replications: number; oneWorker: number; twoWorkers: number; speedUp: number }[] = [];
if (cpus().length >= 2) {
  for (const { name, replications, goal } of PARALLEL) {
    const file = fileURLToPath(new URL(`../../../scenarios/${name}.yaml`, import.meta.url));
    const runOn = (workers: number) =>
      nodePeak([CLI, 'run', file, '-r', String(replications), '--workers', String(workers), '--format', 'json', '--quiet', '--inconclusive', 'pass', '--out', join(benchDir, `out-${name}-${workers}`)]);
    const pairs = Array.from({ length: 3 }, () => ({ one: runOn(1), two: runOn(2) }));
    const events = (JSON.parse(pairs[0].one.stdout) as { events: { mean: number } }).events.mean * replications;
    const oneWorker = medianOf(pairs.map((p) => p.one.wall));
    const twoWorkers = medianOf(pairs.map((p) => p.two.wall));
    const speedUp = medianOf(pairs.map((p) => p.one.wall / p.two.wall));
    parallel.push({ scenario: name, replications, oneWorker, twoWorkers, speedUp });
    table.push({ case: `careload run ${name} (${replications} replications), 1 worker`, conversations: NaN, events, seconds: oneWorker,
      peakRssMiB: medianOf(pairs.map((p) => p.one.rssMiB)), workers: 1, speedUp: 1, ratioToReference: NaN, goal: '' });
    table.push({ case: `careload run ${name} (${replications} replications), 2 workers`, conversations: NaN, events, seconds: twoWorkers,
      peakRssMiB: medianOf(pairs.map((p) => p.two.rssMiB)), workers: 2, speedUp, ratioToReference: NaN, goal });
  }
}
rmSync(benchDir, { recursive: true, force: true });

// The table, then bench.json.
const header = ['case', 'conversations/s', 'events/s', 'wall s', 'peak RSS MiB', 'workers', 'speed-up', 'x reference', 'goal'];
const cells = table.map((r) => [
  r.case,
  fmt(r.conversations / r.seconds),
  fmt(r.events / r.seconds),
  r.seconds.toFixed(2),
  Number.isFinite(r.peakRssMiB) ? r.peakRssMiB.toFixed(0) : '-',
  String(r.workers),
  Number.isFinite(r.speedUp) ? `${r.speedUp.toFixed(2)}x` : '-',
  Number.isFinite(r.ratioToReference) ? r.ratioToReference.toFixed(2) : '-',
  r.goal,
]);
const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i].length)));
const render = (c: string[]) => `| ${c.map((x, i) => (i === 0 || i === c.length - 1 ? x.padEnd(widths[i]) : x.padStart(widths[i]))).join(' | ')} |`;
console.log('');
console.log(render(header));
console.log(`|${widths.map((w, i) => (i === 0 || i === widths.length - 1 ? `:${'-'.repeat(w + 1)}` : `${'-'.repeat(w + 1)}:`)).join('|')}|`);
for (const c of cells) console.log(render(c));
const crisisPerCore = table.find((r) => r.case.startsWith('crisis') && r.workers === 1);
if (crisisPerCore) console.log(`crisis x10 per core: ${fmt(crisisPerCore.conversations / crisisPerCore.seconds)} conversations/s (one thread)`);
const machine = { cpus: cpus().length, model: cpus()[0]?.model ?? 'unknown', node: process.version, platform: `${process.platform} ${process.arch}` };
const benchJson = fileURLToPath(new URL('../../../bench.json', import.meta.url));
writeFileSync(benchJson, `${JSON.stringify({ date: new Date().toISOString(), machine, rows: table, shipped, startUp: {
  versionWallMs: Math.round(median(startUp.version.map((r) => r.wall)) * 1000),
  erlangWallMs: Math.round(median(startUp.erlang.map((r) => r.wall)) * 1000),
  validateWallMs: Math.round(median(startUp.validate.map((r) => r.wall)) * 1000),
  cpuMs: Object.fromEntries(Object.entries(startUp).map(([k, runs]) => [k, Math.round(median(runs.map((r) => r.cpu)) * 1000)])),
}, planSeconds: planRun.wall, parallel }, (_, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? null : v), 2)}\n`);
console.log(`wrote ${benchJson}`);
