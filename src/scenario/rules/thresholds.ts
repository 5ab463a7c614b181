import { resolveThreshold, type ThresholdNames, type ThresholdSpec } from '../../thresholds/resolve.js';
import type { Rule } from './checker.js';
import type { FileSubject, KnownNames } from './subjects.js';

type ThresholdsFile = NonNullable<FileSubject['file']['thresholds']>;

/** Each written threshold with its key path: the metric key, the condition and its own confidence. */
function entries(thresholds: ThresholdsFile): { key: string; index: number; condition: string; confidence: number | null }[] {
  return Object.entries(thresholds).flatMap(([key, list]) =>
    list.map((e, index) =>
      typeof e === 'string' ? { key, index, condition: e, confidence: null } : { key, index, condition: e.threshold, confidence: e.confidence ?? null },
    ),
  );
}

function namesOf(known: KnownNames, windows: readonly string[]): ThresholdNames {
  return { tiers: known.tiers, channels: known.channels, brands: known.brands, teams: known.teams, windows };
}

/** The names of the file's named windows (report.windows), in file order. */
export function windowNames(file: FileSubject['file']): string[] {
  return Object.keys(file.report?.windows ?? {});
}

/** The scenario's thresholds, validated (call once the rules hold: invalid ones are left out). */
export function resolveThresholds(thresholds: ThresholdsFile | undefined, known: KnownNames, windows: readonly string[] = []): ThresholdSpec[] {
  return entries(thresholds ?? {}).flatMap((e) => {
    const r = resolveThreshold(e.key, e.condition, e.confidence, namesOf(known, windows));
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
        const r = resolveThreshold(e.key, e.condition, e.confidence, namesOf(known, windowNames(file)));
        if (!r.ok) report(['thresholds', e.key, e.index], r.error);
      }
    },
  },
];
