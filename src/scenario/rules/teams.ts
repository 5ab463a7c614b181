import { formatTimeOfDay } from '../../format/time.js';
import type { Rule } from './checker.js';
import { reportBadNames, reportUnknownName, reportUnknownNames } from './checks.js';
import type { EntrySubject, FileSubject, TeamFile } from './subjects.js';

/** Rules about the teams section as a whole. */
export const TEAMS_RULES: readonly Rule<FileSubject>[] = [
  {
    name: 'team-names-valid',
    purpose: 'team names are letters, digits, _ and -, starting with a letter, so they work as keys and in --set paths',
    check: ({ known }, report) => reportBadNames(report, 'teams', known.teams),
  },
  {
    name: 'teams-not-empty',
    purpose: 'there is at least one team to answer conversations',
    check: ({ known }, report) => {
      if (known.teams.length === 0) report(['teams'], 'expected at least one team');
    },
  },
];


type TeamSubject = EntrySubject<TeamFile>;

/** Rules about one team's headcount and reserve activation, run on each team in turn. */
const STAFFING_RULES: readonly Rule<TeamSubject>[] = [
  {
    name: 'team-headcount-given',
    purpose: 'a team says how many agents it has: agents, or a schedule',
    check: ({ entry, path }, report) => {
      if (entry.agents === undefined && entry.schedule === undefined) {
        report([...path, 'agents'], 'required (or a schedule): the number of agents on the team, a whole number >= 0');
      }
    },
  },
  {
    name: 'schedule-not-empty',
    purpose: 'a schedule has at least one step',
    check: ({ entry, path }, report) => {
      if (entry.schedule?.length === 0) report([...path, 'schedule'], 'expected at least one step such as { at: "08:00", agents: 12 }');
    },
  },
  {
    name: 'schedule-times-distinct',
    purpose: 'no two schedule steps are at the same time of day',
    check: ({ entry, path }, report) => {
      const steps = [...(entry.schedule ?? [])].sort((x, y) => x.at - y.at);
      for (let i = 1; i < steps.length; i++) {
        if (steps[i].at === steps[i - 1].at) report([...path, 'schedule'], `two steps at the same time of day (${formatTimeOfDay(steps[i].at)})`);
      }
    },
  },
  {
    name: 'activation-has-trigger',
    purpose: 'a reserve team is activated by a time after a surge start and/or a backlog level',
    check: ({ entry, path }, report) => {
      const a = entry.activation;
      if (a && a.after === undefined && a.whenBacklog === undefined) {
        report([...path, 'activation'], 'expected after (time from a surge start) and/or whenBacklog (a backlog level)');
      }
    },
  },
  {
    name: 'activation-after-needs-surges',
    purpose: 'activation after a surge start needs a surge to start',
    check: ({ entry, path, known }, report) => {
      if (entry.activation?.after !== undefined && known.surges.length === 0) {
        report([...path, 'activation', 'after'], 'counts from the start of a surge, but the scenario has no surges');
      }
    },
  },
  {
    name: 'activation-surge-known',
    purpose: 'a reserve team activated by one surge names a declared surge',
    check: ({ entry, path, known }, report) => {
      const surge = entry.activation?.surge;
      if (surge !== undefined) reportUnknownName(report, [...path, 'activation', 'surge'], surge, known.surges, 'surge');
    },
  },
];

/** Rules about where one team's work goes, run on each team in turn. */
const ROUTING_RULES: readonly Rule<TeamSubject>[] = [
  {
    name: 'overflow-team-known',
    purpose: 'a team overflows to a declared team',
    check: ({ entry, path, known }, report) => {
      if (entry.overflow) reportUnknownName(report, [...path, 'overflow', 'to'], entry.overflow.to, known.teams, 'team');
    },
  },
  {
    name: 'overflow-not-to-self',
    purpose: 'a team overflows to another team',
    check: ({ entry, path, name }, report) => {
      if (entry.overflow?.to === name) report([...path, 'overflow', 'to'], 'a team cannot overflow to itself');
    },
  },
  {
    name: 'dedicated-has-target',
    purpose: 'a dedicated team says what it is dedicated to: tiers and/or channels',
    check: ({ entry, path }, report) => {
      const d = entry.dedicated;
      if (d && d.tiers === undefined && d.channels === undefined) {
        report([...path, 'dedicated'], 'expected tiers and/or channels the team is dedicated to, e.g. { tiers: [urgent] }');
      }
    },
  },
  {
    name: 'dedicated-tiers-known',
    purpose: 'a team is dedicated to declared tiers',
    check: ({ entry, path, known }, report) => reportUnknownNames(report, [...path, 'dedicated', 'tiers'], entry.dedicated?.tiers, known.tiers, 'tier'),
  },
  {
    name: 'dedicated-channels-known',
    purpose: 'a team is dedicated to declared channels',
    check: ({ entry, path, known }, report) =>
      reportUnknownNames(report, [...path, 'dedicated', 'channels'], entry.dedicated?.channels, known.channels, 'channel'),
  },
  {
    name: 'team-channels-known',
    purpose: 'a team takes declared channels',
    check: ({ entry, path, known }, report) => reportUnknownNames(report, [...path, 'channels'], entry.channels, known.channels, 'channel'),
  },
  {
    name: 'team-tiers-known',
    purpose: 'a team takes declared tiers',
    check: ({ entry, path, known }, report) => reportUnknownNames(report, [...path, 'tiers'], entry.tiers, known.tiers, 'tier'),
  },
  {
    name: 'team-brands-known',
    purpose: "a team takes brands some channel's mix has",
    check: ({ entry, path, known }, report) => reportUnknownNames(report, [...path, 'brands'], entry.brands, known.brands, 'brand'),
  },
];

/** Rules about one team, run on each team in turn. */
export const TEAM_RULES: readonly Rule<TeamSubject>[] = [...STAFFING_RULES, ...ROUTING_RULES];
