import * as z from './zod.js';
import {
  count,
  duration,
  durationDist,
  flag,
  mapping,
  measurementWindow,
  name,
  nameList,
  nameOrList,
  namedMap,
  namedShares,
  numberIn,
  oneOf,
  positiveDuration,
  positiveNumber,
  rate,
  scheduleTime,
  share,
  shareBelowOne,
  startsAt,
  volume,
  weights,
  wholeNumber,
} from './fields.js';
import { AGENT_SELECTION_NAMES, ROUTING_POLICY_NAMES } from './policies.js';
import { describeValue } from './units.js';

/**
 * The shape of a version-1 scenario file, key by key, with its defaults.
 * Values come out normalised (seconds, per-second rates) but names are not
 * yet resolved: the rules in rules/ check references between sections and
 * turn names into indexes.
 */

const sentimentMix = mapping('a sentiment mix such as { negative: 0.1, neutral: 0.8, positive: 0.1 }', {
  negative: share().optional(),
  neutral: share().optional(),
  positive: share().optional(),
});

/** `arrivals: { trace: file.csv }`: recorded arrivals replayed instead of generated. */
const arrivals = mapping('a mapping such as { trace: outage.csv }', {
  trace: z.string({ error: (iss) => `expected the path of a CSV trace such as outage.csv, got ${describeValue(iss.input)}` })
    .min(1, { error: 'expected the path of a CSV trace such as outage.csv, got an empty text' }),
});

const channel = mapping('a channel (a mapping with at least rate and handleTime)', {
  rate: rate().optional(),
  arrivals: arrivals.optional(),
  profile: weights(24).optional(),
  weekdays: weights(7).optional(),
  sentiment: sentimentMix.optional(),
  handleTime: durationDist(),
  turns: count().optional(),
  customerReplyDelay: durationDist().optional(),
  idleTimeout: positiveDuration().optional(),
  patience: durationDist().optional(),
  tier: name().optional(),
  brands: namedShares().optional(),
  topics: namedShares().optional(),
  welcome: flag().optional(),
  selfService: mapping('a mapping such as { share: 0.2, within: 1h }', { share: share(), within: positiveDuration() }).optional(),
  surveys: mapping('a mapping such as { responseRate: 0.2 }', { responseRate: share() }).optional(),
  followUp: mapping('a mapping such as { after: 1h, probability: 0.3, channel: twitter, max: 2 }', {
    after: positiveDuration(),
    probability: share(),
    channel: name().optional(),
    max: wholeNumber(1).optional(),
    mergeTime: duration().optional(),
  }).optional(),
});

const surge = mapping('a surge (a mapping with start, duration and volume)', {
  name: name().optional(),
  start: duration(),
  rampUp: duration().optional(),
  duration: duration(),
  rampDown: duration().optional(),
  volume: volume(),
  channels: nameList().optional(),
  sentiment: sentimentMix.optional(),
  brands: namedShares().optional(),
  topics: namedShares().optional(),
});

const tier = mapping('a tier such as { firstResponse: 2h }', {
  firstResponse: positiveDuration(),
  nextResponse: positiveDuration().optional(),
  priority: numberIn(-1e9).optional(),
  goal: share().optional(),
});

const scheduleStep = mapping('a schedule step such as { at: "08:00", agents: 12 } or { at: "d2 08:00", agents: 12 }', {
  at: scheduleTime(),
  agents: wholeNumber(0),
});

const triageRule = mapping('a triage rule such as { when: { topic: outage }, tier: urgent }', {
  when: mapping('conditions such as { channel: twitter, sentiment: negative }', {
    channel: nameOrList().optional(),
    brand: nameOrList().optional(),
    topic: nameOrList().optional(),
    sentiment: nameOrList().optional(),
  }).optional(),
  tier: name(),
});

const team = mapping('a team (a mapping with agents or schedule)', {
  agents: wholeNumber(0).optional(),
  concurrency: wholeNumber(1).optional(),
  channels: nameList().optional(),
  tiers: nameList().optional(),
  brands: nameList().optional(),
  speed: positiveNumber().optional(),
  activation: mapping('a mapping such as { after: 30m, whenBacklog: 200, standDown: 2h }', {
    after: duration().optional(),
    surge: name().optional(),
    whenBacklog: wholeNumber(1).optional(),
    standDown: duration().optional(),
  }).optional(),
  overflow: mapping('a mapping such as { after: 30m, to: regular }', { after: duration(), to: name() }).optional(),
  dedicated: mapping('a mapping such as { tiers: [urgent] }', { tiers: nameList().optional(), channels: nameList().optional() }).optional(),
  empathy: numberIn(-10, 10).optional(),
  schedule: z.array(scheduleStep, { error: (iss) => `expected a list of steps such as [{ at: "08:00", agents: 12 }], got ${describeValue(iss.input)}` }).optional(),
  shrinkage: shareBelowOne().optional(),
  shrinkageBlock: positiveDuration().optional(),
});

