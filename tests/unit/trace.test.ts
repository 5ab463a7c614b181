import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { stringify as stringifyYaml } from 'yaml';
import { generateTrace, loadScenario, ScenarioError, type Scenario } from '../../src/index.js';
import { Simulation } from '../../src/model/simulation.js';

const dir = mkdtempSync(join(tmpdir(), 'careload-trace-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/**
 * A scenario that uses every feature a replay must reproduce: triage on
 * misread tags, brands and topics, several turns, patience, follow-ups to
 * another channel, self-service, a surge that shifts the sentiment and topic
 * mix and calls in a reserve, shrinkage.
 */
const FEATURES = {
  horizon: '2d',
  warmup: '6h',
  drain: '1d',
  replications: 3,
  seed: 7,
  startsAt: '06:00',
  channels: {
    chat: {
      rate: '40/h',
      profile: [0.3, 0.3, 0.3, 0.3, 0.3, 0.5, 0.8, 1.2, 1.5, 1.6, 1.6, 1.5, 1.4, 1.4, 1.5, 1.5, 1.4, 1.3, 1.2, 1.1, 0.9, 0.7, 0.5, 0.4],
      sentiment: { negative: 0.15, neutral: 0.7, positive: 0.15 },
      topics: { billing: 0.5, outage: 0.2, other: 0.3 },
      brands: { main: 0.7, budget: 0.3 },
      handleTime: { dist: 'lognormal', mean: '5m', sd: '3m' },
      turns: { dist: 'geometric', mean: 2 },
      customerReplyDelay: { dist: 'exponential', mean: '10m' },
      idleTimeout: '2h',
      patience: { dist: 'lognormal', mean: '3h', sd: '2h' },
      followUp: { after: '1h', probability: 0.3, channel: 'social', max: 1 },
    },
    social: {
      rate: '8/h',
      sentiment: { negative: 0.3, neutral: 0.6, positive: 0.1 },
      topics: { billing: 0.3, outage: 0.4, other: 0.3 },
      handleTime: { dist: 'gamma', mean: '4m', sd: '2m' },
      patience: { dist: 'exponential', mean: '2h' },
      selfService: { share: 0.2, within: '1h' },
    },
  },
  surges: [{ name: 'outage', start: '26h', rampUp: '1h', duration: '5h', rampDown: '2h', volume: '+60%', sentiment: { negative: 0.35, neutral: 0.55, positive: 0.1 }, topics: { billing: 0.2, outage: 0.6, other: 0.2 } }],
  tiers: { urgent: { firstResponse: '30m' }, standard: { firstResponse: '2h' } },
  tagging: { accuracy: 0.85 },
  triage: [{ when: { sentiment: 'negative' }, tier: 'urgent' }, { when: { topic: 'outage', channel: 'social' }, tier: 'urgent' }],
  teams: {
    desk: { agents: 5, concurrency: 3, shrinkage: 0.1 },
    reserve: { agents: 2, concurrency: 2, activation: { after: '30m', standDown: '1h' } },
  },
  routing: { policy: 'priority' },
};

let files = 0;
/** Writes a file under a fresh folder of the test's temp dir; returns its path. */
function write(name: string, text: string, folder = `f${files++}`): string {
  mkdirSync(join(dir, folder), { recursive: true });
  const path = join(dir, folder, name);
  writeFileSync(path, text);
  return path;
}

/** The replay of a trace generated from `doc`: the same file, its channels without rate and profile, its surges at +0%. */
function replayOf(doc: Record<string, unknown>, trace: string): Record<string, unknown> {
  const copy = structuredClone(doc) as typeof FEATURES & Record<string, unknown>;
  for (const c of Object.values(copy.channels) as Record<string, unknown>[]) {
    delete c.rate;
    delete c.profile;
  }
  for (const s of copy.surges ?? []) (s as { volume: unknown }).volume = 1;
  return { ...copy, arrivals: { trace } };
}

const run = (sc: Scenario, replication: number) => new Simulation(sc, replication).run();

function problemsOf(file: string, options = {}): string[] {
  try {
    loadScenario(file, options);
  } catch (e) {
    if (e instanceof ScenarioError) return e.problems.map((p) => `${p.where} ${p.path}: ${p.message}`);
    throw e;
  }
  throw new Error('expected the scenario to be refused');
}

describe('generate and replay', () => {
  it('replaying generated trace N at the same seed reproduces replication N exactly, whatever columns are kept beside the id', () => {
    const source = write('features.yaml', stringifyYaml(FEATURES));
    const scenario = loadScenario(source);
    for (const [replication, columns] of [[1, undefined], [2, ['timestamp', 'channel', 'id'] as const]] as const) {
      const folder = `replay-${replication}`;
      const trace = join(dir, folder, 'trace.csv');
      const written = generateTrace(scenario, { replication, out: trace, columns });
      expect(written.rows).toBeGreaterThan(1000);
      const replay = loadScenario(write('replay.yaml', stringifyYaml(replayOf(FEATURES, 'trace.csv')), folder));
      expect(replay.traces[0].contents?.rows).toBe(written.rows);
      const original = run(scenario, replication);
      const replayed = run(replay, replication);
      expect(JSON.stringify(replayed)).toBe(JSON.stringify(original));
      // Another replication keeps the arrivals (follow-ups aside, which are drawn) and draws the rest anew.
      const arrivalTimes = (r: number) => {
        const sim = new Simulation(replay, r);
        const times: number[] = [];
        sim.onAdmit = (slot) => {
          if (sim.conv.followUp[slot] === 0) times.push(sim.conv.arrival[slot]);
        };
        return { result: sim.run(), times };
      };
      const same = arrivalTimes(replication);
      const other = arrivalTimes(replication === 1 ? 0 : 1);
      expect(other.result.fields).not.toEqual(same.result.fields);
      expect(other.times).toEqual(same.times);
      expect(same.times.length).toBe(written.rows);
    }
  });

  it('holds for any seed (property)', () => {
    const doc = { ...FEATURES, horizon: '12h', drain: '12h', warmup: '1h', surges: [{ ...FEATURES.surges[0], start: '4h' }] };
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1_000_000 }), fc.integer({ min: 0, max: 5 }), (seed, replication) => {
        const folder = `seed-${seed}-${replication}`;
        const scenario = loadScenario(write('s.yaml', stringifyYaml({ ...doc, seed }), folder));
        generateTrace(scenario, { replication, out: join(dir, folder, 'trace.csv') });
        const replay = loadScenario(write('replay.yaml', stringifyYaml(replayOf({ ...doc, seed }, 'trace.csv')), folder));
        expect(JSON.stringify(run(replay, replication))).toBe(JSON.stringify(run(scenario, replication)));
      }),
      { numRuns: 4 },
    );
  });

  it('writes ids that key the replication: the same rows at the same seed, other ids at another seed', () => {
    const scenario = loadScenario(write('s.yaml', stringifyYaml(FEATURES)));
    const a = join(dir, 'ids-a.csv');
    const b = join(dir, 'ids-b.csv');
    const c = join(dir, 'ids-c.csv');
    generateTrace(scenario, { replication: 0, out: a });
    generateTrace(scenario, { replication: 0, out: b });
    generateTrace({ ...scenario, seed: 8 }, { replication: 0, out: c });
    expect(readFileSync(a, 'utf8')).toBe(readFileSync(b, 'utf8'));
    const ids = (file: string) => readFileSync(file, 'utf8').split('\n').slice(1, 50).map((l) => l.split(',')[2]);
    expect(ids(a).every((id) => /^[0-9a-f]{16}$/.test(id))).toBe(true);
    expect(ids(c)).not.toEqual(ids(a));
  });
});

