/**
 * Which files in a folder are scenarios: a `.yaml`, `.yml` or `.json` file
 * whose top level has `name` and `channels`. Overlays (partial scenarios),
 * traces and schemas are skipped and listed with the reason, so a folder
 * of mixed files can be checked or validated as a whole.
 */
import { readdirSync, statSync } from 'node:fs';
import { extname, join } from 'node:path';
import { parseSource, readSource } from './source.js';

/** A file passed over, and why. */
export interface SkippedFile {
  file: string;
  reason: string;
}

/** What {@link findScenarios} found. */
export interface FoundScenarios {
  /** Scenario files, in the order given (a folder's files sorted by name). */
  scenarios: string[];
  skipped: SkippedFile[];
}

const EXTENSIONS = new Set(['.yaml', '.yml', '.json']);

/**
 * Expands files and folders into scenario files. A file named directly is
 * always taken as a scenario (its problems are then reported); in a
 * folder, only files that look like scenarios are, and a file that does not
 * parse is taken too, so that a broken scenario is reported, never skipped.
 * @throws ScenarioError when a path cannot be read
 */
export function findScenarios(paths: readonly string[]): FoundScenarios {
  const scenarios: string[] = [];
  const skipped: SkippedFile[] = [];
  for (const path of paths) {
    if (!isDirectory(path)) {
      scenarios.push(path);
      continue;
    }
    for (const entry of readdirSync(path).sort()) {
      const file = join(path, entry);
      if (isDirectory(file)) continue;
      if (!EXTENSIONS.has(extname(entry).toLowerCase())) {
        skipped.push({ file, reason: 'not a .yaml, .yml or .json file' });
        continue;
      }
      const why = notAScenario(file);
      if (why === null) scenarios.push(file);
      else skipped.push({ file, reason: why });
    }
  }
  return { scenarios, skipped };
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/** Why a file in a folder is not a scenario, or null when it is one (or cannot be told apart from a broken one). */
function notAScenario(file: string): string | null {
  let top: unknown;
  try {
    top = parseSource(readSource(file, 'file'), file).value;
  } catch {
    return null;
  }
  if (top === null || typeof top !== 'object' || Array.isArray(top)) return 'not a mapping of scenario keys';
  const keys = Object.keys(top);
  if (keys.includes('$schema') || keys.includes('$id')) return 'a JSON schema';
  if (!keys.includes('channels')) return 'no channels: an overlay or partial scenario';
  if (!keys.includes('name')) return 'no name: a scenario in a folder needs one';
  return null;
}
