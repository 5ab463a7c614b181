import { samplerOf, type Sampler } from '../core/distributions.js';
import { Engine, type EventHandler } from '../core/engine.js';
import { createStream, KeyedUniform, type Stream } from '../core/rng.js';
import { Recorder, type ReplicationResult } from '../metrics/recorder.js';
import type { Scenario } from '../scenario/types.js';
import { AgentPool, AgentStatus, AvailabilityHeap } from './agents.js';
import { ConversationStore, ConvState } from './conversations.js';
import { ChannelLoad } from './load-curve.js';
import { ClassQueues } from './queues.js';
import { routingPolicies, type RoutingPolicy } from './routing/index.js';
import { peakHeadcount, stepInForce, untilNextStep } from './staffing.js';

/** Event kinds; the number is also the tie-break priority at equal times. */
export const EventKind = {
  shift: 0,
  replyDone: 1,
  customerMessage: 2,
  idleClose: 3,
  abandon: 4,
  arrival: 5,
} as const;

/** Purposes of the per-conversation keyed random streams. */
const Draw = {
  sentiment: 1,
  turns: 2,
  patience: 3,
  handleTime: 4,
  replyDelay: 5,
} as const;

/** Per-channel samplers and streams, built once per replication. */
interface ChannelRuntime {
  load: ChannelLoad;
  arrivals: Stream;
  keys: Stream;
  handleTime: Sampler;
  turns: Sampler;
  replyDelay: Sampler | null;
  patience: Sampler | null;
  idleTimeout: number;
}

/**
 * One replication of a scenario: the model's state plus the event handler
 * the engine drives. Conversations arrive per channel, wait in per-class
 * queues (class = channel x tier), are picked up by the best available agent
 * (fewest open conversations, then longest idle), and hold one of the agent's
 * slots until their last reply is sent or the customer goes silent.
 */
export class Simulation implements EventHandler {
  readonly engine = new Engine(4096);
  readonly conv = new ConversationStore(1024);
  readonly agents: AgentPool;
  readonly recorder: Recorder;
  readonly queues: ClassQueues;
  private readonly heaps: AvailabilityHeap[];
  private readonly teamFirst: Int32Array;
  private readonly teamSize: Int32Array;
  private readonly channels: ChannelRuntime[];
  private readonly classTeams: Int32Array[];
  private readonly classTarget: Float64Array;
  private readonly policy: RoutingPolicy;
  private readonly draw = new KeyedUniform();
  private readonly mix = new Float64Array(2);
  private readonly tierCount: number;
  private readonly tierScopeBase: number;
  private arrivalCount = 0;

  constructor(readonly scenario: Scenario, readonly replication: number) {
    const sc = scenario;
    const T = sc.tiers.length;
    this.tierCount = T;
    this.tierScopeBase = 1 + sc.channels.length;
    const sizes = sc.teams.map((t) => peakHeadcount(t.agents, t.schedule));
    this.agents = new AgentPool(sizes, sc.teams.map((t) => t.concurrency));
    this.heaps = sizes.map((n) => new AvailabilityHeap(n, this.agents));
    this.teamFirst = new Int32Array(sizes.length);
    this.teamSize = Int32Array.from(sizes);
    for (let k = 1; k < sizes.length; k++) this.teamFirst[k] = this.teamFirst[k - 1] + sizes[k - 1];
    this.recorder = new Recorder({
      channels: sc.channels.length,
      tiers: T,
      teams: sc.teams.length,
      warmup: sc.warmup,
      horizon: sc.horizon,
      interval: sc.report.interval,
    });
    this.channels = sc.channels.map((c, i) => ({
      load: new ChannelLoad(c, i, sc.surges, sc.startsAt),
      arrivals: createStream(sc.seed, replication, `arrivals/${c.name}`),
      keys: createStream(sc.seed, replication, `conversations/${c.name}`),
      handleTime: samplerOf(c.handleTime),
      turns: samplerOf(c.turns),
      replyDelay: c.customerReplyDelay ? samplerOf(c.customerReplyDelay) : null,
      patience: c.patience ? samplerOf(c.patience) : null,
      idleTimeout: c.idleTimeout ?? Infinity,
    }));

    // Queue classes are (channel, tier) pairs; precompute who may take each.
    const classes = sc.channels.length * T;
    this.queues = new ClassQueues(classes, this.conv);
    this.classTarget = new Float64Array(classes);
    const classPriority = new Float64Array(classes);
    this.classTeams = [];
    for (let cls = 0; cls < classes; cls++) {
      const ch = Math.floor(cls / T);
      const tier = cls % T;
      this.classTarget[cls] = sc.tiers[tier].firstResponse;
      classPriority[cls] = sc.tiers[tier].priority;
      const teams = sc.teams.flatMap((t, k) => (t.channels.includes(ch) && t.tiers.includes(tier) ? [k] : []));
      this.classTeams.push(Int32Array.from(teams));
    }
    const teamClasses = sc.teams.map((_, k) => {
      const mine = [];
      for (let cls = 0; cls < classes; cls++) if (this.classTeams[cls].includes(k)) mine.push(cls);
      mine.sort((x, y) => classPriority[x] - classPriority[y] || x - y);
      return Int32Array.from(mine);
    });
    this.policy = routingPolicies[sc.routing.policy]({ queues: this.queues, conv: this.conv, classPriority, teamClasses });
  }

