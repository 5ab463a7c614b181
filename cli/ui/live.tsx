import { render, useInput, useStdin } from 'ink';
import { useState, useSyncExternalStore } from 'react';
import type { ReplicationResult } from '../../src/metrics/recorder.js';
import type { summarize } from '../../src/metrics/summary.js';
import type { StoppedEarly, summaryDocument } from '../../src/report/json.js';
import type { RunAborted, runReplications } from '../../src/runner/replicate.js';
import type { Scenario } from '../../src/scenario/types.js';
import type { Interruption } from '../interrupt.js';
import { LiveStore } from './store.js';
import { useTerminalSize } from './terminal-size.js';
import { KEPT_FREE_ROWS, LiveView, nextView, VIEWS, type LiveState } from './views.js';

/**
 * The live screen of a run: the store's state drawn by {@link LiveView} at
 * the terminal's size; tab and shift-tab switch views (wrapping around),
 * `q` and ctrl-c call `onQuit`.
 */
export function LiveScreen({ scenario, store, color, title, onQuit }: { scenario: Scenario; store: LiveStore<LiveState>; color: boolean; title?: string; onQuit: (key: 'q' | 'ctrl-c') => void }) {
  const state = useSyncExternalStore(store.subscribe, store.get);
  const [view, setView] = useState(0);
  const { isRawModeSupported } = useStdin();
  const size = useTerminalSize();
  useInput(
    (input, key) => {
      if (input === 'q') onQuit('q');
      else if (key.ctrl && input === 'c') onQuit('ctrl-c');
      else if (key.tab) setView((v) => nextView(v, key.shift));
    },
    { isActive: isRawModeSupported === true },
  );
  // Keep one row free so the live region never scrolls the terminal.
  return <LiveView scenario={scenario} state={state} view={VIEWS[view]} width={size.width} height={size.height - KEPT_FREE_ROWS} color={color} title={title} />;
}

/**
 * The library a live run calls, given by the caller: its own copies of the
 * modules, since a run started from its bundle (cli/quick-bundle.ts) has
 * copies of its own, and its results and errors are instances of their
 * classes (a SparseHistograms, a RunAborted), which this module's copies
 * would not recognise.
 */
export interface LiveLibrary {
  runReplications: typeof runReplications;
  summarize: typeof summarize;
  summaryDocument: typeof summaryDocument;
  RunAborted: typeof RunAborted;
}

/**
 * Runs the replications under the live terminal view (on worker threads, so
 * the screen and the keys stay responsive). Returns the replications that
 * finished, and how far the run got if `q`, ctrl-c or a signal stopped it
 * (`q` and ctrl-c stop it through `interruption`, as a signal does).
 */
export async function runLive(
  scenario: Scenario,
  workers: number,
  color: boolean,
  interruption: Pick<Interruption, 'signal' | 'stop'>,
  library: LiveLibrary,
  title?: string,
): Promise<{ results: ReplicationResult[]; partial: StoppedEarly | null }> {
  const { runReplications, summarize, summaryDocument, RunAborted } = library;
  const total = scenario.replications;
  const store = new LiveStore<LiveState>({ done: 0, total, simulated: new Array<number>(total).fill(0), eventsPerSecond: 0, elapsed: 0, summary: null });
  const started = Date.now();
  const events = new Array<number>(total).fill(0);
  const finished: ReplicationResult[] = [];
  let summarizedAt = -Infinity;
  const ink = render(<LiveScreen scenario={scenario} store={store} color={color} title={title} onQuit={(key) => interruption.stop(key === 'q' ? 'quit' : 'SIGINT')} />, { exitOnCtrlC: false, patchConsole: false });
  const clock = setInterval(() => store.update((s) => ({ ...s, elapsed: (Date.now() - started) / 1000 })), 500);
  const speed = () => events.reduce((a, b) => a + b, 0) / Math.max(0.001, (Date.now() - started) / 1000);
  try {
    const results = await runReplications(scenario, {
      workers,
      alwaysWorkers: true,
      signal: interruption.signal,
      onTick: (rep, simulatedTime, n) => {
        events[rep] = n;
        const simulated = store.get().simulated.slice();
        simulated[rep] = simulatedTime;
        store.update((s) => ({ ...s, simulated, eventsPerSecond: speed() }));
      },
      onProgress: (done, _total, r) => {
        finished.push(r);
        events[r.replication] = r.events;
        const simulated = store.get().simulated.slice();
        simulated[r.replication] = Math.max(scenario.horizon, r.endTime);
        // Summarising grows with the replications done: refresh the charts at most once a second.
        const now = Date.now();
        if (now - summarizedAt < 1000 && done < total) {
          store.update((s) => ({ ...s, done, simulated, eventsPerSecond: speed() }));
          return;
        }
        summarizedAt = now;
        const ordered = [...finished].sort((a, b) => a.replication - b.replication);
        store.update((s) => ({ ...s, done, simulated, eventsPerSecond: speed(), summary: summaryDocument(scenario, summarize(scenario, ordered)) }), true);
      },
    });
    return { results, partial: null };
  } catch (e) {
    if (e instanceof RunAborted) return { results: [...e.completed].sort((a, b) => a.replication - b.replication), partial: { done: e.completed.length, total } };
    throw e;
  } finally {
    clearInterval(clock);
    ink.clear();
    ink.unmount();
  }
}
