import { AVAILABILITY_FIELD_COUNT, AvailabilityField, Field, FIELD_COUNT, TeamField, TEAM_FIELD_COUNT } from './fields.js';
import { bucketOf, HISTOGRAM_BUCKETS, type Histograms } from './histogram.js';
import { Extreme, EXTREME_COUNT, fieldIndex, Scopes, teamFieldIndex } from './scopes.js';

/** The keys of a result's duration histograms. */
export const HISTOGRAM_KEYS = ['waitHist', 'firstResponseHist', 'nextResponseHist'] as const;

/**
 * Everything one replication measured: plain typed arrays, cheap to transfer.
 * The per-scope and per-team arrays hold one block per measurement window:
 * block 0 is the report window (`report.window`), block k the k-th named
 * window (`report.windows`); see {@link Scopes.inWindow}.
 */
export interface ReplicationResult {
  replication: number;
  /** windows x scopes x FIELD_COUNT, scopes numbered by {@link Scopes}. */
  fields: Float64Array;
  /** windows x scopes x HISTOGRAM_BUCKETS histograms of waits (answered, measured). */
  waitHist: Histograms;
  /** windows x scopes x HISTOGRAM_BUCKETS histograms of first-response times. */
  firstResponseHist: Histograms;
  /** windows x scopes x HISTOGRAM_BUCKETS histograms of next-response times. */
  nextResponseHist: Histograms;
  /** windows x scopes x EXTREME_COUNT: smallest and largest wait, first and next response (see Extreme); ±Infinity when none. */
  extremes: Float64Array;
  /** windows x teams x TEAM_FIELD_COUNT. */
  teams: Float64Array;
  /** windows x teams x AVAILABILITY_FIELD_COUNT: rostered and away agent time (see AvailabilityField). */
  availability: Float64Array;
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
    /** bins x teams: time integral of the conversations the team's agents hold open. */
    openArea: Float64Array;
    /** bins x teams: time integral of the team's agents working past their shift end. */
    overrunArea: Float64Array;
  };
  /** Events processed. */
  events: number;
  /** Simulated time when the run ended. */
  endTime: number;
}

/** The channel, tier and brand (-1: none) of each conversation class, indexed by class. */
export interface ClassScopes {
  channel: Int32Array;
  tier: Int32Array;
  brand: Int32Array;
}

/** Shape of the scope table for a scenario. */
export interface ScopeLayout {
  channels: number;
  tiers: number;
  /** Brands (each gets a scope; conversations without a brand count in none). */
  brands: number;
  teams: number;
  /** What each conversation class is: the recorder is told a conversation's class. */
  classes: ClassScopes;
  /** Measurement window [from, to): arrivals in it are measured, time integrals are clipped to it. */
  from: number;
  to: number;
  /** Named windows (report.windows), measured the same way, each in its own block of accumulators after the report window's (none by default). */
  windows?: readonly { from: number; to: number }[];
  /** The time series covers [0, horizon) in intervals. */
  horizon: number;
  interval: number;
  /** Threshold of the answeredWithin metric, seconds. */
  answeredWithin: number;
  /** Each tier's next-reply target, seconds (NaN: none); omitted: no tier has one. */
  nextResponseTargets?: Float64Array;
}

// An observation's fields, counted in one scope's row (`row`: where the row
// starts in the fields array): the hot observations look up the class's
// rows once and count every field in each, instead of looking the rows up
// again for every field. Each accumulator still sees the same additions in
// the same order, so the sums are the same to the bit.

/** {@link Recorder.arrival}'s counts in one row. */
function countArrival(f: Float64Array, row: number, negative: boolean, misrouted: boolean, followUp: boolean, welcomed: boolean): void {
  f[row + Field.arrivals]++;
  if (negative) f[row + Field.negativeArrivals]++;
  if (misrouted) f[row + Field.misrouted]++;
  if (followUp) f[row + Field.followUps]++;
  if (welcomed) f[row + Field.welcomed]++;
}

/** {@link Recorder.pickup}'s counts and sums in one row. */
function countPickup(f: Float64Array, row: number, wait: number, hit: boolean): void {
  f[row + Field.answered]++;
  f[row + Field.waitSum] += wait;
  f[row + Field.waitAllSum] += wait;
  if (hit) f[row + Field.pickupHits]++;
}

/** {@link Recorder.firstReply}'s counts and sums in one row. */
function countFirstReply(f: Float64Array, row: number, response: number, hit: boolean, within: boolean): void {
  f[row + Field.firstReplies]++;
  f[row + Field.firstResponseSum] += response;
  if (hit) f[row + Field.slaHits]++;
  if (within) f[row + Field.answeredWithin]++;
}

