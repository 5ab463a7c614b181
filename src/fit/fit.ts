import type { CountSpec, DistSpec } from '../core/distributions.js';
import { SENTIMENTS } from '../scenario/types.js';
import { fitArrivals, type ArrivalFit, type DetectedSurge } from './arrivals.js';
import { estimate, fitDuration, type DurationFit, type Estimate } from './distributions.js';
import type { ExportRecords } from './read.js';
import { chiSquareSurvival } from './special.js';

const HOUR = 3600;
const DAY = 86400;

/** Fewer observations than this make an estimate a guess: the diagnostics warn. */
export const THIN_DATA = 100;
/** Below this, a duration is not fitted at all. */
const TOO_FEW = 10;

/** Options of {@link fitExport}. */
export interface FitOptions {
  /** Seconds after midnight at time 0, for exports whose times are seconds (default 0: midnight). */
  startsAt?: number;
}

/** A mix of named shares with their standard errors. */
export interface MixFit {
  names: string[];
  shares: Estimate[];
  n: number;
}

/** A surge found on one channel, with the sentiment mix during it when that differs from the channel's. */
export interface SurgeFit extends DetectedSurge {
  sentiment: MixFit | null;
  /** The test of the surge's sentiment mix against the channel's (chi-square, 2 degrees of freedom), when there are sentiments. */
  sentimentTest: { chiSquare: number; pValue: number } | null;
}

/** What a fit found for one channel. */
export interface ChannelFit {
  name: string;
  conversations: number;
  arrivals: ArrivalFit;
  surges: SurgeFit[];
  /** Per-reply agent work; null when not enough replies were exported. */
  handleTime: DurationFit | null;
  /** Where the handle times came from. */
  handleTimeSource: 'single-reply conversations' | 'conversations (work time / turns)';
  /** Patience, right-censored by pickup; null when nothing was abandoned (or not enough). */
  patience: DurationFit | null;
  /** Mean wait of abandoners alone (the biased estimate a censored fit corrects), for the diagnostics. */
  abandonersMeanWait: number | null;
  turns: { spec: CountSpec; mean: Estimate; n: number } | null;
  customerReplyDelay: DistSpec | null;
  sentiment: MixFit | null;
  topics: MixFit | null;
  brands: MixFit | null;
  /** The most common tier, if the export has tiers. */
  tier: string | null;
  warnings: string[];
}

/** The fitted scenario and its diagnostics. */
export interface FitResult {
  file: string;
  rows: number;
  /** Time 0 of the scenario: Unix seconds (dated exports) or seconds of the export's clock. */
  origin: number;
  dated: boolean;
  /** UTC offset of the export's clock, seconds. */
  offset: number;
  /** Seconds after local midnight at time 0. */
  startsAt: number;
  /** Local weekday of time 0 (0 = Monday), or null. */
  firstWeekday: number | null;
  horizon: number;
  channels: ChannelFit[];
  tiers: string[];
  /** Agents sized by the offered load at the busiest hour (staffing is not in an export). */
  agents: number;
  offeredLoad: number;
  warnings: string[];
}

/**
 * Fits a scenario to an export of past conversations (see
 * {@link readExport}): time 0 is the hour of the first conversation, the
 * horizon ends on the hour after the last; per channel the arrival rate,
 * 24-hour and weekday profiles and surges ({@link fitArrivals}), the
 * handle-time distribution (single-reply conversations' work time, each
 * candidate by maximum likelihood, chosen by BIC), patience as
 * right-censored data (abandoned conversations are events at their wait;
 * every other conversation that waited is censored at its pickup, its
 * close, or the end of the data), turns, and the sentiment, topic and brand
 * mixes outside surges.
 */
