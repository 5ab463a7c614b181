import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, describe, expect, it } from 'vitest';
import { Simulation, simulateReplication } from '../../src/model/simulation.js';
import { EXPORT_COLUMNS, exportConversations, parseScenario } from '../../src/index.js';

const dir = mkdtempSync(join(tmpdir(), 'careload-export-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Every ending: answered over several turns, abandoned, deflected, follow-ups merged, some left waiting. */
const SCENARIO = (startsAt: string) => `
horizon: 6h
drain: 2d
startsAt: ${JSON.stringify(startsAt)}
channels:
  chat:
    rate: 120/h
    handleTime: { dist: lognormal, mean: 4m, sd: 2m }
    turns: { dist: geometric, mean: 2 }
    customerReplyDelay: { dist: exponential, mean: 2m }
    patience: { dist: exponential, mean: 20m }
    sentiment: { negative: 0.3, neutral: 0.6, positive: 0.1 }
    topics: { billing: 0.7, outage: 0.3 }
    brands: { acme: 0.6, zenith: 0.4 }
    followUp: { after: 10m, probability: 0.5 }
  forum:
    rate: 40/h
    handleTime: { dist: exponential, mean: 5m }
    selfService: { share: 0.4, within: 1h }
tiers:
  urgent: { firstResponse: 15m }
  standard: { firstResponse: 1h }
triage:
  - { when: { topic: outage }, tier: urgent }
teams:
  agents: { agents: 5, concurrency: 2 }
`;

interface Row { [column: string]: string }

function rowsOf(file: string): Row[] {
  return parse<Row>(readFileSync(file, 'utf8'), { columns: true });
}

describe('exportConversations', () => {
  it('writes one row per conversation with the documented columns, and watching changes nothing simulated', () => {
    const scenario = parseScenario(SCENARIO('08:00'), 'export.yaml');
    const out = join(dir, 'plain.csv');
    const { conversations } = exportConversations(scenario, { out, replication: 2 });
    const text = readFileSync(out, 'utf8');
    expect(text.split('\n')[0]).toBe(EXPORT_COLUMNS.join(','));
    const rows = rowsOf(out);
    expect(rows).toHaveLength(conversations);

    // The same replication unobserved measures exactly the same.
    const plain = simulateReplication(scenario, 2);
    const watched = new Simulation(scenario, 2);
    let ended = 0;
    let admitted = 0;
    watched.endings.onEnd = () => ended++;
    watched.onAdmit = () => admitted++;
    expect(watched.run()).toEqual(plain);
    expect(ended).toBe(conversations);
    // The backlog drained: every conversation admitted (follow-ups included) ended, once.
    expect(conversations).toBe(admitted);
    expect(conversations).toBeGreaterThan(plain.series.arrivals.reduce((s, v) => s + v, 0) * 0.9);

    const ids = new Set(rows.map((r) => r.id));
    expect(ids.size).toBe(rows.length);
    const abandoned = rows.filter((r) => r.abandoned === 'true');
    const answered = rows.filter((r) => r.firstResponseAt !== '');
    expect(abandoned.length).toBeGreaterThan(0);
    expect(answered.length).toBeGreaterThan(0);
    expect(rows.some((r) => r.channel === 'forum' && r.abandoned === 'false' && r.firstResponseAt === '' && r.closedAt !== '')).toBe(true); // deflected
    for (const r of rows) {
      expect(r.created).toMatch(/^\d+\.\d{3}$/);
      expect(['negative', 'neutral', 'positive']).toContain(r.sentimentStart);
      if (r.abandoned === 'true') {
        expect(r.pickedUpAt + r.firstResponseAt).toBe('');
        expect(Number(r.closedAt)).toBeGreaterThan(Number(r.created));
        expect(r.workTime).toBe('0.000');
      }
      if (r.firstResponseAt !== '') {
        expect(Number(r.pickedUpAt)).toBeGreaterThanOrEqual(Number(r.created));
        expect(Number(r.firstResponseAt)).toBeGreaterThanOrEqual(Number(r.pickedUpAt));
        expect(Number(r.closedAt)).toBeGreaterThanOrEqual(Number(r.firstResponseAt));
        expect(['negative', 'neutral', 'positive']).toContain(r.sentimentEnd);
      }
      if (r.channel === 'chat') {
        expect(['billing', 'outage']).toContain(r.topic);
        expect(['acme', 'zenith']).toContain(r.brand);
        if (r.topic === 'outage') expect(r.tier).toBe('urgent');
      }
    }
    // A single-reply answer's work time is its first response less its pickup (one reply, written at once or after the agent's other reply).
    const single = answered.filter((r) => r.turns === '1');
    expect(single.every((r) => Number(r.workTime) <= Number(r.firstResponseAt) - Number(r.pickedUpAt) + 0.002)).toBe(true);
  });

  it('writes ISO 8601 times with the offset of a dated startsAt', () => {
    const scenario = parseScenario(SCENARIO('2026-03-02T08:00:00+01:00'), 'export.yaml');
    const out = join(dir, 'dated.csv');
    exportConversations(scenario, { out });
    const rows = rowsOf(out);
    expect(rows[0].created).toMatch(/^2026-03-02T(0[89]|1\d):\d{2}:\d{2}(\.\d{3})?\+01:00$/);
    const first = Math.min(...rows.map((r) => Date.parse(r.created)));
    expect(first).toBeGreaterThanOrEqual(Date.parse('2026-03-02T08:00:00+01:00'));
  });

  it('writes whole or not at all: a failure leaves neither the file nor a temporary one', () => {
    const scenario = parseScenario(SCENARIO('08:00'), 'export.yaml');
    const sub = join(dir, 'fails');
    const out = join(sub, 'out.csv');
    exportConversations(scenario, { out });
    writeFileSync(join(sub, 'blocker'), 'x');
    expect(() => exportConversations(scenario, { out: join(sub, 'blocker', 'out.csv') })).toThrow();
    expect(readdirSync(sub).sort()).toEqual(['blocker', 'out.csv']);
  });
});