/**
 * Streams a replication's observations into fixed-size accumulators: memory
 * depends on the number of scopes, windows and intervals, never on the
 * number of conversations. The simulation passes each conversation's class;
 * every observation counts in the overall scope and in the class's channel,
 * tier and brand scopes (see {@link Scopes}).
 *
 * Measurement windows: the simulation also passes the conversation's window
 * mask (see {@link Recorder.windowsAt}: bit 0 the report window, bit k the
 * k-th named window), and the observation counts in each window it has a
 * bit for. Time integrals (backlog, writing and on-shift time) are clipped
 * to each window in turn. With no named windows there is one window and the
 * accumulators are exactly what they were before windows existed.
 */
export class Recorder {
  private readonly fieldsStore: Float64Array;
  private readonly waitHistStore: Float64Array;
  private readonly firstResponseHistStore: Float64Array;
  private readonly nextResponseHistStore: Float64Array;
  private readonly extremesStore: Float64Array;
  /**
   * With one channel (one tier), the channel's (tier's) scope sees exactly
   * the observations of the overall scope, in the same order: the hot path
   * counts them once, in the overall scope, and its rows are copied into the
   * mirrored scope when the accumulators are read (the same numbers to the
   * bit). -1: not mirrored.
   */
  private readonly mirroredChannel: number;
  private readonly mirroredTier: number;

  /** windows x scopes x FIELD_COUNT (see {@link ReplicationResult.fields}). */
  get fields(): Float64Array {
    this.syncMirrored();
    return this.fieldsStore;
  }

  /** windows x scopes x HISTOGRAM_BUCKETS: waits. */
  get waitHist(): Float64Array {
    this.syncMirrored();
    return this.waitHistStore;
  }

  /** windows x scopes x HISTOGRAM_BUCKETS: first-response times. */
  get firstResponseHist(): Float64Array {
    this.syncMirrored();
    return this.firstResponseHistStore;
  }

  /** windows x scopes x HISTOGRAM_BUCKETS: next-response times. */
  get nextResponseHist(): Float64Array {
    this.syncMirrored();
    return this.nextResponseHistStore;
  }

  /** windows x scopes x EXTREME_COUNT. */
  get extremes(): Float64Array {
    this.syncMirrored();
    return this.extremesStore;
  }

  readonly teams: Float64Array;
  readonly availability: Float64Array;
  readonly series: ReplicationResult['series'];
  readonly bins: number;
  private readonly waiting: Float64Array;
  private readonly waitingSince: Float64Array;
  private readonly onShift: Float64Array;
  private readonly onShiftSince: Float64Array;
  /** Per team and availability field: agents counted now, and since when. */
  private readonly availabilityLevel: Float64Array;
  private readonly availabilitySince: Float64Array;
  private readonly open: Float64Array;
  private readonly openSince: Float64Array;
  private readonly overrun: Float64Array;
  private readonly overrunSince: Float64Array;
  /** Next-reply target per tier, seconds (NaN: none). */
  private readonly nextTarget: Float64Array;
  private readonly scopes: Scopes;
  /** Per class: its channel and tier (for the time series) and its channel, tier and brand scopes (brand -1: none). */
  private readonly classChannel: Int32Array;
  private readonly classTier: Int32Array;
  private readonly channelScope: Int32Array;
  private readonly tierScope: Int32Array;
  private readonly brandScope: Int32Array;
  /** Per class: where its channel, tier and brand scopes' rows start in `fields` (scope x FIELD_COUNT; brand -1: none), so an add multiplies nothing. */
  private readonly channelRow: Int32Array;
  private readonly tierRow: Int32Array;
  private readonly brandRow: Int32Array;
  /** Per class: its channel and tier scopes, -1 when mirrored (for histograms and extremes). */
  private readonly channelHot: Int32Array;
  private readonly tierHot: Int32Array;
  /**
   * Per class: 1 when any of its channel, tier and brand rows is counted on
   * the hot path (not mirrored, not absent), else 0. With one channel and one
   * tier and no brands every class is 0, and an observation writes the
   * overall row only; the rows' code then stays out of line (small hot
   * methods, which V8 inlines into the model's).
   */
  private readonly classHasRows: Uint8Array;
  /** The layout's numbers, read on the hot path (own fields rather than loads through the layout object). */
  private readonly reportFrom: number;
  private readonly reportTo: number;
  private readonly horizon: number;
  private readonly interval: number;
  private readonly teamCount: number;
  /**
   * Per scope: the tier whose backlog time series the scope's backlog
   * accrual feeds, or -1: each tier's own scope, or the overall scope for
   * a mirrored tier (its count is the overall one, changed at the same times).
   */
  private readonly backlogSeriesTier: Int32Array;
  /** Measurement windows: 0 the report window, then the named ones. */
  private readonly windowCount: number;
  private readonly windowFrom: Float64Array;
  private readonly windowTo: Float64Array;
  /** Scopes per window (the stride between windows' blocks of scope rows). */
  private readonly scopeCount: number;

