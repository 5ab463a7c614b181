import type { KeyedUniform } from '../core/rng.js';
import type { Scenario, TriageRule } from '../scenario/types.js';
import type { ChannelLoad } from './load-curve.js';

/** Purposes of the per-conversation keyed random streams (never renumber: results depend on them). */
export const Draw = {
  sentiment: 1,
  turns: 2,
  patience: 3,
  handleTime: 4,
  replyDelay: 5,
  brand: 6,
  topic: 7,
  sentimentTag: 8,
  topicTag: 9,
  selfService: 10,
  followUp: 11,
  followUpKey: 12,
  worsen: 13,
  outcome: 14,
  survey: 15,
  satisfied: 16,
  /** How many copies of a replayed trace row a surge makes (see TraceFeeds). */
  traceCopies: 17,
  /** The keys of those copies. */
  traceCopyKey: 18,
} as const;

/** Attributes a replayed trace row gives, overriding the draws (-1: drawn). */
export interface GivenAttributes {
  sentiment: number;
  topic: number;
  brand: number;
  tier: number;
}

import { NEGATIVE } from './outcomes.js';

/** Index drawn from shares (which sum to 1) by one uniform. */
function drawIndex(shares: Float64Array, n: number, u: number): number {
  let acc = 0;
  for (let i = 0; i < n - 1; i++) {
    acc += shares[i];
    if (u < acc) return i;
  }
  return n - 1;
}

/** Index drawn from shares excluding `exclude` (renormalised); `exclude` itself when nothing else has mass. */
function drawOther(shares: Float64Array, n: number, exclude: number, u: number): number {
  const rest = 1 - shares[exclude];
  if (!(rest > 1e-12)) return exclude;
  const target = u * rest;
  let acc = 0;
  let last = exclude;
  for (let i = 0; i < n; i++) {
    if (i === exclude || shares[i] <= 0) continue;
    acc += shares[i];
    last = i;
    if (target < acc) return i;
  }
  return last;
}

function matches(rule: TriageRule, channel: number, brand: number, topic: number, sentiment: number): boolean {
  return (
    (rule.channels === null || rule.channels.includes(channel)) &&
    (rule.brands === null || rule.brands.includes(brand)) &&
    (rule.topics === null || rule.topics.includes(topic)) &&
    (rule.sentiments === null || rule.sentiments.includes(sentiment))
  );
}

/**
 * Draws a new conversation's attributes (brand, topic, initial sentiment)
 * from its channel's mixes at its arrival time, reads its tags the way an
 * imperfect automatic tagger would (each of sentiment and topic is right with
 * probability `tagging.accuracy`, else another value drawn from the mix), and
 * triages it: the first rule matching the tags as read sets the tier, else
 * the channel's tier. It is misrouted when the true tags would have given
 * another tier. Results are left in the public fields (no allocation).
 */
export class Triage {
  brand = -1;
  topic = -1;
  sentiment = 1;
  tier = 0;
  misrouted = false;
  private readonly sentimentShares = new Float64Array(3);
  private readonly mix = new Float64Array(2);
  private readonly brandShares: Float64Array;
  private readonly topicShares: Float64Array;
  private readonly accuracy: number;

  constructor(private readonly scenario: Scenario, private readonly loads: readonly ChannelLoad[]) {
    this.brandShares = new Float64Array(scenario.brands.length);
    this.topicShares = new Float64Array(scenario.topics.length);
    this.accuracy = scenario.tagging.accuracy;
  }

  /**
   * Classifies a conversation of `channel` arriving at t with random key
   * (keyA, keyB). A follow-up keeps its original's brand and topic and is
   * negative: pass them as `inherit`.
   */
  classify(channel: number, t: number, u: KeyedUniform, keyA: number, keyB: number, inherit?: { brand: number; topic: number }, given?: GivenAttributes): void {
    const load = this.loads[channel];
    let sentimentKnown = false;
    if (inherit) {
      this.brand = inherit.brand;
      this.topic = inherit.topic;
      this.sentiment = NEGATIVE;
    } else {
      load.sentimentThresholds(t, this.mix);
      const s = u.first(keyA, keyB, Draw.sentiment, 0);
      this.sentiment = s < this.mix[0] ? 0 : s < this.mix[1] ? 1 : 2;
      sentimentKnown = true;
      this.brand = load.sharesAt('brands', t, this.brandShares)
        ? drawIndex(this.brandShares, this.brandShares.length, u.first(keyA, keyB, Draw.brand, 0))
        : -1;
      this.topic = load.sharesAt('topics', t, this.topicShares)
        ? drawIndex(this.topicShares, this.topicShares.length, u.first(keyA, keyB, Draw.topic, 0))
        : -1;
      // A replayed row's own values replace the draws (made all the same, so the tag reading below draws alike).
      if (given !== undefined) {
        if (given.sentiment >= 0) this.sentiment = given.sentiment;
        if (given.brand >= 0) this.brand = given.brand;
        if (given.topic >= 0) this.topic = given.topic;
      }
    }
    const rules = this.scenario.triage;
    const channelTier = this.scenario.channels[channel].tier;
    if (rules.length === 0) {
      this.tier = given !== undefined && given.tier >= 0 ? given.tier : channelTier;
      this.misrouted = false;
      return;
    }
    let readSentiment = this.sentiment;
    let readTopic = this.topic;
    if (this.accuracy < 1) {
      if (u.select(keyA, keyB, Draw.sentimentTag, 0).next() >= this.accuracy) {
        if (!sentimentKnown) load.sentimentThresholds(t, this.mix);
        const shares = this.sentimentShares;
        shares[0] = this.mix[0];
        shares[1] = this.mix[1] - this.mix[0];
        shares[2] = 1 - this.mix[1];
        readSentiment = drawOther(shares, 3, this.sentiment, u.next());
      }
      // A follow-up on a channel without a topic mix keeps its topic as read: there is nothing to confuse it with.
      if (this.topic >= 0 && u.select(keyA, keyB, Draw.topicTag, 0).next() >= this.accuracy && load.sharesAt('topics', t, this.topicShares)) {
        readTopic = drawOther(this.topicShares, this.topicShares.length, this.topic, u.next());
      }
    }
    this.tier = this.triage(rules, channel, readTopic, readSentiment, channelTier);
    const trueTier = readSentiment === this.sentiment && readTopic === this.topic
      ? this.tier
      : this.triage(rules, channel, this.topic, this.sentiment, channelTier);
    // A replayed row's tier is the tier it was given: misrouted when its true tags would have led elsewhere.
    if (given !== undefined && given.tier >= 0) this.tier = given.tier;
    this.misrouted = trueTier !== this.tier;
  }

  private triage(rules: readonly TriageRule[], channel: number, topic: number, sentiment: number, fallback: number): number {
    for (let i = 0; i < rules.length; i++) {
      if (matches(rules[i], channel, this.brand, topic, sentiment)) return rules[i].tier;
    }
    return fallback;
  }
}
