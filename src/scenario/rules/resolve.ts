import { DEFAULTS, type ScenarioFile } from '../schema.js';
import { SENTIMENTS, type Channel, type NamedWindow, type Scenario, type SentimentMix, type Surge, type Team, type Tier, type TraceSource, type TriageRule } from '../types.js';
import { datedStepTime, isDated, isMapping, profileWeights, surgeSpan, surgeTiming, weekdayWeights, windowBounds } from './derived.js';
import { resolveThresholds } from './thresholds.js';
import { defaultReportInterval } from '../report-interval.js';
import { tierEntries, type ChannelFile, type KnownNames, type SurgeFile, type TeamFile } from './subjects.js';

/**
 * Turns a scenario file that every file rule accepted into the normalised
 * {@link Scenario}: fills defaults and turns names into indexes. It trusts
 * the rules: every name it looks up is known, every mix adds up to 1.
 */
export function resolveFile(file: ScenarioFile, fallbackName: string, known: KnownNames): Scenario {
  const tiers: Tier[] = tierEntries(file).map(([name, t], i) => ({
    name,
    firstResponseTarget: t.firstResponse,
    priority: t.priority ?? i,
    goal: t.goal ?? DEFAULTS.goal,
    // Only when set: a tier without one hashes as before.
    ...(t.nextResponse === undefined ? {} : { nextResponseTarget: t.nextResponse }),
  }));
  const horizon = file.horizon;
  const warmup = file.warmup ?? DEFAULTS.warmup;
  return {
    name: file.name ?? fallbackName,
    horizon,
    warmup,
    drain: file.drain ?? DEFAULTS.drain,
    replications: file.replications ?? DEFAULTS.replications,
    seed: file.seed ?? DEFAULTS.seed,
    startsAt: file.startsAt?.time ?? DEFAULTS.startsAt,
    calendar: file.startsAt?.calendar ?? null,
    report: {
      interval: file.report?.interval ?? defaultReportInterval(horizon),
      window: resolveWindow(file.report?.window, file, warmup, horizon),
      answeredWithin: file.report?.answeredWithin ?? DEFAULTS.answeredWithin,
      windows: Object.entries(file.report?.windows ?? {}).map(([name, v]): NamedWindow => ({ name, ...resolveWindow(v, file, warmup, horizon) })),
    },
    channels: Object.entries(file.channels).map(([name, c]) => resolveChannel(name, c, known, leastUrgent(tiers))),
    traces: [
      ...(file.arrivals ? [traceSource(file.arrivals.trace, null)] : []),
      ...Object.values(file.channels).flatMap((c, i) => (c.arrivals ? [traceSource(c.arrivals.trace, i)] : [])),
    ],
    surges: (file.surges ?? []).map((s, i) => resolveSurge(s, known.surges[i], known)),
    tiers,
    teams: Object.entries(file.teams).map(([name, t]) => resolveTeam(name, t, known, file.startsAt?.time ?? DEFAULTS.startsAt)),
    routing: { policy: file.routing?.policy ?? DEFAULTS.policy, agentSelection: file.routing?.agentSelection ?? DEFAULTS.agentSelection },
    brands: known.brands,
    topics: known.topics,
    triage: (file.triage ?? []).map(({ when = {}, tier }): TriageRule => ({
      channels: when.channel === undefined ? null : indexes(when.channel, known.channels),
      brands: when.brand === undefined ? null : indexes(when.brand, known.brands),
      topics: when.topic === undefined ? null : indexes(when.topic, known.topics),
      sentiments: when.sentiment === undefined ? null : indexes(when.sentiment, SENTIMENTS),
      tier: known.tiers.indexOf(tier),
    })),
    tagging: { accuracy: file.tagging?.accuracy ?? DEFAULTS.taggingAccuracy },
    outcomes: {
      positive: { ...DEFAULTS.outcomes.positive, ...file.outcomes?.positive },
      speed: file.outcomes?.speed ?? DEFAULTS.outcomes.speed,
      resolved: file.outcomes?.resolved ?? DEFAULTS.outcomes.resolved,
      worsen: file.outcomes?.worsen ?? DEFAULTS.outcomes.worsen,
    },
    csat: {
      satisfied: { ...DEFAULTS.csat.satisfied, ...file.csat?.satisfied },
      speed: file.csat?.speed ?? DEFAULTS.csat.speed,
      bias: file.csat?.bias ?? DEFAULTS.csat.bias,
    },
    surveys: { responseRate: file.surveys?.responseRate ?? DEFAULTS.surveyResponseRate },
    thresholds: resolveThresholds(file, known),
  };
}

/** Indexes of `names` in `known`. */
function indexes(names: readonly string[], known: readonly string[]): number[] {
  return names.map((n) => known.indexOf(n));
}

/** Indexes of `names` in `known`, or all of `known` when the file lists none. */
function indexesOrAll(names: readonly string[] | undefined, known: readonly string[]): number[] {
  return names === undefined ? known.map((_, i) => i) : indexes(names, known);
}

/** The default tier of a channel: the least urgent (the last declared among equals). */
function leastUrgent(tiers: readonly Tier[]): number {
  let least = 0;
  tiers.forEach((t, i) => {
    if (t.priority >= tiers[least].priority) least = i;
  });
  return least;
}