  constructor(private readonly layout: ScopeLayout) {
    const scopes = new Scopes(layout.channels, layout.tiers, layout.brands);
    this.scopes = scopes;
    const windows = [{ from: layout.from, to: layout.to }, ...(layout.windows ?? [])];
    this.windowCount = windows.length;
    this.windowFrom = Float64Array.from(windows, (w) => w.from);
    this.windowTo = Float64Array.from(windows, (w) => w.to);
    this.scopeCount = scopes.count;
    const { channel, tier, brand } = layout.classes;
    this.classChannel = channel;
    this.classTier = tier;
    this.channelScope = channel.map((c) => scopes.channel(c));
    this.tierScope = tier.map((t) => scopes.tier(t));
    this.brandScope = brand.map((b) => (b < 0 ? -1 : scopes.brand(b)));
    this.mirroredChannel = layout.channels === 1 ? scopes.channel(0) : -1;
    this.mirroredTier = layout.tiers === 1 ? scopes.tier(0) : -1;
    // A mirrored scope's rows are -1: the hot path skips them (see mirroredChannel).
    this.channelRow = this.channelScope.map((sc) => (sc === this.mirroredChannel ? -1 : fieldIndex(sc, 0)));
    this.tierRow = this.tierScope.map((sc) => (sc === this.mirroredTier ? -1 : fieldIndex(sc, 0)));
    this.channelHot = this.channelScope.map((sc) => (sc === this.mirroredChannel ? -1 : sc));
    this.tierHot = this.tierScope.map((sc) => (sc === this.mirroredTier ? -1 : sc));
    this.brandRow = this.brandScope.map((sc) => (sc < 0 ? -1 : fieldIndex(sc, 0)));
    this.classHasRows = Uint8Array.from(this.channelRow, (c, cls) => (c >= 0 || this.tierRow[cls] >= 0 || this.brandRow[cls] >= 0 ? 1 : 0));
    this.backlogSeriesTier = new Int32Array(scopes.count).fill(-1);
    for (let t = 0; t < layout.tiers; t++) this.backlogSeriesTier[scopes.tier(t)] = t;
    if (this.mirroredTier >= 0) {
      this.backlogSeriesTier[this.mirroredTier] = -1;
      this.backlogSeriesTier[Scopes.overall] = 0;
    }
    this.reportFrom = layout.from;
    this.reportTo = layout.to;
    this.horizon = layout.horizon;
    this.interval = layout.interval;
    this.teamCount = layout.teams;
    // One block of scope rows per window.
    const n = scopes.count * this.windowCount;
    this.fieldsStore = new Float64Array(n * FIELD_COUNT);
    this.waitHistStore = new Float64Array(n * HISTOGRAM_BUCKETS);
    this.firstResponseHistStore = new Float64Array(n * HISTOGRAM_BUCKETS);
    this.nextResponseHistStore = new Float64Array(n * HISTOGRAM_BUCKETS);
    this.extremesStore = new Float64Array(n * EXTREME_COUNT);
    for (let s = 0; s < n; s++) {
      for (const k of [Extreme.waitMin, Extreme.firstResponseMin, Extreme.nextResponseMin]) this.extremesStore[s * EXTREME_COUNT + k] = Infinity;
      for (const k of [Extreme.waitMax, Extreme.firstResponseMax, Extreme.nextResponseMax]) this.extremesStore[s * EXTREME_COUNT + k] = -Infinity;
    }
    this.teams = new Float64Array(this.windowCount * layout.teams * TEAM_FIELD_COUNT);
    this.availability = new Float64Array(this.windowCount * layout.teams * AVAILABILITY_FIELD_COUNT);
    this.availabilityLevel = new Float64Array(layout.teams * AVAILABILITY_FIELD_COUNT);
    this.availabilitySince = new Float64Array(layout.teams * AVAILABILITY_FIELD_COUNT);
    this.bins = Math.max(1, Math.ceil(layout.horizon / layout.interval));
    this.series = {
      arrivals: new Float64Array(this.bins * layout.channels),
      backlogArea: new Float64Array(this.bins * layout.tiers),
      onShiftArea: new Float64Array(this.bins * layout.teams),
      slaHits: new Float64Array(this.bins * layout.tiers),
      tierArrivals: new Float64Array(this.bins * layout.tiers),
      negative: new Float64Array(this.bins * layout.channels),
      deflected: new Float64Array(this.bins * layout.tiers),
      openArea: new Float64Array(this.bins * layout.teams),
      overrunArea: new Float64Array(this.bins * layout.teams),
    };
    this.waiting = new Float64Array(scopes.count);
    this.waitingSince = new Float64Array(scopes.count);
    this.onShift = new Float64Array(layout.teams);
    this.onShiftSince = new Float64Array(layout.teams);
    this.open = new Float64Array(layout.teams);
    this.openSince = new Float64Array(layout.teams);
    this.overrun = new Float64Array(layout.teams);
    this.overrunSince = new Float64Array(layout.teams);
    this.nextTarget = layout.nextResponseTargets ?? new Float64Array(layout.tiers).fill(NaN);
  }

