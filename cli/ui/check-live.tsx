import { render } from 'ink';
import { CHECK_DEFAULTS, checkScenario, createReplicationPool, RunAborted, type CheckOptions, type CheckStopped, type Scenario, type ScenarioCheck, type SkippedFile } from '../../src/index.js';
import type { Interruption } from '../interrupt.js';
import { batchStarted, initialCheckState, looked, replicationDone, scenarioDone, scenarioStarted, stopping, ticked, type CheckLiveState } from './check-state.js';
import { CheckLiveView } from './check-view.js';
import { LiveStore } from './store.js';
import { LiveFrame } from './live-frame.js';


/** One scenario to check, with its options (the baseline applies to one scenario only). */
export interface CheckJob {
  file: string;
  scenario: Scenario;
  options: CheckOptions;
}

/** What a check did: every scenario's check, or those done before it was stopped, and the one it stopped in (not judged). */
export interface CheckOutcome {
  checks: ScenarioCheck[];
  /** Null when the check ran to the end (or stopped between two scenarios). */
  notJudged: CheckStopped['notJudged'];
}

/**
 * Checks the scenarios one after another under the live terminal view, on
 * worker threads even with one worker (so the screen and the keys stay
 * responsive). `q` or ctrl-c stops the check through `interruption`, as a
 * signal does: the outcome holds the scenarios checked and the one it
 * stopped in. The view is cleared at the end, for the report.
 */
export async function checkLive(
  jobs: readonly CheckJob[],
  skipped: readonly SkippedFile[],
  workers: number,
  inconclusive: 'fail' | 'pass',
  color: boolean,
  interruption: Pick<Interruption, 'signal' | 'stop' | 'onStop'>,
): Promise<CheckOutcome> {
  const store = new LiveStore<CheckLiveState>(
    initialCheckState(
      jobs.map(({ file, scenario }) => ({ name: scenario.name, file, thresholds: scenario.thresholds.map((t) => `${t.metric} ${t.condition}`) })),
      skipped,
      inconclusive,
    ),
  );
  interruption.onStop(() => store.update(stopping, true));
  const quit = (key: 'q' | 'ctrl-c') => interruption.stop(key === 'q' ? 'quit' : 'SIGINT');
  const pool = createReplicationPool(Math.max(1, workers));
  const ink = render(<LiveFrame store={store} onQuit={quit} view={(state, width, height) => <CheckLiveView state={state} width={width} height={height} color={color} />} />, { exitOnCtrlC: false, patchConsole: false });
  let started = Date.now();
  const clock = setInterval(() => store.update((s) => ticked(s, (Date.now() - started) / 1000)), 500);
  const checks: ScenarioCheck[] = [];
  let current: CheckOutcome['notJudged'] = null;
  try {
    for (const [index, { file, scenario, options }] of jobs.entries()) {
      if (interruption.signal.aborted) return { checks, notJudged: null };
      current = { scenario: scenario.name, file, replications: 0 };
      const under = current;
      started = Date.now();
      store.update((s) => scenarioStarted(s, index, options.maxReplications ?? CHECK_DEFAULTS.maxReplications), true);
      const { check } = await checkScenario(scenario, {
        ...options,
        file,
        workers,
        pool,
        signal: interruption.signal,
        onProgress: (done, max) => {
          under.replications = done;
          store.update((s) => replicationDone(s, done, max));
        },
        onBatch: (batch) => store.update((s) => batchStarted(s, batch), true),
        onLook: (look) => store.update((s) => looked(s, look), true),
      });
      checks.push(check);
      current = null;
      store.update((s) => scenarioDone(s, check, (Date.now() - started) / 1000), true);
    }
    return { checks, notJudged: null };
  } catch (e) {
    if (e instanceof RunAborted) return { checks, notJudged: current };
    throw e;
  } finally {
    clearInterval(clock);
    store.flush();
    ink.clear();
    ink.unmount();
    await pool.close();
  }
}
