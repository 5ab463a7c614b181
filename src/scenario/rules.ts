import { ClassTable } from './classes.js';
import { peakHeadcount } from './staffing.js';
import { NAME_PATTERN } from './fields.js';
import { DEFAULTS, type ScenarioFile } from './schema.js';
import {
  SENTIMENTS,
  type Activation,
  type Channel,
  type FollowUp,
  type Scenario,
  type SentimentMix,
  type Surge,
  type Team,
  type Tier,
  type TriageRule,
} from './types.js';
import { describeValue, formatDuration, parseDuration } from './units.js';
import { surgeEnd } from './surges.js';

/** A problem found in a scenario, at a key path (reported at the key itself when `onKey`). */
export interface RuleIssue {
  path: (string | number)[];
  message: string;
  onKey?: boolean;
}

type Path = (string | number)[];
type Mix = { negative?: number; neutral?: number; positive?: number } | undefined;

const MAX_INTERVALS = 1_000_000;

/** Collects problems and resolves names, shared by every rule below. */
class Checker {
  readonly issues: RuleIssue[] = [];

  report(path: Path, message: string, onKey = false): void {
    this.issues.push(onKey ? { path, message, onKey } : { path, message });
  }

  names(section: string, names: string[]): void {
    for (const n of names) {
      if (!NAME_PATTERN.test(n)) this.report([section, n], `expected a name of letters, digits, _ and -, starting with a letter, got ${describeValue(n)}`);
    }
  }

  /** Indexes of `names` in `known` (all of `known` when names is undefined). */
  resolve(path: Path, names: string[] | undefined, known: string[], what: string): number[] {
    if (names === undefined) return known.map((_, i) => i);
    return names.flatMap((n, i) => {
      const k = known.indexOf(n);
      if (k < 0) this.report([...path, i], `unknown ${what} ${describeValue(n)}; known: ${known.join(', ') || '(none)'}`);
      return k < 0 ? [] : [k];
    });
  }

  /** Index of one name in `known`, or -1 after reporting it. */
  one(path: Path, name: string, known: string[], what: string): number {
    const k = known.indexOf(name);
    if (k < 0) this.report(path, `unknown ${what} ${describeValue(name)}; known: ${known.join(', ') || '(none)'}`);
    return k;
  }

  /** Shares must add up to 1. */
  sumsToOne(path: Path, values: number[]): void {
    const sum = values.reduce((s, x) => s + x, 0);
    if (Math.abs(sum - 1) > 1e-6) this.report(path, `expected shares that add up to 1, got ${Number(sum.toFixed(6))}`);
  }

  sentiment(path: Path, mix: Mix): SentimentMix | null {
    if (mix === undefined) return null;
    const m = { negative: mix.negative ?? 0, neutral: mix.neutral ?? 0, positive: mix.positive ?? 0 };
    this.sumsToOne(path, [m.negative, m.neutral, m.positive]);
    return m;
  }

  /** Named shares as an array over `known` names (zeros elsewhere). */
  shares(path: Path, mix: Record<string, number> | undefined, known: string[]): number[] | null {
    if (mix === undefined) return null;
    this.sumsToOne(path, Object.values(mix));
    return known.map((n) => mix[n] ?? 0);
  }
}

/** Union of the names used in some mixes, in order of first appearance. */
function namesIn(mixes: (Record<string, number> | undefined)[]): string[] {
  const names: string[] = [];
  for (const m of mixes) for (const n of Object.keys(m ?? {})) if (!names.includes(n)) names.push(n);
  return names;
}

/**
 * Resolves a schema-checked scenario file into the normalised {@link Scenario}:
 * fills defaults, turns names into indexes and applies the rules that span
 * several keys. Returns the scenario, or every problem found (never just the
 * first), each at the key path a user would edit.
 */
