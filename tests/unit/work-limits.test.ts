import { describe, expect, it } from 'vitest';
import { estimateWork, loadScenario, parseScenario, ScenarioError, workLimitMessage, DEFAULT_MAX_WORK, CHECK_DEFAULTS, PLAN_DEFAULTS } from '../../src/index.js';

const SHIPPED = ['mmc-validation', 'orange-multibrand', 'swisscom-outage'].map((n) => `scenarios/${n}.yaml`);

const base = (extra = '') => `
name: work
horizon: 100h
replications: 4
channels:
  chat: { rate: 36/h, handleTime: { dist: exponential, mean: 3m } }
tiers:
  standard: { firstResponse: 5m }
teams:
  agents: { agents: 3 }
${extra}`;

describe('the work estimate (issue 12, item 6)', () => {
  it('integrates a flat rate over the horizon, times the replications', () => {
    const w = estimateWork(parseScenario(base(), 'w.yaml'));
    expect(w.conversationsPerReplication).toBeCloseTo(3600, 6);
    expect(w.conversations).toBeCloseTo(4 * 3600, 6);
    expect(w.agents).toBe(3);
  });

  it('adds what surges bring: (volume - 1) x rate x (ramps / 2 + plateau), cut at the horizon', () => {
    // +100% for 10 h with 1 h ramps: 11 hours' extra arrivals; a second surge starts 1 h before the horizon.
    const s = parseScenario(base(`surges:
  - { start: 10h, rampUp: 1h, duration: 10h, rampDown: 1h, volume: +100% }
  - { start: 99h, rampUp: 2h, duration: 10h, rampDown: 1h, volume: +100% }`), 'w.yaml');
    // The second: its ramp-up's first hour is inside [0, 100h): weight t/2 over 1 h = 0.25 h of extra.
    expect(estimateWork(s).conversationsPerReplication).toBeCloseTo(36 * (100 + 11 + 0.25), 6);
  });

  it('follows a daily profile: its hourly weights average to 1 over whole days', () => {
    const profile = Array.from({ length: 24 }, (_, h) => (h < 12 ? 0.5 : 1.5));
    const s = parseScenario(base().replace('chat: { rate: 36/h,', `chat: { profile: [${profile.join(', ')}], rate: 36/h,`).replace('100h', '36h'), 'w.yaml');
    // 24 h at mean 1, then 12 h at 0.5.
    expect(estimateWork(s).conversationsPerReplication).toBeCloseTo(36 * (24 + 6), 6);
  });

  it('estimates runs of centuries in a closed form, quickly', () => {
    const s = parseScenario(base(`report: { interval: 100000h }
surges:
  - { start: 10h, rampUp: 1h, duration: 10h, rampDown: 1h, volume: +100% }`).replace('100h', '1000000000h'), 'w.yaml');
    const started = performance.now();
    const w = estimateWork(s);
    expect(performance.now() - started).toBeLessThan(2000);
    expect(w.conversationsPerReplication).toBeCloseTo(36 * (1e9 + 11), -3);
    expect(workLimitMessage(w)).toMatch(/about 1\.4e11 conversations/);
  });

  it('asks a plan or a check for its maximum replications', () => {
    const s = parseScenario(base(), 'w.yaml');
    expect(estimateWork(s, 80).conversations).toBeCloseTo(80 * 3600, 6);
  });

  it('lets every shipped scenario run, checked and planned, well within the default limit', () => {
    for (const file of SHIPPED) {
      const s = loadScenario(file);
      for (const reps of [s.replications, CHECK_DEFAULTS.maxReplications, PLAN_DEFAULTS.maxReplications]) {
        const w = estimateWork(s, reps);
        expect(workLimitMessage(w), file).toBeNull();
        expect(w.conversations * 10, file).toBeLessThan(DEFAULT_MAX_WORK);
      }
    }
  });

  it('refuses the runaway runs of the issue, with the estimate and the --max-work that allows them', () => {
    const mmc = loadScenario('scenarios/mmc-validation.yaml');
    const tooMany = workLimitMessage(estimateWork({ ...mmc, replications: 10_000_000 }));
    expect(tooMany).toMatch(/about 4e12 conversations \(400000 per replication x 10000000 replications\)/);
    expect(tooMany).toMatch(/--max-work 4e12$/);
    const long = loadScenario('scenarios/mmc-validation.yaml', { set: ['channels.chat.rate=90000/h', 'replications=200'] });
    const message = workLimitMessage(estimateWork(long));
    expect(message).toMatch(/about 3\.6e10 conversations/);
    expect(workLimitMessage(estimateWork(long), 4e10)).toBeNull();
  });

  it('refuses a run whose memory would pass the ceiling even when its conversations fit', () => {
    // A million agents on each of 40 teams: few conversations, but arrays for 40 million agents... and a queue of a day of arrivals.
    const teams = Array.from({ length: 40 }, (_, i) => `  t${i}: { agents: 1000000, concurrency: 10 }`).join('\n');
    const s = parseScenario(base().replace('  agents: { agents: 3 }', teams), 'w.yaml');
    const w = estimateWork(s);
    expect(w.conversations).toBeLessThan(DEFAULT_MAX_WORK);
    expect(w.memory).toBeGreaterThan(4 * 2 ** 30);
    expect(workLimitMessage(w)).toMatch(/GB of memory, over the limit of 2e9 conversations and 4 GB/);
  });

  it('bounds a team at a million agents, so 1e9 or 1e15 is a scenario error, not a crash', () => {
    for (const agents of ['1e9', '1e15']) {
      let error: unknown;
      try {
        parseScenario(base(), 'w.yaml', { set: [`teams.agents.agents=${agents}`] });
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(ScenarioError);
      expect((error as ScenarioError).problems[0].message).toMatch(/at most 1,000,000 agents on one team/);
    }
  });
});
