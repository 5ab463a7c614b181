import { peakHeadcount } from '../model/staffing.js';
import { NAME_PATTERN } from './fields.js';
import { DEFAULTS, type ScenarioFile } from './schema.js';
import type { Channel, Scenario, SentimentMix, Surge, Team, Tier } from './types.js';
import { describeValue, formatDuration } from './units.js';

/** A problem found in a scenario, at a key path. */
export interface RuleIssue {
  path: (string | number)[];
  message: string;
}

type Mix = { negative?: number; neutral?: number; positive?: number } | undefined;

const MAX_INTERVALS = 1_000_000;

/**
 * Resolves a schema-checked scenario file into the normalised {@link Scenario}:
 * fills defaults, turns names into indexes and applies the rules that span
 * several keys. Returns the scenario, or every problem found (never just the
 * first), each at the key path a user would edit.
 */
export function resolveScenario(file: ScenarioFile, fallbackName: string): { scenario?: Scenario; issues: RuleIssue[] } {
  const issues: RuleIssue[] = [];
  const report = (path: (string | number)[], message: string) => issues.push({ path, message });

  const checkNames = (section: string, names: string[]) => {
    for (const n of names) {
      if (!NAME_PATTERN.test(n)) report([section, n], `expected a name of letters, digits, _ and -, starting with a letter, got ${describeValue(n)}`);
    }
  };

  // Tiers: defaults, and priority = declaration order unless given.
  const tierEntries: [string, { firstResponse: number; priority?: number }][] = Object.entries(file.tiers ?? DEFAULTS.tiers);
  checkNames('tiers', tierEntries.map(([n]) => n));
  if (tierEntries.length === 0) report(['tiers'], 'expected at least one tier');
  const tiers: Tier[] = tierEntries.map(([n, t], i) => ({
    name: n,
    firstResponse: t.firstResponse,
    priority: t.priority ?? i,
  }));
  const tierNames = tiers.map((t) => t.name);
  // Default tier: the least urgent (the last declared among equals).
  let leastUrgent = 0;
  tiers.forEach((t, i) => {
    if (t.priority >= tiers[leastUrgent].priority) leastUrgent = i;
  });

  const channelEntries = Object.entries(file.channels);
  checkNames('channels', channelEntries.map(([n]) => n));
  if (channelEntries.length === 0) report(['channels'], 'expected at least one channel');
  const channelNames = channelEntries.map(([n]) => n);

  const resolveNames = (path: (string | number)[], names: string[] | undefined, known: string[], what: string): number[] => {
    if (names === undefined) return known.map((_, i) => i);
    return names.flatMap((n, i) => {
      const k = known.indexOf(n);
      if (k < 0) report([...path, i], `unknown ${what} ${describeValue(n)}; known: ${known.join(', ') || '(none)'}`);
      return k < 0 ? [] : [k];
    });
  };

  const resolveMix = (path: (string | number)[], mix: Mix): SentimentMix | null => {
    if (mix === undefined) return null;
    const m = { negative: mix.negative ?? 0, neutral: mix.neutral ?? 0, positive: mix.positive ?? 0 };
    const sum = m.negative + m.neutral + m.positive;
    if (Math.abs(sum - 1) > 1e-6) report(path, `expected shares that add up to 1, got ${Number(sum.toFixed(6))}`);
    return m;
  };

  const channels: Channel[] = channelEntries.map(([n, c]) => {
    const path = ['channels', n];
    let tier = leastUrgent;
    if (c.tier !== undefined) {
      tier = tierNames.indexOf(c.tier);
      if (tier < 0) report([...path, 'tier'], `unknown tier ${describeValue(c.tier)}; known: ${tierNames.join(', ')}`);
    }
    const turns = c.turns ?? { dist: 'constant', value: DEFAULTS.turns };
    const multiTurn = turns.dist === 'geometric' ? turns.mean > 1 : turns.value > 1;
    if (multiTurn && c.customerReplyDelay === undefined) {
      report([...path, 'customerReplyDelay'], 'required when turns can exceed 1: how long the customer takes to answer, e.g. { dist: exponential, mean: 10m }');
    }
    return {
      name: n,
      rate: c.rate,
      profile: resolveProfile([...path, 'profile'], c.profile, report),
      sentiment: resolveMix([...path, 'sentiment'], c.sentiment) ?? { negative: 0, neutral: 1, positive: 0 },
      handleTime: c.handleTime,
      turns,
      customerReplyDelay: c.customerReplyDelay ?? null,
      idleTimeout: c.idleTimeout ?? null,
      patience: c.patience ?? null,
      tier: Math.max(0, tier),
    };
  });

  const surges: Surge[] = (file.surges ?? []).map((s, i) => {
    const path = ['surges', i];
    return {
      name: s.name ?? `surge${i + 1}`,
      start: s.start,
      rampUp: s.rampUp ?? 0,
      duration: s.duration,
      rampDown: s.rampDown ?? 0,
      volume: s.volume,
      channels: resolveNames([...path, 'channels'], s.channels, channelNames, 'channel'),
      sentiment: resolveMix([...path, 'sentiment'], s.sentiment),
    };
  });

  const teamEntries = Object.entries(file.teams);
  checkNames('teams', teamEntries.map(([n]) => n));
  if (teamEntries.length === 0) report(['teams'], 'expected at least one team');
  const teams: Team[] = teamEntries.map(([n, t]) => {
    const path = ['teams', n];
    if (t.agents === undefined && t.schedule === undefined) {
      report([...path, 'agents'], 'required (or a schedule): the number of agents on the team, a whole number >= 0');
    }
    let schedule = t.schedule ? [...t.schedule].sort((x, y) => x.at - y.at) : null;
    if (schedule !== null) {
      if (schedule.length === 0) {
        report([...path, 'schedule'], 'expected at least one step such as { at: "08:00", agents: 12 }');
        schedule = null;
      } else {
        for (let i = 1; i < schedule.length; i++) {
          if (schedule[i].at === schedule[i - 1].at) {
            report([...path, 'schedule'], `two steps at the same time of day (${formatClock(schedule[i].at)})`);
          }
        }
      }
    }
    return {
      name: n,
      agents: t.agents ?? 0,
      concurrency: t.concurrency ?? DEFAULTS.concurrency,
      channels: resolveNames([...path, 'channels'], t.channels, channelNames, 'channel'),
      tiers: resolveNames([...path, 'tiers'], t.tiers, tierNames, 'tier'),
      schedule,
    };
  });

  const horizon = file.horizon;
  const warmup = file.warmup ?? DEFAULTS.warmup;
  if (warmup >= horizon) report(['warmup'], `expected less than the horizon (${formatDuration(horizon)}), got ${formatDuration(warmup)}`);
  const interval = file.report?.interval ?? DEFAULTS.interval;
  if (horizon / interval > MAX_INTERVALS) {
    report(['report', 'interval'], `too fine for the horizon: ${Math.ceil(horizon / interval)} intervals (at most ${MAX_INTERVALS})`);
  }

  // Every channel's conversations must be takeable by some team with agents.
  if (tiers.length > 0) channels.forEach((c, ch) => {
    const takers = teams.filter((t) => t.channels.includes(ch) && t.tiers.includes(c.tier));
    if (takers.length === 0) {
      report(['channels', c.name], `no team takes this channel's conversations (tier ${tierNames[c.tier]}); list the channel and tier in a team's channels and tiers`);
    } else if (takers.every((t) => peakHeadcount(t.agents, t.schedule) === 0)) {
      report(['channels', c.name], `every team that takes this channel's conversations (tier ${tierNames[c.tier]}) has 0 agents`);
    }
  });

  if (issues.length > 0) return { issues };
  return {
    issues,
    scenario: {
      name: file.name ?? fallbackName,
      horizon,
      warmup,
      drain: file.drain ?? DEFAULTS.drain,
      replications: file.replications ?? DEFAULTS.replications,
      seed: file.seed ?? DEFAULTS.seed,
      startsAt: file.startsAt ?? DEFAULTS.startsAt,
      report: { interval },
      channels,
      surges,
      tiers,
      teams,
      routing: { policy: file.routing?.policy ?? DEFAULTS.policy },
    },
  };
}

function resolveProfile(path: (string | number)[], v: unknown, report: (p: (string | number)[], m: string) => void): number[] | null {
  if (v === undefined) return null;
  const ok = Array.isArray(v) && v.length === 24 && v.every((x) => typeof x === 'number' && Number.isFinite(x) && x >= 0);
  if (!ok) {
    report(path, `expected 24 hourly weights >= 0 (one per hour from 00:00), got ${Array.isArray(v) ? `a list of ${v.length}` : describeValue(v)}`);
    return null;
  }
  const weights = v as number[];
  const mean = weights.reduce((s, x) => s + x, 0) / 24;
  if (mean === 0) {
    report(path, 'expected at least one weight > 0');
    return null;
  }
  return weights.map((x) => x / mean);
}

function formatClock(seconds: number): string {
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  return `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`;
}
