/** Scenario variants: those a plan is repeated over (surge sizes, `--surge-scale`) and the columns `compare` runs. */
import { basename, extname } from 'node:path';
import type { Scenario } from '../scenario/types.js';

/**
 * The scenario with every surge's extra volume multiplied by `factor`:
 * 0 removes the surges' extra volume, 1 keeps them as written, 2 doubles
 * the extra (a +50% surge becomes +100%). Mix changes (sentiment, topics)
 * are kept: an outage of any size brings its kind of conversations.
 */
export function withSurgeScale(scenario: Scenario, factor: number): Scenario {
  if (!(factor >= 0) || !Number.isFinite(factor)) throw new RangeError(`surge scale must be a number >= 0, got ${factor}`);
  return { ...scenario, surges: scenario.surges.map((s) => ({ ...s, volume: 1 + (s.volume - 1) * factor })) };
}

/** The label of the unchanged scenario in a comparison. */
export const BASELINE_LABEL = 'baseline';

/** One column of a comparison: the scenario unchanged, or it with a routing policy or an overlay file. */
export interface CompareEntry {
  /** Column and JSON label: `baseline`, the policy's name, the overlay's file name without extension (made distinct with `-2`, `-3`). */
  label: string;
  kind: 'baseline' | 'policy' | 'overlay';
  /** The policy name or overlay file; null for the baseline. */
  source: string | null;
}

/**
 * The columns `compare` runs, in order: the unchanged scenario first (the
 * reference of every difference), then one per policy, then one per
 * overlay. With `baseline` false the unchanged scenario is left out and the
 * first policy or overlay is the reference; that needs at least two.
 * @throws RangeError when there is nothing to compare
 */
export function compareLineup(policies: readonly string[], overlays: readonly string[], baseline = true): CompareEntry[] {
  const list: CompareEntry[] = [
    ...(baseline ? [{ label: BASELINE_LABEL, kind: 'baseline' as const, source: null }] : []),
    ...policies.map((p) => ({ label: p, kind: 'policy' as const, source: p })),
    ...overlays.map((file) => ({ label: basename(file, extname(file)), kind: 'overlay' as const, source: file })),
  ];
  if (policies.length + overlays.length === 0) throw new RangeError('name what to compare: --policy NAME and/or --variant overlay.yaml (at least one)');
  if (list.length < 2) throw new RangeError('without the baseline, compare needs at least two --policy or --variant to compare with each other');
  // Labels name columns and JSON entries: keep them distinct.
  const seen = new Map<string, number>();
  for (const v of list) {
    const n = (seen.get(v.label) ?? 0) + 1;
    seen.set(v.label, n);
    if (n > 1) v.label = `${v.label}-${n}`;
  }
  return list;
}
