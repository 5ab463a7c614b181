import type { CountSpec, DistSpec } from '../core/distributions.js';

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
  report: { interval: number };
  channels: Channel[];
  surges: Surge[];
  tiers: Tier[];
  teams: Team[];
  routing: { policy: RoutingPolicyName };
}

/** Names of the routing policies. */
export type RoutingPolicyName = 'fifo' | 'priority';

/** Shares of the three sentiments; they sum to 1. */
export interface SentimentMix {
  negative: number;
  neutral: number;
  positive: number;
}

export interface Channel {
  name: string;
  /** Baseline Poisson arrival rate, per second. */
  rate: number;
  /** 24 hourly weights with mean 1, or null for a flat day. */
  profile: number[] | null;
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
}

export interface Tier {
  name: string;
  /** SLA target for the first reply, seconds. */
  firstResponse: number;
  /** Lower = more urgent. */
  priority: number;
}

export interface ScheduleStep {
  /** Seconds after midnight. */
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
  /** Daily headcount steps sorted by time, or null for a constant `agents`. */
  schedule: ScheduleStep[] | null;
}