export function resolveScenario(file: ScenarioFile, fallbackName: string): { scenario?: Scenario; issues: RuleIssue[] } {
  const check = new Checker();

  // Tiers: defaults, and priority = declaration order unless given.
  const tierEntries: [string, { firstResponse: number; priority?: number; goal?: number }][] = Object.entries(file.tiers ?? DEFAULTS.tiers);
  check.names('tiers', tierEntries.map(([n]) => n));
  if (tierEntries.length === 0) check.report(['tiers'], 'expected at least one tier');
  const tiers: Tier[] = tierEntries.map(([n, t], i) => ({ name: n, firstResponseTarget: t.firstResponse, priority: t.priority ?? i, goal: t.goal ?? DEFAULTS.goal }));
  const tierNames = tiers.map((t) => t.name);
  // Default tier: the least urgent (the last declared among equals).
  let leastUrgent = 0;
  tiers.forEach((t, i) => {
    if (t.priority >= tiers[leastUrgent].priority) leastUrgent = i;
  });

  const channelEntries = Object.entries(file.channels);
  check.names('channels', channelEntries.map(([n]) => n));
  if (channelEntries.length === 0) check.report(['channels'], 'expected at least one channel');
  const channelNames = channelEntries.map(([n]) => n);
  const brands = namesIn(channelEntries.map(([, c]) => c.brands));
  const topics = namesIn(channelEntries.map(([, c]) => c.topics));

  const channels: Channel[] = channelEntries.map(([n, c]) => resolveChannel(check, n, c, { tierNames, leastUrgent, channelNames, brands, topics }));

  const surgeEntries = file.surges ?? [];
  const surgeNames = surgeEntries.map((s, i) => s.name ?? `surge${i + 1}`);
  const surges: Surge[] = surgeEntries.map((s, i) => {
    const path = ['surges', i];
    for (const [key, known, what] of [['brands', brands, 'brand'], ['topics', topics, 'topic']] as const) {
      for (const n of Object.keys(s[key] ?? {})) {
        if (!known.includes(n)) check.report([...path, key, n], `${what} ${describeValue(n)} is in no channel's ${key}; known: ${known.join(', ') || '(none)'}`, true);
      }
    }
    return {
      name: surgeNames[i],
      start: s.start,
      rampUp: s.rampUp ?? 0,
      duration: s.duration,
      rampDown: s.rampDown ?? 0,
      volume: s.volume,
      channels: check.resolve([...path, 'channels'], s.channels, channelNames, 'channel'),
      sentiment: check.sentiment([...path, 'sentiment'], s.sentiment),
      brands: check.shares([...path, 'brands'], s.brands, brands),
      topics: check.shares([...path, 'topics'], s.topics, topics),
    };
  });

  const teamEntries = Object.entries(file.teams);
  check.names('teams', teamEntries.map(([n]) => n));
  if (teamEntries.length === 0) check.report(['teams'], 'expected at least one team');
  const teamNames = teamEntries.map(([n]) => n);
  const teams: Team[] = teamEntries.map(([n, t]) =>
    resolveTeam(check, n, t, { channelNames, tierNames, brands, teamNames, surgeNames }),
  );

  const triage: TriageRule[] = (file.triage ?? []).map((rule, i) => {
    const path = ['triage', i];
    const when = rule.when ?? {};
    const names = (key: 'channel' | 'brand' | 'topic' | 'sentiment', known: readonly string[], what: string) =>
      when[key] === undefined ? null : check.resolve([...path, 'when', key], when[key], [...known], what);
    return {
      channels: names('channel', channelNames, 'channel'),
      brands: names('brand', brands, 'brand'),
      topics: names('topic', topics, 'topic'),
      sentiments: names('sentiment', SENTIMENTS, 'sentiment'),
      tier: Math.max(0, check.one([...path, 'tier'], rule.tier, tierNames, 'tier')),
    };
  });

  const horizon = file.horizon;
  const warmup = file.warmup ?? DEFAULTS.warmup;
  if (warmup >= horizon) check.report(['warmup'], `expected less than the horizon (${formatDuration(horizon)}), got ${formatDuration(warmup)}`);
  const interval = file.report?.interval ?? DEFAULTS.interval;
  if (horizon / interval > MAX_INTERVALS) {
    check.report(['report', 'interval'], `too fine for the horizon: ${Math.ceil(horizon / interval)} intervals (at most ${MAX_INTERVALS})`);
  }
  const policy = file.routing?.policy ?? DEFAULTS.policy;
  const window = resolveWindow(check, file.report?.window, warmup, horizon, surges);
  if (check.issues.length > 0) return { issues: check.issues };
  const scenario: Scenario = {
    name: file.name ?? fallbackName,
    horizon,
    warmup,
    drain: file.drain ?? DEFAULTS.drain,
    replications: file.replications ?? DEFAULTS.replications,
    seed: file.seed ?? DEFAULTS.seed,
    startsAt: file.startsAt ?? DEFAULTS.startsAt,
    report: { interval, window, answeredWithin: file.report?.answeredWithin ?? DEFAULTS.answeredWithin },
    channels,
    surges,
    tiers,
    teams,
    routing: { policy, agentSelection: file.routing?.agentSelection ?? DEFAULTS.agentSelection },
    brands,
    topics,
    triage,
    tagging: { accuracy: file.tagging?.accuracy ?? DEFAULTS.taggingAccuracy },
    outcomes: {
      positive: { ...DEFAULTS.outcomes.positive, ...file.outcomes?.positive },
      speed: file.outcomes?.speed ?? DEFAULTS.outcomes.speed,
      resolved: file.outcomes?.resolved ?? DEFAULTS.outcomes.resolved,
      worsen: file.outcomes?.worsen ?? DEFAULTS.outcomes.worsen,
    },
    csat: {
      satisfied: { ...DEFAULTS.csat.satisfied, ...file.csat?.satisfied },
      speed: file.csat?.speed ?? DEFAULTS.csat.speed,
      bias: file.csat?.bias ?? DEFAULTS.csat.bias,
    },
    surveys: { responseRate: file.surveys?.responseRate ?? DEFAULTS.surveyResponseRate },
  };
  checkCoverage(check, scenario);
  return check.issues.length > 0 ? { issues: check.issues } : { issues: [], scenario };
}

