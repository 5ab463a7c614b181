import { Field, FIELD_COUNT, TeamField, TEAM_FIELD_COUNT } from './fields.js';
import { bucketOf, HISTOGRAM_BUCKETS } from './histogram.js';
import { fieldIndex, Scopes, teamFieldIndex } from './scopes.js';

/** Everything one replication measured: plain typed arrays, cheap to transfer. */
export interface ReplicationResult {
  replication: number;
  /** scopes x FIELD_COUNT; scope 0 is overall, then channels, then tiers. */
  fields: Float64Array;
  /** scopes x HISTOGRAM_BUCKETS histograms of waits (answered, measured). */
  waitHist: Float64Array;
  /** scopes x HISTOGRAM_BUCKETS histograms of first-response times. */
  firstResponseHist: Float64Array;
  /** teams x TEAM_FIELD_COUNT. */
  teams: Float64Array;
  /** Time series, one row per interval over [0, horizon). */
  series: {
    /** bins x channels: arrivals. */
    arrivals: Float64Array;
    /** bins x tiers: time integral of the number waiting. */
    backlogArea: Float64Array;
    /** bins x teams: time integral of agents on shift. */
    onShiftArea: Float64Array;
    /** bins x tiers: arrivals whose first reply met their target. */
    slaHits: Float64Array;
    /** bins x tiers: arrivals. */
    tierArrivals: Float64Array;
    /** bins x channels: arrivals with negative initial sentiment. */
    negative: Float64Array;
    /** bins x tiers: arrivals later solved by self-service (by arrival interval). */
    deflected: Float64Array;
  };
  /** Events processed. */
  events: number;
  /** Simulated time when the run ended. */
  endTime: number;
}

/** Shape of the scope table for a scenario. */
export interface ScopeLayout {
  channels: number;
  tiers: number;
  teams: number;
  /** Measurement window [from, to): arrivals in it are measured, time integrals are clipped to it. */
  from: number;
  to: number;
  /** The time series covers [0, horizon) in intervals. */
  horizon: number;
  interval: number;
  /** Threshold of the answeredWithin metric, seconds. */
  answeredWithin: number;
}

/**
 * Streams a replication's observations into fixed-size accumulators: memory
 * depends on the number of scopes and intervals, never on the number of
 * conversations. The simulation passes each conversation's channel and
 * tier; every observation counts in the overall, channel and tier scopes
 * (see {@link Scopes}).
 */
export class Recorder {
  readonly fields: Float64Array;
  readonly waitHist: Float64Array;
  readonly firstResponseHist: Float64Array;
  readonly teams: Float64Array;
  readonly series: ReplicationResult['series'];
  readonly bins: number;
  private readonly waiting: Float64Array;
  private readonly waitingSince: Float64Array;
  private readonly onShift: Float64Array;
  private readonly onShiftSince: Float64Array;
  private readonly scopes: Scopes;

  constructor(private readonly layout: ScopeLayout) {
    this.scopes = new Scopes(layout.channels, layout.tiers);
    const scopes = this.scopes.count;
    this.fields = new Float64Array(scopes * FIELD_COUNT);
    this.waitHist = new Float64Array(scopes * HISTOGRAM_BUCKETS);
    this.firstResponseHist = new Float64Array(scopes * HISTOGRAM_BUCKETS);
    this.teams = new Float64Array(layout.teams * TEAM_FIELD_COUNT);
    this.bins = Math.max(1, Math.ceil(layout.horizon / layout.interval));
    this.series = {
      arrivals: new Float64Array(this.bins * layout.channels),
      backlogArea: new Float64Array(this.bins * layout.tiers),
      onShiftArea: new Float64Array(this.bins * layout.teams),
      slaHits: new Float64Array(this.bins * layout.tiers),
      tierArrivals: new Float64Array(this.bins * layout.tiers),
      negative: new Float64Array(this.bins * layout.channels),
      deflected: new Float64Array(this.bins * layout.tiers),
    };
    this.waiting = new Float64Array(scopes);
    this.waitingSince = new Float64Array(scopes);
    this.onShift = new Float64Array(layout.teams);
    this.onShiftSince = new Float64Array(layout.teams);
  }

  /** Interval index of a time inside [0, horizon). */
  binOf(t: number): number {
    const b = Math.floor(t / this.layout.interval);
    return b < this.bins ? b : this.bins - 1;
  }