export function fitExport(records: ExportRecords, options: FitOptions = {}): FitResult {
  const n = records.rows;
  let min = Infinity;
  let max = -Infinity;
  for (const t of records.created) {
    if (t < min) min = t;
    if (t > max) max = t;
  }
  // Time 0 on the hour of the local clock (dated) or of the export's own clock.
  const shift = records.dated ? records.offset : (options.startsAt ?? 0);
  const origin = Math.floor((min + shift) / HOUR) * HOUR - shift;
  const hours = Math.floor((max - origin) / HOUR) + 1;
  const startsAt = ((((origin + shift) % DAY) + DAY) % DAY);
  const firstWeekday = records.dated ? (Math.floor((origin + shift) / DAY) + 3) % 7 : null; // 1970-01-01 was a Thursday (3)
  const end = origin + hours * HOUR;
  const warnings: string[] = [];
  const byChannel: number[][] = records.channels.map(() => []);
  for (let i = 0; i < n; i++) byChannel[records.channel[i]].push(i);
  const channels = records.channels.map((name, c) => fitChannel(records, name, byChannel[c], origin, end, { startsAt, firstWeekday, hours }));
  let offeredLoad = 0;
  for (const ch of channels) {
    const peak = Math.max(...(ch.arrivals.profile?.weights ?? [1])) * Math.max(...(ch.arrivals.weekdays?.weights ?? [1]));
    const handle = ch.handleTime?.chosen.mean.value ?? 0;
    offeredLoad += ch.arrivals.rate.value * peak * (ch.turns?.mean.value ?? 1) * handle;
  }
  if (hours < 24) warnings.push(`the export covers ${hours}h: rates and profiles need days of data to mean much`);
  return {
    file: records.file,
    rows: n,
    origin,
    dated: records.dated,
    offset: records.offset,
    startsAt,
    firstWeekday,
    horizon: hours * HOUR,
    channels,
    tiers: records.tiers,
    agents: Math.max(1, Math.ceil(offeredLoad / 0.85)),
    offeredLoad,
    warnings,
  };
}

function fitChannel(r: ExportRecords, name: string, rows: number[], origin: number, end: number, clock: { startsAt: number; firstWeekday: number | null; hours: number }): ChannelFit {
  const warnings: string[] = [];
  const arrivals = fitArrivals(rows.map((i) => r.created[i] - origin), clock);
  const inSurge = (i: number) => arrivals.surges.some((s) => r.created[i] - origin >= s.start && r.created[i] - origin < s.start + s.duration);
  const calm = rows.filter((i) => !inSurge(i));
  for (const note of arrivals.notes) warnings.push(note);
  const thinHours = arrivals.profile?.counts.filter((c) => c < THIN_DATA).length ?? 0;
  if (thinHours > 0) warnings.push(`${thinHours} hour(s) of the day have fewer than ${THIN_DATA} conversations: their profile weights are rough`);
  if (rows.length < THIN_DATA) warnings.push(`only ${rows.length} conversations: every estimate is rough`);

  // Handle time: single-reply conversations give whole replies; else work time per turn.
  const hasTurns = r.columns.has('turns');
  let source: ChannelFit['handleTimeSource'] = 'single-reply conversations';
  let work = rows.filter((i) => r.workTime[i] > 0 && (!hasTurns || r.turns[i] === 1)).map((i) => r.workTime[i]);
  if (hasTurns && work.length < THIN_DATA) {
    source = 'conversations (work time / turns)';
    work = rows.filter((i) => r.workTime[i] > 0 && r.turns[i] >= 1).map((i) => r.workTime[i] / r.turns[i]);
    if (work.length > 0) warnings.push('handleTime from work time / turns (few single-reply conversations): the spread of one reply is underestimated');
  }
  const handleTime = work.length >= TOO_FEW ? fitDuration(Float64Array.from(work)) : null;
  if (handleTime === null) warnings.push(`handleTime not fitted: ${work.length} conversations with agent work`);
  else if (work.length < THIN_DATA) warnings.push(`handleTime from ${work.length} conversations only`);

  // Patience: abandoned waits are events; every other wait is censored where it stopped.
  let patience: DurationFit | null = null;
  let abandonersMeanWait: number | null = null;
  if (r.columns.has('abandoned')) {
    const events: number[] = [];
    const censored: number[] = [];
    let estimatedPickups = 0;
    for (const i of rows) {
      const created = r.created[i];
      if (r.abandoned[i]) {
        const wait = r.closed[i] - created;
        if (wait > 0) events.push(wait);
        continue;
      }
      let until = r.pickedUp[i];
      if (Number.isNaN(until) && !Number.isNaN(r.firstResponse[i])) {
        // No pickup time: the first reply's work (estimated as the mean per turn) came after it.
        const turns = r.turns[i] >= 1 ? r.turns[i] : 1;
        until = r.firstResponse[i] - (r.workTime[i] > 0 ? r.workTime[i] / turns : 0);
        estimatedPickups++;
      }
      if (Number.isNaN(until)) until = Number.isNaN(r.closed[i]) ? end : r.closed[i];
      const wait = until - created;
      if (wait > 0) censored.push(wait);
    }
    if (estimatedPickups > 0) warnings.push(`patience: ${estimatedPickups} pickup times estimated as first response - work per turn (the export has no pickedUpAt)`);
    if (events.length >= TOO_FEW) {
      patience = fitDuration(Float64Array.from(events), Float64Array.from(censored));
      abandonersMeanWait = events.reduce((s, v) => s + v, 0) / events.length;
      if (events.length < THIN_DATA) warnings.push(`patience from ${events.length} abandonments only`);
    } else if (events.length > 0) {
      warnings.push(`patience not fitted: only ${events.length} abandonments`);
    }
  }

  // Turns: agent replies of answered conversations.
  let turns: ChannelFit['turns'] = null;
  let customerReplyDelay: DistSpec | null = null;
  if (hasTurns) {
    const k = rows.filter((i) => r.turns[i] >= 1).map((i) => r.turns[i]);
    if (k.length > 0) {
      const mean = k.reduce((s, v) => s + v, 0) / k.length;
      const sd = Math.sqrt(k.reduce((s, v) => s + (v - mean) ** 2, 0) / k.length);
      const constant = k.every((v) => v === k[0]);
      turns = { spec: constant ? { dist: 'constant', value: k[0] } : { dist: 'geometric', mean }, mean: estimate(mean, sd / Math.sqrt(k.length)), n: k.length };
      if (!constant || k[0] > 1) customerReplyDelay = replyDelay(r, rows);
    }
  }

  const mix = (index: number[], names: readonly string[], subset: number[]): MixFit | null => {
    const counts = new Array<number>(names.length).fill(0);
    let total = 0;
    for (const i of subset) {
      if (index[i] >= 0) {
        counts[index[i]]++;
        total++;
      }
    }
    if (total === 0) return null;
    const used = names.map((_, j) => j).filter((j) => counts[j] > 0);
    return {
      names: used.map((j) => names[j]),
      shares: used.map((j) => {
        const p = counts[j] / total;
        return estimate(p, Math.sqrt((p * (1 - p)) / total));
      }),
      n: total,
    };
  };
  const sentiment = mix(r.sentimentStart, SENTIMENTS, calm);
  const surges = arrivals.surges.map((s): SurgeFit => {
    const inside = rows.filter((i) => r.created[i] - origin >= s.start && r.created[i] - origin < s.start + s.duration);
    const during = mix(r.sentimentStart, SENTIMENTS, inside);
    const test = sentiment && during ? mixTest(during, sentiment) : null;
    return { ...s, sentiment: test !== null && test.pValue < 0.001 ? during : null, sentimentTest: test };
  });
  const tierCounts = new Map<number, number>();
  for (const i of rows) if (r.tier[i] >= 0) tierCounts.set(r.tier[i], (tierCounts.get(r.tier[i]) ?? 0) + 1);
  const topTier = [...tierCounts.entries()].sort((a, b) => b[1] - a[1])[0];
  return {
    name,
    conversations: rows.length,
    arrivals,
    surges,
    handleTime,
    handleTimeSource: source,
    patience,
    abandonersMeanWait,
    turns,
    customerReplyDelay,
    sentiment,
    topics: mix(r.topic, r.topics, calm),
    brands: mix(r.brand, r.brands, calm),
    tier: topTier ? r.tiers[topTier[0]] : null,
    warnings,
  };
}

