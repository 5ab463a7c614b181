import type { ThresholdSpec } from '../thresholds/resolve.js';
import type { AgentSelectionName, RoutingPolicyName } from './policies.js';
import type { CountSpec, DistSpec } from '../core/distributions.js';
import type { Calendar } from './units.js';

export type { Calendar };

/**
 * The validated, normalised scenario every module below the loader trusts.
 * Times are seconds (t = 0 is the start of the run), rates are per second,
 * cross-references are indexes into the arrays, and every default is filled.
 */
export interface Scenario {
  name: string;
  /** Arrivals are generated over [0, horizon). */
  horizon: number;
  /** Conversations arriving before this time are left out of every metric. */
  warmup: number;
  /** Longest the run continues after the horizon to let the backlog empty. */
  drain: number;
  replications: number;
  seed: number;
  /** Seconds after midnight at t = 0. */
  startsAt: number;
  /** The date of t = 0 when `startsAt` gives one (a date-time with offset), else null. */
  calendar: Calendar | null;
  report: {
    interval: number;
    /** Metrics cover conversations arriving in [from, to) (default [warmup, horizon)). */
    window: { from: number; to: number };
    /** Threshold of the tier-independent `answeredWithin` metric, seconds. */
    answeredWithin: number;
    /** Named windows (`report.windows`), in file order: each is measured like `window`, beside it. */
    windows: NamedWindow[];
  };
  channels: Channel[];
  /** Recorded arrivals replayed instead of generated (`arrivals: { trace }`), in file order: the scenario-level one first. */
  traces: TraceSource[];
  surges: Surge[];
  tiers: Tier[];
  teams: Team[];
  routing: { policy: RoutingPolicyName; agentSelection: AgentSelectionName };
  /** Brand names declared by the channels' mixes (union, in order of appearance). */
  brands: string[];
  /** Topic names declared by the channels' mixes (union, in order of appearance). */
  topics: string[];
  /** Ordered triage rules: the first that matches a conversation's tags sets its tier. */
  triage: TriageRule[];
  /** Probability that an automatic tag (sentiment, topic) is read right. */
  tagging: { accuracy: number };
  /** How answered conversations end (sentiment recovery). */
  outcomes: OutcomeModel;
  /** How surveyed customers answer. */
  csat: CsatModel;
  /** Share of closed, answered conversations whose customer answers the survey (channels may override). */
  surveys: { responseRate: number };
  /** SLA thresholds `careload check` and `run` judge (see src/thresholds); not part of what is simulated. */
  thresholds: ThresholdSpec[];
  /** The scenario file as run: its keys after --set overrides and overlays, as written (present when loaded from text). */
  source?: Record<string, unknown>;
}

/** A named measurement window: metrics over the conversations arriving in [from, to), seconds. */
export interface NamedWindow {
  name: string;
  from: number;
  to: number;
}

/** Most named windows a scenario may declare: each adds a full set of accumulators, and the recorder marks a conversation's windows in one byte. */
export const MAX_NAMED_WINDOWS = 7;

/** The sentiment outcome model's parameters (see src/model/outcomes.ts). */
export interface OutcomeModel {
  /** Logit of ending positive by sentiment after waiting. */
  positive: { negative: number; neutral: number; positive: number };
  /** Logit lost per tier target of first-response time. */
  speed: number;
  /** Logit added when the conversation was resolved (not closed by silence). */
  resolved: number;
  /** Scale of the hazard of worsening while waiting, per (first response / target)^2. */
  worsen: number;
}

/** The survey answer model's parameters. */
export interface CsatModel {
  /** Probability of a satisfied answer by final sentiment, at an instant first reply. */
  satisfied: { negative: number; neutral: number; positive: number };
  /** Logit lost per tier target of first-response time. */
  speed: number;
  /** Logit added to every answer (what calibration fits to an observed CSAT). */
  bias: number;
}


/** Sentiment values, in the order used everywhere (index 0, 1, 2). */
export const SENTIMENTS = ['negative', 'neutral', 'positive'] as const;

export type { AgentSelectionName, RoutingPolicyName };

/**
 * A triage rule: each condition lists accepted values as indexes (channels,
 * brands, topics, sentiments); null means any value.
 */
export interface TriageRule {
  channels: number[] | null;
  brands: number[] | null;
  topics: number[] | null;
  sentiments: number[] | null;
  tier: number;
}

/** Shares of the three sentiments; they sum to 1. */
export interface SentimentMix {
  negative: number;
  neutral: number;
  positive: number;
}

/** A recorded trace replayed as arrivals (see src/trace). */
export interface TraceSource {
  /** The path as the scenario file wrote it (for messages). */
  file: string;
  /** Where it is read: `file` resolved against the scenario file's folder by the loader. */
  path: string;
  /** The channel it replays (`channels.<name>.arrivals.trace`), or null for the scenario-level trace whose rows name their channel. */
  channel: number | null;
  /** Rows that cannot be replayed are skipped and counted instead of refused (`--skip-bad-rows`). */
  skipBadRows: boolean;
  /** What the loader found in the file (null until it has read it). */
  contents: TraceContents | null;
}

/** A trace's contents as the loader checked them. */
export interface TraceContents {
  /** sha256 of the file's bytes, 16 hex digits: results name the trace they replayed. */
  digest: string;
  /** Rows replayed (before surges thin or repeat them). */
  rows: number;
  /** Rows skipped as bad (only with skipBadRows). */
  skipped: number;
  /** The first skipped row's problem, `file:line column: message`, or null. */
  firstSkipped: string | null;
  /** Lines whose id repeats an earlier row's (skipped: only with skipBadRows, else the trace is refused). */
  duplicateLines: number[];
}

