import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { DistSpec } from '../../src/core/distributions.js';
import { Field, FIELD_COUNT } from '../../src/metrics/recorder.js';
import { AgentStatus } from '../../src/model/agents.js';
import { ConvState } from '../../src/model/conversations.js';
import { Simulation, simulateReplication } from '../../src/model/simulation.js';
import type { Scenario } from '../../src/scenario/types.js';

const H = 3600;

const handleTime: fc.Arbitrary<DistSpec> = fc.oneof(
  fc.double({ min: 60, max: 900, noNaN: true }).map((mean) => ({ dist: 'exponential' as const, mean })),
  fc.double({ min: 30, max: 600, noNaN: true }).map((value) => ({ dist: 'constant' as const, value })),
  fc.double({ min: 60, max: 600, noNaN: true }).map((mean) => ({ dist: 'gamma' as const, mean, sd: mean / 2 })),
);

/** Small random scenarios: 1-3 channels, 1-2 tiers, 1-3 teams, schedules, surges, patience, turns. */
const scenarioArb: fc.Arbitrary<Scenario> = fc
  .record({
    channels: fc.integer({ min: 1, max: 3 }),
    tiers: fc.integer({ min: 1, max: 2 }),
    horizonHours: fc.integer({ min: 2, max: 12 }),
    policy: fc.constantFrom('fifo' as const, 'priority' as const),
    startsAt: fc.integer({ min: 0, max: 23 }).map((h) => h * H),
    seed: fc.integer({ min: 0, max: 1000 }),
    surge: fc.option(fc.record({ start: fc.integer({ min: 0, max: 6 * H }), volume: fc.double({ min: 0.5, max: 2.5, noNaN: true }) })),
  })
  .chain((base) =>
    fc.record({
      base: fc.constant(base),
      channels: fc.array(
        fc.record({
          ratePerHour: fc.double({ min: 1, max: 60, noNaN: true }),
          handleTime,
          turns: fc.integer({ min: 1, max: 3 }),
          patience: fc.option(fc.double({ min: 60, max: 3 * H, noNaN: true })),
          idleTimeout: fc.option(fc.double({ min: 60, max: H, noNaN: true })),
          tier: fc.integer({ min: 0, max: base.tiers - 1 }),
          negative: fc.double({ min: 0, max: 1, noNaN: true }),
        }),
        { minLength: base.channels, maxLength: base.channels },
      ),
      extraTeams: fc.array(
        fc.record({
          agents: fc.integer({ min: 0, max: 4 }),
          concurrency: fc.integer({ min: 1, max: 3 }),
          channel: fc.integer({ min: 0, max: base.channels - 1 }),
          schedule: fc.option(fc.array(fc.record({ hour: fc.integer({ min: 0, max: 23 }), agents: fc.integer({ min: 0, max: 4 }) }), { minLength: 1, maxLength: 3 })),
        }),
        { maxLength: 2 },
      ),
      mainConcurrency: fc.integer({ min: 1, max: 3 }),
      mainAgents: fc.integer({ min: 1, max: 4 }),
    }),
  )
  .map(({ base, channels, extraTeams, mainConcurrency, mainAgents }): Scenario => {
    const tiers = Array.from({ length: base.tiers }, (_, i) => ({ name: `t${i}`, firstResponse: (i + 1) * 1800, priority: i }));
    const allChannels = channels.map((_, i) => i);
    const allTiers = tiers.map((_, i) => i);
    return {
      name: 'property',
      horizon: base.horizonHours * H,
      warmup: H / 2,
      drain: 2 * 86400,
      replications: 1,
      seed: base.seed,
      startsAt: base.startsAt,
      report: { interval: 900 },
      channels: channels.map((c, i) => ({
        name: `c${i}`,
        rate: c.ratePerHour / H,
        profile: null,
        sentiment: { negative: c.negative, neutral: 1 - c.negative, positive: 0 },
        handleTime: c.handleTime,
        turns: { dist: 'constant', value: c.turns },
        customerReplyDelay: { dist: 'exponential', mean: 300 },
        idleTimeout: c.idleTimeout,
        patience: c.patience === null ? null : { dist: 'exponential', mean: c.patience },
        tier: c.tier,
      })),
      surges: base.surge
        ? [{ name: 's', start: base.surge.start, rampUp: 1800, duration: 3600, rampDown: 1800, volume: base.surge.volume, channels: allChannels, sentiment: null }]
        : [],
      tiers,
      teams: [
        { name: 'main', agents: mainAgents, concurrency: mainConcurrency, channels: allChannels, tiers: allTiers, schedule: null },
        ...extraTeams.map((t, k) => {
          const steps = t.schedule ? [...new Map(t.schedule.map((s) => [s.hour, s.agents])).entries()].sort((a, b) => a[0] - b[0]) : null;
          return {
            name: `extra${k}`,
            agents: t.agents,
            concurrency: t.concurrency,
            channels: [t.channel],
            tiers: allTiers,
            schedule: steps ? steps.map(([hour, agents]) => ({ at: hour * H, agents })) : null,
          };
        }),
      ],
      routing: { policy: base.policy },
    };
  });

