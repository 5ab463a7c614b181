import { ROUTING_POLICY_NAMES } from '../../src/scenario/policies.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Field, FIELD_COUNT } from '../../src/metrics/fields.js';
import { fieldIndex, Scopes } from '../../src/metrics/scopes.js';
import { AgentStatus, Away } from '../../src/model/agents.js';
import { ConvState } from '../../src/model/conversations.js';
import { Simulation, simulateReplication } from '../../src/model/simulation.js';
import type { Scenario } from '../../src/scenario/types.js';
import { scenarioArbitrary } from './scenario-arbitrary.js';

const scenarioArb = scenarioArbitrary();

/**
 * Checks the invariants that must hold after every event. Plain conditions
 * (not expect) because this runs after every single event.
 */
function checkInvariants(sim: Simulation, lastTime: { t: number }): void {
  const { engine, agents, conv, queues, classes } = sim;
  const fail = (what: string) => {
    throw new Error(`t=${engine.now}: ${what}`);
  };
  if (engine.now < lastTime.t) fail(`time ran backwards from ${lastTime.t}`);
  lastTime.t = engine.now;
  for (let a = 0; a < agents.size; a++) {
    if (agents.open[a] < 0 || agents.open[a] > agents.concurrency[a]) fail(`agent ${a} holds ${agents.open[a]} of ${agents.concurrency[a]}`);
    if (agents.status[a] === AgentStatus.off && agents.open[a] !== 0) fail(`agent ${a} is off shift with open conversations`);
    if (agents.writing[a] >= 0 && conv.agent[agents.writing[a]] !== a) fail(`agent ${a} writes another agent's conversation`);
    // Shrinkage: only rostered agents are away, and an agent away writes nothing.
    if (agents.status[a] !== AgentStatus.on && agents.away[a] !== Away.no) fail(`agent ${a} is away while off the roster`);
    if (agents.away[a] === Away.away && agents.writing[a] >= 0) fail(`agent ${a} writes while away`);
    // Work conservation: an agent on shift and at work with a free slot leaves nothing it may take waiting.
    if (agents.status[a] === AgentStatus.on && agents.away[a] === Away.no && agents.open[a] < agents.concurrency[a]) {
      const team = agents.team[a];
      for (const cls of classes.teamClasses[team]) if (queues.length[cls] !== 0) fail(`agent ${a} idles while class ${cls} waits`);
      classes.overflowClasses[team].forEach((cls, i) => {
        const h = queues.head[cls];
        if (h >= 0 && engine.now >= conv.arrival[h] + classes.overflowAfter[team][i]) fail(`agent ${a} idles while overflow class ${cls} waits`);
      });
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

  it('conservation: arrivals = answered + abandoned + deflected + still waiting, in every scope', () => {
    fc.assert(
      fc.property(scenarioArb, (scenario) => {
        const r = simulateReplication(scenario, 0);
        const scopes = r.fields.length / FIELD_COUNT;
        for (let s = 0; s < scopes; s++) {
          const f = (k: number) => r.fields[s * FIELD_COUNT + k];
          expect(f(Field.answered) + f(Field.abandoned) + f(Field.deflected) + f(Field.unanswered)).toBe(f(Field.arrivals));
          expect(f(Field.firstReplies)).toBeLessThanOrEqual(f(Field.answered));
          expect(f(Field.slaHits)).toBeLessThanOrEqual(f(Field.firstReplies));
        }
        // Scopes partition the overall counts: channels sum to overall, and so do tiers.
        const layout = Scopes.of(scenario);
        const sum = (list: number[], field: number) => list.reduce((total, scope) => total + r.fields[fieldIndex(scope, field)], 0);
        const channelScopes = scenario.channels.map((_, c) => layout.channel(c));
        const tierScopes = scenario.tiers.map((_, t) => layout.tier(t));
        expect(sum(channelScopes, Field.arrivals)).toBe(r.fields[Field.arrivals]);
        expect(sum(tierScopes, Field.arrivals)).toBe(r.fields[Field.arrivals]);
        // Writing time splits across channels without loss.
        const channelWriting = sum(channelScopes, Field.writingTime);
        expect(channelWriting).toBeCloseTo(r.fields[Field.writingTime], 6);
      }),
      { numRuns: 60 },
    );
  });

  it('drains fully when agents are always on shift and the drain is long enough', () => {
    fc.assert(
      fc.property(scenarioArb, (scenario) => {
        const alwaysOn = scenario.teams.map((t) => ({ ...t, schedule: null, activation: null, agents: Math.max(1, t.agents) }));
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

  it('priority never starts a lower tier while a more urgent one waits for the same team', () => {
    fc.assert(
      fc.property(scenarioArbitrary({ policies: ['priority'] }), (scenario) => {
        const sim = new Simulation(scenario, 0);
        const { conv, classes, queues, agents } = sim;
        let before = new Map<number, number>();
        const waitingNow = () => {
          const m = new Map<number, number>();
          for (let cls = 0; cls < queues.head.length; cls++) for (let s = queues.head[cls]; s >= 0; s = conv.next[s]) m.set(s, conv.gen[s]);
          return m;
        };
        sim.run(() => {
          const after = waitingNow();
          for (const [slot, gen] of before) {
            if (conv.gen[slot] !== gen || conv.state[slot] !== ConvState.active) continue;
            // `slot` was picked from the queue in this event by a team: nothing more urgent it takes may still wait.
            const team = agents.team[conv.agent[slot]];
            const taken = classes.priority[conv.cls[slot]];
            for (const [other, otherGen] of after) {
              if (before.get(other) !== otherGen) continue;
              const cls = conv.cls[other];
              if (classes.teamClasses[team].includes(cls) && classes.priority[cls] < taken) {
                throw new Error(`t=${sim.engine.now}: team ${team} took priority ${taken} while priority ${classes.priority[cls]} waited`);
              }
            }
          }
          before = after;
        });
      }),
      { numRuns: 40 },
    );
  });

  it('common random numbers: every policy sees the same customers', () => {
    fc.assert(
      fc.property(scenarioArb, fc.constantFrom(...ROUTING_POLICY_NAMES), (scenario, other) => {
        const customers = (s: Scenario) => {
          const sim = new Simulation(s, 0);
          const seen: string[] = [];
          sim.onAdmit = (slot) => {
            const c = sim.conv;
            if (c.followUp[slot] === 0) {
              seen.push([c.arrival[slot], c.channel[slot], c.brand[slot], c.topic[slot], c.sentiment[slot], c.turns[slot], c.keyA[slot], c.keyB[slot]].join(','));
            }
          };
          sim.run();
          return seen;
        };
        expect(customers({ ...scenario, routing: { ...scenario.routing, policy: other } })).toEqual(customers(scenario));
      }),
      { numRuns: 25 },
    );
  });

  it('triage with accuracy 1 never misroutes', () => {
    fc.assert(
      fc.property(scenarioArb, (scenario) => {
        const r = simulateReplication({ ...scenario, tagging: { accuracy: 1 } }, 0);
        expect(r.fields[Field.misrouted]).toBe(0);
      }),
      { numRuns: 30 },
    );
  });
});
