import { surgeWeight } from '../scenario/surges.js';
import type { Channel, Surge } from '../scenario/types.js';
import { SurgeIndex } from './surge-index.js';

const HOUR = 3600;
const DAY = 86400;

/**
 * The arrival intensity and sentiment mix of one channel over time:
 * baseline rate x hourly profile weight x surge factor, where the surge
 * factor is 1 + sum of (volume - 1) x weight over the surges on the channel
 * (overlapping surges add their extra volume).
 */
export class ChannelLoad {
  /** An upper bound of {@link rate} over all t, for thinning. */
  readonly maxRate: number;
  private readonly surges: Surge[];
  /** The surges under way at a time, so each lookup visits only those (cost linear in the surge count, not quadratic). */
  private readonly active: SurgeIndex;
  private readonly profile: Float64Array | null;
  /** Daily weights by weekday (0 = Monday), or null for the same rate every day. */
  private readonly weekdays: Float64Array | null;
  /** A traced channel's rows per second in each step of the run (for estimates: its arrivals are the rows), or null. */
  private readonly traced: Float64Array | null;
  private readonly tracedStep: number;

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
    const maxProfile = this.profile ? Math.max(...this.profile) : 1;
    const maxWeekday = this.weekdays ? Math.max(...this.weekdays) : 1;
    const maxSurge = 1 + this.surges.reduce((sum, s) => sum + Math.max(0, s.volume - 1), 0);
    const base = this.traced ? this.traced.reduce((a, b) => Math.max(a, b), 0) : channel.rate;
    this.maxRate = base * maxProfile * maxWeekday * maxSurge;
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
    const base = this.channel[kind];
    if (base === null) return false;
    for (let i = 0; i < base.length; i++) out[i] = base[i];
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
    let neg = this.channel.sentiment.negative;
    let neu = this.channel.sentiment.neutral;
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

