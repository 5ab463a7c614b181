import { render } from 'ink';
import { CHECK_DEFAULTS, checkScenario, createReplicationPool, RunAborted, type CheckOptions, type Scenario, type ScenarioCheck, type SkippedFile } from '../../src/index.js';
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

/** What {@link checkLive} did: every scenario's check, or those done before `q` stopped it. */
export interface CheckLiveOutcome {
  checks: ScenarioCheck[];
  stopped: boolean;
}

/**
 * Checks the scenarios one after another under the live terminal view, on
 * worker threads even with one worker (so the screen and the keys stay
 * responsive). `q` or ctrl-c stops the check: the outcome says so, and the
 * caller writes nothing. The view is cleared at the end, for the report.
 */
export async function checkLive(jobs: readonly CheckJob[], skipped: readonly SkippedFile[], workers: number, inconclusive: 'fail' | 'pass', color: boolean): Promise<CheckLiveOutcome> {
  const store = new LiveStore<CheckLiveState>(
    initialCheckState(
      jobs.map(({ file, scenario }) => ({ name: scenario.name, file, thresholds: scenario.thresholds.map((t) => `${t.metric} ${t.condition}`) })),
      skipped,
      inconclusive,
    ),
  );
  const controller = new AbortController();
  const quit = () => {
    if (controller.signal.aborted) return;
    store.update(stopping, true);
    controller.abort();
  };
  const pool = createReplicationPool(Math.max(1, workers));
  const ink = render(<LiveFrame store={store} onQuit={quit} view={(state, width, height) => <CheckLiveView state={state} width={width} height={height} color={color} />} />, { exitOnCtrlC: false, patchConsole: false });
  let started = Date.now();
  const clock = setInterval(() => store.update((s) => ticked(s, (Date.now() - started) / 1000)), 500);
  const checks: ScenarioCheck[] = [];
  try {
    for (const [index, { file, scenario, options }] of jobs.entries()) {
      if (controller.signal.aborted) return { checks, stopped: true };
      started = Date.now();
      store.update((s) => scenarioStarted(s, index, options.maxReplications ?? CHECK_DEFAULTS.maxReplications), true);
      const { check } = await checkScenario(scenario, {
        ...options,
        file,
        workers,
        pool,
        signal: controller.signal,
        onProgress: (done, max) => store.update((s) => replicationDone(s, done, max)),
        onBatch: (batch) => store.update((s) => batchStarted(s, batch), true),
        onLook: (look) => store.update((s) => looked(s, look), true),
      });
      checks.push(check);
      store.update((s) => scenarioDone(s, check, (Date.now() - started) / 1000), true);
    }
    return { checks, stopped: false };
  } catch (e) {
    if (e instanceof RunAborted) return { checks, stopped: true };
    throw e;
  } finally {
    clearInterval(clock);
    store.flush();
    ink.clear();
    ink.unmount();
    await pool.close();
  }
}
