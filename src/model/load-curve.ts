import { surgeWeight } from '../scenario/surges.js';
import type { Channel, Surge } from '../scenario/types.js';
import { SurgeIndex } from './surge-index.js';
import type { Uniform } from '../core/rng.js';

const HOUR = 3600;
const DAY = 86400;
/** Seconds short of a segment's end beyond which rounding cannot move a time into the next hour or day (it is below a nanosecond over any horizon). */
const SURE_MARGIN = 1e-6;

/**
 * The arrival intensity and sentiment mix of one channel over time:
 * baseline rate x hourly profile weight x surge factor, where the surge
 * factor is 1 + sum of (volume - 1) x weight over the surges on the channel
 * (overlapping surges add their extra volume).
 */
export class ChannelLoad {
  /** An upper bound of {@link rate} over all t (thinning takes a tighter bound per segment: {@link nextArrival}). */
  readonly maxRate: number;
  /** The rate before profile and surges (a traced channel's busiest step). */
  private readonly base: number;
  private readonly surges: Surge[];
  /** The surges under way at a time, so each lookup visits only those (cost linear in the surge count, not quadratic). */
  private readonly active: SurgeIndex;
  private readonly profile: Float64Array | null;
  /** Daily weights by weekday (0 = Monday), or null for the same rate every day. */
  private readonly weekdays: Float64Array | null;
  /** A traced channel's rows per second in each step of the run (for estimates: its arrivals are the rows), or null. */
  private readonly traced: Float64Array | null;
  private readonly tracedStep: number;
  /** The channel's own brand and topic mixes (null: none) and sentiment shares, read per arrival. */
  private readonly brandMix: readonly number[] | null;
  private readonly topicMix: readonly number[] | null;
  private readonly negative: number;
  private readonly neutral: number;

  /**
   * `firstWeekday` is the local weekday of t = 0 (0 = Monday; the
   * scenario's calendar), read only when the channel has weekday weights.
   */
  constructor(
    private readonly channel: Channel,
    channelIndex: number,
    allSurges: readonly Surge[],
    private readonly startsAt: number,
    private readonly firstWeekday = 0,
  ) {
    this.surges = allSurges.filter((s) => s.channels.includes(channelIndex));
    this.active = new SurgeIndex(this.surges);
    this.profile = channel.profile ? Float64Array.from(channel.profile) : null;
    this.weekdays = channel.weekdays ? Float64Array.from(channel.weekdays) : null;
    this.traced = channel.tracedRate ? Float64Array.from(channel.tracedRate.rates) : null;
    this.tracedStep = channel.tracedRate?.step ?? HOUR;
    this.brandMix = channel.brands;
    this.topicMix = channel.topics;
    this.negative = channel.sentiment.negative;
    this.neutral = channel.sentiment.neutral;
    const maxProfile = this.profile ? Math.max(...this.profile) : 1;
    const maxWeekday = this.weekdays ? Math.max(...this.weekdays) : 1;
    const maxSurge = 1 + this.surges.reduce((sum, s) => sum + Math.max(0, s.volume - 1), 0);
    const base = this.traced ? this.traced.reduce((a, b) => Math.max(a, b), 0) : channel.rate;
    this.base = base;
    this.maxRate = base * maxProfile * maxWeekday * maxSurge;
  }

  /**
   * The next arrival after `from` (before `horizon`; Infinity when none),
   * drawn by thinning against a bound taken per time segment: in each hour
   * of the profile (each day with weekday weights), and each stretch where
   * the same surges are under way, the bound is base rate x that hour's
   * weight x that day's weight x (1 + the extra volume of the surges active
   * there), not the peak of the whole run, so few
   * candidates are thrown away (a surge adds to the bound only while it
   * lasts). A candidate past its segment's end is dropped and the draw
   * starts again from the end (exponential gaps forget), which keeps the
   * process exact. A constant rate needs no thinning: one draw per arrival.
   */
  nextArrival(from: number, horizon: number, u: Uniform): number {
    if (this.isConstant) {
      const max = this.maxRate;
      if (!(max > 0)) return Infinity;
      const t = from - Math.log(u.next()) / max;
      return t < horizon ? t : Infinity;
    }
    let t = from;
    while (t < horizon) {
      const bound = this.segmentBound(t);
      const end = this.segmentEnd;
      if (bound > 0) {
        const candidate = t - Math.log(u.next()) / bound;
        if (candidate < end) {
          if (candidate >= horizon) return Infinity;
          t = candidate;
          if (u.next() * bound <= this.rateInSegment(t)) return t;
          continue;
        }
      }
      t = end;
    }
    return Infinity;
  }

  /** Where the segment of the last {@link segmentBound} ends. */
  private segmentEnd = Infinity;
  /** {@link rate} before the surges all through that segment: the base rate x the hour's weight x the day's weight. */
  private segmentPartial = 0;
  /** Up to where (a microsecond short of the segment's end) a time is surely in the segment's hour and day: {@link rateInSegment} may use segmentPartial there. */
  private segmentSure = -Infinity;

  /**
   * {@link rate} at t, a time in the segment of the last
   * {@link segmentBound}: away from the segment's end the hour and the day
   * are the segment's, so the product before the surges is the one
   * segmentBound took, multiplied in the same order (the same number to the
   * bit), and only the surge factor is left to compute; near the end (where
   * rounding could tell another hour) it is computed in full.
   */
  private rateInSegment(t: number): number {
    if (!(t < this.segmentSure)) return this.rate(t);
    return this.surges.length > 0 ? this.segmentPartial * this.surgeFactor(t) : this.segmentPartial;
  }

