import { samplerOf, type Sampler } from '../core/distributions.js';
import { Engine, type EventHandler } from '../core/engine.js';
import { createStream, KeyedUniform, type Stream } from '../core/rng.js';
import { Recorder, type ReplicationResult } from '../metrics/recorder.js';
import type { Scenario } from '../scenario/types.js';
import { AgentPool, AgentStatus, AvailabilityHeap } from './agents.js';
import { Draw, Triage } from './attributes.js';
import { finalSentiment, NEGATIVE, satisfactionProbability, unansweredSentiment } from './outcomes.js';
import { ClassTable } from '../scenario/classes.js';
import { ConversationStore, ConvState } from './conversations.js';
import { ChannelLoad } from './load-curve.js';
import { ClassQueues } from './queues.js';
import { Roster } from './roster.js';
import { routingPolicies, type RoutingPolicy } from './routing/index.js';
import { peakHeadcount } from '../scenario/staffing.js';

/** Event kinds; the number is also the tie-break priority at equal times. */
export const EventKind = {
  shift: 0,
  activation: 1,
  standDown: 2,
  replyDone: 3,
  customerMessage: 4,
  idleClose: 5,
  abandon: 6,
  deflect: 7,
  overflow: 8,
  followUpCheck: 9,
  arrival: 10,
} as const;

const TWO_POW_32 = 4294967296;

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
 * the engine drives. Conversations arrive per channel, are triaged into a
 * tier, wait in per-class queues (class = channel x tier x brand), are picked
 * up by the best available agent, and hold one of the agent's slots until
 * their last reply is sent or the customer goes silent. While waiting they
 * may abandon, be solved by self-service, overflow to another team, or make
 * their customer post a linked follow-up.
 */
export class Simulation implements EventHandler {
  readonly engine = new Engine(4096);
  readonly conv = new ConversationStore(1024);
  readonly agents: AgentPool;
  readonly recorder: Recorder;
  readonly queues: ClassQueues;
  readonly classes: ClassTable;
  private readonly heaps: AvailabilityHeap[];
  private readonly roster: Roster;
  private readonly channels: ChannelRuntime[];
  private readonly triage: Triage;
  private readonly policy: RoutingPolicy;
  private readonly speed: Float64Array;
  private readonly draw = new KeyedUniform();
  private readonly tierScopeBase: number;
  private arrivalCount = 0;
  /** Test hook: called with each conversation's slot as it enters the system. */
  onAdmit: ((slot: number) => void) | null = null;

