import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { parseScenario, ScenarioError } from '../../src/index.js';
import { resolveScenario, RULES } from '../../src/scenario/rules/index.js';
import { scenarioFileSchema } from '../../src/scenario/schema.js';

/** A minimal valid scenario; each example below breaks one rule of it. */
const BASE = `horizon: 10h
channels:
  chat:
    rate: 10/h
    handleTime: 3m
teams:
  t:
    agents: 3
`;

/** BASE with extra keys for the channel `chat`. */
const chat = (keys: string) => BASE.replace('    handleTime: 3m\n', `    handleTime: 3m\n${keys}`);
/** BASE with extra keys for the team `t`. */
const team = (keys: string) => BASE.replace('    agents: 3\n', `    agents: 3\n${keys}`);
/** BASE with team `t` replaced by these keys. */
const teamOnly = (keys: string) => BASE.replace('    agents: 3\n', keys);
const SURGE = 'surges:\n  - start: 1h\n    duration: 1h\n    volume: 2\n';

interface Example {
  yaml: string;
  path: (string | number)[];
  message: string;
  onKey?: true;
}

/** For each rule, a scenario that breaks it (and nothing else), with the problem it reports. */
const EXAMPLES: Record<string, Example> = {
  'tier-names-valid': {
    yaml: `${BASE}tiers:\n  1st: { firstResponse: 1h }\n`,
    path: ['tiers', '1st'],
    message: 'expected a name of letters, digits, _ and -, starting with a letter, got "1st"',
  },
  'tiers-not-empty': { yaml: `${BASE}tiers: {}\n`, path: ['tiers'], message: 'expected at least one tier' },
  'channel-names-valid': {
    yaml: BASE.replace('  chat:', '  9x:'),
    path: ['channels', '9x'],
    message: 'expected a name of letters, digits, _ and -, starting with a letter, got "9x"',
  },
  'channels-not-empty': {
    yaml: 'horizon: 10h\nchannels: {}\nteams:\n  t:\n    agents: 3\n',
    path: ['channels'],
    message: 'expected at least one channel',
  },
  'channel-tier-known': { yaml: chat('    tier: gold\n'), path: ['channels', 'chat', 'tier'], message: 'unknown tier "gold"; known: standard' },
  'reply-delay-for-multi-turn': {
    yaml: chat('    turns: { dist: geometric, mean: 1.5 }\n'),
    path: ['channels', 'chat', 'customerReplyDelay'],
    message: 'required when turns can exceed 1: how long the customer takes to answer, e.g. { dist: exponential, mean: 10m }',
  },
  'follow-up-channel-known': {
    yaml: chat('    followUp: { after: 1h, probability: 0.3, channel: sms }\n'),
    path: ['channels', 'chat', 'followUp', 'channel'],
    message: 'unknown channel "sms"; known: chat',
  },
  'channel-arrivals-one-source': {
    yaml: chat('    arrivals: { trace: chat.csv }\n'),
    path: ['channels', 'chat', 'rate'],
    message: 'this channel replays its trace, which gives its arrivals: remove rate (or the trace)',
    onKey: true,
  },
  'profile-is-hourly-weights': {
    yaml: chat('    profile: [1, 2, 3]\n'),
    path: ['channels', 'chat', 'profile'],
    message: 'expected 24 hourly weights >= 0 (one per hour from 00:00), got a list of 3',
  },
  'weekdays-are-daily-weights': {
    yaml: chat('    weekdays: [1, 1, 1, 1, 1, 1, 1]\n'),
    path: ['channels', 'chat', 'weekdays'],
    message: 'needs a dated startsAt such as "2026-03-02T08:00:00+01:00" (a date-time with offset), to know which weekday the run starts on',
  },
  'channel-sentiment-sums-to-one': {
    yaml: chat('    sentiment: { negative: 0.5, neutral: 0.4 }\n'),
    path: ['channels', 'chat', 'sentiment'],
    message: 'expected shares that add up to 1, got 0.9',
  },
  'channel-brands-sum-to-one': {
    yaml: chat('    brands: { orange: 0.6, jazztel: 0.6 }\n'),
    path: ['channels', 'chat', 'brands'],
    message: 'expected shares that add up to 1, got 1.2',
  },
  'channel-topics-sum-to-one': {
    yaml: chat('    topics: { billing: 0.5 }\n'),
    path: ['channels', 'chat', 'topics'],
    message: 'expected shares that add up to 1, got 0.5',
  },
  'surge-brands-in-channels': {
    yaml: `${BASE}${SURGE}    brands: { orange: 1 }\n`,
    path: ['surges', 0, 'brands', 'orange'],
    message: 'brand "orange" is in no channel\'s brands; known: (none)',
    onKey: true,
  },
  'surge-topics-in-channels': {
    yaml: `${chat('    topics: { billing: 1 }\n')}${SURGE}    topics: { outage: 1 }\n`,
    path: ['surges', 0, 'topics', 'outage'],
    message: 'topic "outage" is in no channel\'s topics; known: billing',
    onKey: true,
  },
  'surge-channels-known': {
    yaml: `${BASE}${SURGE}    channels: [chat, sms]\n`,
    path: ['surges', 0, 'channels', 1],
    message: 'unknown channel "sms"; known: chat',
  },
  'surge-sentiment-sums-to-one': {
    yaml: `${BASE}${SURGE}    sentiment: { negative: 0.7, positive: 0.7 }\n`,
    path: ['surges', 0, 'sentiment'],
    message: 'expected shares that add up to 1, got 1.4',
  },
  'surge-brands-sum-to-one': {
    yaml: `${chat('    brands: { orange: 0.5, jazztel: 0.5 }\n')}${SURGE}    brands: { orange: 0.8 }\n`,
    path: ['surges', 0, 'brands'],
    message: 'expected shares that add up to 1, got 0.8',
  },
  'surge-topics-sum-to-one': {
    yaml: `${chat('    topics: { billing: 1 }\n')}${SURGE}    topics: { billing: 0.25 }\n`,
    path: ['surges', 0, 'topics'],
    message: 'expected shares that add up to 1, got 0.25',
  },
  'team-names-valid': {
    yaml: BASE.replace('  t:', '  2nd:'),
    path: ['teams', '2nd'],
    message: 'expected a name of letters, digits, _ and -, starting with a letter, got "2nd"',
  },
  'teams-not-empty': {
    yaml: 'horizon: 10h\nchannels:\n  chat: { rate: 10/h, handleTime: 3m }\nteams: {}\n',
    path: ['teams'],
    message: 'expected at least one team',
  },
  'team-headcount-given': {
    yaml: teamOnly('    concurrency: 2\n'),
    path: ['teams', 't', 'agents'],
    message: 'required (or a schedule): the number of agents on the team, a whole number >= 0',
  },
  'schedule-not-empty': {
    yaml: teamOnly('    schedule: []\n'),
    path: ['teams', 't', 'schedule'],
    message: 'expected at least one step such as { at: "08:00", agents: 12 }',
  },
  'schedule-times-distinct': {
    yaml: teamOnly('    schedule: [{ at: "18:00", agents: 1 }, { at: "08:30", agents: 2 }, { at: "08:30", agents: 3 }]\n'),
    path: ['teams', 't', 'schedule'],
    message: 'two steps at the same time of day (08:30)',
  },
  'schedule-one-form': {
    yaml: teamOnly('    schedule: [{ at: "d1 00:00", agents: 2 }, { at: "08:00", agents: 3 }]\n'),
    path: ['teams', 't', 'schedule', 1, 'at'],
    message: 'is a time of day ("08:00"), but the schedule\'s first step is dated ("d1 00:00"): write every step with its day, "dN HH:MM", or none',
  },
  'dated-schedule-starts-with-run': {
    yaml: teamOnly('    schedule: [{ at: "d1 06:00", agents: 3 }, { at: "d2 08:00", agents: 5 }]\n'),
    path: ['teams', 't', 'schedule', 0, 'at'],
    message: 'expected the run\'s start, "d1 00:00" (startsAt 00:00), got "d1 06:00": a dated schedule gives the headcount from the start (agents: 0 until the team comes in)',
  },
  'dated-schedule-in-order': {
    yaml: teamOnly('    schedule: [{ at: "d1 00:00", agents: 3 }, { at: "d1 12:00", agents: 4 }, { at: "d1 08:00", agents: 2 }]\n'),
    path: ['teams', 't', 'schedule', 2, 'at'],
    message: 'expected a time after the step before it ("d1 12:00"), got "d1 08:00": dated steps are listed in time order',
  },
  'dated-schedule-inside-run': {
    yaml: teamOnly('    schedule: [{ at: "d1 00:00", agents: 3 }, { at: "d9 00:00", agents: 4 }]\n'),
    path: ['teams', 't', 'schedule', 1, 'at'],
    message: 'expected a time before the run ends, "d8 10:00" (horizon 10h + drain 7d), got "d9 00:00"',
  },
  'team-size-bounded': {
    yaml: team('    concurrency: 5000000\n'),
    path: ['teams', 't', 'concurrency'],
    message: 'expected at most 10,000,000 slots (agents x concurrency) on one team, got 3 x 5000000',
  },
  'shrinkage-block-needs-shrinkage': {
    yaml: team('    shrinkageBlock: 30m\n'),
    path: ['teams', 't', 'shrinkageBlock'],
    message: 'is the mean length of one absence, but the team has no shrinkage: set shrinkage (such as 30%), or remove shrinkageBlock',
  },
  'activation-has-trigger': {
    yaml: team('    activation: { standDown: 1h }\n'),
    path: ['teams', 't', 'activation'],
    message: 'expected after (time from a surge start) and/or whenBacklog (a backlog level)',
  },
  'activation-after-needs-surges': {
    yaml: team('    activation: { after: 30m }\n'),
    path: ['teams', 't', 'activation', 'after'],
    message: 'counts from the start of a surge, but the scenario has no surges',
  },
  'activation-surge-known': {
    yaml: `${team('    activation: { after: 30m, surge: outage }\n')}${SURGE}`,
    path: ['teams', 't', 'activation', 'surge'],
    message: 'unknown surge "outage"; known: surge1',
  },
  'overflow-team-known': {
    yaml: team('    overflow: { after: 30m, to: backup }\n'),
    path: ['teams', 't', 'overflow', 'to'],
    message: 'unknown team "backup"; known: t',
  },
  'overflow-not-to-self': {
    yaml: team('    overflow: { after: 30m, to: t }\n'),
    path: ['teams', 't', 'overflow', 'to'],
    message: 'a team cannot overflow to itself',
  },
  'dedicated-has-target': {
    yaml: team('    dedicated: {}\n'),
    path: ['teams', 't', 'dedicated'],
    message: 'expected tiers and/or channels the team is dedicated to, e.g. { tiers: [urgent] }',
  },
  'dedicated-tiers-known': {
    yaml: team('    dedicated: { tiers: [gold] }\n'),
    path: ['teams', 't', 'dedicated', 'tiers', 0],
    message: 'unknown tier "gold"; known: standard',
  },
  'dedicated-channels-known': {
    yaml: team('    dedicated: { channels: [chat, sms] }\n'),
    path: ['teams', 't', 'dedicated', 'channels', 1],
    message: 'unknown channel "sms"; known: chat',
  },
  'team-channels-known': {
    yaml: team('    channels: [sms]\n'),
    path: ['teams', 't', 'channels', 0],
    message: 'unknown channel "sms"; known: chat',
  },
  'team-tiers-known': {
    yaml: team('    tiers: [gold]\n'),
    path: ['teams', 't', 'tiers', 0],
    message: 'unknown tier "gold"; known: standard',
  },
  'team-brands-known': {
    yaml: chat('    brands: { orange: 1 }\n').replace('    agents: 3\n', '    agents: 3\n    brands: [orange, jazztel]\n'),
    path: ['teams', 't', 'brands', 1],
    message: 'unknown brand "jazztel"; known: orange',
  },
  'triage-channel-known': {
    yaml: `${BASE}triage:\n  - { when: { channel: sms }, tier: standard }\n`,
    path: ['triage', 0, 'when', 'channel', 0],
    message: 'unknown channel "sms"; known: chat',
  },
  'triage-brand-known': {
    yaml: `${BASE}triage:\n  - { when: { brand: orange }, tier: standard }\n`,
    path: ['triage', 0, 'when', 'brand', 0],
    message: 'unknown brand "orange"; known: (none)',
  },
  'triage-topic-known': {
    yaml: `${chat('    topics: { billing: 1 }\n')}triage:\n  - { when: { topic: [billing, outage] }, tier: standard }\n`,
    path: ['triage', 0, 'when', 'topic', 1],
    message: 'unknown topic "outage"; known: billing',
  },
  'triage-sentiment-known': {
    yaml: `${BASE}triage:\n  - { when: { sentiment: angry }, tier: standard }\n`,
    path: ['triage', 0, 'when', 'sentiment', 0],
    message: 'unknown sentiment "angry"; known: negative, neutral, positive',
  },
  'triage-tier-known': {
    yaml: `${BASE}triage:\n  - { tier: gold }\n`,
    path: ['triage', 0, 'tier'],
    message: 'unknown tier "gold"; known: standard',
  },
  'warmup-before-horizon': { yaml: `${BASE}warmup: 12h\n`, path: ['warmup'], message: 'expected less than the horizon (10h), got 12h' },
  'interval-count-bounded': {
    yaml: `${BASE.replace('horizon: 10h', 'horizon: 12d')}report: { interval: 1s }\n`,
    path: ['report', 'interval'],
    message: 'too fine for the horizon: 1036800 intervals (at most 10000, each a row of the time series); use at least 1m44s',
  },
  'window-surge-has-surges': {
    yaml: `${BASE}report: { window: surge }\n`,
    path: ['report', 'window'],
    message: 'is `surge`, but the scenario has no surges',
  },
  'window-surge-before-horizon': {
    yaml: `${BASE}report: { window: surge }\n${SURGE.replace('start: 1h', 'start: 10h')}`,
    path: ['report', 'window'],
    message: 'is `surge`, but the surges start at 10h, at or after the horizon (10h): nothing would be measured',
  },
  'window-keys-known': {
    yaml: `${BASE}report: { window: { from: 1h, until: 2h } }\n`,
    path: ['report', 'window', 'until'],
    message: 'unknown key; accepted keys here: from, to',
    onKey: true,
  },
  'window-bounds-are-durations': {
    yaml: `${BASE}report: { window: { from: 1h, to: soon } }\n`,
    path: ['report', 'window', 'to'],
    message: 'expected a duration with a unit such as 90s, 3m, 2h, 1d, 1h30m or 2.5h, got "soon"',
  },
  'window-from-before-to': {
    yaml: `${BASE}report: { window: { from: 5h, to: 1h } }\n`,
    path: ['report', 'window'],
    message: 'expected from before to, got 5h to 1h',
  },
  'window-ends-by-horizon': {
    yaml: `${BASE}report: { window: { from: 1h, to: 11h } }\n`,
    path: ['report', 'window', 'to'],
    message: 'expected at most the horizon (10h), got 11h',
  },
  'window-names-valid': {
    yaml: `${BASE}report: { windows: { 1st: { from: 1h, to: 2h } } }\n`,
    path: ['report', 'windows', '1st'],
    message: 'expected a window name of letters, digits, _ and -, starting with a letter, got "1st"',
    onKey: true,
  },
  'windows-count-bounded': {
    yaml: `${BASE}report:\n  windows: { ${Array.from({ length: 8 }, (_, i) => `w${i}: { from: ${i}h, to: ${i + 1}h }`).join(', ')} }\n`,
    path: ['report', 'windows'],
    message: 'expected at most 7 named windows (each keeps a full set of accumulators), got 8',
  },
  'thresholds-valid': {
    yaml: `${BASE}thresholds:\n  'slaAttainment{tier:nope}': ['>= 80%']\n`,
    path: ['thresholds', 'slaAttainment{tier:nope}', 0],
    message: 'unknown tier "nope"; known: standard',
  },
  'window-form': { yaml: `${BASE}report: { window: [1h, 2h] }\n`, path: ['report', 'window'], message: 'expected surge or { from: 1d, to: 3d }, got a list' },
  'conversations-have-a-team': {
    yaml: `${BASE.replace('horizon: 10h', 'horizon: 10h\ntiers:\n  urgent: { firstResponse: 10m }\n  standard: { firstResponse: 2h }')}triage:\n  - { when: { sentiment: negative }, tier: urgent }\n`.replace(
      '    agents: 3\n',
      '    agents: 3\n    tiers: [standard]\n',
    ),
    path: ['channels', 'chat'],
    message: "no team takes this channel's conversations of tier urgent; list them in a team's channels, tiers",
  },
  'conversations-have-agents': {
    yaml: BASE.replace('agents: 3', 'agents: 0'),
    path: ['channels', 'chat'],
    message: "every team that takes this channel's conversations of tier standard has 0 agents",
  },
};

