import { join } from 'node:path';
import { toJson, type SummaryDocument } from './json.js';
import { replicationValuesJson, type ReplicationValuesDocument } from './replications.js';
import type { RunRecord } from './run-record.js';
import { writeFileAtomic } from './write.js';

/** The files of a run's result set, as built by summaryDocument, replicationValuesDocument and runRecord. */
export interface RunFiles {
  summary: SummaryDocument;
  replications: ReplicationValuesDocument;
  run: RunRecord;
}

/**
 * Writes a run's result set into `outDir`: replications.json, then run.json,
 * then summary.json last, each whole or not at all (writeFileAtomic). All
 * three carry the same run id, so a run killed between two renames leaves a
 * folder whose ids differ, which every reader refuses (checkRunSet) instead
 * of pairing a new summary with old values. Nothing else in the folder is
 * touched (compare.json, plan.yaml and the like stay), except careload's own
 * temporary files older than a day. Returns the paths written and
 * summary.json's text (what `--format json` prints).
 * @throws Error when the documents record different run ids (they were built for different runs)
 */
export function writeRunFiles(outDir: string, files: RunFiles): { summaryFile: string; summaryJson: string; written: string[] } {
  const ids = [files.summary.runId, files.replications.runId, files.run.runId];
  if (ids.some((id) => id !== files.summary.runId)) throw new Error(`writeRunFiles: the documents are of different runs (run ids ${ids.join(', ')})`);
  const summaryJson = toJson(files.summary);
  const written = [join(outDir, 'replications.json'), join(outDir, 'run.json'), join(outDir, 'summary.json')];
  writeFileAtomic(written[0], replicationValuesJson(files.replications));
  writeFileAtomic(written[1], toJson(files.run));
  writeFileAtomic(written[2], summaryJson);
  return { summaryFile: written[2], summaryJson, written };
}
