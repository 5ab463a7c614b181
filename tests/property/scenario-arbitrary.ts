import { ROUTING_POLICY_NAMES } from '../../src/scenario/policies.js';
import fc from 'fast-check';
import type { DistSpec } from '../../src/core/distributions.js';
import type { RoutingPolicyName, Scenario, Team, TriageRule } from '../../src/scenario/types.js';

const H = 3600;

const handleTime: fc.Arbitrary<DistSpec> = fc.oneof(
  fc.double({ min: 60, max: 900, noNaN: true }).map((mean) => ({ dist: 'exponential' as const, mean })),
  fc.double({ min: 30, max: 600, noNaN: true }).map((value) => ({ dist: 'constant' as const, value })),
  fc.double({ min: 60, max: 600, noNaN: true }).map((mean) => ({ dist: 'gamma' as const, mean, sd: mean / 2 })),
);

/** Random shares over n names (sum 1). */
const shares = (n: number) =>
  fc.array(fc.integer({ min: 1, max: 100 }), { minLength: n, maxLength: n }).map((w) => {
    const sum = w.reduce((a, b) => a + b, 0);
    return w.map((x) => x / sum);
  });

export interface ArbitraryOptions {
  policies?: RoutingPolicyName[];
}

/**
 * Small random scenarios exercising every model feature: 1-3 channels, 1-2
 * tiers, brands and topics, triage with imperfect tagging, 1-3 teams with
 * skills, speed, schedules, overflow and activation, surges, patience,
 * multi-turn conversations, self-service and follow-ups, every policy.
 */
