/**
 * Reading a results folder back for the HTML report: whichever of
 * summary.json (with run.json and replications.json beside it),
 * compare.json, plan.json and check.json it holds, each of this careload's
 * layout version; a run's files must come from one run.
 */
import { existsSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { CheckDocument } from '../../check/types.js';
import { careloadVersion } from '../../version.js';
import type { CompareDocument } from '../compare-json.js';
import type { SummaryDocument } from '../json.js';
import type { PlanDocument } from '../plan-json.js';
import { checkRunSet, readCareloadDocument, RecordedRunError } from '../read.js';
import type { ReplicationValuesDocument } from '../replications.js';
import type { RequirementDocument } from '../requirement.js';
import type { RunRecord } from '../run-record.js';
import type { HtmlReportInput } from './page.js';

/** The result files a report reads, by name. */
export const REPORT_FILES = ['summary.json', 'compare.json', 'plan.json', 'check.json'] as const;

/**
 * Reads the results in `path` for renderHtmlReport: a results folder (every
 * result file in it), or one result file (that result only).
 * @throws RecordedRunError when there is none, or a file is unreadable, of another layout version, or of another run
 */
export function readReportFolder(path: string): HtmlReportInput {
  if (!existsSync(path)) throw new RecordedRunError(`${path}: no such file or folder`);
  const isFile = statSync(path).isFile();
  const dir = isFile ? dirname(path) : path;
  const wanted = isFile ? [basename(path)] : [...REPORT_FILES];
  if (isFile && !(REPORT_FILES as readonly string[]).includes(basename(path))) {
    throw new RecordedRunError(`${path}: not a result careload reports on (expected ${REPORT_FILES.join(', ')} or a folder holding them)`);
  }
  const present = (name: string) => wanted.includes(name) && existsSync(join(dir, name));
  const input: HtmlReportInput = { careloadVersion: careloadVersion(), source: path };
  if (present('summary.json')) {
    const summary = readCareloadDocument(join(dir, 'summary.json'));
    const record = existsSync(join(dir, 'run.json')) ? readCareloadDocument(join(dir, 'run.json'), { versionOptional: true }) : undefined;
    const replications = existsSync(join(dir, 'replications.json')) ? readCareloadDocument(join(dir, 'replications.json'), { versionOptional: true }) : undefined;
    checkRunSet(dir, { 'summary.json': summary, ...(record ? { 'run.json': record } : {}), ...(replications ? { 'replications.json': replications } : {}) });
    input.run = {
      summary: summary as unknown as SummaryDocument,
      ...(record ? { record: record as unknown as RunRecord } : {}),
      ...(replications ? { replications: replications as unknown as ReplicationValuesDocument } : {}),
    };
  }
  if (present('compare.json')) input.compare = readCareloadDocument(join(dir, 'compare.json')) as unknown as CompareDocument;
  if (present('plan.json')) input.plan = readCareloadDocument(join(dir, 'plan.json')) as unknown as PlanDocument | RequirementDocument;
  if (present('check.json')) input.check = readCareloadDocument(join(dir, 'check.json')) as unknown as CheckDocument;
  if (!input.run && !input.compare && !input.plan && !input.check) {
    throw new RecordedRunError(`${path}: no careload results here (expected ${REPORT_FILES.join(', ')}); write them with careload run, compare, plan or check`);
  }
  return input;
}