type ChannelFile = ScenarioFile['channels'][string];
type TeamFile = ScenarioFile['teams'][string];

function resolveChannel(
  check: Checker,
  name: string,
  c: ChannelFile,
  known: { tierNames: string[]; leastUrgent: number; channelNames: string[]; brands: string[]; topics: string[] },
): Channel {
  const path = ['channels', name];
  const tier = c.tier === undefined ? known.leastUrgent : check.one([...path, 'tier'], c.tier, known.tierNames, 'tier');
  const turns = c.turns ?? { dist: 'constant', value: DEFAULTS.turns };
  const multiTurn = turns.dist === 'geometric' ? turns.mean > 1 : turns.value > 1;
  if (multiTurn && c.customerReplyDelay === undefined) {
    check.report([...path, 'customerReplyDelay'], 'required when turns can exceed 1: how long the customer takes to answer, e.g. { dist: exponential, mean: 10m }');
  }
  let followUp: FollowUp | null = null;
  if (c.followUp) {
    const f = c.followUp;
    const target = f.channel === undefined ? known.channelNames.indexOf(name) : check.one([...path, 'followUp', 'channel'], f.channel, known.channelNames, 'channel');
    followUp = { after: f.after, probability: f.probability, channel: Math.max(0, target), max: f.max ?? DEFAULTS.followUpMax, mergeTime: f.mergeTime ?? DEFAULTS.mergeTime };
  }
  return {
    name,
    rate: c.rate,
    profile: resolveProfile(check, [...path, 'profile'], c.profile),
    sentiment: check.sentiment([...path, 'sentiment'], c.sentiment) ?? { negative: 0, neutral: 1, positive: 0 },
    handleTime: c.handleTime,
    turns,
    customerReplyDelay: c.customerReplyDelay ?? null,
    idleTimeout: c.idleTimeout ?? null,
    patience: c.patience ?? null,
    tier: Math.max(0, tier),
    brands: check.shares([...path, 'brands'], c.brands, known.brands),
    topics: check.shares([...path, 'topics'], c.topics, known.topics),
    welcome: c.welcome ?? false,
    selfService: c.selfService ?? null,
    followUp,
    surveyResponseRate: c.surveys?.responseRate ?? null,
  };
}