  /**
   * Runs the replication to the end: arrivals stop at the horizon, then the
   * backlog drains (for at most `drain`). An observer, for tests, is called
   * after every event.
   */
  run(observer?: (sim: Simulation) => void): ReplicationResult {
    const sc = this.scenario;
    const engine = this.engine;
    for (let k = 0; k < sc.teams.length; k++) this.startStaffing(k);
    for (let ch = 0; ch < sc.channels.length; ch++) this.scheduleNextArrival(ch, 0);
    const handler: EventHandler = observer
      ? { handle: (kind, a, b) => (this.handle(kind, a, b), observer(this)) }
      : this;
    engine.run(handler, sc.horizon + sc.drain);
    this.finish();
    return this.recorder.result(this.replication, engine.processed, engine.now);
  }

  /** Dispatches one event (called by the engine). */
  handle(kind: number, a: number, b: number): void {
    switch (kind) {
      case EventKind.arrival:
        this.onArrival(a);
        break;
      case EventKind.replyDone:
        this.onReplyDone(a);
        break;
      case EventKind.customerMessage:
        if (this.isCurrent(a, b, ConvState.active)) this.onCustomerMessage(a);
        break;
      case EventKind.idleClose:
        if (this.isCurrent(a, b, ConvState.active)) this.onIdleClose(a);
        break;
      case EventKind.abandon:
        if (this.isCurrent(a, b, ConvState.waiting)) this.onAbandon(a);
        break;
      case EventKind.shift:
        this.onShift(a, b);
        break;
    }
    if (this.engine.now >= this.scenario.horizon && this.conv.inFlight === 0) this.engine.stop();
  }

  private isCurrent(slot: number, gen: number, state: number): boolean {
    return this.conv.gen[slot] === gen && this.conv.state[slot] === state;
  }

  // ---- arrivals ----------------------------------------------------------

  /** Draws the next arrival of a channel after `from` by thinning. */
  private scheduleNextArrival(ch: number, from: number): void {
    const rt = this.channels[ch];
    const max = rt.load.maxRate;
    if (!(max > 0)) return;
    const horizon = this.scenario.horizon;
    let t = from;
    for (;;) {
      t -= Math.log(rt.arrivals.next()) / max;
      if (t >= horizon) return;
      if (rt.load.isConstant || rt.arrivals.next() * max <= rt.load.rate(t)) break;
    }
    this.engine.scheduleAt(t, EventKind.arrival, ch, 0, EventKind.arrival);
  }

  private onArrival(ch: number): void {
    const now = this.engine.now;
    const rt = this.channels[ch];
    const conv = this.conv;
    const slot = conv.allocate();
    const keyA = rt.keys.nextUint32();
    const keyB = rt.keys.nextUint32();
    const tier = this.scenario.channels[ch].tier;
    const cls = ch * this.tierCount + tier;
    conv.arrival[slot] = now;
    conv.seq[slot] = this.arrivalCount++;
    conv.keyA[slot] = keyA;
    conv.keyB[slot] = keyB;
    conv.channel[slot] = ch;
    conv.tier[slot] = tier;
    conv.cls[slot] = cls;
    conv.turnsDone[slot] = 0;
    conv.messageAt[slot] = now;
    const measured = now >= this.scenario.warmup;
    conv.measured[slot] = measured ? 1 : 0;
    rt.load.sentimentThresholds(now, this.mix);
    const negative = this.draw.select(keyA, keyB, Draw.sentiment, 0).next() < this.mix[0];
    conv.negative[slot] = negative ? 1 : 0;
    conv.turns[slot] = rt.turns.sample(this.draw.select(keyA, keyB, Draw.turns, 0));
    this.recorder.arrival(now, ch, 1 + ch, this.tierScopeBase + tier, negative, measured);
    this.scheduleNextArrival(ch, now);

    const agent = this.bestAvailableAgent(cls);
    if (agent >= 0) {
      conv.state[slot] = ConvState.active;
      this.assign(slot, agent);
      this.settle(agent);
      return;
    }
    conv.state[slot] = ConvState.waiting;
    this.queues.push(cls, slot);
    this.recorder.waitingChanged(now, 1 + ch, this.tierScopeBase + tier, 1);
    if (rt.patience !== null) {
      const patience = rt.patience.sample(this.draw.select(keyA, keyB, Draw.patience, 0));
      this.engine.schedule(patience, EventKind.abandon, slot, conv.gen[slot], EventKind.abandon);
    }
  }

