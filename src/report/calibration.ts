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
  };
}

/**
 * The calibrated.yaml overlay: the fitted parameters as a partial scenario,
 * under a comment header saying how they were fitted and how to use them
 * (`scenarioFile` is the scenario as the user named it).
 */
export function calibratedOverlay(scenario: Scenario, observations: readonly Observation[], result: CalibrationResult, scenarioFile: string): string {
  const overlay: Record<string, unknown> = {};
  for (const { path, value } of result.fitted) {
    let node = overlay;
    path.slice(0, -1).forEach((k) => (node = (node[k] ??= {}) as Record<string, unknown>));
    node[path[path.length - 1]] = value;
  }
  const w = scenario.report.window;
  const header = `# careload calibrate: ${scenario.name}, seed ${scenario.seed}, ${scenario.replications} replications, window ${formatDuration(w.from)} to ${formatDuration(w.to)}\n` +
    `# observed: ${observations.map((o) => `${o.metric}=${o.value}`).join(', ')}\n# use with: careload run ${scenarioFile} --overlay calibrated.yaml, or copy these keys into the scenario\n`;
  return header + stringify(overlay);
}

/** The calibration as text: a title line, then one row per KPI, observed against simulated, and the fitted parameter. */
export function calibrationTextReport(scenario: Scenario, result: CalibrationResult): string {
  const w = scenario.report.window;
  const rows = result.kpis.map((k) => [
    k.metric,
    `${(100 * k.observed).toFixed(1)}%`,
    formatShare(k.simulated),
    k.parameter ? `${k.parameter} = ${k.fitted}` : '-',
    k.note ?? (k.simulated.ci95 && k.simulated.ci95[0] <= k.observed && k.observed <= k.simulated.ci95[1] ? 'matched (inside the 95% interval)' : 'fitted'),
  ]);
  return `careload calibrate: ${scenario.name} over ${formatDuration(w.from)} to ${formatDuration(w.to)} (${result.evaluations} simulation runs of ${scenario.replications} replications)\n\n` +
    `${table(['KPI', 'observed', 'simulated', 'parameter', 'note'], rows)}\n`;
}
