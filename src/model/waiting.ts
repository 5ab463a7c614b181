import type { Engine } from '../core/engine.js';
import { Draw } from './attributes.js';
import type { Model } from './context.js';
import { ConvState } from './conversations.js';
import { Ending } from './endings.js';
import { EventKind } from './events.js';

/**
 * Conversations waiting for an agent: their queues (one per class, oldest
 * first), the backlog counts the recorder and reserve teams follow, and what
 * may end a wait before an agent comes: the customer abandons, self-service
 * solves it, or the wait opens it to an overflow team.
 *
 * Events: `abandon` ({@link onAbandon}), `deflect` ({@link onDeflect}),
 * `overflow` ({@link onOverflow}).
 */
export class Waiting {
  private readonly engine: Engine;
  /** Conversations waiting in every queue. */
  private queuedTotal = 0;

  constructor(private readonly m: Model) {
    this.engine = m.engine;
  }

  /** Puts an admitted conversation in its queue and starts its timers. */
  enqueue(slot: number, isFollowUp: boolean): void {
    const conv = this.m.conv;
    conv.state[slot] = ConvState.waiting;
    this.m.queues.push(conv.cls[slot], slot);
    this.countChange(slot, 1);
    this.startTimers(slot, isFollowUp);
  }

  /** Takes a waiting conversation out of its queue (to be assigned, or because it left), cancelling its timers. */
  remove(slot: number): void {
    const conv = this.m.conv;
    this.m.queues.remove(conv.cls[slot], slot);
    this.countChange(slot, -1);
    this.m.events.cancelWaitingTimers(slot, conv.gen[slot]);
  }

  /** The customer's patience ran out before pickup. */
  onAbandon(slot: number): void {
    const m = this.m;
    const conv = m.conv;
    this.remove(slot);
    m.recorder.abandon(conv.cls[slot], this.engine.now - conv.arrival[slot], conv.measured[slot]);
    const end = m.endings.unanswered(slot, this.engine.now);
    m.endings.notify(slot, Ending.abandoned, end);
    conv.release(slot);
  }

  /** Self-service (a community answer, a bot) solved the conversation before pickup. */
  onDeflect(slot: number): void {
    const conv = this.m.conv;
    this.remove(slot);
    this.m.recorder.deflect(conv.arrival[slot], conv.cls[slot], conv.measured[slot]);
    this.m.endings.notify(slot, Ending.deflected, -1);
    conv.release(slot);
  }

  /** A waiting conversation's wait opened it to an overflow team: offer it to that team's free agents. */
  onOverflow(slot: number): void {
    const m = this.m;
    const conv = m.conv;
    const cls = conv.cls[slot];
    const now = this.engine.now;
    const arrival = conv.arrival[slot];
    const classes = m.classes;
    const teams = classes.overflowClasses.length;
    for (let k = 0; k < teams && conv.state[slot] === ConvState.waiting; k++) {
      const extra = classes.overflowClasses[k];
      for (let i = 0; i < extra.length; i++) {
        if (extra[i] !== cls || now < arrival + classes.overflowAfter[k][i]) continue;
        m.assignment.offerTo(k);
        break;
      }
    }
    if (conv.state[slot] !== ConvState.waiting) return;
    const waits = classes.overflowWaits[cls];
    for (let i = 0; i < waits.length; i++) {
      if (arrival + waits[i] > now) {
        m.events.conversationAt(arrival + waits[i], EventKind.overflow, slot, conv.gen[slot]);
        return;
      }
    }
  }

  /** Schedules what may happen to a waiting conversation: abandonment, self-service, overflow, follow-up. */
  private startTimers(slot: number, isFollowUp: boolean): void {
    const m = this.m;
    const conv = m.conv;
    const events = m.events;
    const gen = conv.gen[slot];
    const keyA = conv.keyA[slot];
    const keyB = conv.keyB[slot];
    const ch = conv.channel[slot];
    const rt = m.channels[ch];
    const spec = m.scenario.channels[ch];
    const given = conv.patience[slot];
    if (given === given) {
      // A replayed row's own patience (not NaN).
      events.conversationIn(given, EventKind.abandon, slot, gen);
    } else if (rt.patience !== null) {
      events.conversationIn(rt.patience.sample(m.draw.select(keyA, keyB, Draw.patience, 0)), EventKind.abandon, slot, gen);
    }
    if (spec.selfService !== null) {
      const u = m.draw.select(keyA, keyB, Draw.selfService, 0);
      if (u.next() < spec.selfService.share) {
        events.conversationIn(u.next() * spec.selfService.within, EventKind.deflect, slot, gen);
      }
    }
    // Overflow times are absolute (arrival + wait), computed the same way wherever eligibility is tested.
    const waits = m.classes.overflowWaits[conv.cls[slot]];
    if (waits.length > 0) events.conversationAt(conv.arrival[slot] + waits[0], EventKind.overflow, slot, gen);
    if (spec.followUp !== null && !isFollowUp) {
      events.conversationIn(spec.followUp.after, EventKind.followUpCheck, slot, gen);
    }
  }

  /** The number waiting changed by delta in the conversation's scopes. */
  private countChange(slot: number, delta: number): void {
    const conv = this.m.conv;
    this.m.recorder.waitingChanged(this.engine.now, conv.cls[slot], delta);
    const roster = this.m.roster;
    if (roster.watchesBacklog) roster.onBacklog(this.queuedTotal += delta);
  }
}
