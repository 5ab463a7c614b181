import { Draw } from './attributes.js';
import type { Model } from './context.js';
import { OutcomeTable } from './outcomes.js';

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
  private readonly table: OutcomeTable;
  /** Each team's empathy, each channel's survey response rate. */
  private readonly empathy: Float64Array;
  private readonly surveyRate: Float64Array;

  constructor(private readonly m: Model) {
    const sc = m.scenario;
    this.table = new OutcomeTable(sc.outcomes, sc.csat);
    this.empathy = Float64Array.from(sc.teams, (t) => t.empathy);
    this.surveyRate = Float64Array.from(sc.channels, (c) => c.surveyResponseRate ?? sc.surveys.responseRate);
  }

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

  /**
   * Final sentiment and survey of a conversation an agent of `team`
   * answered; returns the final sentiment. Each uniform is drawn only when
   * it can matter (the draws are keyed per conversation, so one left out
   * shifts no other).
   */
  answered(slot: number, resolved: boolean, team: number): number {
    const m = this.m;
    const conv = m.conv;
    const t = this.table;
    const keyA = conv.keyA[slot];
    const keyB = conv.keyB[slot];
    const u = m.draw;
    const cls = conv.cls[slot];
    const measured = conv.measured[slot];
    const relativeWait = conv.firstResponse[slot] / m.classes.target[cls];
    const start = conv.sentiment[slot];
    const uWorsen = t.canWorsen(start) ? u.first(keyA, keyB, Draw.worsen, 0) : 1;
    const after = t.afterWaiting(start, relativeWait, uWorsen);
    const end = t.final(after, relativeWait, resolved, this.empathy[team], u.first(keyA, keyB, Draw.outcome, 0));
    m.recorder.outcome(cls, start, end, measured);
    const rate = this.surveyRate[conv.channel[slot]];
    let responded = false;
    let satisfied = false;
    if (rate > 0) {
      responded = u.first(keyA, keyB, Draw.survey, 0) < rate;
      satisfied = responded && u.first(keyA, keyB, Draw.satisfied, 0) < t.satisfaction(end, relativeWait);
    }
    m.recorder.survey(cls, responded, satisfied, measured);
    return end;
  }

  /** Final sentiment of a conversation nobody answered (abandoned, or still waiting when the run ended), as of `at`; returns it. */
  unanswered(slot: number, at: number): number {
    const m = this.m;
    const conv = m.conv;
    const t = this.table;
    const relativeWait = (at - conv.arrival[slot]) / m.classes.target[conv.cls[slot]];
    const start = conv.sentiment[slot];
    const uWorsen = t.canWorsen(start) ? m.draw.first(conv.keyA[slot], conv.keyB[slot], Draw.worsen, 0) : 1;
    const end = t.unanswered(t.afterWaiting(start, relativeWait, uWorsen));
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
