import { join } from 'node:path';
import type { Argv } from 'yargs';
import { stringify } from 'yaml';
import { calibrate, isObservable, isShare, type Observation } from '../../src/calibration/calibrate.js';
import { toJson } from '../../src/report/json.js';
import { formatShare, table } from '../../src/report/text.js';
import { writeFileAtomic } from '../../src/report/write.js';
import { createReplicationPool, defaultWorkers, runReplications } from '../../src/runner/replicate.js';
import { formatDuration } from '../../src/scenario/units.js';
import { UsageError } from '../exit-codes.js';
import { scenarioFromArgs, wholeFlag, withRunOptions, withScenario, type RunFlags } from '../options.js';
import { progressReporter } from '../progress.js';

export const command = 'calibrate <scenario>';
export const describe = "fit the outcome model's free parameters to observed KPIs and write them as an overlay";

export const builder = (y: Argv) =>
  withRunOptions(withScenario(y), 'calibrated.yaml and calibration.json')
    .option('observe', { type: 'string', array: true, default: [] as string[], describe: 'an observed KPI, e.g. --observe recoveryNegative=0.43; repeatable' });

interface CalibrateArgs extends RunFlags {
  observe: string[];
}

function parseObservations(raw: string[]): Observation[] {
  if (raw.length === 0) throw new UsageError('name at least one observed KPI, e.g. --observe recoveryNegative=0.43');
  return raw.map((text) => {
    const m = /^([A-Za-z]+)=([0-9.]+%?)$/.exec(text.trim());
    if (!m) throw new UsageError(`--observe: expected metric=value such as recoveryNegative=0.43, got ${JSON.stringify(text)}`);
    if (!isObservable(m[1])) throw new UsageError(`--observe: unknown metric ${JSON.stringify(m[1])}; use an overall metric such as recoveryNegative, recoveryNeutral, csat, surveyResponseRate, answeredWithin`);
    const value = m[2].endsWith('%') ? Number(m[2].slice(0, -1)) / 100 : Number(m[2]);
    if (!Number.isFinite(value)) throw new UsageError(`--observe: expected a number, got ${JSON.stringify(text)}`);
    if (isShare(m[1]) && value > 1) throw new UsageError(`--observe: ${m[1]} is a share, expected 0 to 1 (or 0% to 100%), got ${m[2]}`);
    return { metric: m[1], value };
  });
}

/** Fits, writes calibrated.yaml (the overlay) and calibration.json, prints observed vs simulated. */
export async function handler(args: CalibrateArgs): Promise<void> {
  const observations = parseObservations(args.observe);
  const seed = wholeFlag('seed', args.seed, 0);
  const replications = wholeFlag('replications', args.replications, 1);
  const workers = wholeFlag('workers', args.workers, 0);
  const loaded = scenarioFromArgs(args);
  const base = { ...loaded, seed: seed ?? loaded.seed, replications: replications ?? loaded.replications };
  const progress = progressReporter(!args.quiet, 'simulation runs');
  // One pool for the whole search: calibration runs dozens of short simulations.
  const pool = createReplicationPool(workers ?? defaultWorkers(base.replications));
  let result: Awaited<ReturnType<typeof calibrate>>;
  try {
    result = await calibrate(base, observations, (s) => runReplications(s, { pool }), (n) => progress(n, Infinity));
  } finally {
    await pool.close();
  }

  const overlay: Record<string, unknown> = {};
  for (const { path, value } of result.fitted) {
    let node = overlay;
    path.slice(0, -1).forEach((k) => (node = (node[k] ??= {}) as Record<string, unknown>));
    node[path[path.length - 1]] = value;
  }
  const w = base.report.window;
  const header = `# careload calibrate: ${base.name}, seed ${base.seed}, ${base.replications} replications, window ${formatDuration(w.from)} to ${formatDuration(w.to)}\n` +
    `# observed: ${observations.map((o) => `${o.metric}=${o.value}`).join(', ')}\n# use with: careload run ${args.scenario} --overlay calibrated.yaml, or copy these keys into the scenario\n`;
  const outDir = args.out ?? join('results', base.name);
  writeFileAtomic(join(outDir, 'calibrated.yaml'), header + stringify(overlay));
  const doc = { scenario: base.name, seed: base.seed, replications: base.replications, window: w, evaluations: result.evaluations, kpis: result.kpis, fitted: result.fitted };
  const json = toJson(doc);
  writeFileAtomic(join(outDir, 'calibration.json'), json);
  if (args.format === 'json') {
    process.stdout.write(json);
    return;
  }
  const rows = result.kpis.map((k) => [
    k.metric,
    `${(100 * k.observed).toFixed(1)}%`,
    formatShare(k.simulated),
    k.parameter ? `${k.parameter} = ${k.fitted}` : '-',
    k.note ?? (k.simulated.ci95 && k.simulated.ci95[0] <= k.observed && k.observed <= k.simulated.ci95[1] ? 'matched (inside the 95% interval)' : 'fitted'),
  ]);
  process.stdout.write(
    `careload calibrate: ${base.name} over ${formatDuration(w.from)} to ${formatDuration(w.to)} (${result.evaluations} simulation runs of ${base.replications} replications)\n\n` +
      `${table(['KPI', 'observed', 'simulated', 'parameter', 'note'], rows)}\n\nwrote ${join(outDir, 'calibrated.yaml')} and calibration.json\n`,
  );
}