  /** Interval index of a time inside [0, horizon). */
  binOf(t: number): number {
    const b = Math.floor(t / this.layout.interval);
    return b < this.bins ? b : this.bins - 1;
  }

  /**
   * The windows (bit 0 the report window, bit k the k-th named window) whose
   * [from, to) holds time t: the mask of a conversation arriving at t.
   */
  windowsAt(t: number): number {
    let mask = t >= this.layout.from && t < this.layout.to ? 1 : 0;
    for (let w = 1; w < this.windowCount; w++) if (t >= this.windowFrom[w] && t < this.windowTo[w]) mask |= 1 << w;
    return mask;
  }

  // The report window (bit 0) is handled first and on its own: scenarios
  // without named windows then run the same few instructions they did before
  // named windows existed (the hot path), and named windows cost a loop only
  // for the conversations that are in one.

  /** Adds value to `field` in the overall scope and in the class's channel, tier and brand scopes of each window in the mask. */
  private add(field: number, cls: number, value: number, windows: number): void {
    if ((windows & 1) !== 0) {
      this.fieldsStore[field] += value;
      if (this.classHasRows[cls] !== 0) this.addRows(field, cls, value);
    }
    if (windows > 1) this.addNamed(field, cls, value, windows);
  }

  /** {@link add}'s report-window rows other than the overall one (the class's channel, tier and brand rows). */
  private addRows(field: number, cls: number, value: number): void {
    const f = this.fieldsStore;
    const c = this.channelRow[cls];
    if (c >= 0) f[c + field] += value;
    const t = this.tierRow[cls];
    if (t >= 0) f[t + field] += value;
    const b = this.brandRow[cls];
    if (b >= 0) f[b + field] += value;
  }

  /** {@link add} for the named windows in the mask (bits 1 and up). */
  private addNamed(field: number, cls: number, value: number, windows: number): void {
    for (let w = 1, m = windows >>> 1; m !== 0; w++, m >>>= 1) if ((m & 1) !== 0) this.addIn(w * this.scopeCount, field, cls, value);
  }

  /** Adds value to `field` in the overall scope and in the class's channel, tier and brand scopes of the window whose rows start at `first`. */
  private addIn(first: number, field: number, cls: number, value: number): void {
    const f = this.fieldsStore;
    f[fieldIndex(first, field)] += value;
    const c = this.channelHot[cls];
    if (c >= 0) f[fieldIndex(first + c, field)] += value;
    const t = this.tierHot[cls];
    if (t >= 0) f[fieldIndex(first + t, field)] += value;
    const b = this.brandScope[cls];
    if (b >= 0) f[fieldIndex(first + b, field)] += value;
  }

  /** Counts a duration in a histogram and its extremes, in the overall scope and the class's scopes of each window in the mask. */
  private addDuration(h: Float64Array, min: number, max: number, cls: number, value: number, windows: number): void {
    const bucket = bucketOf(value);
    if ((windows & 1) !== 0) {
      this.addToScope(h, min, max, Scopes.overall, bucket, value);
      if (this.classHasRows[cls] !== 0) this.addDurationRows(h, min, max, cls, bucket, value);
    }
    if (windows > 1) this.addDurationNamed(h, min, max, cls, bucket, value, windows);
  }

  /** {@link addDuration}'s report-window scopes other than the overall one. */
  private addDurationRows(h: Float64Array, min: number, max: number, cls: number, bucket: number, value: number): void {
    const c = this.channelHot[cls];
    if (c >= 0) this.addToScope(h, min, max, c, bucket, value);
    const t = this.tierHot[cls];
    if (t >= 0) this.addToScope(h, min, max, t, bucket, value);
    const b = this.brandScope[cls];
    if (b >= 0) this.addToScope(h, min, max, b, bucket, value);
  }

  /** {@link addDuration} for the named windows in the mask (bits 1 and up). */
  private addDurationNamed(h: Float64Array, min: number, max: number, cls: number, bucket: number, value: number, windows: number): void {
    for (let w = 1, m = windows >>> 1; m !== 0; w++, m >>>= 1) if ((m & 1) !== 0) this.addDurationIn(h, min, max, w * this.scopeCount, cls, bucket, value);
  }

  /** Counts a duration in the overall scope and the class's scopes of the window whose rows start at `first`. */
  private addDurationIn(h: Float64Array, min: number, max: number, first: number, cls: number, bucket: number, value: number): void {
    this.addToScope(h, min, max, first, bucket, value);
    const c = this.channelHot[cls];
    if (c >= 0) this.addToScope(h, min, max, first + c, bucket, value);
    const t = this.tierHot[cls];
    if (t >= 0) this.addToScope(h, min, max, first + t, bucket, value);
    const b = this.brandScope[cls];
    if (b >= 0) this.addToScope(h, min, max, first + b, bucket, value);
  }

