/**
 * Reading careload's own result files back (summary.json, replications.json,
 * run.json, check.json, plan.json, compare.json): a file of another layout
 * version is refused with both versions named, never misread, and the files
 * of one result folder must come from one run (the same run id).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SCHEMA_VERSION } from './json.js';

/** A recorded result that cannot be read back, with the reason in one line. */
export class RecordedRunError extends Error {
  override name = 'RecordedRunError';
}

/** How {@link readCareloadDocument} treats a file without `schemaVersion`. */
export interface ReadOptions {
  /** Accept a file without `schemaVersion` (run.json before careload recorded one); a different version is still refused. */
  versionOptional?: boolean;
}

/**
 * Reads one of careload's JSON result files and checks its layout version.
 * @throws RecordedRunError when it is missing, unreadable, not a JSON object, or of another schema version
 */
export function readCareloadDocument(file: string, options: ReadOptions = {}): Record<string, unknown> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new RecordedRunError(`${file}: ${code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'a folder, not a file' : (e as Error).message}`);
  }
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    throw new RecordedRunError(`${file}: not valid JSON`);
  }
  if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) throw new RecordedRunError(`${file}: not a file written by careload (not a JSON object)`);
  const record = doc as Record<string, unknown>;
  const version = record.schemaVersion;
  if (version === undefined && options.versionOptional) return record;
  if (version !== SCHEMA_VERSION) {
    const shown = version === undefined ? 'none' : JSON.stringify(version);
    throw new RecordedRunError(`${file}: schema version ${shown}, this careload reads version ${SCHEMA_VERSION}`);
  }
  return record;
}

/** A result file's run id (null when it records none: written before careload recorded run ids). */
function runIdIn(doc: Record<string, unknown>): string | null {
  return typeof doc.runId === 'string' ? doc.runId : null;
}

/**
 * Checks that the files of a run's result folder present beside each other
 * (summary.json, run.json, replications.json) come from one run: each
 * records the same run id, or none does (files from before run ids). A run
 * killed between its renames leaves files of two runs: that is refused.
 * `known` holds documents already read (by file name), so no file is read twice.
 * @throws RecordedRunError naming the files and both ids
 */
export function checkRunSet(dir: string, known: Readonly<Record<string, Record<string, unknown>>> = {}): void {
  const ids: { name: string; id: string | null }[] = [];
  for (const name of ['summary.json', 'run.json', 'replications.json']) {
    const file = join(dir, name);
    const doc = known[name] ?? (existsSync(file) ? readCareloadDocument(file, { versionOptional: name === 'run.json' }) : undefined);
    if (doc !== undefined) ids.push({ name, id: runIdIn(doc) });
  }
  const first = ids[0];
  const other = ids.find((f) => f.id !== first?.id);
  if (first === undefined || other === undefined) return;
  const shown = (id: string | null) => (id === null ? 'no run id' : `run id ${id}`);
  throw new RecordedRunError(
    `${dir}: ${first.name} (${shown(first.id)}) and ${other.name} (${shown(other.id)}) are from different runs (one was stopped while writing them?); run it again`,
  );
}

