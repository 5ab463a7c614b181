import type { CsatModel, OutcomeModel } from '../scenario/types.js';

/** Sentiment indexes: negative, neutral, positive. */
export const NEGATIVE = 0;
export const NEUTRAL = 1;
export const POSITIVE = 2;

const logistic = (x: number) => 1 / (1 + Math.exp(-x));
const logit = (p: number) => Math.log(p / (1 - p));

/**
 * Sentiment after waiting: each step toward negative happens with
 * probability 1 - exp(-worsen x (r/T)^2), where r is the time to the first
 * reply and T the tier's target; the hazard grows with the wait relative to
 * the target (twice the target: four times the hazard of the target).
 * `u` is the conversation's own uniform, so a longer wait can only worsen.
 */
export function sentimentAfterWaiting(model: OutcomeModel, start: number, relativeWait: number, u: number): number {
  if (start === NEGATIVE || model.worsen === 0) return start;
  const pWorse = 1 - Math.exp(-model.worsen * relativeWait * relativeWait);
  return u < pWorse ? start - 1 : start;
}

/**
 * Probability that a handled conversation ends positive:
 * logistic(positive[s'] + empathy - speed x r/T + resolved x [resolved]),
 * with s' the sentiment after waiting. Never increases with r.
 */
export function recoveryProbability(model: OutcomeModel, afterWaiting: number, relativeWait: number, resolved: boolean, empathy: number): number {
  const base = afterWaiting === NEGATIVE ? model.positive.negative : afterWaiting === NEUTRAL ? model.positive.neutral : model.positive.positive;
  return logistic(base + empathy - model.speed * relativeWait + (resolved ? model.resolved : 0));
}

/**
 * Final sentiment of a conversation an agent answered: positive with the
 * recovery probability, otherwise the sentiment after waiting, capped at
 * neutral. `uWorsen` and `uEnd` are the conversation's own uniforms.
 */
export function finalSentiment(
  model: OutcomeModel,
  start: number,
  relativeWait: number,
  resolved: boolean,
  empathy: number,
  uWorsen: number,
  uEnd: number,
): number {
  const after = sentimentAfterWaiting(model, start, relativeWait, uWorsen);
  if (uEnd < recoveryProbability(model, after, relativeWait, resolved, empathy)) return POSITIVE;
  return after === POSITIVE ? NEUTRAL : after;
}

/**
 * Final sentiment of a conversation no agent answered (abandoned, or still
 * waiting at the end): it never recovers, and waiting may have worsened it.
 * A positive start that is not worsened ends neutral: nobody answered.
 */
export function unansweredSentiment(model: OutcomeModel, start: number, relativeWait: number, uWorsen: number): number {
  const after = sentimentAfterWaiting(model, start, relativeWait, uWorsen);
  return after === POSITIVE ? NEUTRAL : after;
}

/**
 * Probability that a survey answer is "satisfied":
 * logistic(logit(satisfied[final]) + bias - speed x r/T).
 */
export function satisfactionProbability(csat: CsatModel, final: number, relativeWait: number): number {
  const p = final === NEGATIVE ? csat.satisfied.negative : final === NEUTRAL ? csat.satisfied.neutral : csat.satisfied.positive;
  const clamped = Math.min(1 - 1e-9, Math.max(1e-9, p));
  return logistic(logit(clamped) + csat.bias - csat.speed * relativeWait);
}

/**
 * The outcome and survey models' parameters as arrays indexed by sentiment,
 * computed once per replication, so a conversation's ending reads numbers
 * rather than walking the scenario's objects; each formula is the one of
 * the functions above, term for term (the same results to the bit).
 */
export class OutcomeTable {
  /** The outcome model's `positive` intercepts by sentiment. */
  private readonly positive: Float64Array;
  /** logit of the clamped satisfied shares by final sentiment. */
  private readonly satisfiedLogit: Float64Array;
  private readonly worsen: number;
  private readonly speed: number;
  private readonly resolvedBonus: number;
  private readonly csatBias: number;
  private readonly csatSpeed: number;

  constructor(model: OutcomeModel, csat: CsatModel) {
    this.positive = Float64Array.of(model.positive.negative, model.positive.neutral, model.positive.positive);
    const s = csat.satisfied;
    this.satisfiedLogit = Float64Array.from([s.negative, s.neutral, s.positive], (p) => logit(Math.min(1 - 1e-9, Math.max(1e-9, p))));
    this.worsen = model.worsen;
    this.speed = model.speed;
    this.resolvedBonus = model.resolved;
    this.csatBias = csat.bias;
    this.csatSpeed = csat.speed;
  }

  /** True when waiting may worsen sentiment `start`: only then does {@link afterWaiting} read its uniform. */
  canWorsen(start: number): boolean {
    return start !== NEGATIVE && this.worsen !== 0;
  }

  /** {@link sentimentAfterWaiting}. */
  afterWaiting(start: number, relativeWait: number, u: number): number {
    if (start === NEGATIVE || this.worsen === 0) return start;
    const pWorse = 1 - Math.exp(-this.worsen * relativeWait * relativeWait);
    return u < pWorse ? start - 1 : start;
  }

  /** {@link finalSentiment} from the sentiment after waiting. */
  final(after: number, relativeWait: number, resolved: boolean, empathy: number, uEnd: number): number {
    const p = logistic(this.positive[after] + empathy - this.speed * relativeWait + (resolved ? this.resolvedBonus : 0));
    if (uEnd < p) return POSITIVE;
    return after === POSITIVE ? NEUTRAL : after;
  }

  /** {@link unansweredSentiment} from the sentiment after waiting. */
  unanswered(after: number): number {
    return after === POSITIVE ? NEUTRAL : after;
  }

  /** {@link satisfactionProbability}. */
  satisfaction(final: number, relativeWait: number): number {
    return logistic(this.satisfiedLogit[final] + this.csatBias - this.csatSpeed * relativeWait);
  }
}
