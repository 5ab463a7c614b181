import { Draw } from './attributes.js';
import type { Model } from './context.js';
import { finalSentiment, satisfactionProbability, unansweredSentiment } from './outcomes.js';

/** How a conversation left the system (the `ending` of a {@link ConversationEndHook}). */
export const Ending = {
  /** Answered, then closed (resolved or by silence), or settled by a linked conversation's first reply. */
  closed: 0,
  /** The customer gave up before pickup. */
  abandoned: 1,
  /** Self-service solved it before pickup. */
  deflected: 2,
  /** Still waiting when the run ended. */
  unanswered: 3,
} as const;

/**
 * Called once per conversation as it leaves the system, before its slot is
 * freed (so its arrays still hold it): how it ended, and its final
 * sentiment index (-1 when it has none: deflected).
 */
export type ConversationEndHook = (slot: number, ending: number, finalSentiment: number) => void;

/**
 * How conversations end and what that leaves behind: closing an answered
 * conversation frees the agent's slot; every conversation with an outcome
 * gets its final sentiment (and, when answered, maybe a satisfaction
 * survey); at the end of the run, those still waiting count as unanswered.
 * Handles no event itself: replies, waiting and the run's end call it.
 */
export class Endings {
  /** Export hook: called with each conversation as it ends (null: no cost). */
  onEnd: ConversationEndHook | null = null;

  constructor(private readonly m: Model) {}

  /**
   * Closes an answered conversation (resolved when all its turns were
   * replied to, not when the customer went silent): records its sentiment
   * outcome and survey, then frees its slot (the caller settles the agent).
   */
  close(slot: number, resolved: boolean): void {
    const m = this.m;
    const agent = m.conv.agent[slot];
    const end = this.answered(slot, resolved, m.agents.team[agent]);
    this.notify(slot, Ending.closed, end);
    m.agents.open[agent]--;
    m.recorder.openChanged(m.engine.now, m.agents.team[agent], -1);
    m.conv.release(slot);
  }

  /** Final sentiment and survey of a conversation an agent of `team` answered; returns the final sentiment. */
  answered(slot: number, resolved: boolean, team: number): number {
    const m = this.m;
    const conv = m.conv;
    const sc = m.scenario;
    const keyA = conv.keyA[slot];
    const keyB = conv.keyB[slot];
    const u = m.draw;
    const ch = conv.channel[slot];
    const cls = conv.cls[slot];
    const measured = conv.measured[slot];
    const relativeWait = conv.firstResponse[slot] / m.classes.target[conv.cls[slot]];
    const start = conv.sentiment[slot];
    const end = finalSentiment(sc.outcomes, start, relativeWait, resolved, sc.teams[team].empathy,
      u.select(keyA, keyB, Draw.worsen, 0).next(), u.select(keyA, keyB, Draw.outcome, 0).next());
    m.recorder.outcome(cls, start, end, measured);
    const rate = sc.channels[ch].surveyResponseRate ?? sc.surveys.responseRate;
    const responded = u.select(keyA, keyB, Draw.survey, 0).next() < rate;
    const satisfied = responded && u.select(keyA, keyB, Draw.satisfied, 0).next() < satisfactionProbability(sc.csat, end, relativeWait);
    m.recorder.survey(cls, responded, satisfied, measured);
    return end;
  }

  /** Final sentiment of a conversation nobody answered (abandoned, or still waiting when the run ended), as of `at`; returns it. */
  unanswered(slot: number, at: number): number {
    const m = this.m;
    const conv = m.conv;
    const relativeWait = (at - conv.arrival[slot]) / m.classes.target[conv.cls[slot]];
    const start = conv.sentiment[slot];
    const end = unansweredSentiment(m.scenario.outcomes, start, relativeWait, m.draw.select(conv.keyA[slot], conv.keyB[slot], Draw.worsen, 0).next());
    m.recorder.outcome(conv.cls[slot], start, end, conv.measured[slot]);
    return end;
  }

  /** Tells the export hook, if any, that `slot` ended. */
  notify(slot: number, ending: number, sentiment: number): void {
    if (this.onEnd !== null) this.onEnd(slot, ending, sentiment);
  }

  /**
   * Ends the run at `end`: conversations still waiting count as unanswered,
   * and the time integrals close at `integralsEnd`.
   */
  finish(end: number, integralsEnd: number): void {
    const m = this.m;
    const conv = m.conv;
    const q = m.queues;
    for (let cls = 0; cls < q.head.length; cls++) {
      for (let s = q.head[cls]; s >= 0; s = conv.next[s]) {
        m.recorder.unanswered(conv.cls[s], conv.measured[s]);
        this.notify(s, Ending.unanswered, this.unanswered(s, end));
      }
    }
    m.recorder.finish(integralsEnd);
  }
}