  /** The agent who takes a new conversation of class `cls` now, or -1. */
  private bestAvailableAgent(cls: number): number {
    const teams = this.classTeams[cls];
    let best = -1;
    for (let i = 0; i < teams.length; i++) {
      const top = this.heaps[teams[i]].peek();
      if (top >= 0 && (best < 0 || this.agents.before(top, best))) best = top;
    }
    return best;
  }

  // ---- agents --------------------------------------------------------------

  /** Gives conversation `slot` (already out of any queue) to `agent`. */
  private assign(slot: number, agent: number): void {
    const conv = this.conv;
    const now = this.engine.now;
    const ch = conv.channel[slot];
    const tier = conv.tier[slot];
    conv.state[slot] = ConvState.active;
    conv.agent[slot] = agent;
    this.recorder.pickup(1 + ch, this.tierScopeBase + tier, this.agents.team[agent], now - conv.arrival[slot],
      this.classTarget[conv.cls[slot]], conv.measured[slot] === 1);
    this.agents.open[agent]++;
    this.agents.pushReply(agent, slot);
  }

  /**
   * Brings an agent up to date after any change: an agent on shift fills its
   * free slots from the queues, starts the next reply when not writing, a
   * leaving agent with nothing open goes off shift, and the availability
   * heap learns the agent's new standing.
   */
  private settle(agent: number): void {
    const ag = this.agents;
    const team = ag.team[agent];
    if (ag.status[agent] === AgentStatus.on) {
      while (ag.open[agent] < ag.concurrency[agent]) {
        const cls = this.policy.pick(team);
        if (cls < 0) break;
        const slot = this.queues.head[cls];
        this.queues.remove(cls, slot);
        this.recorder.waitingChanged(this.engine.now, 1 + this.conv.channel[slot],
          this.tierScopeBase + this.conv.tier[slot], -1);
        this.assign(slot, agent);
      }
    }
    if (ag.writing[agent] < 0) this.startWriting(agent);
    if (ag.status[agent] === AgentStatus.leaving && ag.open[agent] === 0) {
      ag.status[agent] = AgentStatus.off;
      this.recorder.onShiftChanged(this.engine.now, team, -1);
    }
    const heap = this.heaps[team];
    const available = ag.status[agent] === AgentStatus.on && ag.open[agent] < ag.concurrency[agent];
    if (available) {
      if (heap.has(agent)) heap.update(agent);
      else heap.insert(agent);
    } else if (heap.has(agent)) {
      heap.remove(agent);
    }
  }

  /** Starts the agent's next pending reply, if any. */
  private startWriting(agent: number): void {
    const slot = this.agents.shiftReply(agent);
    if (slot < 0) return;
    const conv = this.conv;
    const ag = this.agents;
    ag.writing[agent] = slot;
    ag.writeStart[agent] = this.engine.now;
    const rt = this.channels[conv.channel[slot]];
    const u = this.draw.select(conv.keyA[slot], conv.keyB[slot], Draw.handleTime, conv.turnsDone[slot]);
    this.engine.schedule(rt.handleTime.sample(u), EventKind.replyDone, agent, 0, EventKind.replyDone);
  }

  private onReplyDone(agent: number): void {
    const ag = this.agents;
    const conv = this.conv;
    const now = this.engine.now;
    const slot = ag.writing[agent];
    const ch = conv.channel[slot];
    const chScope = 1 + ch;
    const tierScope = this.tierScopeBase + conv.tier[slot];
    this.recorder.writing(ag.team[agent], chScope, tierScope, ag.writeStart[agent], now);
    ag.writing[agent] = -1;
    ag.idleSince[agent] = now;

    const measured = conv.measured[slot] === 1;
    const done = ++conv.turnsDone[slot];
    if (done === 1) {
      this.recorder.firstReply(chScope, tierScope, conv.arrival[slot], now - conv.arrival[slot],
        this.classTarget[conv.cls[slot]], measured);
    } else {
      this.recorder.nextReply(chScope, tierScope, now - conv.messageAt[slot], measured);
    }
    if (done >= conv.turns[slot]) {
      this.close(slot);
    } else {
      const rt = this.channels[ch];
      const delay = rt.replyDelay === null ? 0
        : rt.replyDelay.sample(this.draw.select(conv.keyA[slot], conv.keyB[slot], Draw.replyDelay, done));
      if (delay > rt.idleTimeout) {
        this.engine.schedule(rt.idleTimeout, EventKind.idleClose, slot, conv.gen[slot], EventKind.idleClose);
      } else {
        this.engine.schedule(delay, EventKind.customerMessage, slot, conv.gen[slot], EventKind.customerMessage);
      }
    }
    this.settle(agent);
  }

