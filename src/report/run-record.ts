import { scenarioHash } from '../scenario/hash.js';
import type { Scenario } from '../scenario/types.js';
import { careloadVersion } from '../version.js';
import { SCHEMA_VERSION, type StoppedEarly } from './json.js';
import { runIdOfScenario } from './run-id.js';

/** The run.json document: how a run was made (version, platform, timing, inputs), beside its summary.json. */
export interface RunRecord {
  /** Layout version of this file (absent in files written before careload recorded it). */
  schemaVersion: number;
  /** The run id (see runIdOf): the same in summary.json and replications.json beside it. */
  runId: string;
  careloadVersion: string;
  /** Node.js version, e.g. v20.19.0. */
  node: string;
  /** ISO 8601 start time. */
  startedAt: string;
  durationSeconds: number;
  /** Worker threads the run used. */
  workers: number;
  /** The scenario file as named on the command line. */
  scenarioFile: string;
  /** The scenario run: name, hash of what it models, and its file after --set and overlays. */
  scenario: { name: string; hash: string; source?: Record<string, unknown> };
  /** `--set` overrides, in order. */
  overrides: string[];
  /** `--set-new` overrides (applied before `--set`), in order; present only when there are any. */
  newOverrides?: string[];
  /** Overlay files, in order. */
  overlays: string[];
  /** Present when the run was stopped early. */
  stoppedAfter?: StoppedEarly;
}

/** What {@link runRecord} records; the caller reads the clock, so the record itself is pure. */
export interface RunRecordInput {
  startedAt: Date;
  finishedAt: Date;
  workers: number;
  scenarioFile: string;
  scenario: Scenario;
  overrides: readonly string[];
  newOverrides?: readonly string[];
  overlays: readonly string[];
  stoppedEarly?: StoppedEarly | null;
}

/** Builds the run.json document of a run. */
export function runRecord(input: RunRecordInput): RunRecord {
  return {
    schemaVersion: SCHEMA_VERSION,
    runId: runIdOfScenario(input.scenario, input.stoppedEarly),
    careloadVersion: careloadVersion(),
    node: process.version,
    startedAt: input.startedAt.toISOString(),
    durationSeconds: (input.finishedAt.getTime() - input.startedAt.getTime()) / 1000,
    workers: input.workers,
    scenarioFile: input.scenarioFile,
    scenario: { name: input.scenario.name, hash: scenarioHash(input.scenario), ...(input.scenario.source ? { source: input.scenario.source } : {}) },
    overrides: [...input.overrides],
    ...(input.newOverrides && input.newOverrides.length > 0 ? { newOverrides: [...input.newOverrides] } : {}),
    overlays: [...input.overlays],
    ...(input.stoppedEarly ? { stoppedAfter: input.stoppedEarly } : {}),
  };
}
