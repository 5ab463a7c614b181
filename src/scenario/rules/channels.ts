import { DEFAULTS } from '../schema.js';
import type { Rule } from './checker.js';
import { profileWeights, weekdayWeights } from './derived.js';
import { reportBadNames, reportUnknownName, reportUnlessSumsToOne, sentimentShares } from './checks.js';
import type { ChannelFile, EntrySubject, FileSubject } from './subjects.js';

/** Rules about the channels section as a whole. */
export const CHANNELS_RULES: readonly Rule<FileSubject>[] = [
  {
    name: 'channel-names-valid',
    purpose: 'channel names are letters, digits, _ and -, starting with a letter, so they work as keys and in --set paths',
    check: ({ known }, report) => reportBadNames(report, 'channels', known.channels),
  },
  {
    name: 'channels-not-empty',
    purpose: 'there is at least one channel for conversations to arrive on',
    check: ({ known }, report) => {
      if (known.channels.length === 0) report(['channels'], 'expected at least one channel');
    },
  },
];

/** Whether a turns spec can give more than one turn. */
function canExceedOneTurn(turns: ChannelFile['turns']): boolean {
  const t = turns ?? { dist: 'constant', value: DEFAULTS.turns };
  return t.dist === 'geometric' ? t.mean > 1 : t.value > 1;
}

/** Rules about one channel, run on each channel in turn. */
export const CHANNEL_RULES: readonly Rule<EntrySubject<ChannelFile>>[] = [
  {
    name: 'channel-arrivals-one-source',
    purpose: "a channel's arrivals come from exactly one source: its rate (generated), its own trace, or the scenario-level trace",
    check: ({ entry, path, file }, report) => {
      const traced = entry.arrivals !== undefined || file.arrivals !== undefined;
      if (entry.arrivals !== undefined && file.arrivals !== undefined) {
        report([...path, 'arrivals'], 'the scenario-level arrivals.trace already replays every channel: give a trace here or there, not both');
      }
      if (!traced && entry.rate === undefined) {
        report([...path, 'rate'], 'required: an arrival rate such as 120/h, or arrivals: { trace: file.csv } to replay recorded conversations');
      }
      if (traced && entry.rate !== undefined) {
        report([...path, 'rate'], `this channel replays ${entry.arrivals ? 'its' : 'the scenario-level'} trace, which gives its arrivals: remove rate (or the trace)`, true);
      }
      if (traced && entry.profile !== undefined) {
        report([...path, 'profile'], `this channel replays ${entry.arrivals ? 'its' : 'the scenario-level'} trace, whose timestamps give its daily pattern: remove profile`, true);
      }
    },
  },
  {
    name: 'channel-tier-known',
    purpose: "a channel's default tier is a declared tier",
    check: ({ entry, path, known }, report) => {
      if (entry.tier !== undefined) reportUnknownName(report, [...path, 'tier'], entry.tier, known.tiers, 'tier');
    },
  },
  {
    name: 'reply-delay-for-multi-turn',
    purpose: 'a channel whose conversations can take more than one turn says how long customers take to answer',
    check: ({ entry, path }, report) => {
      if (canExceedOneTurn(entry.turns) && entry.customerReplyDelay === undefined) {
        report([...path, 'customerReplyDelay'], 'required when turns can exceed 1: how long the customer takes to answer, e.g. { dist: exponential, mean: 10m }');
      }
    },
  },
  {
    name: 'follow-up-channel-known',
    purpose: 'follow-ups go to a declared channel',
    check: ({ entry, path, known }, report) => {
      const target = entry.followUp?.channel;
      if (target !== undefined) reportUnknownName(report, [...path, 'followUp', 'channel'], target, known.channels, 'channel');
    },
  },
  {
    name: 'profile-is-hourly-weights',
    purpose: 'a daily profile is 24 hourly weights >= 0, at least one of them > 0',
    check: ({ entry, path }, report) => {
      if (entry.profile === undefined) return;
      const profile = profileWeights(entry.profile);
      if ('problem' in profile) report([...path, 'profile'], profile.problem);
    },
  },
  {
    name: 'weekdays-are-daily-weights',
    purpose: 'a weekday profile is 7 daily weights >= 0 (Monday first), at least one of them > 0, and needs a dated startsAt to know the weekday of t = 0',
    check: ({ entry, path, file }, report) => {
      if (entry.weekdays === undefined) return;
      const weekdays = weekdayWeights(entry.weekdays);
      if ('problem' in weekdays) report([...path, 'weekdays'], weekdays.problem);
      else if (!file.startsAt?.calendar) {
        report([...path, 'weekdays'], 'needs a dated startsAt such as "2026-03-02T08:00:00+01:00" (a date-time with offset), to know which weekday the run starts on');
      }
    },
  },
  {
    name: 'channel-sentiment-sums-to-one',
    purpose: "a channel's sentiment shares add up to 1",
    check: ({ entry, path }, report) => {
      if (entry.sentiment) reportUnlessSumsToOne(report, [...path, 'sentiment'], sentimentShares(entry.sentiment));
    },
  },
  {
    name: 'channel-brands-sum-to-one',
    purpose: "a channel's brand shares add up to 1",
    check: ({ entry, path }, report) => {
      if (entry.brands) reportUnlessSumsToOne(report, [...path, 'brands'], Object.values(entry.brands));
    },
  },
  {
    name: 'channel-topics-sum-to-one',
    purpose: "a channel's topic shares add up to 1",
    check: ({ entry, path }, report) => {
      if (entry.topics) reportUnlessSumsToOne(report, [...path, 'topics'], Object.values(entry.topics));
    },
  },
];