function resolveTeam(
  check: Checker,
  name: string,
  t: TeamFile,
  known: { channelNames: string[]; tierNames: string[]; brands: string[]; teamNames: string[]; surgeNames: string[] },
): Team {
  const path = ['teams', name];
  if (t.agents === undefined && t.schedule === undefined) {
    check.report([...path, 'agents'], 'required (or a schedule): the number of agents on the team, a whole number >= 0');
  }
  let schedule = t.schedule ? [...t.schedule].sort((x, y) => x.at - y.at) : null;
  if (schedule !== null && schedule.length === 0) {
    check.report([...path, 'schedule'], 'expected at least one step such as { at: "08:00", agents: 12 }');
    schedule = null;
  }
  for (let i = 1; schedule !== null && i < schedule.length; i++) {
    if (schedule[i].at === schedule[i - 1].at) check.report([...path, 'schedule'], `two steps at the same time of day (${formatClock(schedule[i].at)})`);
  }
  let activation: Activation | null = null;
  if (t.activation) {
    const a = t.activation;
    if (a.after === undefined && a.whenBacklog === undefined) {
      check.report([...path, 'activation'], 'expected after (time from a surge start) and/or whenBacklog (a backlog level)');
    }
    if (a.after !== undefined && known.surgeNames.length === 0) {
      check.report([...path, 'activation', 'after'], 'counts from the start of a surge, but the scenario has no surges');
    }
    const surge = a.surge === undefined ? null : check.one([...path, 'activation', 'surge'], a.surge, known.surgeNames, 'surge');
    activation = { after: a.after ?? null, surge, whenBacklog: a.whenBacklog ?? null, standDown: a.standDown ?? 0 };
  }
  let overflow: Team['overflow'] = null;
  if (t.overflow) {
    const to = check.one([...path, 'overflow', 'to'], t.overflow.to, known.teamNames, 'team');
    if (t.overflow.to === name) check.report([...path, 'overflow', 'to'], 'a team cannot overflow to itself');
    overflow = { after: t.overflow.after, to: Math.max(0, to) };
  }
  let dedicated: Team['dedicated'] = null;
  if (t.dedicated) {
    if (t.dedicated.tiers === undefined && t.dedicated.channels === undefined) {
      check.report([...path, 'dedicated'], 'expected tiers and/or channels the team is dedicated to, e.g. { tiers: [urgent] }');
    }
    dedicated = {
      tiers: t.dedicated.tiers === undefined ? null : check.resolve([...path, 'dedicated', 'tiers'], t.dedicated.tiers, known.tierNames, 'tier'),
      channels: t.dedicated.channels === undefined ? null : check.resolve([...path, 'dedicated', 'channels'], t.dedicated.channels, known.channelNames, 'channel'),
    };
  }
  return {
    name,
    agents: t.agents ?? 0,
    concurrency: t.concurrency ?? DEFAULTS.concurrency,
    channels: check.resolve([...path, 'channels'], t.channels, known.channelNames, 'channel'),
    tiers: check.resolve([...path, 'tiers'], t.tiers, known.tierNames, 'tier'),
    schedule,
    brands: t.brands === undefined ? null : check.resolve([...path, 'brands'], t.brands, known.brands, 'brand'),
    speed: t.speed ?? DEFAULTS.speed,
    activation,
    overflow,
    dedicated,
    empathy: t.empathy ?? DEFAULTS.empathy,
  };
}

/**
 * Every kind of conversation a channel can produce (each tier triage may
 * give it, each brand it may carry) must be taken by a team that has agents
 * at some point (or, under dedicated routing, overflows to one); otherwise it
 * would wait forever.
 */