/**
 * A rough customer reply delay from multi-turn conversations: the time from
 * first response to close, less the later replies' work, per later turn
 * (it also holds any wait for the agent, so it errs long).
 */
function replyDelay(r: ExportRecords, rows: number[]): DistSpec {
  let sum = 0;
  let n = 0;
  for (const i of rows) {
    const k = r.turns[i];
    if (!(k > 1) || Number.isNaN(r.closed[i]) || Number.isNaN(r.firstResponse[i])) continue;
    const later = r.workTime[i] > 0 ? (r.workTime[i] * (k - 1)) / k : 0;
    sum += Math.max(0, (r.closed[i] - r.firstResponse[i] - later) / (k - 1));
    n++;
  }
  return { dist: 'exponential', mean: n > 0 ? Math.max(1, sum / n) : 600 };
}

/** Chi-square test of a mix's counts against expected shares. */
function mixTest(observed: MixFit, expected: MixFit): { chiSquare: number; pValue: number } {
  let chi = 0;
  let cells = 0;
  for (let j = 0; j < expected.names.length; j++) {
    const share = expected.shares[j].value;
    const k = observed.names.indexOf(expected.names[j]);
    const count = k < 0 ? 0 : observed.shares[k].value * observed.n;
    const e = share * observed.n;
    if (e > 0) {
      chi += (count - e) ** 2 / e;
      cells++;
    }
  }
  return { chiSquare: chi, pValue: chiSquareSurvival(chi, Math.max(1, cells - 1)) };
}