export interface Channel {
  name: string;
  /** Baseline Poisson arrival rate, per second (0 for a channel replaying a trace). */
  rate: number;
  /**
   * For a channel replaying a trace: its rows' arrival rate per hour of the
   * run (per second), which estimates and checks of the load use; the rows
   * themselves are the arrivals. Null for a channel whose arrivals are generated.
   */
  tracedRate: { step: number; rates: number[] } | null;
  /** 24 hourly weights with mean 1, or null for a flat day. */
  profile: number[] | null;
  /**
   * 7 daily weights with mean 1, Monday first (the scenario then has a
   * calendar); absent for the same rate every day of the week, so the
   * scenario hash of channels without one is unchanged.
   */
  weekdays?: number[];
  sentiment: SentimentMix;
  handleTime: DistSpec;
  turns: CountSpec;
  customerReplyDelay: DistSpec | null;
  /** A customer silent this long after an agent reply has their conversation closed. */
  idleTimeout: number | null;
  /** Time a customer waits for pickup before abandoning; null = never abandons. */
  patience: DistSpec | null;
  /** Index into Scenario.tiers. */
  tier: number;
  /** Shares over Scenario.brands (sum 1), or null when the channel has no brands. */
  brands: number[] | null;
  /** Shares over Scenario.topics (sum 1), or null when the channel has no topics. */
  topics: number[] | null;
  /** An automatic welcome message is sent on arrival (it is not a response). */
  welcome: boolean;
  /** Community or bot answers: this share is solved within `within` unless an agent picks it up first. */
  selfService: { share: number; within: number } | null;
  /** Customers still waiting after `after` may post again on `channel`. */
  followUp: FollowUp | null;
  /** Survey response rate on this channel, or null for the scenario's. */
  surveyResponseRate: number | null;
}

export interface FollowUp {
  after: number;
  probability: number;
  /** Index into Scenario.channels. */
  channel: number;
  /** Most follow-ups one conversation produces. */
  max: number;
  /** Agent time added to the first reply per linked conversation it settles. */
  mergeTime: number;
}

export interface Surge {
  name: string;
  start: number;
  rampUp: number;
  duration: number;
  rampDown: number;
  /** Rate multiplier on the plateau (1.63 = +63%). */
  volume: number;
  /** Indexes into Scenario.channels. */
  channels: number[];
  /** Sentiment mix on the plateau, or null to leave the channel's mix alone. */
  sentiment: SentimentMix | null;
  /** Brand shares (over Scenario.brands) on the plateau, or null. */
  brands: number[] | null;
  /** Topic shares (over Scenario.topics) on the plateau, or null. */
  topics: number[] | null;
}

export interface Tier {
  name: string;
  /** SLA target for the first reply, seconds (the file's `firstResponse` key). */
  firstResponseTarget: number;
  /**
   * Target for each later agent reply, seconds after the customer's message
   * (the file's `nextResponse` key); absent when the tier sets none, so the
   * scenario hash of tiers without one is unchanged.
   */
  nextResponseTarget?: number;
  /** Lower = more urgent. */
  priority: number;
  /** Share of conversations that should meet the target (for met / missed in reports). */
  goal: number;
}

export interface ScheduleStep {
  /** Seconds after midnight in a daily schedule; seconds from t = 0 in a dated one. */
  at: number;
  agents: number;
}

export interface Team {
  name: string;
  agents: number;
  concurrency: number;
  /** Indexes into Scenario.channels this team takes. */
  channels: number[];
  /** Indexes into Scenario.tiers this team takes. */
  tiers: number[];
  /** Daily headcount steps sorted by time, or null for a constant `agents` or a dated schedule. */
  schedule: ScheduleStep[] | null;
  /**
   * Dated headcount steps (times from t = 0, in order, the first at 0), or
   * null. They do not repeat: the last one holds to the end of the run.
   */
  datedSchedule: ScheduleStep[] | null;
  /** Indexes into Scenario.brands this team takes, or null for all brands. */
  brands: number[] | null;
  /** Work rate: handle times are divided by it (1.25 = 25% faster). */
  speed: number;
  /** A reserve team: off until activated; null = always rostered. */
  activation: Activation | null;
  /** Work this team would take that waited `after` may also go to team `to`. */
  overflow: { after: number; to: number } | null;
  /**
   * Under `dedicated` routing, the tiers and/or channels this team is
   * dedicated to (null lists = any); null = an undedicated team, which takes
   * what no dedicated team owns. Ignored by the pooled policies.
   */
  dedicated: { tiers: number[] | null; channels: number[] | null } | null;
  /** Logit added to the chance that the team's conversations end positive. */
  empathy: number;
  /** Share of rostered time an agent is away (breaks, training, absence), in [0, 1). */
  shrinkage: number;
  /** Mean length of one absence, seconds. */
  shrinkageBlock: number;
}

/**
 * When a reserve team is on the roster: from `after` past the start of a
 * surge (all surges, or the one at index `surge`) until `standDown` past its
 * end, and/or while the total backlog exceeds `whenBacklog` (until
 * `standDown` after it falls back).
 */
export interface Activation {
  after: number | null;
  surge: number | null;
  whenBacklog: number | null;
  standDown: number;
}
