/**
 * The terminal UI's entry modules, imported when a command draws: from the
 * build's bundle of the UI (dist/cli/ui-bundle: one ES module per entry
 * and a shared chunk holding ink and React, React in its production build)
 * when there is one, else module by module (running from sources, or with
 * CARELOAD_DEBUG set, for readable stack traces). Resolving and reading ink's
 * five hundred modules one by one is most of drawing's start-up: the bundle
 * loads in about a third of the time. It stays an ES module (ink's layout
 * engine, yoga, awaits its WebAssembly at the top level), so a CommonJS
 * start-up bundle (cli/quick-bundle.ts) imports it through its loader.
 *
 * The UI bundle holds copies of the modules its entries import (pure
 * formatting and drawing code): an entry that takes library objects whose
 * class matters (a run's results, its errors) gets the functions that make
 * them from its caller, never from its own copies (see LiveLibrary).
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The UI entries a command imports, and what each exports. */
export interface UiModules {
  live: typeof import('./ui/live.js');
  render: typeof import('./ui/render.js');
}

/** The UI entries the build bundles. */
export const UI_ENTRIES = ['live', 'render'] as const satisfies readonly (keyof UiModules)[];

// In a start-up bundle (CommonJS, compiled by node:vm) there is no import() of its own: its loader gives one.
declare const __careloadImport: ((specifier: string) => Promise<unknown>) | undefined;
const importEsm = (url: string): Promise<unknown> => (typeof __careloadImport === 'function' ? __careloadImport(url) : import(url));

/** The URL of UI entry `name`'s bundled file. */
function uiBundleUrl(name: keyof UiModules): URL {
  return new URL(`./ui-bundle/${name}.mjs`, import.meta.url);
}

/** The bundled file of UI entry `name`. */
export function uiBundleFile(name: keyof UiModules): string {
  return fileURLToPath(uiBundleUrl(name));
}

/** UI entry `name`: from the UI bundle when built (and CARELOAD_DEBUG is not set), else its module. */
export async function importUi<K extends keyof UiModules>(name: K): Promise<UiModules[K]> {
  const bundled = uiBundleUrl(name);
  if (!process.env.CARELOAD_DEBUG && existsSync(bundled)) return (await importEsm(bundled.href)) as UiModules[K];
  // Literal specifiers: what runs from sources (tsx, vitest) resolves them, and the start-up bundles' build rewrites them.
  return (name === 'live' ? await import('./ui/live.js') : await import('./ui/render.js')) as UiModules[K];
}
