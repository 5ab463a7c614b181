import { resolveThreshold, type ThresholdNames, type ThresholdSpec } from '../../thresholds/resolve.js';
import type { Rule } from './checker.js';
import { tierEntries, type FileSubject, type KnownNames } from './subjects.js';

type ScenarioFile = FileSubject['file'];
type ThresholdsFile = NonNullable<ScenarioFile['thresholds']>;

/** Each written threshold with its key path: the metric key, the condition and its own confidence. */
function entries(thresholds: ThresholdsFile): { key: string; index: number; condition: string; confidence: number | null }[] {
  return Object.entries(thresholds).flatMap(([key, list]) =>
    list.map((e, index) =>
      typeof e === 'string' ? { key, index, condition: e, confidence: null } : { key, index, condition: e.threshold, confidence: e.confidence ?? null },
    ),
  );
}

function namesOf(file: ScenarioFile, known: KnownNames): ThresholdNames {
  const nextResponseTiers = tierEntries(file).flatMap(([name, t]) => (t.nextResponse === undefined ? [] : [name]));
  return { tiers: known.tiers, channels: known.channels, brands: known.brands, teams: known.teams, nextResponseTiers, windows: windowNames(file) };
}

/** The names of the file's named windows (report.windows), in file order. */
function windowNames(file: ScenarioFile): string[] {
  return Object.keys(file.report?.windows ?? {});
}

/** The scenario's thresholds, validated (call once the rules hold: invalid ones are left out). */
export function resolveThresholds(file: ScenarioFile, known: KnownNames): ThresholdSpec[] {
  return entries(file.thresholds ?? {}).flatMap((e) => {
    const r = resolveThreshold(e.key, e.condition, e.confidence, namesOf(file, known));
    return r.ok ? [r.value] : [];
  });
}

/** Rules about the thresholds section. */
export const THRESHOLDS_RULES: readonly Rule<FileSubject>[] = [
  {
    name: 'thresholds-valid',
    purpose: 'every threshold names a known metric, existing tiers/channels/brands/teams and named windows, an aggregation the metric takes and a value in its unit',
    check: ({ file, known }, report) => {
      for (const e of entries(file.thresholds ?? {})) {
        const r = resolveThreshold(e.key, e.condition, e.confidence, namesOf(file, known));
        if (!r.ok) report(['thresholds', e.key, e.index], r.error);
      }
    },
  },
];