  /** Row of team `team` in window w's block of the teams array. */
  private teamRow(w: number, team: number): number {
    return w * this.layout.teams + team;
  }

  private addToScope(h: Float64Array, min: number, max: number, scope: number, bucket: number, value: number): void {
    h[scope * HISTOGRAM_BUCKETS + bucket]++;
    const e = this.extremesStore;
    const base = scope * EXTREME_COUNT;
    if (value < e[base + min]) e[base + min] = value;
    if (value > e[base + max]) e[base + max] = value;
  }

  /**
   * A conversation of class `cls` arrived (after the horizon only follow-ups
   * do); `windows` is its window mask ({@link windowsAt}), 0 when unmeasured,
   * and the same mask goes with every later observation of it.
   */
  arrival(t: number, cls: number, negative: boolean, windows: number, misrouted = false, followUp = false, welcomed = false): void {
    // The time series covers [0, horizon): follow-ups posted during the drain stay out of it.
    if (t < this.layout.horizon) {
      const bin = this.binOf(t);
      const channel = this.classChannel[cls];
      this.series.arrivals[bin * this.layout.channels + channel]++;
      this.series.tierArrivals[bin * this.layout.tiers + this.classTier[cls]]++;
      if (negative) this.series.negative[bin * this.layout.channels + channel]++;
    }
    if (windows === 0) return;
    if ((windows & 1) !== 0) {
      countArrival(this.fieldsStore, 0, negative, misrouted, followUp, welcomed);
      if (this.classHasRows[cls] !== 0) this.arrivalRows(cls, negative, misrouted, followUp, welcomed);
    }
    if (windows > 1) this.arrivalNamed(cls, negative, windows, misrouted, followUp, welcomed);
  }

  /** {@link arrival}'s counts in the class's report-window rows other than the overall one. */
  private arrivalRows(cls: number, negative: boolean, misrouted: boolean, followUp: boolean, welcomed: boolean): void {
    const f = this.fieldsStore;
    const c = this.channelRow[cls];
    if (c >= 0) countArrival(f, c, negative, misrouted, followUp, welcomed);
    const t = this.tierRow[cls];
    if (t >= 0) countArrival(f, t, negative, misrouted, followUp, welcomed);
    const b = this.brandRow[cls];
    if (b >= 0) countArrival(f, b, negative, misrouted, followUp, welcomed);
  }

  /** {@link arrival}'s counts in the named windows of the mask. */
  private arrivalNamed(cls: number, negative: boolean, windows: number, misrouted: boolean, followUp: boolean, welcomed: boolean): void {
    this.addNamed(Field.arrivals, cls, 1, windows);
    if (negative) this.addNamed(Field.negativeArrivals, cls, 1, windows);
    if (misrouted) this.addNamed(Field.misrouted, cls, 1, windows);
    if (followUp) this.addNamed(Field.followUps, cls, 1, windows);
    if (welcomed) this.addNamed(Field.welcomed, cls, 1, windows);
  }

  /** A waiting conversation (arrived at `arrival`) was solved by self-service. */
  deflect(arrival: number, cls: number, windows: number): void {
    if (arrival < this.layout.horizon) this.series.deflected[this.binOf(arrival) * this.layout.tiers + this.classTier[cls]]++;
    this.add(Field.deflected, cls, 1, windows);
  }

  /** A waiting conversation was settled with a linked one an agent picked up. */
  merged(cls: number, windows: number): void {
    this.add(Field.merged, cls, 1, windows);
  }

  /** The number waiting of class `cls` changed by delta at time now. */
  waitingChanged(now: number, cls: number, delta: number): void {
    this.changeWaiting(Scopes.overall, now, delta);
    // A mirrored channel's or tier's backlog is the overall one (copied when
    // read); the overall accrual feeds a mirrored tier's time series (see backlogSeriesTier).
    const c = this.channelHot[cls];
    if (c >= 0) this.changeWaiting(c, now, delta);
    const t = this.tierHot[cls];
    if (t >= 0) this.changeWaiting(t, now, delta);
    const b = this.brandScope[cls];
    if (b >= 0) this.changeWaiting(b, now, delta);
  }

  private changeWaiting(scope: number, now: number, delta: number): void {
    this.accrueWaiting(scope, now);
    this.waiting[scope] += delta;
  }

  private accrueWaiting(scope: number, now: number): void {
    const since = this.waitingSince[scope];
    this.waitingSince[scope] = now;
    const n = this.waiting[scope];
    if (n === 0 || now === since) return;
    this.fieldsStore[fieldIndex(scope, Field.backlogArea)] += n * this.reportWindowOverlap(since, now);
    for (let w = 1; w < this.windowCount; w++) this.fieldsStore[fieldIndex(w * this.scopeCount + scope, Field.backlogArea)] += n * this.windowOverlap(w, since, now);
    const tier = this.backlogSeriesTier[scope];
    if (tier >= 0) this.spread(this.series.backlogArea, this.layout.tiers, tier, n, since, now);
  }