  private onCustomerMessage(slot: number): void {
    const agent = this.conv.agent[slot];
    this.conv.messageAt[slot] = this.engine.now;
    this.agents.pushReply(agent, slot);
    this.settle(agent);
  }

  private onIdleClose(slot: number): void {
    const agent = this.conv.agent[slot];
    this.close(slot);
    this.settle(agent);
  }

  /** Frees the conversation's slot at its agent (the caller settles the agent). */
  private close(slot: number): void {
    this.agents.open[this.conv.agent[slot]]--;
    this.conv.release(slot);
  }

  private onAbandon(slot: number): void {
    const conv = this.conv;
    const now = this.engine.now;
    const chScope = 1 + conv.channel[slot];
    const tierScope = this.tierScopeBase + conv.tier[slot];
    this.queues.remove(conv.cls[slot], slot);
    this.recorder.waitingChanged(now, chScope, tierScope, -1);
    this.recorder.abandon(chScope, tierScope, now - conv.arrival[slot], conv.measured[slot] === 1);
    conv.release(slot);
  }

  // ---- staffing ------------------------------------------------------------

  private startStaffing(team: number): void {
    const spec = this.scenario.teams[team];
    if (spec.schedule === null) {
      this.setHeadcount(team, spec.agents);
      return;
    }
    const timeOfDay = this.scenario.startsAt;
    const step = stepInForce(spec.schedule, timeOfDay);
    this.setHeadcount(team, spec.schedule[step].agents);
    this.scheduleNextStep(team, step, timeOfDay);
  }

  private scheduleNextStep(team: number, step: number, timeOfDay: number): void {
    const steps = this.scenario.teams[team].schedule!;
    const delay = untilNextStep(steps, step, timeOfDay);
    const next = (step + 1) % steps.length;
    this.engine.schedule(delay, EventKind.shift, team, next, EventKind.shift);
  }

  private onShift(team: number, step: number): void {
    const steps = this.scenario.teams[team].schedule!;
    this.setHeadcount(team, steps[step].agents);
    this.scheduleNextStep(team, step, steps[step].at);
  }

  /**
   * Puts exactly `target` agents of the team on the roster. Agents leaving
   * the roster keep working until their open conversations close; agents
   * joining are taken first from those still finishing, then from those off.
   */
  private setHeadcount(team: number, target: number): void {
    const ag = this.agents;
    const first = this.teamFirst[team];
    const end = first + this.teamSize[team];
    let on = 0;
    for (let i = first; i < end; i++) if (ag.status[i] === AgentStatus.on) on++;
    const now = this.engine.now;
    const changed: number[] = [];
    for (const wanted of [AgentStatus.leaving, AgentStatus.off]) {
      for (let i = first; i < end && on < target; i++) {
        if (ag.status[i] !== wanted) continue;
        if (wanted === AgentStatus.off) {
          ag.idleSince[i] = now;
          this.recorder.onShiftChanged(now, team, 1);
        }
        ag.status[i] = AgentStatus.on;
        on++;
        changed.push(i);
      }
    }
    for (let i = end - 1; i >= first && on > target; i--) {
      if (ag.status[i] !== AgentStatus.on) continue;
      ag.status[i] = AgentStatus.leaving;
      on--;
      changed.push(i);
    }
    for (const i of changed) this.settle(i);
  }

  /** Counts conversations still waiting and closes the time integrals. */
  private finish(): void {
    const conv = this.conv;
    const q = this.queues;
    for (let cls = 0; cls < q.head.length; cls++) {
      for (let s = q.head[cls]; s >= 0; s = conv.next[s]) {
        if (conv.measured[s] === 1) this.recorder.unanswered(1 + conv.channel[s], this.tierScopeBase + conv.tier[s]);
      }
    }
    this.recorder.finish(this.engine.now);
  }
}

/** Simulates replication `replication` of a scenario and returns what it measured. */
export function simulateReplication(scenario: Scenario, replication: number): ReplicationResult {
  return new Simulation(scenario, replication).run();
}
