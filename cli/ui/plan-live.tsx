import { render } from 'ink';
import type { PlanCandidate, PlanNext, PlanProgress, PlanSweepRow, RequirementStep } from '../../src/index.js';
import {
  initialPlanState,
  intervalDone,
  intervalJudged,
  intervalSimulating,
  intervalsStarted,
  judged,
  planStarted,
  replicationsDone,
  simulating,
  stopping,
  ticked,
  variantDone,
  type PlanLiveState,
} from './plan-state.js';
import { PlanLiveView } from './plan-view.js';
import { LiveStore } from './store.js';
import { LiveFrame } from './live-frame.js';


/** The live view of a plan, fed by the plan's callbacks; `close` clears it for the report. */
export interface PlanLive {
  /** The plan (or variant `index` of the sweep) starts. */
  planStarted: (index: number) => void;
  onSimulating: (next: PlanNext) => void;
  onReplications: (done: number, max: number) => void;
  onCandidate: (progress: PlanProgress) => void;
  /** A sweep's variant is done. */
  variantDone: (row: PlanSweepRow, seconds: number) => void;
  /** `--by-interval` starts: `total` intervals of `team`. */
  intervalsStarted: (team: string, total: number) => void;
  onIntervalSimulating: (index: number, total: number, agents: number) => void;
  onIntervalCandidate: (index: number, total: number, candidate: PlanCandidate) => void;
  onInterval: (done: number, total: number, step: RequirementStep) => void;
  /** Say that the plan is being stopped (q, ctrl-c or SIGINT). */
  stopping: () => void;
  /** Clears the view and lets go of the terminal. */
  close: () => void;
}

/**
 * Draws the live view of `careload plan` until `close`. `q` or ctrl-c calls
 * `onQuit`, which stops the plan the way SIGINT does; the caller then writes
 * the best staffing that passed so far, marked stopped. The plan must run on
 * worker threads (even one), so the screen and the keys stay responsive.
 */
export function startPlanLive(
  scenario: { name: string; file: string; targets: readonly string[]; confidence: number },
  sweep: { varied: string; labels: readonly string[] } | undefined,
  color: boolean,
  onQuit: (key: 'q' | 'ctrl-c') => void,
): PlanLive {
  const store = new LiveStore<PlanLiveState>(initialPlanState(scenario, sweep));
  const started = Date.now();
  const ink = render(<LiveFrame store={store} onQuit={onQuit} view={(state, width, height) => <PlanLiveView state={state} width={width} height={height} color={color} />} />, { exitOnCtrlC: false, patchConsole: false });
  const clock = setInterval(() => store.update((s) => ticked(s, (Date.now() - started) / 1000)), 500);
  const now = (s: PlanLiveState) => ticked(s, (Date.now() - started) / 1000);
  return {
    planStarted: (index) => store.update((s) => planStarted(now(s), index), true),
    onSimulating: (next) => store.update((s) => simulating(now(s), next), true),
    onReplications: (done, max) => store.update((s) => replicationsDone(s, done, max)),
    onCandidate: (p) => store.update((s) => judged(now(s), p), true),
    variantDone: (row, seconds) => store.update((s) => variantDone(s, row, seconds), true),
    intervalsStarted: (team, total) => store.update((s) => intervalsStarted(s, team, total), true),
    onIntervalSimulating: (index, total, agents) => store.update((s) => intervalSimulating(now(s), index, total, agents), true),
    onIntervalCandidate: (index, _total, candidate) => store.update((s) => intervalJudged(now(s), index, candidate), true),
    onInterval: (done, total, step) => store.update((s) => intervalDone(now(s), done, total, step), true),
    stopping: () => store.update(stopping, true),
    close: () => {
      clearInterval(clock);
      store.flush();
      ink.clear();
      ink.unmount();
    },
  };
}