  constructor(readonly scenario: Scenario, readonly replication: number) {
    const sc = scenario;
    this.tierScopeBase = 1 + sc.channels.length;
    const sizes = sc.teams.map((t) => peakHeadcount(t.agents, t.schedule));
    this.agents = new AgentPool(sizes, sc.teams.map((t) => t.concurrency), sc.routing.agentSelection === 'longestIdle');
    this.heaps = sizes.map((n) => new AvailabilityHeap(n, this.agents));
    this.speed = Float64Array.from(sc.teams.map((t) => t.speed));
    const teamFirst = new Int32Array(sizes.length);
    for (let k = 1; k < sizes.length; k++) teamFirst[k] = teamFirst[k - 1] + sizes[k - 1];
    this.recorder = new Recorder({
      channels: sc.channels.length,
      tiers: sc.tiers.length,
      teams: sc.teams.length,
      from: sc.report.window.from,
      to: sc.report.window.to,
      horizon: sc.horizon,
      interval: sc.report.interval,
      answeredWithin: sc.report.answeredWithin,
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
    this.triage = new Triage(sc, this.channels.map((c) => c.load));
    this.classes = new ClassTable(sc);
    this.queues = new ClassQueues(this.classes.count, this.conv);
    this.policy = routingPolicies[sc.routing.policy]({ queues: this.queues, conv: this.conv, classes: this.classes });
    this.roster = new Roster(sc, this.engine, this.agents, this.recorder, teamFirst, Int32Array.from(sizes),
      { shift: EventKind.shift, activation: EventKind.activation, standDown: EventKind.standDown },
      (agent) => this.settle(agent));
  }

  /**
   * Runs the replication to the end: arrivals stop at the horizon, then the
   * backlog drains (for at most `drain`). An observer, for tests, is called
   * after every event; `onProgress` after each 1/100 of the horizon of
   * simulated time (the run is cut into such chunks only to report: the
   * results do not depend on it).
   */
  run(observer?: (sim: Simulation) => void, onProgress?: (simulatedTime: number, events: number) => void): ReplicationResult {
    const sc = this.scenario;
    const engine = this.engine;
    this.roster.start();
    for (let ch = 0; ch < sc.channels.length; ch++) this.scheduleNextArrival(ch, 0);
    const handler: EventHandler = observer
      ? { handle: (kind, a, b) => (this.handle(kind, a, b), observer(this)) }
      : this;
    const end = sc.horizon + sc.drain;
    if (onProgress) {
      const step = sc.horizon / 100;
      for (let until = step; !this.done && engine.pending > 0 && engine.now < end; until += step) {
        engine.run(handler, Math.min(until, end));
        onProgress(engine.now, engine.processed);
      }
    } else {
      engine.run(handler, end);
    }
    // The run ends at its last event, or at the drain limit if events were still due:
    // never at a progress chunk's boundary, so reporting progress changes nothing.
    const endTime = engine.pending > 0 && !this.done ? engine.now : this.lastEventTime;
    this.finish(endTime);
    return this.recorder.result(this.replication, engine.processed, endTime);
  }

  /** Staffing and backlog integrals run at least to the horizon, even when the last event came earlier. */
  private integralsEnd(end: number): number {
    return Math.max(end, this.scenario.horizon);
  }

  /** Time of the last event handled. */
  private lastEventTime = 0;

  /** Set once the backlog has drained after the horizon. */
  private done = false;

  /** Dispatches one event (called by the engine). */
  handle(kind: number, a: number, b: number): void {
    this.lastEventTime = this.engine.now;
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
        if (this.isCurrent(a, b, ConvState.waiting)) this.leaveQueue(a, 'abandon');
        break;
      case EventKind.deflect:
        if (this.isCurrent(a, b, ConvState.waiting)) this.leaveQueue(a, 'deflect');
        break;
      case EventKind.overflow:
        if (this.isCurrent(a, b, ConvState.waiting)) this.onOverflow(a);
        break;
      case EventKind.followUpCheck:
        if (this.isCurrent(a, b, ConvState.waiting)) this.onFollowUpCheck(a);
        break;
      case EventKind.shift:
        this.roster.onShift(a, b);
        break;
      case EventKind.activation:
        this.roster.onActivation(a, b);
        break;
      case EventKind.standDown:
        this.roster.onStandDown(a, b);
        break;
    }
    if (this.engine.now >= this.scenario.horizon && this.conv.inFlight === 0) {
      this.done = true;
      this.engine.stop();
    }
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
    const rt = this.channels[ch];
    const keyA = rt.keys.nextUint32();
    const keyB = rt.keys.nextUint32();
    this.triage.classify(ch, this.engine.now, this.draw, keyA, keyB);
    this.admit(ch, keyA, keyB, -1);
    this.scheduleNextArrival(ch, this.engine.now);
  }

  /**
   * Brings a triaged conversation into the system (its attributes are in
   * this.triage): straight to the best available agent, or into its queue
   * with its timers. `original` is the conversation a follow-up belongs to,
   * or -1.
   */
  private admit(ch: number, keyA: number, keyB: number, original: number): number {
    const now = this.engine.now;
    const conv = this.conv;
    const t = this.triage;
    const spec = this.scenario.channels[ch];
    const slot = conv.allocate();
    const cls = this.classes.classOf(ch, t.tier, t.brand);
    const window = this.scenario.report.window;
    const measured = now >= window.from && now < window.to;
    conv.arrival[slot] = now;
    conv.seq[slot] = this.arrivalCount++;
    conv.keyA[slot] = keyA;
    conv.keyB[slot] = keyB;
    conv.channel[slot] = ch;
    conv.tier[slot] = t.tier;
    conv.brand[slot] = t.brand;
    conv.topic[slot] = t.topic;
    conv.cls[slot] = cls;
    conv.turnsDone[slot] = 0;
    conv.messageAt[slot] = now;
    conv.measured[slot] = measured ? 1 : 0;
    conv.sentiment[slot] = t.sentiment;
    conv.followUp[slot] = original >= 0 ? 1 : 0;
    conv.followUps[slot] = 0;
    conv.mergeCount[slot] = 0;
    conv.mergeTime[slot] = original >= 0 ? conv.mergeTime[original] : spec.followUp?.mergeTime ?? 0;
    conv.turns[slot] = this.channels[ch].turns.sample(this.draw.select(keyA, keyB, Draw.turns, 0));
    if (original >= 0) conv.linkWith(slot, original);
    if (this.onAdmit !== null) this.onAdmit(slot);
    const chScope = 1 + ch;
    const tierScope = this.tierScopeBase + t.tier;
    this.recorder.arrival(now, ch, chScope, tierScope, t.sentiment === NEGATIVE, measured, t.misrouted, original >= 0, spec.welcome);

    const agent = this.bestAvailableAgent(cls);
    if (agent >= 0) {
      this.assign(slot, agent);
      this.settle(agent);
      return slot;
    }
    conv.state[slot] = ConvState.waiting;
    this.queues.push(cls, slot);
    this.waitingChanged(chScope, tierScope, 1);
    this.startTimers(slot, ch, cls, original >= 0);
    return slot;
  }

  /** Schedules what may happen to a waiting conversation: abandonment, self-service, overflow, follow-up. */
  private startTimers(slot: number, ch: number, cls: number, isFollowUp: boolean): void {
    const conv = this.conv;
    const engine = this.engine;
    const gen = conv.gen[slot];
    const keyA = conv.keyA[slot];
    const keyB = conv.keyB[slot];
    const rt = this.channels[ch];
    const spec = this.scenario.channels[ch];
    if (rt.patience !== null) {
      engine.schedule(rt.patience.sample(this.draw.select(keyA, keyB, Draw.patience, 0)), EventKind.abandon, slot, gen, EventKind.abandon);
    }
    if (spec.selfService !== null) {
      const u = this.draw.select(keyA, keyB, Draw.selfService, 0);
      if (u.next() < spec.selfService.share) {
        engine.schedule(u.next() * spec.selfService.within, EventKind.deflect, slot, gen, EventKind.deflect);
      }
    }
    // Overflow times are absolute (arrival + wait), computed the same way wherever eligibility is tested.
    const waits = this.classes.overflowWaits[cls];
    if (waits.length > 0) engine.scheduleAt(conv.arrival[slot] + waits[0], EventKind.overflow, slot, gen, EventKind.overflow);
    if (spec.followUp !== null && !isFollowUp) {
      engine.schedule(spec.followUp.after, EventKind.followUpCheck, slot, gen, EventKind.followUpCheck);
    }
  }

  /** The agent who takes a new conversation of class `cls` now, or -1. */
  private bestAvailableAgent(cls: number): number {
    const teams = this.classes.takers[cls];
    let best = -1;
    for (let i = 0; i < teams.length; i++) {
      const top = this.heaps[teams[i]].peek();
      if (top >= 0 && (best < 0 || this.agents.before(top, best))) best = top;
    }
    return best;
  }

  private waitingChanged(chScope: number, tierScope: number, delta: number): void {
    this.recorder.waitingChanged(this.engine.now, chScope, tierScope, delta);
    if (this.roster.watchesBacklog) this.roster.onBacklog(this.queuedTotal += delta);
  }

  private queuedTotal = 0;

  /** Takes a waiting conversation out of its queue. */
  private dequeue(slot: number): void {
    const conv = this.conv;
    this.queues.remove(conv.cls[slot], slot);
    this.waitingChanged(1 + conv.channel[slot], this.tierScopeBase + conv.tier[slot], -1);
  }

  /** A waiting conversation leaves without an agent: its customer abandons, or self-service solves it. */
  private leaveQueue(slot: number, why: 'abandon' | 'deflect'): void {
    const conv = this.conv;
    this.dequeue(slot);
    const chScope = 1 + conv.channel[slot];
    const tierScope = this.tierScopeBase + conv.tier[slot];
    const measured = conv.measured[slot] === 1;
    if (why === 'abandon') {
      this.recorder.abandon(chScope, tierScope, this.engine.now - conv.arrival[slot], measured);
      this.recordUnansweredOutcome(slot);
    } else {
      this.recorder.deflect(conv.arrival[slot], chScope, tierScope, measured);
    }
    conv.release(slot);
  }

  /** A waiting conversation's wait opened it to an overflow team: offer it to that team's free agents. */
  private onOverflow(slot: number): void {
    const conv = this.conv;
    const cls = conv.cls[slot];
    const now = this.engine.now;
    const arrival = conv.arrival[slot];
    const classes = this.classes;
    for (let k = 0; k < this.heaps.length && conv.state[slot] === ConvState.waiting; k++) {
      const extra = classes.overflowClasses[k];
      for (let i = 0; i < extra.length; i++) {
        if (extra[i] !== cls || now < arrival + classes.overflowAfter[k][i]) continue;
        const agent = this.heaps[k].peek();
        if (agent >= 0) this.settle(agent);
        break;
      }
    }
    if (conv.state[slot] !== ConvState.waiting) return;
    const waits = classes.overflowWaits[cls];
    for (let i = 0; i < waits.length; i++) {
      if (arrival + waits[i] > now) {
        this.engine.scheduleAt(arrival + waits[i], EventKind.overflow, slot, conv.gen[slot], EventKind.overflow);
        return;
      }
    }
  }

  /** A customer still waiting may post again, on the follow-up channel, linked to this conversation. */
  private onFollowUpCheck(slot: number): void {
    const conv = this.conv;
    const spec = this.scenario.channels[conv.channel[slot]].followUp!;
    const n = conv.followUps[slot];
    const u = this.draw.select(conv.keyA[slot], conv.keyB[slot], Draw.followUp, n);
    if (u.next() < spec.probability) {
      conv.followUps[slot] = n + 1;
      // The follow-up's key derives from its original's, so variants see the same follow-ups.
      const k = this.draw.select(conv.keyA[slot], conv.keyB[slot], Draw.followUpKey, n);
      const keyA = Math.floor(k.next() * TWO_POW_32) >>> 0;
      const keyB = Math.floor(k.next() * TWO_POW_32) >>> 0;
      this.triage.classify(spec.channel, this.engine.now, this.draw, keyA, keyB, { brand: conv.brand[slot], topic: conv.topic[slot] });
      this.admit(spec.channel, keyA, keyB, slot);
    }
    if (conv.state[slot] === ConvState.waiting && conv.followUps[slot] < spec.max) {
      this.engine.schedule(spec.after, EventKind.followUpCheck, slot, conv.gen[slot], EventKind.followUpCheck);
    }
  }

  // ---- agents --------------------------------------------------------------

  /**
   * Gives conversation `slot` (out of any queue) to `agent`. Linked
   * conversations still waiting are settled with it: they leave their
   * queues now and are answered by its first reply.
   */
  private assign(slot: number, agent: number): void {
    const conv = this.conv;
    const now = this.engine.now;
    const team = this.agents.team[agent];
    conv.state[slot] = ConvState.active;
    conv.agent[slot] = agent;
    this.recorder.pickup(1 + conv.channel[slot], this.tierScopeBase + conv.tier[slot], team, now - conv.arrival[slot],
      this.classes.target[conv.cls[slot]], conv.measured[slot] === 1);
    for (let s = conv.link[slot]; s !== slot; s = conv.link[s]) {
      if (conv.state[s] !== ConvState.waiting) continue;
      this.dequeue(s);
      const chScope = 1 + conv.channel[s];
      const tierScope = this.tierScopeBase + conv.tier[s];
      const measured = conv.measured[s] === 1;
      this.recorder.pickup(chScope, tierScope, team, now - conv.arrival[s], this.classes.target[conv.cls[s]], measured);
      this.recorder.merged(chScope, tierScope, measured);
      conv.state[s] = ConvState.merged;
      conv.agent[s] = agent;
      conv.mergeCount[slot]++;
    }
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
        const cls = this.policy.pick(team, this.engine.now);
        if (cls < 0) break;
        const slot = this.queues.head[cls];
        this.dequeue(slot);
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
    const turn = conv.turnsDone[slot];
    const u = this.draw.select(conv.keyA[slot], conv.keyB[slot], Draw.handleTime, turn);
    let work = rt.handleTime.sample(u) / this.speed[ag.team[agent]];
    if (turn === 0) work += conv.mergeCount[slot] * conv.mergeTime[slot];
    this.engine.schedule(work, EventKind.replyDone, agent, 0, EventKind.replyDone);
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
      conv.firstResponse[slot] = now - conv.arrival[slot];
      this.recorder.firstReply(chScope, tierScope, conv.arrival[slot], now - conv.arrival[slot], this.classes.target[conv.cls[slot]], measured);
      if (conv.mergeCount[slot] > 0) this.settleMerged(slot);
    } else {
      this.recorder.nextReply(chScope, tierScope, now - conv.messageAt[slot], measured);
    }
    if (done >= conv.turns[slot]) {
      this.close(slot, true);
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

  /** The first reply to `slot` also answers the linked conversations merged into it. */
  private settleMerged(slot: number): void {
    const conv = this.conv;
    const now = this.engine.now;
    let s = conv.link[slot];
    while (s !== slot) {
      const next = conv.link[s];
      if (conv.state[s] === ConvState.merged) {
        conv.firstResponse[s] = now - conv.arrival[s];
        this.recorder.firstReply(1 + conv.channel[s], this.tierScopeBase + conv.tier[s], conv.arrival[s], conv.firstResponse[s],
          this.classes.target[conv.cls[s]], conv.measured[s] === 1);
        // Settled by this reply: resolved, by the same agent.
        this.recordAnsweredOutcome(s, true, this.agents.team[conv.agent[slot]]);
        conv.release(s);
      }
      s = next;
    }
    conv.mergeCount[slot] = 0;
  }

  private onCustomerMessage(slot: number): void {
    const agent = this.conv.agent[slot];
    this.conv.messageAt[slot] = this.engine.now;
    this.agents.pushReply(agent, slot);
    this.settle(agent);
  }

  private onIdleClose(slot: number): void {
    const agent = this.conv.agent[slot];
    this.close(slot, false);
    this.settle(agent);
  }

  /**
   * Closes an answered conversation (resolved when all its turns were
   * replied to, not when the customer went silent): records its sentiment
   * outcome and survey, then frees its slot (the caller settles the agent).
   */
  private close(slot: number, resolved: boolean): void {
    const agent = this.conv.agent[slot];
    this.recordAnsweredOutcome(slot, resolved, this.agents.team[agent]);
    this.agents.open[agent]--;
    this.conv.release(slot);
  }

  /** Final sentiment and survey of a conversation an agent answered. */
  private recordAnsweredOutcome(slot: number, resolved: boolean, team: number): void {
    const conv = this.conv;
    const sc = this.scenario;
    const keyA = conv.keyA[slot];
    const keyB = conv.keyB[slot];
    const u = this.draw;
    const ch = conv.channel[slot];
    const chScope = 1 + ch;
    const tierScope = this.tierScopeBase + conv.tier[slot];
    const measured = conv.measured[slot] === 1;
    const relativeWait = conv.firstResponse[slot] / this.classes.target[conv.cls[slot]];
    const start = conv.sentiment[slot];
    const end = finalSentiment(sc.outcomes, start, relativeWait, resolved, sc.teams[team].empathy,
      u.select(keyA, keyB, Draw.worsen, 0).next(), u.select(keyA, keyB, Draw.outcome, 0).next());
    this.recorder.outcome(chScope, tierScope, start, end, measured);
    const rate = sc.channels[ch].surveyResponseRate ?? sc.surveys.responseRate;
    const responded = u.select(keyA, keyB, Draw.survey, 0).next() < rate;
    const satisfied = responded && u.select(keyA, keyB, Draw.satisfied, 0).next() < satisfactionProbability(sc.csat, end, relativeWait);
    this.recorder.survey(chScope, tierScope, responded, satisfied, measured);
  }

  /** Final sentiment of a conversation nobody answered (abandoned now, or waiting at the end `at`). */
  private recordUnansweredOutcome(slot: number, at = this.engine.now): void {
    const conv = this.conv;
    const relativeWait = (at - conv.arrival[slot]) / this.classes.target[conv.cls[slot]];
    const start = conv.sentiment[slot];
    const end = unansweredSentiment(this.scenario.outcomes, start, relativeWait, this.draw.select(conv.keyA[slot], conv.keyB[slot], Draw.worsen, 0).next());
    this.recorder.outcome(1 + conv.channel[slot], this.tierScopeBase + conv.tier[slot], start, end, conv.measured[slot] === 1);
  }

  /** Counts conversations still waiting and closes the time integrals at the end of the run. */
  private finish(end: number): void {
    const conv = this.conv;
    const q = this.queues;
    for (let cls = 0; cls < q.head.length; cls++) {
      for (let s = q.head[cls]; s >= 0; s = conv.next[s]) {
        if (conv.measured[s] === 1) this.recorder.unanswered(1 + conv.channel[s], this.tierScopeBase + conv.tier[s]);
        this.recordUnansweredOutcome(s, end);
      }
    }
    this.recorder.finish(this.integralsEnd(end));
  }
}

/**
 * Simulates replication `replication` of a scenario and returns what it
 * measured; `onProgress` hears of the simulated time reached as it goes.
 */
export function simulateReplication(
  scenario: Scenario,
  replication: number,
  onProgress?: (simulatedTime: number, events: number) => void,
): ReplicationResult {
  return new Simulation(scenario, replication).run(undefined, onProgress);
}