/**
 * Checks the invariants that must hold after every event. Plain conditions
 * (not expect) because this runs after every single event.
 */
function checkInvariants(sim: Simulation, lastTime: { t: number }): void {
  const { engine, agents, conv, queues, scenario } = sim;
  const fail = (what: string) => {
    throw new Error(`t=${engine.now}: ${what}`);
  };
  if (engine.now < lastTime.t) fail(`time ran backwards from ${lastTime.t}`);
  lastTime.t = engine.now;
  const T = scenario.tiers.length;
  for (let a = 0; a < agents.size; a++) {
    if (agents.open[a] < 0 || agents.open[a] > agents.concurrency[a]) fail(`agent ${a} holds ${agents.open[a]} of ${agents.concurrency[a]}`);
    if (agents.status[a] === AgentStatus.off && agents.open[a] !== 0) fail(`agent ${a} is off shift with open conversations`);
    if (agents.writing[a] >= 0 && conv.agent[agents.writing[a]] !== a) fail(`agent ${a} writes another agent's conversation`);
    // Work conservation: an agent on shift with a free slot leaves nothing it may take waiting.
    if (agents.status[a] === AgentStatus.on && agents.open[a] < agents.concurrency[a]) {
      const team = scenario.teams[agents.team[a]];
      for (const ch of team.channels) {
        for (const tier of team.tiers) if (queues.length[ch * T + tier] !== 0) fail(`agent ${a} idles while class ${ch}/${tier} waits`);
      }
    }
  }
  for (let cls = 0; cls < queues.head.length; cls++) {
    for (let s = queues.head[cls]; s >= 0; s = conv.next[s]) if (conv.state[s] !== ConvState.waiting) fail(`queued slot ${s} is not waiting`);
  }
}

describe('simulation invariants (fast-check)', () => {
  it('time never runs backwards, no agent exceeds its concurrency, work is conserved', () => {
    fc.assert(
      fc.property(scenarioArb, (scenario) => {
        const last = { t: 0 };
        new Simulation(scenario, 0).run((sim) => checkInvariants(sim, last));
      }),
      { numRuns: 40 },
    );
  });

  it('conservation: arrivals = answered + abandoned + still waiting, in every scope', () => {
    fc.assert(
      fc.property(scenarioArb, (scenario) => {
        const r = simulateReplication(scenario, 0);
        const scopes = r.fields.length / FIELD_COUNT;
        for (let s = 0; s < scopes; s++) {
          const f = (k: number) => r.fields[s * FIELD_COUNT + k];
          expect(f(Field.answered) + f(Field.abandoned) + f(Field.unanswered)).toBe(f(Field.arrivals));
          expect(f(Field.firstReplies)).toBeLessThanOrEqual(f(Field.answered));
          expect(f(Field.slaHits)).toBeLessThanOrEqual(f(Field.firstReplies));
        }
        // Scopes partition the overall counts: channels sum to overall, and so do tiers.
        const C = scenario.channels.length;
        const sum = (from: number, n: number) => {
          let total = 0;
          for (let s = from; s < from + n; s++) total += r.fields[s * FIELD_COUNT + Field.arrivals];
          return total;
        };
        expect(sum(1, C)).toBe(r.fields[Field.arrivals]);
        expect(sum(1 + C, scenario.tiers.length)).toBe(r.fields[Field.arrivals]);
        // Writing time splits across channels without loss.
        let channelWriting = 0;
        for (let s = 1; s <= C; s++) channelWriting += r.fields[s * FIELD_COUNT + Field.writingTime];
        expect(channelWriting).toBeCloseTo(r.fields[Field.writingTime], 6);
      }),
      { numRuns: 60 },
    );
  });

  it('drains fully when agents are always on shift and the drain is long enough', () => {
    fc.assert(
      fc.property(scenarioArb, (scenario) => {
        const alwaysOn = scenario.teams.map((t) => ({ ...t, schedule: null, agents: Math.max(1, t.agents) }));
        const r = simulateReplication({ ...scenario, teams: alwaysOn, drain: 1000 * 86400 }, 0);
        expect(r.fields[Field.unanswered]).toBe(0);
      }),
      { numRuns: 30 },
    );
  });

  it('determinism: the same scenario and seed give identical results', () => {
    fc.assert(
      fc.property(scenarioArb, (scenario) => {
        expect(simulateReplication(scenario, 2)).toEqual(simulateReplication(scenario, 2));
      }),
      { numRuns: 20 },
    );
  });

  it('a different replication index gives different draws', () => {
    fc.assert(
      fc.property(scenarioArb, (scenario) => {
        const eventTimes = (replication: number) => {
          const times: number[] = [];
          const r = new Simulation(scenario, replication).run((sim) => times.push(sim.engine.now));
          return { times, arrivals: r.series.arrivals.reduce((x, y) => x + y, 0) };
        };
        const a = eventTimes(0);
        // Arrival times are continuous draws: any arrival makes the traces differ.
        fc.pre(a.arrivals > 0);
        expect(a.times).not.toEqual(eventTimes(1).times);
      }),
      { numRuns: 20 },
    );
  });
});
