import type { Rule } from './checker.js';
import { reportBadNames } from './checks.js';
import type { FileSubject } from './subjects.js';

/** Rules about the tiers section as a whole. */
export const TIERS_RULES: readonly Rule<FileSubject>[] = [
  {
    name: 'tier-names-valid',
    purpose: 'tier names are letters, digits, _ and -, starting with a letter, so they work as keys and in --set paths',
    check: ({ known }, report) => reportBadNames(report, 'tiers', known.tiers),
  },
  {
    name: 'tiers-not-empty',
    purpose: 'there is at least one tier to give conversations',
    check: ({ known }, report) => {
      if (known.tiers.length === 0) report(['tiers'], 'expected at least one tier');
    },
  },
];
