import { bucketOf, HISTOGRAM_BUCKETS } from './histogram.js';

/** Per-scope counters and sums (indexes into a scope's row). */
export const Field = {
  arrivals: 0,
  answered: 1,
  abandoned: 2,
  /** Still waiting for pickup when the run ended. */
  unanswered: 3,
  /** Sum of waits of answered conversations. */
  waitSum: 4,
  /** Sum of waits of answered conversations plus times to abandon. */
  waitAllSum: 5,
  firstReplies: 6,
  firstResponseSum: 7,
  nextReplies: 8,
  nextResponseSum: 9,
  /** First reply sent within the tier's target. */
  slaHits: 10,
  /** Picked up within the tier's target. */
  pickupHits: 11,
  /** Time integral of the number waiting over the measurement window. */
  backlogArea: 12,
  negativeArrivals: 13,
  /** Agent time spent writing replies to this scope's conversations, inside the window. */
  writingTime: 14,
  /** Solved by self-service (community, bot) before an agent picked them up. */
  deflected: 15,
  /** Triaged into another tier than their true tags would have given. */
  misrouted: 16,
  /** Conversations that are a customer's follow-up post. */
  followUps: 17,
  /** Settled together with a linked conversation an agent picked up. */
  merged: 18,
  /** Received an automatic welcome message. */
  welcomed: 19,
  /** First reply sent within the scenario's `answeredWithin` threshold (any tier). */
  answeredWithin: 20,
  /** Sentiment transitions: conversations starting s and ending e count at transitions + 3s + e. */
  transitions: 21,
  /** Closed after an agent answered: a survey is sent. */
  surveyed: 30,
  /** Survey answers received. */
  responses: 31,
  /** Survey answers that were "satisfied". */
  satisfied: 32,
} as const;
export const FIELD_COUNT = 33;

