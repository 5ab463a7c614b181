/**
 * What the live view of `careload check` knows, and how each event of the
 * check changes it. Plain functions on plain data (no ink, no React), so a
 * test can script a check's events and look at the screen they give.
 */
import type { CheckBatch, CheckLook, ScenarioCheck, SkippedFile, ThresholdVerdict } from '../../src/index.js';

/** A scenario in the list: waiting its turn, running, or done with its result. */
export interface CheckScenarioRow {
  name: string;
  file: string;
  /** Its thresholds as written (`slaAttainment >= 75%`), shown before the first look. */
  thresholds: string[];
  status: 'waiting' | 'running' | 'done';
  /** The result, once done. */
  check?: ScenarioCheck;
  /** Wall-clock seconds it took, once done. */
  seconds?: number;
}

/** The scenario being checked: the batch under way and the latest look. */
export interface CheckRunning {
  /** Index into {@link CheckLiveState.scenarios}. */
  index: number;
  /** The batch under way (null before the first starts). */
  batch: CheckBatch | null;
  /** Replications done. */
  done: number;
  /** The most replications the check may run. */
  max: number;
  /** The latest look (null before the first). */
  look: CheckLook | null;
  /** Wall-clock seconds since the scenario started. */
  elapsed: number;
}

/** The live view's state. */
export interface CheckLiveState {
  scenarios: CheckScenarioRow[];
  skipped: SkippedFile[];
  running: CheckRunning | null;
  /** How an inconclusive threshold counts at the end. */
  inconclusive: 'fail' | 'pass';
  /** `q` was pressed: the check is being stopped. */
  stopping: boolean;
}

/** The state before anything runs: every scenario waiting. */
export function initialCheckState(
  scenarios: readonly { name: string; file: string; thresholds: readonly string[] }[],
  skipped: readonly SkippedFile[],
  inconclusive: 'fail' | 'pass',
): CheckLiveState {
  return {
    scenarios: scenarios.map((s) => ({ name: s.name, file: s.file, thresholds: [...s.thresholds], status: 'waiting' })),
    skipped: [...skipped],
    running: null,
    inconclusive,
    stopping: false,
  };
}

function withRow(state: CheckLiveState, index: number, change: Partial<CheckScenarioRow>): CheckScenarioRow[] {
  return state.scenarios.map((row, i) => (i === index ? { ...row, ...change } : row));
}

/** Scenario `index` starts. */
export function scenarioStarted(state: CheckLiveState, index: number, max: number): CheckLiveState {
  return { ...state, scenarios: withRow(state, index, { status: 'running' }), running: { index, batch: null, done: 0, max, look: null, elapsed: 0 } };
}

/** A batch of replications starts. */
export function batchStarted(state: CheckLiveState, batch: CheckBatch): CheckLiveState {
  return state.running ? { ...state, running: { ...state.running, batch, max: batch.max } } : state;
}

/** A replication finished: `done` of at most `max`. */
export function replicationDone(state: CheckLiveState, done: number, max: number): CheckLiveState {
  return state.running ? { ...state, running: { ...state.running, done, max } } : state;
}

/** A look was taken: the thresholds as they stand. */
export function looked(state: CheckLiveState, look: CheckLook): CheckLiveState {
  return state.running ? { ...state, running: { ...state.running, look, done: look.replications } } : state;
}

/** The clock: seconds since the running scenario started. */
export function ticked(state: CheckLiveState, elapsed: number): CheckLiveState {
  return state.running ? { ...state, running: { ...state.running, elapsed } } : state;
}

/** The running scenario finished with `check`, after `seconds`. */
export function scenarioDone(state: CheckLiveState, check: ScenarioCheck, seconds: number): CheckLiveState {
  if (!state.running) return state;
  return { ...state, scenarios: withRow(state, state.running.index, { status: 'done', check, seconds }), running: null };
}

/** `q` was pressed. */
export function stopping(state: CheckLiveState): CheckLiveState {
  return { ...state, stopping: true };
}

/**
 * A checked scenario's mark: fail when a threshold failed or a metric got
 * worse than the baseline, inconclusive when none did but a threshold
 * stayed undecided (whichever way that counts), pass otherwise.
 */
export function scenarioVerdict(check: ScenarioCheck): ThresholdVerdict {
  if (check.thresholds.some((t) => t.verdict === 'fail') || (check.baseline?.regressions.length ?? 0) > 0) return 'fail';
  if (check.thresholds.some((t) => t.verdict === 'inconclusive')) return 'inconclusive';
  return 'pass';
}