export function scenarioArbitrary(options: ArbitraryOptions = {}): fc.Arbitrary<Scenario> {
  const policies = options.policies ?? ROUTING_POLICY_NAMES;
  return fc
    .record({
      channels: fc.integer({ min: 1, max: 3 }),
      tiers: fc.integer({ min: 1, max: 2 }),
      brands: fc.integer({ min: 0, max: 2 }),
      topics: fc.integer({ min: 0, max: 2 }),
      horizonHours: fc.integer({ min: 2, max: 10 }),
      policy: fc.constantFrom(...policies),
      agentSelection: fc.constantFrom('leastBusy' as const, 'longestIdle' as const),
      accuracy: fc.constantFrom(1, 0.8),
      startsAt: fc.integer({ min: 0, max: 23 }).map((h) => h * H),
      seed: fc.integer({ min: 0, max: 1000 }),
      surge: fc.option(fc.record({ start: fc.integer({ min: 0, max: 6 * H }), volume: fc.double({ min: 0.5, max: 2.5, noNaN: true }) })),
    })
    .chain((base) =>
      fc.record({
        base: fc.constant(base),
        channels: fc.array(
          fc.record({
            ratePerHour: fc.double({ min: 1, max: 40, noNaN: true }),
            handleTime,
            turns: fc.integer({ min: 1, max: 3 }),
            patience: fc.option(fc.double({ min: 60, max: 3 * H, noNaN: true })),
            idleTimeout: fc.option(fc.double({ min: 60, max: H, noNaN: true })),
            tier: fc.integer({ min: 0, max: base.tiers - 1 }),
            negative: fc.integer({ min: 0, max: 100 }).map((p) => p / 100),
            brands: shares(base.brands),
            topics: shares(base.topics),
            selfService: fc.option(fc.record({ share: fc.integer({ min: 5, max: 60 }).map((p) => p / 100), within: fc.integer({ min: 60, max: 2 * H }) })),
            followUp: fc.option(fc.record({
              after: fc.integer({ min: 300, max: H }),
              probability: fc.integer({ min: 20, max: 100 }).map((p) => p / 100),
              channel: fc.integer({ min: 0, max: base.channels - 1 }),
              max: fc.integer({ min: 1, max: 2 }),
            })),
          }),
          { minLength: base.channels, maxLength: base.channels },
        ),
        triage: fc.array(
          fc.record({
            sentiment: fc.option(fc.constantFrom(0, 1, 2)),
            topic: fc.option(fc.integer({ min: 0, max: Math.max(0, base.topics - 1) })),
            tier: fc.integer({ min: 0, max: base.tiers - 1 }),
          }),
          { minLength: 0, maxLength: 3 },
        ),
        extraTeams: fc.array(
          fc.record({
            agents: fc.integer({ min: 0, max: 4 }),
            concurrency: fc.integer({ min: 1, max: 3 }),
            channel: fc.integer({ min: 0, max: base.channels - 1 }),
            brand: fc.option(fc.integer({ min: 0, max: Math.max(0, base.brands - 1) })),
            speed: fc.double({ min: 0.5, max: 2, noNaN: true }),
            overflowAfter: fc.option(fc.integer({ min: 0, max: H })),
            dedicatedTier: fc.option(fc.integer({ min: 0, max: base.tiers - 1 })),
            activation: fc.option(fc.record({
              after: fc.option(fc.integer({ min: 0, max: H })),
              whenBacklog: fc.option(fc.integer({ min: 1, max: 8 })),
              standDown: fc.integer({ min: 0, max: H }),
            })),
            schedule: fc.option(fc.array(fc.record({ hour: fc.integer({ min: 0, max: 23 }), agents: fc.integer({ min: 0, max: 4 }) }), { minLength: 1, maxLength: 3 })),
            // A dated schedule: the same steps as hours from t = 0, not repeating.
            dated: fc.boolean(),
            shrinkage: fc.option(fc.record({ share: fc.integer({ min: 1, max: 60 }).map((p) => p / 100), block: fc.integer({ min: 60, max: H }) })),
          }),
          { maxLength: 2 },
        ),
        mainConcurrency: fc.integer({ min: 1, max: 3 }),
        mainAgents: fc.integer({ min: 1, max: 4 }),
      }),
    )
    .map(({ base, channels, triage, extraTeams, mainConcurrency, mainAgents }): Scenario => {
      const tiers = Array.from({ length: base.tiers }, (_, i) => ({ name: `t${i}`, firstResponseTarget: (i + 1) * 1800, priority: i, goal: 0.8 }));
      const allChannels = channels.map((_, i) => i);
      const allTiers = tiers.map((_, i) => i);
      const main: Team = {
        name: 'main', agents: mainAgents, concurrency: mainConcurrency, channels: allChannels, tiers: allTiers,
        schedule: null, datedSchedule: null, brands: null, speed: 1, activation: null, overflow: null, dedicated: null, empathy: 0,
        shrinkage: 0, shrinkageBlock: 900,
      };
      const extras: Team[] = extraTeams.map((t, k) => {
        const steps = t.schedule ? [...new Map(t.schedule.map((s) => [s.hour, s.agents])).entries()].sort((a, b) => a[0] - b[0]) : null;
        const activation = t.activation && (t.activation.after !== null || t.activation.whenBacklog !== null)
          ? {
              after: base.surge ? t.activation.after : null,
              surge: null,
              whenBacklog: base.surge && t.activation.after !== null ? t.activation.whenBacklog : t.activation.whenBacklog ?? 3,
              standDown: t.activation.standDown,
            }
          : null;
        return {
          name: `extra${k}`,
          agents: t.agents,
          concurrency: t.concurrency,
          channels: [t.channel],
          tiers: allTiers,
          schedule: steps && !t.dated ? steps.map(([hour, agents]) => ({ at: hour * H, agents })) : null,
          datedSchedule: steps && t.dated ? steps.map(([hour, agents], i) => ({ at: i === 0 ? 0 : hour * H, agents })) : null,
          brands: t.brand !== null && base.brands > 0 ? [t.brand] : null,
          speed: t.speed,
          activation,
          // Overflow into the main team, which takes everything.
          overflow: t.overflowAfter !== null ? { after: t.overflowAfter, to: extraTeams.length } : null,
          dedicated: t.dedicatedTier !== null ? { tiers: [t.dedicatedTier], channels: null } : null,
          empathy: t.speed - 1,
          shrinkage: t.shrinkage?.share ?? 0,
          shrinkageBlock: t.shrinkage?.block ?? 900,
        };
      });
      const rules: TriageRule[] = triage.map((r) => ({
        channels: null,
        brands: null,
        topics: r.topic !== null && base.topics > 0 ? [r.topic] : null,
        sentiments: r.sentiment !== null ? [r.sentiment] : null,
        tier: r.tier,
      }));
      return {
        name: 'property',
        horizon: base.horizonHours * H,
        warmup: H / 2,
        drain: 2 * 86400,
        replications: 1,
        seed: base.seed,
        calendar: null,
        traces: [],
        startsAt: base.startsAt,
        report: { interval: 900, window: { from: H / 2, to: base.horizonHours * H }, answeredWithin: 2 * H, windows: [] },
        channels: channels.map((c, i) => ({
          name: `c${i}`,
          rate: c.ratePerHour / H,
          tracedRate: null,
          profile: null,
          sentiment: { negative: c.negative, neutral: 1 - c.negative, positive: 0 },
          handleTime: c.handleTime,
          turns: { dist: 'constant', value: c.turns },
          customerReplyDelay: { dist: 'exponential', mean: 300 },
          idleTimeout: c.idleTimeout,
          patience: c.patience === null ? null : { dist: 'exponential', mean: c.patience },
          tier: c.tier,
          brands: base.brands > 0 ? c.brands : null,
          topics: base.topics > 0 ? c.topics : null,
          welcome: i === 0,
          selfService: c.selfService,
          followUp: c.followUp ? { ...c.followUp, mergeTime: 30 } : null,
          surveyResponseRate: i === 0 ? 0.5 : null,
        })),
        surges: base.surge
          ? [{ name: 's', start: base.surge.start, rampUp: 1800, duration: 3600, rampDown: 1800, volume: base.surge.volume, channels: allChannels, sentiment: null, brands: null, topics: null }]
          : [],
        tiers,
        // Extra teams first, so that under `dedicated` they own their classes and overflow to main.
        teams: [...extras, main],
        routing: { policy: base.policy, agentSelection: base.agentSelection },
        brands: Array.from({ length: base.brands }, (_, i) => `b${i}`),
        topics: Array.from({ length: base.topics }, (_, i) => `topic${i}`),
        triage: rules,
        tagging: { accuracy: base.accuracy },
        outcomes: { positive: { negative: -1, neutral: -0.5, positive: 2 }, speed: 1, resolved: 0.5, worsen: 0.3 },
        csat: { satisfied: { negative: 0.15, neutral: 0.6, positive: 0.92 }, speed: 0.3, bias: 0 },
        surveys: { responseRate: 0.2 },
        thresholds: [],
      };
    });
}