/** Per-team sums (indexes into a team's row). */
export const TeamField = {
  /** Agent time spent writing replies, inside the measurement window. */
  writingTime: 0,
  /** Agent time on shift, inside the measurement window. */
  onShiftTime: 1,
  /** Measured conversations the team picked up (including linked ones it settled). */
  handled: 2,
} as const;
export const TEAM_FIELD_COUNT = 3;

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
 * conversations. Scope 0 is overall; the simulation passes the channel and
 * tier scope of each conversation.
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
  private readonly firstTierScope: number;

  constructor(private readonly layout: ScopeLayout) {
    const scopes = 1 + layout.channels + layout.tiers;
    this.firstTierScope = 1 + layout.channels;
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

  private add3(field: number, chScope: number, tierScope: number, value: number): void {
    const f = this.fields;
    f[field] += value;
    f[chScope * FIELD_COUNT + field] += value;
    f[tierScope * FIELD_COUNT + field] += value;
  }

  /** A conversation arrived (after the horizon only follow-ups do). */
  arrival(
    t: number,
    channel: number,
    chScope: number,
    tierScope: number,
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
      this.series.tierArrivals[bin * this.layout.tiers + tierScope - this.firstTierScope]++;
      if (negative) this.series.negative[bin * this.layout.channels + channel]++;
    }
    if (!measured) return;
    this.add3(Field.arrivals, chScope, tierScope, 1);
    if (negative) this.add3(Field.negativeArrivals, chScope, tierScope, 1);
    if (misrouted) this.add3(Field.misrouted, chScope, tierScope, 1);
    if (followUp) this.add3(Field.followUps, chScope, tierScope, 1);
    if (welcomed) this.add3(Field.welcomed, chScope, tierScope, 1);
  }

  /** A waiting conversation (arrived at `arrival`) was solved by self-service. */
  deflect(arrival: number, chScope: number, tierScope: number, measured: boolean): void {
    if (arrival < this.layout.horizon) this.series.deflected[this.binOf(arrival) * this.layout.tiers + tierScope - this.firstTierScope]++;
    if (measured) this.add3(Field.deflected, chScope, tierScope, 1);
  }

  /** A waiting conversation was settled with a linked one an agent picked up. */
  merged(chScope: number, tierScope: number, measured: boolean): void {
    if (measured) this.add3(Field.merged, chScope, tierScope, 1);
  }

  /** The number waiting in the conversation's scopes changed by delta at time now. */
  waitingChanged(now: number, chScope: number, tierScope: number, delta: number): void {
    this.accrueWaiting(0, now);
    this.accrueWaiting(chScope, now);
    this.accrueWaiting(tierScope, now);
    this.waiting[0] += delta;
    this.waiting[chScope] += delta;
    this.waiting[tierScope] += delta;
  }

  private accrueWaiting(scope: number, now: number): void {
    const since = this.waitingSince[scope];
    this.waitingSince[scope] = now;
    const n = this.waiting[scope];
    if (n === 0 || now === since) return;
    this.fields[scope * FIELD_COUNT + Field.backlogArea] += n * this.windowOverlap(since, now);
    if (scope >= this.firstTierScope) {
      const tier = scope - this.firstTierScope;
      this.spread(this.series.backlogArea, this.layout.tiers, tier, n, since, now);
    }
  }

  /** A conversation was picked up after waiting `wait` seconds. */
  pickup(chScope: number, tierScope: number, team: number, wait: number, target: number, measured: boolean): void {
    if (!measured) return;
    this.add3(Field.answered, chScope, tierScope, 1);
    this.add3(Field.waitSum, chScope, tierScope, wait);
    this.add3(Field.waitAllSum, chScope, tierScope, wait);
    if (wait <= target) this.add3(Field.pickupHits, chScope, tierScope, 1);
    this.teams[team * TEAM_FIELD_COUNT + TeamField.handled]++;
    const b = bucketOf(wait);
    const h = this.waitHist;
    h[b]++;
    h[chScope * HISTOGRAM_BUCKETS + b]++;
    h[tierScope * HISTOGRAM_BUCKETS + b]++;
  }

  /** A waiting conversation was abandoned after `waited` seconds. */
  abandon(chScope: number, tierScope: number, waited: number, measured: boolean): void {
    if (!measured) return;
    this.add3(Field.abandoned, chScope, tierScope, 1);
    this.add3(Field.waitAllSum, chScope, tierScope, waited);
  }

  /** The first agent reply was sent `response` seconds after arrival. */
  firstReply(chScope: number, tierScope: number, arrival: number, response: number, target: number, measured: boolean): void {
    const hit = response <= target;
    if (hit && arrival < this.layout.horizon) this.series.slaHits[this.binOf(arrival) * this.layout.tiers + tierScope - this.firstTierScope]++;
    if (!measured) return;
    this.add3(Field.firstReplies, chScope, tierScope, 1);
    this.add3(Field.firstResponseSum, chScope, tierScope, response);
    if (hit) this.add3(Field.slaHits, chScope, tierScope, 1);
    if (response <= this.layout.answeredWithin) this.add3(Field.answeredWithin, chScope, tierScope, 1);
    const b = bucketOf(response);
    const h = this.firstResponseHist;
    h[b]++;
    h[chScope * HISTOGRAM_BUCKETS + b]++;
    h[tierScope * HISTOGRAM_BUCKETS + b]++;
  }

  /** A conversation's sentiment went from `start` to `end` (0 negative, 1 neutral, 2 positive). */
  outcome(chScope: number, tierScope: number, start: number, end: number, measured: boolean): void {
    if (measured) this.add3(Field.transitions + 3 * start + end, chScope, tierScope, 1);
  }

  /** A closed, answered conversation's survey: sent, maybe answered, maybe satisfied. */
  survey(chScope: number, tierScope: number, responded: boolean, satisfied: boolean, measured: boolean): void {
    if (!measured) return;
    this.add3(Field.surveyed, chScope, tierScope, 1);
    if (responded) this.add3(Field.responses, chScope, tierScope, 1);
    if (satisfied) this.add3(Field.satisfied, chScope, tierScope, 1);
  }

  /** A later agent reply was sent `response` seconds after the customer's message. */
  nextReply(chScope: number, tierScope: number, response: number, measured: boolean): void {
    if (!measured) return;
    this.add3(Field.nextReplies, chScope, tierScope, 1);
    this.add3(Field.nextResponseSum, chScope, tierScope, response);
  }

  /** An agent of `team` wrote a reply to a conversation of the given scopes over [start, end]. */
  writing(team: number, chScope: number, tierScope: number, start: number, end: number): void {
    const time = this.windowOverlap(start, end);
    this.teams[team * TEAM_FIELD_COUNT + TeamField.writingTime] += time;
    this.add3(Field.writingTime, chScope, tierScope, time);
  }

  /** The number of agents on shift in `team` changed by delta at time now. */
  onShiftChanged(now: number, team: number, delta: number): void {
    const since = this.onShiftSince[team];
    const n = this.onShift[team];
    if (n !== 0 && now > since) {
      this.teams[team * TEAM_FIELD_COUNT + TeamField.onShiftTime] += n * this.windowOverlap(since, now);
      this.spread(this.series.onShiftArea, this.layout.teams, team, n, since, now);
    }
    this.onShiftSince[team] = now;
    this.onShift[team] = n + delta;
  }

  /** A measured conversation was still waiting when the run ended. */
  unanswered(chScope: number, tierScope: number): void {
    this.add3(Field.unanswered, chScope, tierScope, 1);
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