  /** A conversation was picked up by `team` after waiting `wait` seconds (target: its tier's first-response target). */
  pickup(cls: number, team: number, wait: number, target: number, windows: number): void {
    if (windows === 0) return;
    const hit = wait <= target;
    if ((windows & 1) !== 0) {
      // The report window's rows, each counted in one go (see countPickup).
      countPickup(this.fieldsStore, 0, wait, hit);
      if (this.classHasRows[cls] !== 0) this.pickupRows(cls, wait, hit);
      this.teams[teamFieldIndex(team, TeamField.handled)]++;
    }
    if (windows > 1) this.pickupNamed(cls, team, wait, hit, windows);
    this.addDuration(this.waitHistStore, Extreme.waitMin, Extreme.waitMax, cls, wait, windows);
  }

  /** {@link pickup}'s counts in the class's report-window rows other than the overall one. */
  private pickupRows(cls: number, wait: number, hit: boolean): void {
    const f = this.fieldsStore;
    const c = this.channelRow[cls];
    if (c >= 0) countPickup(f, c, wait, hit);
    const t = this.tierRow[cls];
    if (t >= 0) countPickup(f, t, wait, hit);
    const b = this.brandRow[cls];
    if (b >= 0) countPickup(f, b, wait, hit);
  }

  /** {@link pickup}'s counts in the named windows of the mask. */
  private pickupNamed(cls: number, team: number, wait: number, hit: boolean, windows: number): void {
    this.addNamed(Field.answered, cls, 1, windows);
    this.addNamed(Field.waitSum, cls, wait, windows);
    this.addNamed(Field.waitAllSum, cls, wait, windows);
    if (hit) this.addNamed(Field.pickupHits, cls, 1, windows);
    for (let w = 1, m = windows >>> 1; m !== 0; w++, m >>>= 1) if ((m & 1) !== 0) this.teams[teamFieldIndex(this.teamRow(w, team), TeamField.handled)]++;
  }

  /** A waiting conversation was abandoned after `waited` seconds. */
  abandon(cls: number, waited: number, windows: number): void {
    if (windows === 0) return;
    this.add(Field.abandoned, cls, 1, windows);
    this.add(Field.waitAllSum, cls, waited, windows);
  }

  /** The first agent reply was sent `response` seconds after arrival. */
  firstReply(cls: number, arrival: number, response: number, target: number, windows: number): void {
    const hit = response <= target;
    if (hit && arrival < this.layout.horizon) this.series.slaHits[this.binOf(arrival) * this.layout.tiers + this.classTier[cls]]++;
    if (windows === 0) return;
    const within = response <= this.layout.answeredWithin;
    if ((windows & 1) !== 0) {
      countFirstReply(this.fieldsStore, 0, response, hit, within);
      if (this.classHasRows[cls] !== 0) this.firstReplyRows(cls, response, hit, within);
    }
    if (windows > 1) this.firstReplyNamed(cls, response, hit, within, windows);
    this.addDuration(this.firstResponseHistStore, Extreme.firstResponseMin, Extreme.firstResponseMax, cls, response, windows);
  }

  /** {@link firstReply}'s counts in the class's report-window rows other than the overall one. */
  private firstReplyRows(cls: number, response: number, hit: boolean, within: boolean): void {
    const f = this.fieldsStore;
    const c = this.channelRow[cls];
    if (c >= 0) countFirstReply(f, c, response, hit, within);
    const t = this.tierRow[cls];
    if (t >= 0) countFirstReply(f, t, response, hit, within);
    const b = this.brandRow[cls];
    if (b >= 0) countFirstReply(f, b, response, hit, within);
  }

  /** {@link firstReply}'s counts in the named windows of the mask. */
  private firstReplyNamed(cls: number, response: number, hit: boolean, within: boolean, windows: number): void {
    this.addNamed(Field.firstReplies, cls, 1, windows);
    this.addNamed(Field.firstResponseSum, cls, response, windows);
    if (hit) this.addNamed(Field.slaHits, cls, 1, windows);
    if (within) this.addNamed(Field.answeredWithin, cls, 1, windows);
  }

  /** A conversation's sentiment went from `start` to `end` (0 negative, 1 neutral, 2 positive). */
  outcome(cls: number, start: number, end: number, windows: number): void {
    this.add(Field.transitions + 3 * start + end, cls, 1, windows);
  }