  /** Adds value to `field` in the overall, the channel's and the tier's scope. */
  private add3(field: number, channel: number, tier: number, value: number): void {
    const f = this.fields;
    f[field] += value;
    f[fieldIndex(this.scopes.channel(channel), field)] += value;
    f[fieldIndex(this.scopes.tier(tier), field)] += value;
  }

  /** Counts a sample in bucket `bucket` of a histogram, in the overall, channel and tier scopes. */
  private addToHistogram(h: Float64Array, bucket: number, channel: number, tier: number): void {
    h[bucket]++;
    h[this.scopes.channel(channel) * HISTOGRAM_BUCKETS + bucket]++;
    h[this.scopes.tier(tier) * HISTOGRAM_BUCKETS + bucket]++;
  }

  /** A conversation arrived (after the horizon only follow-ups do). */
  arrival(
    t: number,
    channel: number,
    tier: number,
    negative: boolean,
    measured: boolean,
    misrouted = false,
    followUp = false,
    welcomed = false,
  ): void {
    // The time series covers [0, horizon): follow-ups posted during the drain stay out of it.
    if (t < this.layout.horizon) {
      const bin = this.binOf(t);
      this.series.arrivals[bin * this.layout.channels + channel]++;
      this.series.tierArrivals[bin * this.layout.tiers + tier]++;
      if (negative) this.series.negative[bin * this.layout.channels + channel]++;
    }
    if (!measured) return;
    this.add3(Field.arrivals, channel, tier, 1);
    if (negative) this.add3(Field.negativeArrivals, channel, tier, 1);
    if (misrouted) this.add3(Field.misrouted, channel, tier, 1);
    if (followUp) this.add3(Field.followUps, channel, tier, 1);
    if (welcomed) this.add3(Field.welcomed, channel, tier, 1);
  }

  /** A waiting conversation (arrived at `arrival`) was solved by self-service. */
  deflect(arrival: number, channel: number, tier: number, measured: boolean): void {
    if (arrival < this.layout.horizon) this.series.deflected[this.binOf(arrival) * this.layout.tiers + tier]++;
    if (measured) this.add3(Field.deflected, channel, tier, 1);
  }

  /** A waiting conversation was settled with a linked one an agent picked up. */
  merged(channel: number, tier: number, measured: boolean): void {
    if (measured) this.add3(Field.merged, channel, tier, 1);
  }

  /** The number waiting in the conversation's scopes changed by delta at time now. */
  waitingChanged(now: number, channel: number, tier: number, delta: number): void {
    const chScope = this.scopes.channel(channel);
    const tierScope = this.scopes.tier(tier);
    this.accrueWaiting(Scopes.overall, now);
    this.accrueWaiting(chScope, now);
    this.accrueWaiting(tierScope, now);
    this.waiting[Scopes.overall] += delta;
    this.waiting[chScope] += delta;
    this.waiting[tierScope] += delta;
  }

  private accrueWaiting(scope: number, now: number): void {
    const since = this.waitingSince[scope];
    this.waitingSince[scope] = now;
    const n = this.waiting[scope];
    if (n === 0 || now === since) return;
    this.fields[fieldIndex(scope, Field.backlogArea)] += n * this.windowOverlap(since, now);
    if (scope >= this.scopes.firstTier) {
      const tier = scope - this.scopes.firstTier;
      this.spread(this.series.backlogArea, this.layout.tiers, tier, n, since, now);
    }
  }

  /** A conversation was picked up after waiting `wait` seconds. */
  pickup(channel: number, tier: number, team: number, wait: number, target: number, measured: boolean): void {
    if (!measured) return;
    this.add3(Field.answered, channel, tier, 1);
    this.add3(Field.waitSum, channel, tier, wait);
    this.add3(Field.waitAllSum, channel, tier, wait);
    if (wait <= target) this.add3(Field.pickupHits, channel, tier, 1);
    this.teams[teamFieldIndex(team, TeamField.handled)]++;
    this.addToHistogram(this.waitHist, bucketOf(wait), channel, tier);
  }

  /** A waiting conversation was abandoned after `waited` seconds. */
  abandon(channel: number, tier: number, waited: number, measured: boolean): void {
    if (!measured) return;
    this.add3(Field.abandoned, channel, tier, 1);
    this.add3(Field.waitAllSum, channel, tier, waited);
  }

