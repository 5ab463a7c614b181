/**
 * The metrics a threshold may name: for each, what it measures, its unit,
 * the aggregations it takes (the first is what the bare form `>= 80%`
 * means) and the tags that select its scope. Pure data, read by the
 * scenario's validation and by `careload check`; the README's table is
 * written from it.
 */
import type { Aggregation } from './grammar.js';

/** How a metric's values read. */
export type MetricUnit = 'share' | 'count' | 'seconds' | 'level';

/** Tags that select a scope. */
export type TagName = 'tier' | 'channel' | 'brand' | 'team' | 'window';

/** A metric thresholds can name. */
export interface MetricSpec {
  name: string;
  unit: MetricUnit;
  /** Aggregation kinds it takes; the first is the default. `p` stands for p(N). */
  aggregations: readonly Aggregation['kind'][];
  /** Scope tags it accepts (at most one at a time). Every metric also takes `window:` (a named window of report.windows), which is not listed here. */
  tags: readonly TagName[];
  /** One line for the README table. */
  describe: string;
}

const CONVERSATION_TAGS: readonly TagName[] = ['tier', 'channel', 'brand'];
const DURATION: readonly Aggregation['kind'][] = ['avg', 'med', 'p', 'min', 'max'];

const share = (name: string, describe: string): MetricSpec => ({ name, unit: 'share', aggregations: ['rate'], tags: CONVERSATION_TAGS, describe });
const count = (name: string, describe: string): MetricSpec => ({ name, unit: 'count', aggregations: ['count'], tags: CONVERSATION_TAGS, describe });
const duration = (name: string, describe: string): MetricSpec => ({ name, unit: 'seconds', aggregations: DURATION, tags: CONVERSATION_TAGS, describe });

/** Every metric, in the order the README lists them. */
export const METRICS: readonly MetricSpec[] = [
  share('slaAttainment', 'first reply posted within the tier target, of arrivals less deflected'),
  share('nextResponseAttainment', "later replies posted within the tier's nextResponse target, of later replies in tiers that set one"),
  share('pickupWithinTarget', 'picked up within the tier target, of arrivals less deflected'),
  share('answeredWithin', 'first reply posted within report.answeredWithin (any tier), of arrivals less deflected'),
  share('abandonRate', 'abandoned before pickup, of arrivals'),
  share('recoveryNegative', 'conversations that started negative and ended positive'),
  share('recoveryNeutral', 'conversations that started neutral and ended positive'),
  share('csat', 'satisfied survey answers, of answers'),
  share('surveyResponseRate', 'survey answers, of surveys sent'),
  share('negativeShare', 'arrivals with negative initial sentiment'),
  { name: 'utilization', unit: 'share', aggregations: ['rate'], tags: ['tier', 'channel', 'brand', 'team'], describe: "agents' writing time, of their time on shift (per team with team:)" },
  { name: 'slotOccupancy', unit: 'share', aggregations: ['rate'], tags: ['team'], describe: 'open conversations, of the slots of agents on shift (agents x concurrency; team: required)' },
  duration('wait', 'arrival to pickup, of answered conversations'),
  duration('firstResponse', 'arrival to the first reply posted'),
  duration('nextResponse', "customer's later message to the agent's reply"),
  count('arrivals', 'measured arrivals'),
  count('answered', 'picked up by an agent'),
  count('abandoned', 'abandoned before pickup'),
  count('unanswered', 'still waiting when the run ended'),
  count('deflected', 'solved by self-service before pickup'),
  count('misrouted', 'triaged into another tier than their true tags give'),
  count('followUps', "customers' follow-up posts"),
  count('merged', 'follow-ups settled with their original'),
  count('welcomed', 'received an automatic welcome'),
  { name: 'handled', unit: 'count', aggregations: ['count'], tags: ['team'], describe: 'conversations a team picked up (team: required)' },
  { name: 'backlogMean', unit: 'level', aggregations: ['value'], tags: CONVERSATION_TAGS, describe: 'time-average number of conversations waiting' },
  { name: 'agentsOnShiftMean', unit: 'level', aggregations: ['value'], tags: ['team'], describe: 'time-average agents on shift (team: required)' },
  {
    name: 'overrunHours',
    unit: 'count',
    aggregations: ['count'],
    tags: ['team'],
    describe: 'agent-hours worked past shift end, finishing open conversations: a plain number of hours (team: required)',
  },
];

/** Metrics that need a team tag. */
export const TEAM_ONLY = new Set(['handled', 'agentsOnShiftMean', 'slotOccupancy', 'overrunHours']);

/** Metrics that need a tier with a `nextResponse` target in their scope. */
export const NEEDS_NEXT_RESPONSE_TARGET = new Set(['nextResponseAttainment']);

/** The metric named `name`, or undefined. */
export function metricSpec(name: string): MetricSpec | undefined {
  return METRICS.find((m) => m.name === name);
}

/** The aggregations a metric takes, as written: `avg, med, p(N), min, max`. */
export function aggregationForms(spec: MetricSpec): string {
  return spec.aggregations.map((a) => (a === 'p' ? 'p(N)' : a)).join(', ');
}
