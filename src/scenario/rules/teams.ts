import { formatCount } from '../../format/count.js';
import { formatDuration, formatSimulatedClock, formatTimeOfDay } from '../../format/time.js';
import { DEFAULTS } from '../schema.js';
import type { ScheduleTime } from '../units.js';
import type { Rule } from './checker.js';
import { reportBadNames, reportUnknownName, reportUnknownNames } from './checks.js';
import { datedStepTime, isDated } from './derived.js';
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

/** A step's `at` as written: `"08:00"` or `"d2 08:00"`. */
function scheduleText(at: ScheduleTime): string {
  return `"${at.day === null ? '' : `d${at.day} `}${formatTimeOfDay(at.time)}"`;
}

/** True when the team's schedule (if any) is all daily or all dated. */
function oneForm(entry: TeamFile): boolean {
  const steps = entry.schedule ?? [];
  return steps.every((x) => (x.at.day !== null) === isDated(steps));
}

/** The team's schedule when it is a dated one throughout, else null. */
function datedSteps(entry: TeamFile): TeamFile['schedule'] | null {
  return entry.schedule && isDated(entry.schedule) && oneForm(entry) ? entry.schedule : null;
}

/** Most agents a team may have at once: the simulator sizes its per-agent arrays by a team's peak headcount. */
export const MAX_TEAM_AGENTS = 1_000_000;
/** Most conversation slots (agents x concurrency) a team may have: each is a slot in an array. */
export const MAX_TEAM_SLOTS = 10_000_000;

/** Rules about one team's headcount and reserve activation, run on each team in turn. */
const STAFFING_RULES: readonly Rule<TeamSubject>[] = [
  {
    name: 'team-size-bounded',
    purpose: `a team has at most ${formatCount(MAX_TEAM_AGENTS)} agents and ${formatCount(MAX_TEAM_SLOTS)} slots (agents x concurrency), so its arrays fit in memory`,
    check: ({ entry, path }, report) => {
      const counts: { at: (string | number)[]; agents: number }[] = [];
      if (entry.agents !== undefined) counts.push({ at: [...path, 'agents'], agents: entry.agents });
      (entry.schedule ?? []).forEach((step, i) => counts.push({ at: [...path, 'schedule', i, 'agents'], agents: step.agents }));
      let peak = 0;
      for (const { at, agents } of counts) {
        if (agents > MAX_TEAM_AGENTS) report(at, `expected at most ${formatCount(MAX_TEAM_AGENTS)} agents on one team, got ${agents.toExponential(2)}`);
        else peak = Math.max(peak, agents);
      }
      const concurrency = entry.concurrency ?? DEFAULTS.concurrency;
      if (peak * concurrency > MAX_TEAM_SLOTS) {
        report([...path, 'concurrency'], `expected at most ${formatCount(MAX_TEAM_SLOTS)} slots (agents x concurrency) on one team, got ${peak} x ${concurrency}`);
      }
    },
  },
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
    name: 'schedule-one-form',
    purpose: 'a schedule is all daily steps ("08:00") or all dated steps ("d2 08:00")',
    check: ({ entry, path }, report) => {
      const steps = entry.schedule ?? [];
      const dated = isDated(steps);
      steps.forEach((step, i) => {
        if ((step.at.day !== null) === dated) return;
        report([...path, 'schedule', i, 'at'], dated
          ? `is a time of day (${scheduleText(step.at)}), but the schedule's first step is dated (${scheduleText(steps[0].at)}): write every step with its day, "dN HH:MM", or none`
          : `is dated (${scheduleText(step.at)}), but the schedule's first step is a time of day (${scheduleText(steps[0].at)}): a daily schedule repeats every day; write every step with its day, "dN HH:MM", or none`);
      });
    },
  },
  {
    name: 'schedule-times-distinct',
    purpose: 'no two steps of a daily schedule are at the same time of day',
    check: ({ entry, path }, report) => {
      if (!oneForm(entry) || isDated(entry.schedule ?? [])) return;
      const steps = [...(entry.schedule ?? [])].sort((x, y) => x.at.time - y.at.time);
      for (let i = 1; i < steps.length; i++) {
        if (steps[i].at.time === steps[i - 1].at.time) report([...path, 'schedule'], `two steps at the same time of day (${formatTimeOfDay(steps[i].at.time)})`);
      }
    },
  },
  {
    name: 'dated-schedule-starts-with-run',
    purpose: "a dated schedule's first step is at the run's start, so the headcount is never implied",
    check: ({ entry, path, file }, report) => {
      const steps = datedSteps(entry);
      if (!steps || steps.length === 0) return;
      const startsAt = file.startsAt?.time ?? DEFAULTS.startsAt;
      if (datedStepTime(steps[0].at, startsAt) !== 0) {
        report([...path, 'schedule', 0, 'at'],
          `expected the run's start, "${formatSimulatedClock(0, startsAt)}" (startsAt ${formatTimeOfDay(startsAt)}), got ${scheduleText(steps[0].at)}: a dated schedule gives the headcount from the start (agents: 0 until the team comes in)`);
      }
    },
  },
  {
    name: 'dated-schedule-in-order',
    purpose: 'the steps of a dated schedule are listed in time order, each after the one before',
    check: ({ entry, path }, report) => {
      const steps = datedSteps(entry);
      for (let i = 1; i < (steps?.length ?? 0); i++) {
        const [before, step] = [steps![i - 1].at, steps![i].at];
        if (datedStepTime(step, 0) <= datedStepTime(before, 0)) {
          report([...path, 'schedule', i, 'at'], `expected a time after the step before it (${scheduleText(before)}), got ${scheduleText(step)}: dated steps are listed in time order`);
        }
      }
    },
  },
  {
    name: 'dated-schedule-inside-run',
    purpose: 'every step of a dated schedule starts before the run ends (horizon + drain)',
    check: ({ entry, path, file }, report) => {
      const steps = datedSteps(entry);
      if (!steps) return;
      const startsAt = file.startsAt?.time ?? DEFAULTS.startsAt;
      const drain = file.drain ?? DEFAULTS.drain;
      const end = file.horizon + drain;
      steps.forEach((step, i) => {
        if (datedStepTime(step.at, startsAt) < end) return;
        report([...path, 'schedule', i, 'at'],
          `expected a time before the run ends, "${formatSimulatedClock(end, startsAt)}" (horizon ${formatDuration(file.horizon)} + drain ${formatDuration(drain)}), got ${scheduleText(step.at)}`);
      });
    },
  },
  {
    name: 'shrinkage-block-needs-shrinkage',
    purpose: 'the mean length of an absence is given only for a team with shrinkage',
    check: ({ entry, path }, report) => {
      if (entry.shrinkageBlock !== undefined && !(entry.shrinkage! > 0)) {
        report([...path, 'shrinkageBlock'], 'is the mean length of one absence, but the team has no shrinkage: set shrinkage (such as 30%), or remove shrinkageBlock');
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
