import { useInput, useStdin } from 'ink';
import { useSyncExternalStore, type ReactElement } from 'react';
import type { LiveStore } from './store.js';
import { useTerminalSize } from './terminal-size.js';

/**
 * A live view that only reads its store and stops on `q` or ctrl-c (check,
 * plan): subscribes to the store, follows the terminal's size, and draws
 * `view` one row short of the height so the live region never scrolls.
 */
export function LiveFrame<S>({ store, onQuit, view }: { store: LiveStore<S>; onQuit: (key: 'q' | 'ctrl-c') => void; view: (state: S, width: number, height: number) => ReactElement }) {
  const state = useSyncExternalStore(store.subscribe, store.get);
  const { isRawModeSupported } = useStdin();
  const size = useTerminalSize();
  useInput(
    (input, key) => {
      if (input === 'q') onQuit('q');
      else if (key.ctrl && input === 'c') onQuit('ctrl-c');
    },
    { isActive: isRawModeSupported === true },
  );
  return view(state, size.width, size.height - 1);
}
