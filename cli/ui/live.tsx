import { render, useInput, useStdin, useStdout } from 'ink';
import { useEffect, useState, useSyncExternalStore } from 'react';
import { RunAborted, runReplications, summarize, summaryDocument, type ReplicationResult, type Scenario, type StoppedEarly } from '../../src/index.js';
import { LiveView, VIEWS, type LiveState } from './views.js';

/** Holds the live state and tells the screen when it changed, at most ten times a second. */
class LiveStore {
  private state: LiveState;
  private readonly listeners = new Set<() => void>();
  private timer: NodeJS.Timeout | null = null;

  constructor(total: number) {
    this.state = { done: 0, total, simulated: new Array<number>(total).fill(0), eventsPerSecond: 0, elapsed: 0, summary: null };
  }

  subscribe = (listener: () => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  get = () => this.state;

  update(change: Partial<LiveState>, now = false): void {
    this.state = { ...this.state, ...change };
    if (now) this.flush();
    else this.timer ??= setTimeout(() => this.flush(), 100);
  }

  private flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    for (const l of this.listeners) l();
  }
}

function App({ scenario, store, color, title, onQuit }: { scenario: Scenario; store: LiveStore; color: boolean; title?: string; onQuit: () => void }) {
  const state = useSyncExternalStore(store.subscribe, store.get);
  const [view, setView] = useState(0);
  const { isRawModeSupported } = useStdin();
  const { stdout } = useStdout();
  const [size, setSize] = useState({ width: stdout.columns || 80, height: stdout.rows || 24 });
  useEffect(() => {
    const onResize = () => setSize({ width: stdout.columns || 80, height: stdout.rows || 24 });
    stdout.on('resize', onResize);
    return () => void stdout.off('resize', onResize);
  }, [stdout]);
  useInput(
    (input, key) => {
      if (input === 'q' || (key.ctrl && input === 'c')) onQuit();
      else if (key.tab) setView((v) => (v + (key.shift ? VIEWS.length - 1 : 1)) % VIEWS.length);
    },
    { isActive: isRawModeSupported === true },
  );
  // Keep one row free so the live region never scrolls the terminal.
  return <LiveView scenario={scenario} state={state} view={VIEWS[view]} width={size.width} height={size.height - 1} color={color} title={title} />;
}

/**
 * Runs the replications under the live terminal view (on worker threads, so
 * the screen and the keys stay responsive). Returns the replications that
 * finished, and how far the run got if `q` stopped it.
 */
export async function runLive(
  scenario: Scenario,
  workers: number,
  color: boolean,
  title?: string,
): Promise<{ results: ReplicationResult[]; partial: StoppedEarly | null }> {
  const total = scenario.replications;
  const store = new LiveStore(total);
  const controller = new AbortController();
  const started = Date.now();
  const events = new Array<number>(total).fill(0);
  const finished: ReplicationResult[] = [];
  let summarizedAt = -Infinity;
  const ink = render(<App scenario={scenario} store={store} color={color} title={title} onQuit={() => controller.abort()} />, { exitOnCtrlC: false, patchConsole: false });
  const clock = setInterval(() => store.update({ elapsed: (Date.now() - started) / 1000 }), 500);
  const speed = () => events.reduce((a, b) => a + b, 0) / Math.max(0.001, (Date.now() - started) / 1000);
  try {
    const results = await runReplications(scenario, {
      workers,
      alwaysWorkers: true,
      signal: controller.signal,
      onTick: (rep, simulatedTime, n) => {
        events[rep] = n;
        const simulated = store.get().simulated.slice();
        simulated[rep] = simulatedTime;
        store.update({ simulated, eventsPerSecond: speed() });
      },
      onProgress: (done, _total, r) => {
        finished.push(r);
        events[r.replication] = r.events;
        const simulated = store.get().simulated.slice();
        simulated[r.replication] = Math.max(scenario.horizon, r.endTime);
        // Summarising grows with the replications done: refresh the charts at most once a second.
        const now = Date.now();
        if (now - summarizedAt < 1000 && done < total) {
          store.update({ done, simulated, eventsPerSecond: speed() });
          return;
        }
        summarizedAt = now;
        const ordered = [...finished].sort((a, b) => a.replication - b.replication);
        store.update({ done, simulated, eventsPerSecond: speed(), summary: summaryDocument(scenario, summarize(scenario, ordered)) }, true);
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