/** What the rules report for a scenario text that passes the schema. */
function issuesOf(text: string) {
  return resolveScenario(scenarioFileSchema.parse(parse(text)), 'example').issues;
}

/** The problems the public loader reports for a scenario text. */
function problemsOf(text: string) {
  try {
    parseScenario(text, 'example.yaml');
  } catch (e) {
    if (e instanceof ScenarioError) return e.problems;
    throw e;
  }
  return [];
}

describe('named windows (report.windows) follow the rules of report.window', () => {
  it.each([
    ['surge', ['report', 'windows', 'outage'], 'is `surge`, but the scenario has no surges'],
    ['{ from: 1h, until: 2h }', ['report', 'windows', 'outage', 'until'], 'unknown key; accepted keys here: from, to'],
    ['{ from: 1h, to: soon }', ['report', 'windows', 'outage', 'to'], 'expected a duration with a unit such as 90s, 3m, 2h, 1d, 1h30m or 2.5h, got "soon"'],
    ['{ from: 5h, to: 1h }', ['report', 'windows', 'outage'], 'expected from before to, got 5h to 1h'],
    ['{ from: 1h, to: 11h }', ['report', 'windows', 'outage', 'to'], 'expected at most the horizon (10h), got 11h'],
    ['[1h, 2h]', ['report', 'windows', 'outage'], 'expected surge or { from: 1d, to: 3d }, got a list'],
  ])('refuses outage: %s at its own key, with report.window valid beside it', (value, path, message) => {
    const issues = issuesOf(`${BASE}report:\n  window: { from: 1h, to: 9h }\n  windows:\n    week: { from: 0h, to: 10h }\n    outage: ${value}\n`);
    expect(issues.map((i) => ({ path: i.path, message: i.message }))).toEqual([{ path, message }]);
  });

  it('reports a bad window at file:line:col with its key path', () => {
    const problems = problemsOf(`${BASE}report:\n  windows:\n    outage: { from: 5h, to: 1h }\n`);
    expect(problems).toEqual([{ where: 'example.yaml:11:5', path: 'report.windows.outage', message: 'expected from before to, got 5h to 1h' }]);
  });

  it('refuses two windows of one name (the YAML reader refuses duplicate keys)', () => {
    expect(() => parseScenario(`${BASE}report:\n  windows:\n    outage: { from: 1h, to: 2h }\n    outage: { from: 3h, to: 4h }\n`, 'example.yaml')).toThrow(/example\.yaml:\d+:\d+.*(unique|duplicate)/i);
  });

  it('refuses a window that is not a mapping of names', () => {
    expect(() => parseScenario(`${BASE}report: { windows: [surge] }\n`, 'example.yaml')).toThrow(/report\.windows: expected a mapping of window names to windows/);
  });
});

