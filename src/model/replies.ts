import type { Engine } from '../core/engine.js';
import { Draw } from './attributes.js';
import type { AgentPool } from './agents.js';
import type { Model } from './context.js';
import { ConvState } from './conversations.js';
import { Ending } from './endings.js';
import { EventKind } from './events.js';

/**
 * The conversation once an agent has it: the agent writes replies one at a
 * time (handle time, scaled by the team's speed), the customer answers
 * after a delay or goes silent, until the last turn is replied to. The
 * first reply also settles the linked follow-ups merged into it.
 *
 * Events: `replyDone` ({@link onReplyDone}), `customerMessage`
 * ({@link onCustomerMessage}), `idleClose` ({@link onIdleClose}).
 */
export class Replies {
  private readonly engine: Engine;
  private readonly agents: AgentPool;
  /** Each team's speed (handle time is divided by it). */
  private readonly speed: Float64Array;

  constructor(private readonly m: Model) {
    this.engine = m.engine;
    this.agents = m.agents;
    this.speed = Float64Array.from(m.scenario.teams.map((t) => t.speed));
  }

  /** Starts the agent's next pending reply, if any. */
  startWriting(agent: number): void {
    const ag = this.agents;
    const slot = ag.shiftReply(agent);
    if (slot < 0) return;
    const m = this.m;
    const conv = m.conv;
    ag.writing[agent] = slot;
    ag.writeStart[agent] = this.engine.now;
    const rt = m.channels[conv.channel[slot]];
    const turn = conv.turnsDone[slot];
    const given = conv.handleTimes[slot];
    const base = given === null
      ? rt.handleTime.sample(m.draw.select(conv.keyA[slot], conv.keyB[slot], Draw.handleTime, turn))
      : given[turn < given.length ? turn : given.length - 1];
    let work = base / this.speed[ag.team[agent]];
    if (turn === 0) work += conv.mergeCount[slot] * conv.mergeTime[slot];
    conv.workTime[slot] += work;
    m.events.replyDoneIn(work, agent);
  }

  /** Agent `agent` sent the reply it was writing. */
  onReplyDone(agent: number): void {
    const m = this.m;
    const ag = this.agents;
    const conv = m.conv;
    const now = this.engine.now;
    const slot = ag.writing[agent];
    const ch = conv.channel[slot];
    const cls = conv.cls[slot];
    m.recorder.writing(ag.team[agent], cls, ag.writeStart[agent], now);
    ag.writing[agent] = -1;
    ag.idleSince[agent] = now;

    const measured = conv.measured[slot];
    const done = ++conv.turnsDone[slot];
    if (done === 1) {
      conv.firstResponse[slot] = now - conv.arrival[slot];
      m.recorder.firstReply(cls, conv.arrival[slot], now - conv.arrival[slot], m.classes.target[cls], measured);
      if (conv.mergeCount[slot] > 0) this.settleMerged(slot);
    } else {
      m.recorder.nextReply(cls, now - conv.messageAt[slot], measured);
    }
    if (done >= conv.turns[slot]) {
      m.endings.close(slot, true);
    } else {
      const rt = m.channels[ch];
      const delay = rt.replyDelay === null ? 0
        : rt.replyDelay.sample(m.draw.select(conv.keyA[slot], conv.keyB[slot], Draw.replyDelay, done));
      if (delay > rt.idleTimeout) {
        m.events.conversationIn(rt.idleTimeout, EventKind.idleClose, slot, conv.gen[slot]);
      } else {
        m.events.conversationIn(delay, EventKind.customerMessage, slot, conv.gen[slot]);
      }
    }
    m.assignment.settle(agent);
  }

  /** The customer answered: their message waits for the agent's next reply. */
  onCustomerMessage(slot: number): void {
    const conv = this.m.conv;
    const agent = conv.agent[slot];
    conv.messageAt[slot] = this.engine.now;
    this.agents.pushReply(agent, slot);
    this.m.assignment.settle(agent);
  }

  /** The customer went silent: the conversation closes unresolved. */
  onIdleClose(slot: number): void {
    const agent = this.m.conv.agent[slot];
    this.m.endings.close(slot, false);
    this.m.assignment.settle(agent);
  }

  /** The first reply to `slot` also answers the linked conversations merged into it. */
  private settleMerged(slot: number): void {
    const m = this.m;
    const conv = m.conv;
    const now = this.engine.now;
    let s = conv.link[slot];
    while (s !== slot) {
      const next = conv.link[s];
      if (conv.state[s] === ConvState.merged) {
        conv.firstResponse[s] = now - conv.arrival[s];
        m.recorder.firstReply(conv.cls[s], conv.arrival[s], conv.firstResponse[s],
          m.classes.target[conv.cls[s]], conv.measured[s]);
        // Settled by this reply: resolved, by the same agent.
        const end = m.endings.answered(s, true, this.agents.team[conv.agent[slot]]);
        m.endings.notify(s, Ending.closed, end);
        conv.release(s);
      }
      s = next;
    }
    conv.mergeCount[slot] = 0;
  }
}