  /** A closed, answered conversation's survey: sent, maybe answered, maybe satisfied. */
  survey(cls: number, responded: boolean, satisfied: boolean, windows: number): void {
    if (windows === 0) return;
    this.add(Field.surveyed, cls, 1, windows);
    if (responded) this.add(Field.responses, cls, 1, windows);
    if (satisfied) this.add(Field.satisfied, cls, 1, windows);
  }

  /** A later agent reply was sent `response` seconds after the customer's message. */
  nextReply(cls: number, response: number, windows: number): void {
    if (windows === 0) return;
    this.add(Field.nextReplies, cls, 1, windows);
    this.add(Field.nextResponseSum, cls, response, windows);
    const target = this.nextTarget[this.classTier[cls]];
    // NaN (no target in this tier): the reply stays out of nextResponseAttainment.
    if (target === target) {
      this.add(Field.nextRepliesTargeted, cls, 1, windows);
      if (response <= target) this.add(Field.nextResponseHits, cls, 1, windows);
    }
    this.addDuration(this.nextResponseHistStore, Extreme.nextResponseMin, Extreme.nextResponseMax, cls, response, windows);
  }

  /** An agent of `team` wrote a reply to a conversation of class `cls` over [start, end]. */
  writing(team: number, cls: number, start: number, end: number): void {
    const time = this.reportWindowOverlap(start, end);
    this.teams[teamFieldIndex(team, TeamField.writingTime)] += time;
    // The report window's rows (addIn(0, ...) without recomputing them).
    this.fieldsStore[Field.writingTime] += time;
    if (this.classHasRows[cls] !== 0) this.addRows(Field.writingTime, cls, time);
    for (let w = 1; w < this.windowCount; w++) {
      const inWindow = this.windowOverlap(w, start, end);
      this.teams[teamFieldIndex(this.teamRow(w, team), TeamField.writingTime)] += inWindow;
      this.addIn(w * this.scopeCount, Field.writingTime, cls, inWindow);
    }
  }

  /** The number of agents on shift in `team` changed by delta at time now. */
  onShiftChanged(now: number, team: number, delta: number): void {
    const since = this.onShiftSince[team];
    const n = this.onShift[team];
    if (n !== 0 && now > since) {
      this.teams[teamFieldIndex(team, TeamField.onShiftTime)] += n * this.reportWindowOverlap(since, now);
      for (let w = 1; w < this.windowCount; w++) this.teams[teamFieldIndex(this.teamRow(w, team), TeamField.onShiftTime)] += n * this.windowOverlap(w, since, now);
      this.spread(this.series.onShiftArea, this.layout.teams, team, n, since, now);
    }
    this.onShiftSince[team] = now;
    this.onShift[team] = n + delta;
  }

  /** The number of agents on the roster of `team` (its scheduled headcount) changed by delta at time now. */
  rosteredChanged(now: number, team: number, delta: number): void {
    this.changeAvailability(team * AVAILABILITY_FIELD_COUNT + AvailabilityField.rosteredTime, now, delta);
  }

  /** The number of rostered agents of `team` away (shrinkage) changed by delta at time now. */
  awayChanged(now: number, team: number, delta: number): void {
    this.changeAvailability(team * AVAILABILITY_FIELD_COUNT + AvailabilityField.awayTime, now, delta);
  }

  /** Accrues availability level i (team x field) up to now, clipped to each window, then changes it by delta. */
  private changeAvailability(i: number, now: number, delta: number): void {
    const since = this.availabilitySince[i];
    const n = this.availabilityLevel[i];
    if (n !== 0 && now > since) {
      this.availability[i] += n * this.reportWindowOverlap(since, now);
      const stride = this.layout.teams * AVAILABILITY_FIELD_COUNT;
      for (let w = 1; w < this.windowCount; w++) this.availability[w * stride + i] += n * this.windowOverlap(w, since, now);
    }
    this.availabilitySince[i] = now;
    this.availabilityLevel[i] = n + delta;
  }

  /** The number of conversations held open by agents of `team` changed by delta at time now. */
  openChanged(now: number, team: number, delta: number): void {
    // accrueTeamLevel's steps, with the level's arrays read here (twice per conversation: a small method).
    const from = this.openSince[team];
    const n = this.open[team];
    if (n !== 0 && now > from) this.accrueTeamTime(TeamField.openTime, this.series.openArea, team, n, from, now);
    this.openSince[team] = now;
    this.open[team] = n + delta;
  }

  /**
   * The number of agents of `team` working past their shift end (off the
   * roster, finishing their open conversations) changed by delta at time now.
   */
  overrunChanged(now: number, team: number, delta: number): void {
    this.accrueTeamLevel(this.overrun, this.overrunSince, TeamField.overrunTime, this.series.overrunArea, now, team, delta);
  }

