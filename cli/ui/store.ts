/**
 * The state behind a live screen: changes arrive as fast as the simulation
 * makes them, the screen hears of them at most ten times a second (or at
 * once when asked), through React's useSyncExternalStore.
 */
export class LiveStore<T> {
  private state: T;
  private readonly listeners = new Set<() => void>();
  private timer: NodeJS.Timeout | null = null;

  constructor(initial: T) {
    this.state = initial;
  }

  /** For useSyncExternalStore: calls `listener` after each change is flushed; returns the unsubscriber. */
  subscribe = (listener: () => void) => {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  };

  /** The current state (a new object after each change). */
  get = (): T => this.state;

  /** Replaces the state by `next(state)`; tells the screen within 100 ms, or at once with `now`. */
  update(next: (state: T) => T, now = false): void {
    this.state = next(this.state);
    if (now) this.flush();
    else this.timer ??= setTimeout(() => this.flush(), 100);
  }

  /** Tells the listeners now and drops a pending timer (so none is left to keep the process alive). */
  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    for (const l of this.listeners) l();
  }
}
