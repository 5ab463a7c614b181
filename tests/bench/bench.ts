/**
 * `npm run bench`: single-threaded throughput of the engine and model on
 * the M/M/50 case (C5) of docs/validation.md (lambda 100/h, AHT 27 min, utilisation
 * 0.9), plus a check that memory stays flat as the conversation count grows.
 * Reference points on a 2-core machine: SimPy ~57k customers/s, a minimal
 * hand-written Node loop ~3.1M/s. Then the start-up time of the built CLI:
 * `careload --version`, `careload erlang` and `careload validate`, and `careload plan` on the
 * crisis scenario for two teams. Last, a recorded trace: `careload generate`
 * writes 100,000 and 1,000,000 rows of the M/M/50 case and `careload run`
 * replays each, printing the peak RSS of both (flat = the trace streams).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Field } from '../../src/metrics/fields.js';
import { simulateReplication } from '../../src/model/simulation.js';
import { parseScenario } from '../../src/scenario/load.js';

function scenario(conversations: number) {
  const hours = Math.round(conversations / 100);
  return parseScenario(
    `
name: bench-mm50
horizon: ${hours}h
replications: 1
report: { interval: 1000h }
channels:
  chat: { rate: 100/h, handleTime: { dist: exponential, mean: 27m } }
tiers:
  standard: { firstResponse: 5m }
teams:
  agents: { agents: 50 }
`,
    'bench.yaml',
  );
}

function measure(conversations: number) {
  const sc = scenario(conversations);
  globalThis.gc?.();
  const heapBefore = process.memoryUsage().heapUsed;
  const started = process.hrtime.bigint();
  const r = simulateReplication(sc, 0);
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const heapAfter = process.memoryUsage().heapUsed;
  const n = r.fields[Field.arrivals];
  return { n, events: r.events, seconds, heapGrowthMiB: (heapAfter - heapBefore) / 2 ** 20 };
}

const fmt = (x: number) => Math.round(x).toLocaleString('en-US');

measure(100_000); // warm up the JIT
const small = measure(100_000);
const large = measure(1_000_000);
console.log('careload bench: M/M/50 at utilisation 0.9, one replication, one thread');
console.log(`  ${fmt(large.n)} conversations, ${fmt(large.events)} events in ${large.seconds.toFixed(2)} s`);
console.log(`  ${fmt(large.n / large.seconds)} conversations/s, ${fmt(large.events / large.seconds)} events/s (goal: >= 500,000 conversations/s)`);
console.log(`  heap growth during the run: ${small.heapGrowthMiB.toFixed(1)} MiB for ${fmt(small.n)} conversations, ` +
  `${large.heapGrowthMiB.toFixed(1)} MiB for ${fmt(large.n)} (flat = memory follows conversations in flight)`);
console.log(`  peak RSS ${(process.memoryUsage().rss / 2 ** 20).toFixed(0)} MiB`);

// A child reports its own CPU time (user + system, all its threads) on file descriptor 3 as it exits.
const REPORT_CPU = `data:text/javascript,${encodeURIComponent(
  'import { writeSync } from "node:fs"; process.on("exit", () => { const u = process.cpuUsage(); writeSync(3, String((u.user + u.system) / 1e6)); });',
)}`;

/** Wall-clock and CPU seconds of one run of the built CLI with `args` (it must exit 0). */
function cliSeconds(args: string[]): { wall: number; cpu: number } {
  const cli = fileURLToPath(new URL('../../cli/careload.js', import.meta.url));
  const started = process.hrtime.bigint();
  const r = spawnSync(process.execPath, ['--import', REPORT_CPU, cli, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe', 'pipe'] });
  const wall = Number(process.hrtime.bigint() - started) / 1e9;
  if (r.status !== 0) throw new Error(`careload ${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  return { wall, cpu: Number(r.output[3]) };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

// Alternating runs, so a busy spell of the machine slows both alike; medians,
// so one slow run does not count; CPU time too, which other jobs disturb less
// than the wall clock.
const STARTS = 11;
const ERLANG = ['erlang', '--rate', '200/h', '--aht', '3m', '--target', '20s', '--sl', '80%', '--patience', '5m', '--shrinkage', '30%'];
const VALIDATE = ['validate', fileURLToPath(new URL('../../../scenarios/mmc-validation.yaml', import.meta.url))];
const startUp = { version: [] as { wall: number; cpu: number }[], erlang: [] as { wall: number; cpu: number }[], validate: [] as { wall: number; cpu: number }[] };
for (let i = 0; i < STARTS; i++) {
  startUp.version.push(cliSeconds(['--version']));
  startUp.erlang.push(cliSeconds(ERLANG));
  startUp.validate.push(cliSeconds(VALIDATE));
}
const ms = (s: number) => `${Math.round(s * 1000)} ms`;
const line = (runs: { wall: number; cpu: number }[]) => `${ms(median(runs.map((r) => r.wall))).padStart(7)} wall, ${ms(median(runs.map((r) => r.cpu))).padStart(7)} CPU`;
console.log(`careload start-up: medians of ${STARTS} runs each, alternating`);
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
  }
} finally {
  rmSync(traceDir, { recursive: true, force: true });
}