function checkCoverage(check: Checker, sc: Scenario): void {
  const { channels, teams, tiers, brands, triage, surges } = sc;
  const classes = new ClassTable(sc);
  const staffed = teams.map((t) => peakHeadcount(t.agents, t.schedule) > 0);
  // Brands a channel's own conversations can carry: its mix, and what its surges blend in.
  const ownBrands = channels.map((c, ch) => {
    if (c.brands === null) return new Set([-1]);
    const set = new Set(c.brands.flatMap((s, b) => (s > 0 ? [b] : [])));
    for (const s of surges) {
      if (s.brands !== null && s.channels.includes(ch)) s.brands.forEach((share, b) => share > 0 && set.add(b));
    }
    return set;
  });
  // Follow-ups (which never spawn follow-ups) carry their original's brand onto the target channel.
  const channelBrands = ownBrands.map((set) => new Set(set));
  channels.forEach((c, ch) => {
    if (c.followUp) for (const b of ownBrands[ch]) channelBrands[c.followUp.channel].add(b);
  });
  channels.forEach((c, ch) => {
    for (const brand of channelBrands[ch]) {
      // Tiers a rule can give here: it must allow this channel and this brand (tags may be misread, brands not).
      const rules = triage.filter((r) => (r.channels === null || r.channels.includes(ch)) && (r.brands === null || r.brands.includes(brand)));
      for (const tier of new Set([c.tier, ...rules.map((r) => r.tier)])) {
        const takers = [...classes.takers[classes.classOf(ch, tier, brand)]];
        const what = `tier ${tiers[tier].name}${brand >= 0 ? `, brand ${brands[brand]}` : ''}`;
        if (takers.length === 0) {
          const hint = sc.routing.policy === 'dedicated'
            ? "with dedicated routing, dedicate a team to them or leave a skilled team undedicated"
            : `list them in a team's channels, tiers${brand >= 0 ? ' and brands' : ''}`;
          check.report(['channels', c.name], `no team takes this channel's conversations of ${what}; ${hint}`);
        } else if (!takers.some((k) => staffed[k] || (teams[k].overflow !== null && staffed[teams[k].overflow!.to]))) {
          check.report(['channels', c.name], `every team that takes this channel's conversations of ${what} has 0 agents`);
        }
      }
    }
  });
}

/**
 * The measurement window: `surge` (from the first surge's start to the last
 * one's end), `{ from, to }`, or by default [warmup, horizon).
 */
function resolveWindow(check: Checker, v: unknown, warmup: number, horizon: number, surges: Surge[]): { from: number; to: number } {
  const path = ['report', 'window'];
  if (v === undefined) return { from: warmup, to: horizon };
  if (v === 'surge') {
    if (surges.length === 0) {
      check.report(path, 'is `surge`, but the scenario has no surges');
      return { from: warmup, to: horizon };
    }
    const from = Math.min(...surges.map((s) => s.start));
    const to = Math.min(horizon, Math.max(...surges.map(surgeEnd)));
    if (!(from < to)) {
      check.report(path, `is \`surge\`, but the surges start at ${formatDuration(from)}, at or after the horizon (${formatDuration(horizon)}): nothing would be measured`);
      return { from: warmup, to: horizon };
    }
    return { from, to };
  }
  if (v !== null && typeof v === 'object' && !Array.isArray(v)) {
    const o = v as Record<string, unknown>;
    const extra = Object.keys(o).filter((k) => k !== 'from' && k !== 'to');
    for (const k of extra) check.report([...path, k], 'unknown key; accepted keys here: from, to', true);
    const from = o.from === undefined ? { ok: true as const, value: warmup } : parseDuration(o.from);
    const to = o.to === undefined ? { ok: true as const, value: horizon } : parseDuration(o.to);
    if (!from.ok) check.report([...path, 'from'], from.error);
    if (!to.ok) check.report([...path, 'to'], to.error);
    if (from.ok && to.ok) {
      if (!(from.value < to.value)) check.report(path, `expected from before to, got ${formatDuration(from.value)} to ${formatDuration(to.value)}`);
      else if (to.value > horizon) check.report([...path, 'to'], `expected at most the horizon (${formatDuration(horizon)}), got ${formatDuration(to.value)}`);
      else return { from: from.value, to: to.value };
    }
    return { from: warmup, to: horizon };
  }
  check.report(path, `expected surge or { from: 1d, to: 3d }, got ${describeValue(v)}`);
  return { from: warmup, to: horizon };
}

function resolveProfile(check: Checker, path: Path, v: unknown): number[] | null {
  if (v === undefined) return null;
  const ok = Array.isArray(v) && v.length === 24 && v.every((x) => typeof x === 'number' && Number.isFinite(x) && x >= 0);
  if (!ok) {
    check.report(path, `expected 24 hourly weights >= 0 (one per hour from 00:00), got ${Array.isArray(v) ? `a list of ${v.length}` : describeValue(v)}`);
    return null;
  }
  const weights = v as number[];
  const mean = weights.reduce((s, x) => s + x, 0) / 24;
  if (mean === 0) {
    check.report(path, 'expected at least one weight > 0');
    return null;
  }
  return weights.map((x) => x / mean);
}

function formatClock(seconds: number): string {
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  return `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`;
}