  /** The first agent reply was sent `response` seconds after arrival. */
  firstReply(channel: number, tier: number, arrival: number, response: number, target: number, measured: boolean): void {
    const hit = response <= target;
    if (hit && arrival < this.layout.horizon) this.series.slaHits[this.binOf(arrival) * this.layout.tiers + tier]++;
    if (!measured) return;
    this.add3(Field.firstReplies, channel, tier, 1);
    this.add3(Field.firstResponseSum, channel, tier, response);
    if (hit) this.add3(Field.slaHits, channel, tier, 1);
    if (response <= this.layout.answeredWithin) this.add3(Field.answeredWithin, channel, tier, 1);
    this.addToHistogram(this.firstResponseHist, bucketOf(response), channel, tier);
  }

  /** A conversation's sentiment went from `start` to `end` (0 negative, 1 neutral, 2 positive). */
  outcome(channel: number, tier: number, start: number, end: number, measured: boolean): void {
    if (measured) this.add3(Field.transitions + 3 * start + end, channel, tier, 1);
  }

  /** A closed, answered conversation's survey: sent, maybe answered, maybe satisfied. */
  survey(channel: number, tier: number, responded: boolean, satisfied: boolean, measured: boolean): void {
    if (!measured) return;
    this.add3(Field.surveyed, channel, tier, 1);
    if (responded) this.add3(Field.responses, channel, tier, 1);
    if (satisfied) this.add3(Field.satisfied, channel, tier, 1);
  }

  /** A later agent reply was sent `response` seconds after the customer's message. */
  nextReply(channel: number, tier: number, response: number, measured: boolean): void {
    if (!measured) return;
    this.add3(Field.nextReplies, channel, tier, 1);
    this.add3(Field.nextResponseSum, channel, tier, response);
  }

  /** An agent of `team` wrote a reply to a conversation of `channel` and `tier` over [start, end]. */
  writing(team: number, channel: number, tier: number, start: number, end: number): void {
    const time = this.windowOverlap(start, end);
    this.teams[teamFieldIndex(team, TeamField.writingTime)] += time;
    this.add3(Field.writingTime, channel, tier, time);
  }

  /** The number of agents on shift in `team` changed by delta at time now. */
  onShiftChanged(now: number, team: number, delta: number): void {
    const since = this.onShiftSince[team];
    const n = this.onShift[team];
    if (n !== 0 && now > since) {
      this.teams[teamFieldIndex(team, TeamField.onShiftTime)] += n * this.windowOverlap(since, now);
      this.spread(this.series.onShiftArea, this.layout.teams, team, n, since, now);
    }
    this.onShiftSince[team] = now;
    this.onShift[team] = n + delta;
  }

  /** A measured conversation was still waiting when the run ended. */
  unanswered(channel: number, tier: number): void {
    this.add3(Field.unanswered, channel, tier, 1);
  }

  /** Closes every time integral at the end of the run. */
  finish(end: number): void {
    for (let s = 0; s < this.waiting.length; s++) this.accrueWaiting(s, end);
    for (let t = 0; t < this.onShift.length; t++) this.onShiftChanged(end, t, 0);
  }

  private windowOverlap(from: number, to: number): number {
    const lo = from > this.layout.from ? from : this.layout.from;
    const hi = to < this.layout.to ? to : this.layout.to;
    return hi > lo ? hi - lo : 0;
  }

  /** Adds value x duration of [from, to] ∩ [0, horizon) into the interval bins. */
  private spread(target: Float64Array, stride: number, offset: number, value: number, from: number, to: number): void {
    const w = this.layout.interval;
    const end = to < this.layout.horizon ? to : this.layout.horizon;
    // Step by bin index: recomputing floor(t / w) at a bin edge can round back
    // into the previous bin and never advance.
    let bin = Math.floor(from / w);
    if ((bin + 1) * w <= from) bin++;
    let t = from;
    while (t < end && bin < this.bins) {
      const binEnd = Math.min((bin + 1) * w, end);
      if (binEnd > t) target[bin * stride + offset] += value * (binEnd - t);
      t = binEnd;
      bin++;
    }
  }

  /** The accumulated result (the arrays themselves, not copies). */
  result(replication: number, events: number, endTime: number): ReplicationResult {
    return {
      replication,
      fields: this.fields,
      waitHist: this.waitHist,
      firstResponseHist: this.firstResponseHist,
      teams: this.teams,
      series: this.series,
      events,
      endTime,
    };
  }
}
