import { join } from 'node:path';
import {
  calibrate,
  calibratedOverlay,
  calibrationDocument,
  calibrationTextReport,
  createReplicationPool,
  defaultWorkers,
  isObservable,
  isShare,
  runReplications,
  toJson,
  writeFileAtomic,
  RunAborted,
  type CalibrationResult,
  type Observation,
} from '../../src/index.js';
import type { CalibrateArgs } from '../commands/calibrate.js';
import { UsageError } from '../exit-codes.js';
import { watchInterrupts } from '../interrupt.js';
import { outFolderFlag, wholeFlag, workersFlag } from '../options.js';
import { assertRunFits, scenarioFromArgs } from '../scenario-args.js';
import { progressReporter } from '../progress.js';

/** The --observe values as observations, or a usage error naming what is wrong. */
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

/** The load flags as given, for the overlay's usage comment: the command it names rebuilds the scenario that was fitted. */
function loadFlags(args: CalibrateArgs): string[] {
  return [
    ...args.overlay.flatMap((o) => ['--overlay', o]),
    ...args.setNew.flatMap((s) => ['--set-new', s]),
    ...args.set.flatMap((s) => ['--set', s]),
    ...(args.skipBadRows ? ['--skip-bad-rows'] : []),
  ];
}

/**
 * Fits, writes calibrated.yaml (the overlay) and calibration.json, prints
 * observed vs simulated. Stopped by Ctrl-C or SIGTERM before the fit is
 * done: writes nothing, exit 130 (143).
 */
export async function handler(args: CalibrateArgs): Promise<void> {
  const observations = parseObservations(args.observe);
  const seed = wholeFlag('seed', args.seed, 0);
  const replications = wholeFlag('replications', args.replications, 1);
  const workers = workersFlag(args.workers);
  const loaded = scenarioFromArgs(args);
  const base = { ...loaded, seed: seed ?? loaded.seed, replications: replications ?? loaded.replications };
  // The limit applies to each simulation run of the search.
  assertRunFits(base, args);
  const outDir = outFolderFlag(args.out, join('results', base.name));
  const progress = progressReporter(!args.quiet, 'simulation runs');
  // One pool for the whole search: calibration runs dozens of short simulations.
  const pool = createReplicationPool(workers ?? defaultWorkers(base.replications));
  let result: CalibrationResult;
  let evaluations = 0;
  const interruption = watchInterrupts();
  try {
    result = await calibrate(base, observations, (s) => runReplications(s, { pool, signal: interruption.signal }), (n) => {
      evaluations = n;
      progress(n, Infinity);
    });
  } catch (e) {
    // A fit stopped part-way has found nothing yet: writing it would claim values that are not calibrated.
    if (!(e instanceof RunAborted)) throw e;
    process.stderr.write(`careload: calibration stopped after ${evaluations} simulation run(s), before the fit was done; nothing written (no calibrated.yaml)\n`);
    throw interruption.interrupted('stopped');
  } finally {
    interruption.release();
    await pool.close();
  }

  const overlayFile = join(outDir, 'calibrated.yaml');
  writeFileAtomic(overlayFile, calibratedOverlay(base, observations, result, args.scenario, { overlayFile, loadArgs: loadFlags(args) }));
  const json = toJson(calibrationDocument(base, result));
  writeFileAtomic(join(outDir, 'calibration.json'), json);
  if (args.format === 'json') {
    process.stdout.write(json);
    return;
  }
  process.stdout.write(`${calibrationTextReport(base, result)}\nwrote ${overlayFile} and calibration.json\n`);
}