function sentimentMix(mix: Partial<SentimentMix> | undefined): SentimentMix | null {
  return mix === undefined ? null : { negative: mix.negative ?? 0, neutral: mix.neutral ?? 0, positive: mix.positive ?? 0 };
}

/** Named shares as an array over `known` names (zeros elsewhere). */
function shares(mix: Record<string, number> | undefined, known: readonly string[]): number[] | null {
  return mix === undefined ? null : known.map((n) => mix[n] ?? 0);
}

/** A trace as the file names it; the loader resolves its path and reads it. */
function traceSource(file: string, channel: number | null): TraceSource {
  return { file, path: file, channel, skipBadRows: false, contents: null };
}

function resolveChannel(name: string, c: ChannelFile, known: KnownNames, defaultTier: number): Channel {
  const f = c.followUp;
  const profile = c.profile === undefined ? null : profileWeights(c.profile);
  const weekdays = c.weekdays === undefined ? null : weekdayWeights(c.weekdays);
  return {
    name,
    rate: c.rate ?? 0,
    tracedRate: null,
    profile: profile !== null && 'weights' in profile ? profile.weights : null,
    // Only when set: a channel without one hashes as before.
    ...(weekdays !== null && 'weights' in weekdays ? { weekdays: weekdays.weights } : {}),
    sentiment: sentimentMix(c.sentiment) ?? { negative: 0, neutral: 1, positive: 0 },
    handleTime: c.handleTime,
    turns: c.turns ?? { dist: 'constant', value: DEFAULTS.turns },
    customerReplyDelay: c.customerReplyDelay ?? null,
    idleTimeout: c.idleTimeout ?? null,
    patience: c.patience ?? null,
    tier: c.tier === undefined ? defaultTier : known.tiers.indexOf(c.tier),
    brands: shares(c.brands, known.brands),
    topics: shares(c.topics, known.topics),
    welcome: c.welcome ?? false,
    selfService: c.selfService ?? null,
    followUp: f
      ? {
          after: f.after,
          probability: f.probability,
          channel: known.channels.indexOf(f.channel ?? name),
          max: f.max ?? DEFAULTS.followUpMax,
          mergeTime: f.mergeTime ?? DEFAULTS.mergeTime,
        }
      : null,
    surveyResponseRate: c.surveys?.responseRate ?? null,
  };
}

function resolveSurge(s: SurgeFile, name: string, known: KnownNames): Surge {
  return {
    name,
    ...surgeTiming(s),
    volume: s.volume,
    channels: indexesOrAll(s.channels, known.channels),
    sentiment: sentimentMix(s.sentiment),
    brands: shares(s.brands, known.brands),
    topics: shares(s.topics, known.topics),
  };
}

function resolveTeam(name: string, t: TeamFile, known: KnownNames, startsAt: number): Team {
  const a = t.activation;
  const d = t.dedicated;
  return {
    name,
    agents: t.agents ?? 0,
    concurrency: t.concurrency ?? DEFAULTS.concurrency,
    channels: indexesOrAll(t.channels, known.channels),
    tiers: indexesOrAll(t.tiers, known.tiers),
    schedule: t.schedule && !isDated(t.schedule) ? t.schedule.map((x) => ({ at: x.at.time, agents: x.agents })).sort((x, y) => x.at - y.at) : null,
    datedSchedule: t.schedule && isDated(t.schedule) ? t.schedule.map((x) => ({ at: datedStepTime(x.at, startsAt), agents: x.agents })) : null,
    brands: t.brands === undefined ? null : indexes(t.brands, known.brands),
    speed: t.speed ?? DEFAULTS.speed,
    activation: a
      ? { after: a.after ?? null, surge: a.surge === undefined ? null : known.surges.indexOf(a.surge), whenBacklog: a.whenBacklog ?? null, standDown: a.standDown ?? 0 }
      : null,
    overflow: t.overflow ? { after: t.overflow.after, to: known.teams.indexOf(t.overflow.to) } : null,
    dedicated: d
      ? {
          tiers: d.tiers === undefined ? null : indexes(d.tiers, known.tiers),
          channels: d.channels === undefined ? null : indexes(d.channels, known.channels),
        }
      : null,
    empathy: t.empathy ?? DEFAULTS.empathy,
    shrinkage: t.shrinkage ?? DEFAULTS.shrinkage,
    shrinkageBlock: t.shrinkageBlock ?? DEFAULTS.shrinkageBlock,
  };
}

/**
 * A measurement window (`report.window` or a named one) as written:
 * `surge` (from the first surge's start to the last one's end),
 * `{ from, to }`, or by default [warmup, horizon).
 */
function resolveWindow(v: unknown, file: ScenarioFile, warmup: number, horizon: number): { from: number; to: number } {
  if (v === 'surge') return surgeSpan(file.surges ?? [], horizon);
  if (isMapping(v)) {
    const { from, to } = windowBounds(v, warmup, horizon);
    if (from.ok && to.ok) return { from: from.value, to: to.value };
  }
  return { from: warmup, to: horizon };
}
