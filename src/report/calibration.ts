import { stringify } from 'yaml';
import type { CalibratedKpi, CalibrationResult, Observation } from '../calibration/calibrate.js';
import type { Scenario } from '../scenario/types.js';
import { formatDuration } from '../format/time.js';
import { formatShare, table } from './text.js';

/** The calibration.json document: the fit, its KPIs and what produced them. */
export interface CalibrationDocument {
  scenario: string;
  seed: number;
  replications: number;
  /** Measurement window, seconds. */
  window: Scenario['report']['window'];
  /** Simulation runs the search made. */
  evaluations: number;
  kpis: CalibratedKpi[];
  fitted: { path: string[]; value: number }[];
  /** Parameters left out of calibrated.yaml because their KPI was out of reach (the scenario's value kept). */
  notWritten: CalibrationResult['notWritten'];
}

/** Builds the calibration.json document of a fit of `scenario` (as run: its seed and replications). */
export function calibrationDocument(scenario: Scenario, result: CalibrationResult): CalibrationDocument {
  return {
    scenario: scenario.name,
    seed: scenario.seed,
    replications: scenario.replications,
    window: scenario.report.window,
    evaluations: result.evaluations,
    kpis: result.kpis,
    fitted: result.fitted,
    notWritten: result.notWritten,
  };
}

/** Where calibrated.yaml is and how the scenario was loaded, for its usage comment. */
export interface OverlayUsage {
  /** The overlay's path as the user can name it (relative to the folder calibrate ran in, or absolute) [default: calibrated.yaml]. */
  overlayFile?: string;
  /** The load flags calibrate was given (--overlay, --set-new, --set, --skip-bad-rows), repeated so that the command rebuilds the scenario that was fitted. */
  loadArgs?: readonly string[];
}

/** A word as a POSIX shell reads it back: quoted only when it needs to be. */
export function shellWord(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, "'\\''")}'`;
}

/**
 * The calibrated.yaml overlay: the fitted parameters as a partial scenario,
 * under a comment header saying how they were fitted, what was left out (a
 * KPI out of its parameter's reach writes no value), and the command that
 * uses them (`scenarioFile` is the scenario as the user named it; with
 * `usage`, the overlay's path and load flags as they were given, so the
 * command works from the folder calibrate ran in).
 */
export function calibratedOverlay(scenario: Scenario, observations: readonly Observation[], result: CalibrationResult, scenarioFile: string, usage: OverlayUsage = {}): string {
  const overlay: Record<string, unknown> = {};
  for (const { path, value } of result.fitted) {
    let node = overlay;
    path.slice(0, -1).forEach((k) => (node = (node[k] ??= {}) as Record<string, unknown>));
    node[path[path.length - 1]] = value;
  }
  const w = scenario.report.window;
  const command = ['careload', 'run', scenarioFile, ...(usage.loadArgs ?? []), '--overlay', usage.overlayFile ?? 'calibrated.yaml'].map(shellWord).join(' ');
  const left = result.notWritten.map((n) => `# not written: ${n.path.join('.')} (${n.metric} out of reach; the scenario's ${n.kept} is kept)\n`).join('');
  const header = `# careload calibrate: ${scenario.name}, seed ${scenario.seed}, ${scenario.replications} replications, window ${formatDuration(w.from)} to ${formatDuration(w.to)}\n` +
    `# observed: ${observations.map((o) => `${o.metric}=${o.value}`).join(', ')}\n${left}` +
    `# use with: ${command}${usage.overlayFile === undefined ? '' : ' (from the folder calibrate ran in)'}, or copy these keys into the scenario\n`;
  return header + stringify(overlay);
}

/** The calibration as text: a title line, then one row per KPI, observed against simulated, and the fitted parameter. */
export function calibrationTextReport(scenario: Scenario, result: CalibrationResult): string {
  const w = scenario.report.window;
  const rows = result.kpis.map((k) => [
    k.metric,
    `${(100 * k.observed).toFixed(1)}%`,
    formatShare(k.simulated),
    k.parameter ? (k.fitted === null ? `${k.parameter} not fitted` : `${k.parameter} = ${k.fitted}`) : '-',
    k.note ?? (k.simulated.ci95 && k.simulated.ci95[0] <= k.observed && k.observed <= k.simulated.ci95[1] ? 'matched (inside the 95% interval)' : 'fitted'),
  ]);
  return `careload calibrate: ${scenario.name} over ${formatDuration(w.from)} to ${formatDuration(w.to)} (${result.evaluations} simulation runs of ${scenario.replications} replications)\n\n` +
    `${table(['KPI', 'observed', 'simulated', 'parameter', 'note'], rows)}\n` +
    (result.notWritten.length > 0 ? '\n' : '') +
    result.notWritten.map((n) => `${n.metric} is out of reach: ${n.path.join('.')} is not written to the overlay (the scenario's ${n.kept} is kept)\n`).join('');
}
