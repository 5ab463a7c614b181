/**
 * uPlot's script and style, read from the installed package (a dependency)
 * so that the page carries them inline and needs no network.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/** The charting library's code and style, inlined into every report page. */
export interface ReportAssets {
  /** uPlot's browser build (defines the global `uPlot`). */
  script: string;
  style: string;
  /** Its version, named in the page. */
  version: string;
}

let cached: ReportAssets | null = null;

/** Reads uPlot's minified browser build and stylesheet from node_modules (once per process). */
export function reportAssets(): ReportAssets {
  if (cached) return cached;
  const require = createRequire(import.meta.url);
  const packageFile = require.resolve('uplot/package.json');
  const dist = join(dirname(packageFile), 'dist');
  const { version } = JSON.parse(readFileSync(packageFile, 'utf8')) as { version: string };
  cached = { script: readFileSync(join(dist, 'uPlot.iife.min.js'), 'utf8'), style: readFileSync(join(dist, 'uPlot.min.css'), 'utf8'), version };
  return cached;
}
