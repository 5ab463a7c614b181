import { describeValue } from '../units.js';
import type { Report, Rule } from './checker.js';
import { reportUnknownNames, reportUnlessSumsToOne, sentimentShares } from './checks.js';
import type { EntrySubject, SurgeFile } from './subjects.js';

/** Reports each name in a surge's mix that no channel's mix has (at the name's key). */
function reportNamesInNoChannel(report: Report, { entry, path, known }: EntrySubject<SurgeFile>, key: 'brands' | 'topics'): void {
  const [what, names] = key === 'brands' ? ['brand', known.brands] : ['topic', known.topics];
  for (const n of Object.keys(entry[key] ?? {})) {
    if (!names.includes(n)) report([...path, key, n], `${what} ${describeValue(n)} is in no channel's ${key}; known: ${names.join(', ') || '(none)'}`, true);
  }
}

/** Rules about one surge, run on each surge in turn. */
export const SURGE_RULES: readonly Rule<EntrySubject<SurgeFile>>[] = [
  {
    name: 'surge-brands-in-channels',
    purpose: "a surge shifts the mix only toward brands some channel's mix has",
    check: (surge, report) => reportNamesInNoChannel(report, surge, 'brands'),
  },
  {
    name: 'surge-topics-in-channels',
    purpose: "a surge shifts the mix only toward topics some channel's mix has",
    check: (surge, report) => reportNamesInNoChannel(report, surge, 'topics'),
  },
  {
    name: 'surge-channels-known',
    purpose: 'a surge names declared channels',
    check: ({ entry, path, known }, report) => reportUnknownNames(report, [...path, 'channels'], entry.channels, known.channels, 'channel'),
  },
  {
    name: 'surge-sentiment-sums-to-one',
    purpose: "a surge's sentiment shares add up to 1",
    check: ({ entry, path }, report) => {
      if (entry.sentiment) reportUnlessSumsToOne(report, [...path, 'sentiment'], sentimentShares(entry.sentiment));
    },
  },
  {
    name: 'surge-brands-sum-to-one',
    purpose: "a surge's brand shares add up to 1",
    check: ({ entry, path }, report) => {
      if (entry.brands) reportUnlessSumsToOne(report, [...path, 'brands'], Object.values(entry.brands));
    },
  },
  {
    name: 'surge-topics-sum-to-one',
    purpose: "a surge's topic shares add up to 1",
    check: ({ entry, path }, report) => {
      if (entry.topics) reportUnlessSumsToOne(report, [...path, 'topics'], Object.values(entry.topics));
    },
  },
];