const SMALL = `horizon: 10h
replications: 2
channels:
  chat: { handleTime: 5m, topics: { billing: 0.5, other: 0.5 } }
  mail: { handleTime: 20m }
arrivals: { trace: trace.csv }
teams:
  desk: { agents: 3 }
`;

describe('trace rows', () => {
  it('replays the columns it is given and draws the rest', () => {
    const folder = 'given';
    write('trace.csv', ['timestamp,channel,topic,turns,handleTime,patience', '60,chat,billing,,,', '120,mail,,3,"300;60",', '180,chat,,,,10m', ''].join('\n'), folder);
    const sc = loadScenario(write('s.yaml', SMALL, folder));
    const sim = new Simulation(sc, 0);
    const seen: { t: number; channel: number; topic: number; turns: number; patience: number; handle: number[] | null }[] = [];
    sim.onAdmit = (slot) => {
      const c = sim.conv;
      seen.push({ t: c.arrival[slot], channel: c.channel[slot], topic: c.topic[slot], turns: c.turns[slot], patience: c.patience[slot], handle: c.handleTimes[slot] ? Array.from(c.handleTimes[slot]) : null });
    };
    const result = sim.run();
    expect(seen.map((s) => [s.t, s.channel])).toEqual([[60, 0], [120, 1], [180, 0]]);
    expect(seen[0].topic).toBe(0);
    expect(seen[1]).toMatchObject({ turns: 3, handle: [300, 60] });
    expect(seen[2].patience).toBe(600);
    expect(Number.isNaN(seen[0].patience)).toBe(true);
    // The third row's topic is drawn from the chat channel's mix: one of its two topics.
    expect([0, 1]).toContain(seen[2].topic);
    expect(result.fields[0]).toBe(3);
  });

  it('maps ISO 8601 timestamps through a dated startsAt, and refuses them without a date', () => {
    const folder = 'iso';
    write('trace.csv', 'timestamp,channel\n2026-03-02T09:00:00+01:00,chat\n2026-03-02T08:30:00Z,mail\n', folder);
    const dated = loadScenario(write('s.yaml', `startsAt: "2026-03-02T08:00:00+01:00"\n${SMALL}`, folder));
    const sim = new Simulation(dated, 0);
    const times: number[] = [];
    sim.onAdmit = (slot) => times.push(sim.conv.arrival[slot]);
    sim.run();
    expect(times).toEqual([3600, 5400]);
    const undated = problemsOf(write('u.yaml', SMALL, folder));
    expect(undated).toEqual([expect.stringMatching(/trace\.csv:2 timestamp: "2026-03-02T09:00:00\+01:00" is a date-time, and the scenario's startsAt has no date/)]);
  });

  it('refuses bad rows at their line and column, all of them, in one message each', () => {
    const folder = 'bad';
    write('trace.csv', [
      'timestamp,channel,id,sentiment,turns',
      '10,chat,a,negative,1',
      'soon,chat,b,neutral,1', // 3: not a time
      '5,chat,c,neutral,1', // 4: before the row on line 2
      '20,chaat,d,neutral,1', // 5: unknown channel
      '30,chat,a,neutral,1', // 6: duplicate id
      '40,chat,e,angry,1', // 7: unknown sentiment
      '50,chat,f,neutral,0', // 8: turns
      '36000,chat,g,neutral,1', // 9: at the horizon
      '60,chat,h', // 10: short row
    ].join('\n'), folder);
    const problems = problemsOf(write('s.yaml', SMALL, folder));
    expect(problems).toEqual([
      expect.stringMatching(/trace\.csv:3 timestamp: expected seconds from t = 0/),
      expect.stringMatching(/trace\.csv:4 timestamp: "5" \(t = 5s\) is earlier than the row on line 2/),
      expect.stringMatching(/trace\.csv:5 channel: unknown channel "chaat" \(did you mean chat\?\)/),
      expect.stringMatching(/trace\.csv:6 id: "a" is also the id of the row on line 2/),
      expect.stringMatching(/trace\.csv:7 sentiment: unknown sentiment "angry"/),
      expect.stringMatching(/trace\.csv:8 turns: expected a whole number from 1/),
      expect.stringMatching(/trace\.csv:9 timestamp: "36000" is at or after the horizon/),
      expect.stringMatching(/trace\.csv:10 sentiment: the row has 3 field\(s\), the header names 5/),
    ]);
  });
});


describe('trace options and files', () => {
  it('--skip-bad-rows replays the good rows and counts the rest, the first one named', () => {
    const folder = 'skip';
    write('trace.csv', 'timestamp,channel\n10,chat\nlater,chat\n20,mail\n30,fax\n40,chat\n', folder);
    const file = write('s.yaml', SMALL, folder);
    expect(problemsOf(file)).toHaveLength(2);
    const sc = loadScenario(file, { skipBadRows: true });
    expect(sc.traces[0].contents).toMatchObject({ rows: 3, skipped: 2, firstSkipped: expect.stringMatching(/trace\.csv:3 timestamp: /) as unknown });
    expect(new Simulation(sc, 0).run().fields[0]).toBe(3);
  });

  it('refuses a trace it cannot read at the scenario key, and an unknown or missing column at the header', () => {
    const folder = 'files';
    const missing = write('s.yaml', SMALL, folder);
    expect(problemsOf(missing)).toEqual([expect.stringMatching(/s\.yaml:6:20 arrivals\.trace: cannot read trace\.csv \(looked for .*files\/trace\.csv\): no such file or folder \(ENOENT\)/)]);
    write('trace.csv', 'timestamp,chanel\n1,chat\n', folder);
    expect(problemsOf(missing)).toEqual([expect.stringMatching(/trace\.csv:1 chanel: unknown column \(did you mean channel\?\)/)]);
    write('trace.csv', 'timestmp,channel\n1,chat\n', folder);
    expect(problemsOf(missing)[0]).toMatch(/trace\.csv:1 timestmp: unknown column \(did you mean timestamp\?\)/);
    write('trace.csv', 'timestamp\n1\n', folder);
    expect(problemsOf(missing)).toEqual([expect.stringMatching(/trace\.csv:1 channel: missing column: a scenario-level trace names each row's channel/)]);
    write('trace.csv', 'timestamp,channel\n1,"chat\n', folder);
    expect(problemsOf(missing)[0]).toMatch(/trace\.csv:\d+ row: /);
  });

  it("a channel's own trace needs no channel column, and holds only its rows", () => {
    const folder = 'own';
    write('chat.csv', 'timestamp\n5\n7\n', folder);
    write('mail.csv', 'timestamp,channel\n6,chat\n', folder);
    const text = `horizon: 1h
channels:
  chat: { handleTime: 5m, arrivals: { trace: chat.csv } }
  mail: { handleTime: 5m, arrivals: { trace: mail.csv } }
  web: { handleTime: 5m, rate: 1/h }
teams:
  desk: { agents: 1 }
`;
    expect(problemsOf(write('s.yaml', text, folder))).toEqual([expect.stringMatching(/mail\.csv:2 channel: "chat" in the trace of channel mail/)]);
    write('mail.csv', 'timestamp\n6\n', folder);
    const sc = loadScenario(write('s.yaml', text, folder));
    expect(sc.channels.map((c) => c.tracedRate !== null)).toEqual([true, true, false]);
    const sim = new Simulation({ ...sc, channels: sc.channels.map((c, i) => (i === 2 ? { ...c, rate: 0 } : c)) }, 0);
    const times: number[] = [];
    sim.onAdmit = (slot) => times.push(sim.conv.arrival[slot]);
    sim.run();
    expect(times).toEqual([5, 6, 7]);
  });

  it('a channel takes its arrivals from one source: a rate, its trace, or the scenario-level trace', () => {
    const folder = 'sources';
    write('trace.csv', 'timestamp,channel\n1,chat\n', folder);
    const text = `horizon: 1h
arrivals: { trace: trace.csv }
channels:
  chat: { handleTime: 5m, rate: 2/h, profile: [${Array(24).fill(1).join(', ')}] }
  mail: { handleTime: 5m, arrivals: { trace: trace.csv } }
teams:
  desk: { agents: 1 }
`;
    expect(problemsOf(write('s.yaml', text, folder))).toEqual([
      expect.stringMatching(/s\.yaml:4:\d+ channels\.chat\.rate: this channel replays the scenario-level trace, which gives its arrivals: remove rate/),
      expect.stringMatching(/s\.yaml:4:\d+ channels\.chat\.profile: this channel replays the scenario-level trace, whose timestamps give its daily pattern/),
      expect.stringMatching(/s\.yaml:5:\d+ channels\.mail\.arrivals: the scenario-level arrivals\.trace already replays every channel/),
    ]);
  });
});

describe('surges on a trace', () => {
  /** A trace of `n` rows spread evenly over the first 10 hours, with ids. */
  function evenTrace(folder: string, n: number): void {
    const lines = ['timestamp,channel,id'];
    for (let i = 0; i < n; i++) lines.push(`${(i * 36000) / n},chat,row${i}`);
    write('trace.csv', `${lines.join('\n')}\n`, folder);
  }

  const withSurge = (volume: string) => `${SMALL.replace('horizon: 10h', 'horizon: 10h\ndrain: 2h')}surges:
  - { start: 2h, duration: 4h, volume: "${volume}", channels: [chat] }
`;

  it('repeats rows by the surge volume in its window, deterministically, and thins them below 1', () => {
    const n = 20_000;
    const inWindow = n * 0.4;
    for (const [volume, factor] of [['+63%', 1.63], ['-30%', 0.7], ['+150%', 2.5]] as const) {
      const folder = `surge-${factor}`;
      evenTrace(folder, n);
      const sc = loadScenario(write('s.yaml', withSurge(volume), folder));
      const arrivals = (r: number) => new Simulation(sc, r).run().fields[0];
      const a = arrivals(0);
      // Each row in the window becomes floor(f) copies plus one with probability frac(f): binomial spread around the mean.
      const expected = n - inWindow + inWindow * factor;
      const frac = factor - Math.floor(factor);
      const sd = Math.sqrt(inWindow * frac * (1 - frac));
      expect(Math.abs(a - expected)).toBeLessThan(4 * sd + 1);
      expect(arrivals(0)).toBe(a);
    }
  });
});

describe('reading CSV in chunks', () => {
  it('gives the same records and lines whatever the chunk size: quotes across chunks, CRLF, a BOM, comments', async () => {
    const { CsvChunks } = await import('../../src/trace/csv-chunks.js');
    const path = write('c.csv', '\ufeffa,b\r\n# a comment\r\n1,"x,\ny"\r\n\r\n2,"q""z"\n3,last');
    const read = (size: number) => {
      const csv = new CsvChunks(path, undefined, size);
      const out: string[] = [];
      const record = { fields: [] as string[], line: 0 };
      while (csv.read(record)) out.push(`${record.line}:${record.fields.join('|')}`);
      return out;
    };
    const whole = read(1 << 20);
    expect(whole).toEqual(['1:a|b', '3:1|x,\ny', '6:2|q"z', '7:3|last']);
    for (const size of [1, 2, 3, 5, 8, 13]) expect(read(size)).toEqual(whole);
  });
});