/** One threshold condition: `'>= 80%'`, or `{ threshold: '>= 80%', confidence: 0.99 }`. */
const thresholdEntry = z.union([
  z.string(),
  mapping("a condition such as '>= 80%' or { threshold: '>= 0.4', confidence: 0.99 }", { threshold: z.string(), confidence: share().optional() }),
], { error: (iss) => `expected a condition such as '>= 80%' or { threshold: '>= 0.4', confidence: 0.99 }, got ${describeValue(iss.input)}` });

export const scenarioFileSchema = mapping('a scenario (a mapping of keys such as horizon, channels, teams)', {
  version: z.literal(1, { error: 'expected version 1 (the only scenario format so far)' }).optional(),
  name: name().optional(),
  description: z.string({ error: 'expected text' }).optional(),
  horizon: positiveDuration(),
  warmup: duration().optional(),
  drain: duration().optional(),
  replications: wholeNumber(1).optional(),
  seed: wholeNumber(0).optional(),
  startsAt: startsAt().optional(),
  report: mapping('a mapping such as { interval: 15m }', {
    interval: positiveDuration().optional(),
    window: measurementWindow().optional(),
    answeredWithin: positiveDuration().optional(),
    windows: namedMap('a mapping of window names to windows such as { outage: surge, week: { from: 1d, to: 4d } }', measurementWindow()).optional(),
  }).optional(),
  arrivals: arrivals.optional(),
  channels: namedMap('a mapping of channel names to channels', channel),
  surges: z.array(surge, { error: (iss) => `expected a list of surges such as [{ start: 26h, duration: 6h, volume: +63% }], got ${describeValue(iss.input)}` }).optional(),
  tiers: namedMap('a mapping of tier names to tiers', tier).optional(),
  teams: namedMap('a mapping of team names to teams', team),
  routing: mapping('a mapping such as { policy: priority }', {
    policy: oneOf(ROUTING_POLICY_NAMES).optional(),
    agentSelection: oneOf(AGENT_SELECTION_NAMES).optional(),
  }).optional(),
  triage: z.array(triageRule, { error: (iss) => `expected a list of rules such as [{ when: { topic: outage }, tier: urgent }], got ${describeValue(iss.input)}` }).optional(),
  tagging: mapping('a mapping such as { accuracy: 0.9 }', { accuracy: share() }).optional(),
  outcomes: mapping('a mapping such as { positive: { negative: -0.5 }, speed: 1 }', {
    positive: mapping('logits by sentiment such as { negative: -0.5, neutral: 0, positive: 2 }', {
      negative: numberIn(-20, 20).optional(),
      neutral: numberIn(-20, 20).optional(),
      positive: numberIn(-20, 20).optional(),
    }).optional(),
    speed: numberIn(0, 100).optional(),
    resolved: numberIn(-20, 20).optional(),
    worsen: numberIn(0, 100).optional(),
  }).optional(),
  csat: mapping('a mapping such as { satisfied: { negative: 0.1, neutral: 0.6, positive: 0.9 } }', {
    satisfied: mapping('probabilities by final sentiment such as { negative: 0.1, neutral: 0.6, positive: 0.9 }', {
      negative: share().optional(),
      neutral: share().optional(),
      positive: share().optional(),
    }).optional(),
    speed: numberIn(0, 100).optional(),
    bias: numberIn(-20, 20).optional(),
  }).optional(),
  surveys: mapping('a mapping such as { responseRate: 0.2 }', { responseRate: share() }).optional(),
  thresholds: namedMap(
    "a mapping of metrics to conditions such as { slaAttainment: ['>= 80%'], 'firstResponse{tier:urgent}': ['p(90) < 1h'] }",
    z.array(thresholdEntry, { error: (iss) => `expected a list of conditions such as ['>= 80%', 'p(90) < 2h'], got ${describeValue(iss.input)}` }),
  ).optional(),
});

/** A scenario file after the schema: normalised values, names unresolved. */
export type ScenarioFile = z.output<typeof scenarioFileSchema>;

/** Defaults applied where the file is silent. */
export const DEFAULTS = {
  warmup: 0,
  drain: 7 * 86400,
  replications: 10,
  seed: 1,
  startsAt: 0,
  interval: 15 * 60,
  tiers: { standard: { firstResponse: 2 * 3600 } },
  goal: 0.8,
  policy: 'fifo',
  agentSelection: 'leastBusy',
  concurrency: 1,
  turns: 1,
  speed: 1,
  taggingAccuracy: 1,
  followUpMax: 1,
  mergeTime: 60,
  answeredWithin: 2 * 3600,
  empathy: 0,
  shrinkage: 0,
  /** Mean length of one absence of a team with shrinkage, seconds. */
  shrinkageBlock: 15 * 60,
  outcomes: { positive: { negative: -1, neutral: -0.5, positive: 2 }, speed: 1, resolved: 0.5, worsen: 0.2 },
  csat: { satisfied: { negative: 0.15, neutral: 0.6, positive: 0.92 }, speed: 0.3, bias: 0 },
  surveyResponseRate: 0,
} as const;