  /** Accrues a team level's time integral up to now (clipped to each window into `field`, binned into `area`), then changes it by delta. */
  private accrueTeamLevel(level: Float64Array, since: Float64Array, field: number, area: Float64Array, now: number, team: number, delta: number): void {
    const from = since[team];
    const n = level[team];
    if (n !== 0 && now > from) this.accrueTeamTime(field, area, team, n, from, now);
    since[team] = now;
    level[team] = n + delta;
  }

  /** Adds level n of `team` held over [from, now] to `field` (clipped to each window) and to the time series `area`. */
  private accrueTeamTime(field: number, area: Float64Array, team: number, n: number, from: number, now: number): void {
    this.teams[teamFieldIndex(team, field)] += n * this.reportWindowOverlap(from, now);
    for (let w = 1; w < this.windowCount; w++) this.teams[teamFieldIndex(this.teamRow(w, team), field)] += n * this.windowOverlap(w, from, now);
    this.spread(area, this.teamCount, team, n, from, now);
  }

  /** A conversation of class `cls` with window mask `windows` was still waiting when the run ended. */
  unanswered(cls: number, windows: number): void {
    this.add(Field.unanswered, cls, 1, windows);
  }

  /** Closes every time integral at the end of the run. */
  finish(end: number): void {
    for (let s = 0; s < this.waiting.length; s++) this.accrueWaiting(s, end);
    for (let t = 0; t < this.onShift.length; t++) this.onShiftChanged(end, t, 0);
    for (let i = 0; i < this.availabilityLevel.length; i++) this.changeAvailability(i, end, 0);
    for (let t = 0; t < this.open.length; t++) this.openChanged(end, t, 0);
    for (let t = 0; t < this.overrun.length; t++) this.overrunChanged(end, t, 0);
  }

  /** Length of [from, to] inside the report window. */
  private reportWindowOverlap(from: number, to: number): number {
    const lo = from > this.reportFrom ? from : this.reportFrom;
    const hi = to < this.reportTo ? to : this.reportTo;
    return hi > lo ? hi - lo : 0;
  }

  /** Length of [from, to] inside window w. */
  private windowOverlap(w: number, from: number, to: number): number {
    const wFrom = this.windowFrom[w];
    const wTo = this.windowTo[w];
    const lo = from > wFrom ? from : wFrom;
    const hi = to < wTo ? to : wTo;
    return hi > lo ? hi - lo : 0;
  }

  /** Adds value x duration of [from, to] ∩ [0, horizon) into the interval bins. */
  private spread(target: Float64Array, stride: number, offset: number, value: number, from: number, to: number): void {
    const w = this.interval;
    const end = to < this.horizon ? to : this.horizon;
    // Step by bin index: recomputing floor(t / w) at a bin edge can round back
    // into the previous bin and never advance.
    let bin = Math.floor(from / w);
    let binEnd = (bin + 1) * w;
    if (binEnd <= from) {
      bin++;
      binEnd = (bin + 1) * w;
    }
    // Most spans end in the bin they start in: the loop's first step, alone.
    if (end <= binEnd) {
      if (end > from && bin < this.bins) target[bin * stride + offset] += value * (end - from);
      return;
    }
    let t = from;
    while (t < end && bin < this.bins) {
      const binEnd = Math.min((bin + 1) * w, end);
      if (binEnd > t) target[bin * stride + offset] += value * (binEnd - t);
      t = binEnd;
      bin++;
    }
  }

  /** Copies the overall scope's rows into the mirrored channel and tier scopes, in every window (see {@link mirroredChannel}). */
  private syncMirrored(): void {
    for (const scope of [this.mirroredChannel, this.mirroredTier]) {
      if (scope < 0) continue;
      for (let w = 0; w < this.windowCount; w++) {
        const from = w * this.scopeCount;
        const to = from + scope;
        // backlogArea is accrued per scope as the waiting counts change (the same counts, so the same value): copied all the same.
        this.fieldsStore.copyWithin(fieldIndex(to, 0), fieldIndex(from, 0), fieldIndex(from, FIELD_COUNT));
        for (const h of [this.waitHistStore, this.firstResponseHistStore, this.nextResponseHistStore]) {
          h.copyWithin(to * HISTOGRAM_BUCKETS, from * HISTOGRAM_BUCKETS, (from + 1) * HISTOGRAM_BUCKETS);
        }
        this.extremesStore.copyWithin(to * EXTREME_COUNT, from * EXTREME_COUNT, (from + 1) * EXTREME_COUNT);
      }
    }
  }

  /** The accumulated result (the arrays themselves, not copies). */
  result(replication: number, events: number, endTime: number): ReplicationResult {
    this.syncMirrored(); // once, not once per getter
    return {
      replication,
      fields: this.fieldsStore,
      waitHist: this.waitHistStore,
      firstResponseHist: this.firstResponseHistStore,
      nextResponseHist: this.nextResponseHistStore,
      extremes: this.extremesStore,
      teams: this.teams,
      availability: this.availability,
      series: this.series,
      events,
      endTime,
    };
  }
}
