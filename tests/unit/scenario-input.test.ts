/**
 * Input that used to be wrong but accepted (issue 12, items 11-14 and 16):
 * --set paths checked against the schema and the file, reserved names,
 * one YAML parser setup with an alias limit, the input size cap, and
 * error texts that echo values as written and cut long ones.
 */
import { mkdtempSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { closestWord, formatProblem, loadScenario, MAX_SOURCE_BYTES, parseScenario, ScenarioError, type LoadOptions, type ScenarioProblem } from '../../src/index.js';

const FILE = 'scenario.yaml';
const BASE = `horizon: 10h
channels:
  chat:
    rate: 10/h
    handleTime: 3m
teams:
  agents:
    agents: 3
`;
const WITH_SURGES = `${BASE}surges:
  - { start: 1h, duration: 1h, volume: 2 }
  - { name: promo, start: 3h, duration: 1h, volume: 3 }
`;

const dir = mkdtempSync(join(tmpdir(), 'careload-input-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function problemsOf(load: () => unknown): ScenarioProblem[] {
  try {
    load();
  } catch (e) {
    if (!(e instanceof ScenarioError)) throw e;
    return e.problems;
  }
  throw new Error('expected a ScenarioError, but the scenario loaded');
}
const lines = (text: string, options: LoadOptions = {}) => problemsOf(() => parseScenario(text, FILE, options)).map(formatProblem);

describe('--set paths must name known keys and existing names (item 11)', () => {
  it('refuses a team typo, naming the closest team', () => {
    expect(lines(BASE, { set: ['teams.agnets.agents=5'] })).toEqual([
      '--set teams.agnets.agents=5: no team "agnets" in scenario.yaml (did you mean "agents"?); to add one, use --set-new',
    ]);
  });

  it('refuses unknown channels, tiers and surges, listing the known ones when none is close', () => {
    expect(lines(BASE, { set: ['channels.twitter.rate=5/h'] })[0]).toBe('--set channels.twitter.rate=5/h: no channel "twitter" in scenario.yaml; known: chat; to add one, use --set-new');
    expect(lines(BASE, { set: ['tiers.urgent.firstResponse=1h'] })[0]).toMatch(/^--set tiers\.urgent\.firstResponse=1h: no tier "urgent" in scenario\.yaml; known: standard/);
    expect(lines(WITH_SURGES, { set: ['surges.prom.volume=2'] })[0]).toMatch(/no surge "prom" in scenario\.yaml \(did you mean "promo"\?\)/);
    expect(lines(WITH_SURGES, { set: ['surges.2.volume=2'] })[0]).toMatch(/no surge 2 in scenario\.yaml \(it has 2/);
  });

  it('refuses a key the schema does not know, at any depth, naming the closest', () => {
    expect(lines(BASE, { set: ['horizn=5h'] })[0]).toMatch(/^--set horizn=5h: unknown key "horizn" \(did you mean "horizon"\?\); accepted keys here: version, name/);
    expect(lines(BASE, { set: ['teams.agents.agnets=5'] })[0]).toMatch(/unknown key "agnets" under teams\.agents \(did you mean "agents"\?\)/);
    expect(lines(BASE, { set: ['routing.polcy=priority'] })[0]).toMatch(/unknown key "polcy" under routing \(did you mean "policy"\?\)/);
  });

  it('still sets keys left at their default, and values parsed as a whole (a distribution)', () => {
    const sc = parseScenario(BASE, FILE, { set: ['routing.policy=priority', 'tiers.standard.firstResponse=1h', 'channels.chat.handleTime={ dist: exponential, mean: 3m }', 'channels.chat.handleTime.mean=4m'] });
    expect(sc.routing.policy).toBe('priority');
    expect(sc.tiers[0].firstResponseTarget).toBe(3600);
    expect(sc.channels[0].handleTime).toEqual({ dist: 'exponential', mean: 240 });
  });

  it('adds names with --set-new (applied before --set)', () => {
    const sc = parseScenario(BASE, FILE, { setNew: ['teams.night.agents=2'], set: ['teams.night.concurrency=2'] });
    expect(sc.teams.map((t) => [t.name, t.agents, t.concurrency])).toEqual([['agents', 3, 1], ['night', 2, 2]]);
  });

  it('addresses surges by name, the default names counting from surge1', () => {
    const sc = parseScenario(WITH_SURGES, FILE, { set: ['surges.surge1.volume=5', 'surges.promo.volume=+50%'] });
    expect(sc.surges.map((s) => [s.name, s.volume])).toEqual([['surge1', 5], ['promo', 1.5]]);
  });

  it('adds a named surge with --set-new', () => {
    const sc = parseScenario(WITH_SURGES, FILE, { setNew: ['surges.outage={ start: 5h, duration: 1h, volume: 4 }'] });
    expect(sc.surges.map((s) => s.name)).toEqual(['surge1', 'promo', 'outage']);
    expect(sc.surges[2].volume).toBe(4);
  });

  it('suggests only near names', () => {
    expect(closestWord('agnets', ['agents', 'regular'])).toBe('agents');
    expect(closestWord('zzzzzz', ['agents', 'regular'])).toBeNull();
  });
});

describe('reserved names (item 12)', () => {
  it.each(['__proto__', 'constructor', 'prototype'])('refuses a team, channel or tier named %s at its key, with the path', (name) => {
    const teams = BASE.replace('  agents:\n    agents: 3', `  agents:\n    agents: 3\n  ${name}:\n    agents: 1`);
    expect(lines(teams)).toEqual([`${FILE}:9:3 teams.${name}: "${name}" cannot be used as a name or key (it is reserved in JavaScript); choose another name`]);
    const channels = BASE.replace('  chat:', `  ${name}:`);
    expect(lines(channels)[0]).toMatch(new RegExp(`^${FILE}:3:3 channels\\.${name}: "${name}" cannot be used`));
  });

  it('refuses them in brands, in overlays and in --set paths and values', () => {
    expect(lines(BASE.replace('handleTime: 3m', 'handleTime: 3m\n    brands: { __proto__: 1 }'))[0]).toMatch(/^scenario\.yaml:6:15 channels\.chat\.brands\.__proto__: /);
    const overlay = join(dir, 'reserved.yaml');
    writeFileSync(overlay, 'teams:\n  constructor: { agents: 1 }\n');
    expect(problemsOf(() => loadScenario('scenarios/mmc-validation.yaml', { overlays: [overlay] })).map(formatProblem)).toEqual([
      `${overlay}:2:3 teams.constructor: "constructor" cannot be used as a name or key (it is reserved in JavaScript); choose another name`,
    ]);
    expect(lines(BASE, { setNew: ['teams.__proto__.agents=1'] })[0]).toMatch(/^--set-new teams\.__proto__\.agents=1: "__proto__" cannot be used/);
    expect(lines(BASE, { set: ['teams={ prototype: { agents: 1 } }'] })[0]).toMatch(/^--set teams=.*: "prototype" cannot be used/);
  });
});

describe('one YAML parser setup, with an alias limit (item 13)', () => {
  const BOMB = ['a: &a [1, 1, 1, 1, 1, 1, 1, 1, 1]', 'b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]', 'c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]', 'd: [*c, *c, *c, *c, *c, *c, *c, *c, *c]', ''].join('\n');

  it('refuses an alias bomb in a scenario and in an overlay with a located problem', () => {
    expect(lines(BOMB)).toEqual([`${FILE}:2:8: too many alias expansions (more than 100): is this an alias bomb?`]);
    const overlay = join(dir, 'bomb.yaml');
    writeFileSync(overlay, BOMB);
    expect(problemsOf(() => loadScenario('scenarios/mmc-validation.yaml', { overlays: [overlay] })).map(formatProblem)).toEqual([
      `${overlay}:2:8: too many alias expansions (more than 100): is this an alias bomb?`,
    ]);
  });

  it('resolves aliases in overlays as in scenarios', () => {
    const overlay = join(dir, 'alias.yaml');
    writeFileSync(overlay, 'horizon: &h 100h\nwarmup: 10h\nreport: { answeredWithin: *h }\n');
    const sc = loadScenario('scenarios/mmc-validation.yaml', { overlays: [overlay] });
    expect(sc.horizon).toBe(100 * 3600);
    expect(sc.report.answeredWithin).toBe(100 * 3600);
  });

  it('reports a YAML warning (an unknown tag) as a problem, in a .json file as JSON', () => {
    expect(lines(BASE.replace('horizon: 10h', 'horizon: !foo 10h'))).toEqual([`${FILE}:1:10: not valid YAML: Unresolved tag: !foo`]);
    expect(problemsOf(() => parseScenario('{"horizon": ', 's.json')).map((p) => p.message)[0]).toMatch(/^not valid JSON: /);
  });
});

describe('input size cap (item 14)', () => {
  it('refuses a file over 10 MB from its size, and /dev/zero after a bounded read', () => {
    const big = join(dir, 'big.yaml');
    writeFileSync(big, '');
    truncateSync(big, MAX_SOURCE_BYTES + 1);
    expect(problemsOf(() => loadScenario(big)).map(formatProblem)).toEqual([
      `${big}: cannot read the scenario: too large (${MAX_SOURCE_BYTES + 1} bytes; at most ${MAX_SOURCE_BYTES} bytes = 10 MB)`,
    ]);
    if (process.platform !== 'win32') {
      expect(problemsOf(() => loadScenario('/dev/zero')).map(formatProblem)[0]).toMatch(/^\/dev\/zero: cannot read the scenario: too large/);
    }
  });
});

describe('error texts (item 16)', () => {
  it('cuts long values to 80 characters', () => {
    const [line] = lines(BASE, { set: [`name=${'x'.repeat(300)}`] });
    expect(line).toBe(`--set name: expected a name of letters, digits, _ and -, starting with a letter, got "${'x'.repeat(77)}..."`);
  });

  it('blames horizon, not report.interval, for a horizon of a billion hours', () => {
    expect(lines(`${BASE}report: { interval: 15m }\n`, { set: ['horizon=1000000000h'] })[0]).toMatch(/^--set horizon: too long for report\.interval 15m: /);
    // With no interval set, the default is coarsened instead (and the run's work limit refuses such a horizon).
    expect(() => parseScenario(BASE, FILE, { set: ['horizon=1000000000h'] })).not.toThrow();
    expect(lines(BASE, { set: ['report.interval=1s', 'horizon=2000h'] })[0]).toMatch(/^--set report\.interval: too fine for the horizon/);
  });

  it('echoes a seed as written, not rounded', () => {
    expect(lines(BASE, { set: ['seed=12345678901234567890'] })).toEqual(['--set seed: expected a whole number >= 0, got 12345678901234567890']);
    expect(lines(`${BASE}seed: 12345678901234567890\n`)).toEqual([`${FILE}:9:7 seed: expected a whole number >= 0, got 12345678901234567890`]);
  });
});
