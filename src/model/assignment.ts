import type { Engine } from '../core/engine.js';
import { AgentStatus, AvailabilityHeap, Away, type AgentPool } from './agents.js';
import type { Model } from './context.js';
import { ConvState } from './conversations.js';
import { routingPolicies, type RoutingPolicy } from './routing/index.js';

/**
 * Who takes what: the available agents of each team (a heap ordered by the
 * scenario's agent selection), the routing policy that picks the next
 * waiting conversation for an agent with a free slot, and the bookkeeping
 * of giving a conversation to an agent. Handles no event itself: every
 * other part calls {@link settle} after it changes an agent's situation.
 */
export class Assignment {
  private readonly engine: Engine;
  private readonly agents: AgentPool;
  private readonly heaps: AvailabilityHeap[];
  private readonly policy: RoutingPolicy;

  constructor(
    private readonly m: Model,
    teamSizes: readonly number[],
  ) {
    this.engine = m.engine;
    this.agents = m.agents;
    this.heaps = teamSizes.map((n) => new AvailabilityHeap(n, m.agents));
    this.policy = routingPolicies[m.scenario.routing.policy]({ queues: m.queues, conv: m.conv, classes: m.classes });
  }

  /** The agent who takes a new conversation of class `cls` now, or -1. */
  bestAvailableAgent(cls: number): number {
    const teams = this.m.classes.takers[cls];
    let best = -1;
    for (let i = 0; i < teams.length; i++) {
      const top = this.heaps[teams[i]].peek();
      if (top >= 0 && (best < 0 || this.agents.before(top, best))) best = top;
    }
    return best;
  }

  /** Lets the best available agent of `team`, if any, take waiting work. */
  offerTo(team: number): void {
    const agent = this.heaps[team].peek();
    if (agent >= 0) this.settle(agent);
  }

  /**
   * Gives conversation `slot` (out of any queue) to `agent`. Linked
   * conversations still waiting are settled with it: they leave their
   * queues now and are answered by its first reply.
   */
  assign(slot: number, agent: number): void {
    const m = this.m;
    const conv = m.conv;
    const now = this.engine.now;
    const team = this.agents.team[agent];
    conv.state[slot] = ConvState.active;
    conv.agent[slot] = agent;
    conv.pickedUp[slot] = now;
    m.recorder.pickup(conv.cls[slot], team, now - conv.arrival[slot], m.classes.target[conv.cls[slot]], conv.measured[slot]);
    for (let s = conv.link[slot]; s !== slot; s = conv.link[s]) {
      if (conv.state[s] !== ConvState.waiting) continue;
      m.waiting.remove(s);
      const measured = conv.measured[s];
      m.recorder.pickup(conv.cls[s], team, now - conv.arrival[s], m.classes.target[conv.cls[s]], measured);
      m.recorder.merged(conv.cls[s], measured);
      conv.state[s] = ConvState.merged;
      conv.agent[s] = agent;
      conv.pickedUp[s] = now;
      conv.mergeCount[slot]++;
    }
    this.agents.open[agent]++;
    m.recorder.openChanged(now, team, 1);
    this.agents.pushReply(agent, slot);
  }

  /**
   * Brings an agent up to date after any change: an agent on shift fills its
   * free slots from the queues, starts the next reply when not writing, a
   * leaving agent with nothing open goes off shift, and the availability
   * heap learns the agent's new standing. An agent whose absence is due
   * goes once not writing; an agent away takes and writes nothing.
   */
  settle(agent: number): void {
    const m = this.m;
    const ag = this.agents;
    const team = ag.team[agent];
    // Away (or about to be): no new conversations, no new replies (see absences.ts).
    const atWork = ag.away[agent] === Away.no;
    if (ag.status[agent] === AgentStatus.on && atWork) {
      while (ag.open[agent] < ag.concurrency[agent]) {
        const cls = this.policy.pick(team, this.engine.now);
        if (cls < 0) break;
        const slot = m.queues.head[cls];
        m.waiting.remove(slot);
        this.assign(slot, agent);
      }
    }
    if (ag.writing[agent] < 0) {
      if (atWork) m.replies.startWriting(agent);
      else if (ag.away[agent] === Away.due) m.absences.begin(agent);
    }
    if (ag.status[agent] === AgentStatus.leaving && ag.open[agent] === 0) {
      ag.status[agent] = AgentStatus.off;
      m.recorder.onShiftChanged(this.engine.now, team, -1);
      m.recorder.overrunChanged(this.engine.now, team, -1);
    }
    const heap = this.heaps[team];
    const available = ag.status[agent] === AgentStatus.on && atWork && ag.open[agent] < ag.concurrency[agent];
    if (available) {
      if (heap.has(agent)) heap.update(agent);
      else heap.insert(agent);
    } else if (heap.has(agent)) {
      heap.remove(agent);
    }
  }
}