describe('the cross-field rules', () => {
  it('have unique kebab-case names and a one-line purpose each', () => {
    const names = RULES.map((r) => r.name);
    expect(new Set(names).size).toBe(names.length);
    for (const rule of RULES) {
      expect(rule.name).toMatch(/^[a-z]+(-[a-z]+)+$/);
      expect(rule.purpose.length, rule.name).toBeGreaterThan(20);
      expect(rule.purpose, rule.name).not.toMatch(/\n/);
    }
  });

  it('each have an example that breaks it, and every example is of a rule', () => {
    expect(Object.keys(EXAMPLES).sort()).toEqual(RULES.map((r) => r.name).sort());
  });

  it('accept the scenario the examples break', () => {
    expect(issuesOf(BASE)).toEqual([]);
  });

  describe.each(Object.entries(EXAMPLES))('%s', (name, { yaml, path, message, onKey }) => {
    it('fires on its example, alone, with its message at its path', () => {
      expect(issuesOf(yaml)).toEqual([{ path, message, rule: name, ...(onKey ? { onKey } : {}) }]);
    });

    it('is reported by the loader at the same path', () => {
      const where: unknown = expect.stringMatching(/^example\.yaml:\d+:\d+$/);
      expect(problemsOf(yaml)).toEqual([{ where, path: path.join('.'), message }]);
    });
  });
});
