/**
 * Shrinkage against its definition on M/M/N: N agents with shrinkage s
 * behave as N(1 - s) productive agents in the long run. Each replication
 * runs long enough (thousands of absences per agent) for the shares to
 * settle within a fraction of a percentage point.
 */
import { describe, expect, it } from 'vitest';
import { AvailabilityField, TeamField } from '../../src/metrics/fields.js';
import type { ReplicationResult } from '../../src/metrics/recorder.js';
import { expectWithinCI, replicate, scenarioFrom } from './helpers.js';

const AGENTS = 10;
const SHRINKAGE = 0.3;
/** Mean handle time, minutes. */
const AHT = 5;

/** M/M/10 with 30% shrinkage at `erlangs` of offered load. */
function mmn(erlangs: number, shrinkage = `${SHRINKAGE * 100}%`) {
  return scenarioFrom(`
name: mmn-shrinkage
horizon: 2000h
drain: 0
replications: 4
report: { interval: 1000h }
channels:
  chat: { rate: ${(erlangs * 60) / AHT}/h, handleTime: { dist: exponential, mean: ${AHT}m } }
teams:
  desk: { agents: ${AGENTS}, shrinkage: ${shrinkage} }
`);
}

const rostered = (r: ReplicationResult) => r.availability[AvailabilityField.rosteredTime];
const away = (r: ReplicationResult) => r.availability[AvailabilityField.awayTime];
const writing = (r: ReplicationResult) => r.teams[TeamField.writingTime];

describe('shrinkage on M/M/N', () => {
  it('sets aside the shrinkage share of rostered time, and the load falls on the productive agents', async () => {
    // 5 Erlangs on 10 agents, 7 of them productive: stable, each productive agent busy 5/7 of the time.
    const results = await replicate(mmn(5));
    const productiveShare = results.map((r) => 1 - away(r) / rostered(r));
    expectWithinCI('productive share of rostered time', productiveShare, 1 - SHRINKAGE);
    for (const share of productiveShare) expect(Math.abs(share - (1 - SHRINKAGE))).toBeLessThan(0.01);
    // Every conversation is served: rostered utilization is load / N, productive occupancy load / (N(1 - s)).
    expectWithinCI('utilization of rostered time', results.map((r) => writing(r) / rostered(r)), 5 / AGENTS);
    expectWithinCI('occupancy of productive time', results.map((r) => writing(r) / (rostered(r) - away(r))), 5 / (AGENTS * (1 - SHRINKAGE)));
  });

  it('caps throughput at N(1 - s) agents: overloaded, the team writes for exactly its productive time', async () => {
    // 9 Erlangs offered: 10 agents would serve it all, 7 productive agents cannot.
    const loaded = await replicate(mmn(9));
    const busy = loaded.map((r) => writing(r) / rostered(r));
    expectWithinCI('share of rostered time writing, overloaded', busy, 1 - SHRINKAGE);
    for (const b of busy) expect(Math.abs(b - (1 - SHRINKAGE))).toBeLessThan(0.01);
    // The same load without shrinkage is served in full.
    const full = await replicate(mmn(9, '0'));
    expectWithinCI('utilization without shrinkage', full.map((r) => writing(r) / rostered(r)), 9 / AGENTS);
  });
});
