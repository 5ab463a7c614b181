import { SENTIMENTS } from '../types.js';
import type { Rule } from './checker.js';
import { reportUnknownName, reportUnknownNames } from './checks.js';
import type { EntrySubject, KnownNames, TriageFile } from './subjects.js';

type Condition = keyof NonNullable<TriageFile['when']>;

/** A rule that the names a triage condition accepts are known ones. */
function conditionKnown(key: Condition, what: string, known: (k: KnownNames) => readonly string[]): Rule<EntrySubject<TriageFile>> {
  return {
    name: `triage-${key}-known`,
    purpose: `a triage condition on ${key} names ${what === 'sentiment' ? 'negative, neutral or positive' : `declared ${what}s`}`,
    check: ({ entry, path, known: names }, report) => reportUnknownNames(report, [...path, 'when', key], entry.when?.[key], known(names), what),
  };
}

/** Rules about one triage rule, run on each in turn. */
export const TRIAGE_RULES: readonly Rule<EntrySubject<TriageFile>>[] = [
  conditionKnown('channel', 'channel', (k) => k.channels),
  conditionKnown('brand', 'brand', (k) => k.brands),
  conditionKnown('topic', 'topic', (k) => k.topics),
  conditionKnown('sentiment', 'sentiment', () => SENTIMENTS),
  {
    name: 'triage-tier-known',
    purpose: 'a triage rule gives a declared tier',
    check: ({ entry, path, known }, report) => reportUnknownName(report, [...path, 'tier'], entry.tier, known.tiers, 'tier'),
  },
];