  /**
   * A bound of {@link rate} over the segment that holds t (sets
   * {@link segmentEnd}): the profile's hour, the weekday and the set of
   * active surges are the same all through it.
   */
  private segmentBound(t: number): number {
    let bound = this.base;
    let end = Infinity;
    if (this.profile !== null) {
      const offset = ((((this.startsAt + t) % DAY) + DAY) % DAY);
      const hour = Math.floor(offset / HOUR);
      bound *= this.profile[hour];
      end = t + ((hour + 1) * HOUR - offset);
      // Rounding must never leave t where it is.
      if (!(end > t)) end = t + HOUR;
    }
    if (this.weekdays !== null) {
      const day = Math.floor((this.startsAt + t) / DAY);
      bound *= this.weekdays[(((this.firstWeekday + day) % 7) + 7) % 7];
      let dayEnd = (day + 1) * DAY - this.startsAt;
      if (!(dayEnd > t)) dayEnd = t + DAY;
      if (dayEnd < end) end = dayEnd;
    }
    this.segmentPartial = bound;
    if (this.surges.length > 0) {
      const active = this.active;
      active.select(t);
      let extra = 0;
      for (let k = active.from; k < active.to; k++) extra += Math.max(0, this.surges[active.surgeAt(k)].volume - 1);
      bound *= 1 + extra;
      if (active.until < end) end = active.until;
    }
    this.segmentEnd = end;
    // A traced channel's rate() reads its trace, not the base: never from segmentPartial.
    this.segmentSure = this.traced === null ? end - SURE_MARGIN : -Infinity;
    return bound;
  }

  /** True when the channel replays a trace: {@link rate} then describes the trace's rows, which are the arrivals. */
  get isTraced(): boolean {
    return this.traced !== null;
  }

  /** True when the rate never changes (no profile, no weekdays, no surge): no thinning needed. */
  get isConstant(): boolean {
    return this.profile === null && this.weekdays === null && this.surges.length === 0;
  }

  /** Arrival rate per second at time t. */
  rate(t: number): number {
    let r = this.channel.rate;
    if (this.traced !== null) r = this.traced[Math.min(this.traced.length - 1, Math.floor(t / this.tracedStep))] ?? 0;
    if (this.profile !== null) {
      const hour = Math.floor((((this.startsAt + t) % DAY) + DAY) % DAY / HOUR);
      r *= this.profile[hour];
    }
    if (this.weekdays !== null) {
      const day = Math.floor((this.startsAt + t) / DAY);
      r *= this.weekdays[(((this.firstWeekday + day) % 7) + 7) % 7];
    }
    if (this.surges.length > 0) r *= this.surgeFactor(t);
    return r;
  }

  /** The surges' volume multiplier at time t (1 outside every surge): what a trace's rows are thinned or repeated by. */
  surgeFactor(t: number): number {
    const surges = this.surges;
    if (surges.length === 0) return 1;
    // Only the surges under way: the others weigh 0 and would add nothing to the sum.
    const active = this.active;
    active.select(t);
    let factor = 1;
    for (let k = active.from; k < active.to; k++) {
      const s = surges[active.surgeAt(k)];
      factor += (s.volume - 1) * surgeWeight(s, t);
    }
    return factor > 0 ? factor : 0;
  }

  /**
   * Writes the brand or topic shares at time t into `out`: the channel's
   * shares blended toward each active surge's shares by the surge's weight,
   * in declaration order. Returns false when the channel has no such mix.
   */
  sharesAt(kind: 'brands' | 'topics', t: number, out: Float64Array): boolean {
    // The two mixes as fields, not this.channel[kind]: a keyed load per arrival otherwise.
    const base = kind === 'brands' ? this.brandMix : this.topicMix;
    if (base === null) return false;
    for (let i = 0; i < base.length; i++) out[i] = base[i];
    if (this.surges.length === 0) return true;
    const active = this.active;
    active.select(t);
    for (let k = active.from; k < active.to; k++) {
      const s = this.surges[active.surgeAt(k)];
      const target = s[kind];
      if (target === null) continue;
      const w = surgeWeight(s, t);
      if (w === 0) continue;
      for (let i = 0; i < base.length; i++) out[i] += w * (target[i] - out[i]);
    }
    return true;
  }

  /**
   * Writes the sentiment mix at time t into `out` as cumulative thresholds
   * [P(negative), P(negative or neutral)]: the channel's mix blended toward
   * each active surge's mix by the surge's weight, in declaration order.
   */
  sentimentThresholds(t: number, out: Float64Array): void {
    let neg = this.negative;
    let neu = this.neutral;
    if (this.surges.length === 0) {
      out[0] = neg;
      out[1] = neg + neu;
      return;
    }
    const active = this.active;
    active.select(t);
    for (let k = active.from; k < active.to; k++) {
      const s = this.surges[active.surgeAt(k)];
      if (s.sentiment === null) continue;
      const w = surgeWeight(s, t);
      if (w === 0) continue;
      neg += w * (s.sentiment.negative - neg);
      neu += w * (s.sentiment.neutral - neu);
    }
    out[0] = neg;
    out[1] = neg + neu;
  }
}

