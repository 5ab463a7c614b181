import { createHash } from 'node:crypto';
import type { Channel, Scenario, Team, Tier, TraceSource } from './types.js';

/**
 * A short content hash of a validated scenario: equal for the same model
 * (however the file was formatted or overridden), different when any
 * modelled value differs. The name, seed and replication count are left out:
 * they are reported beside the hash; so are the thresholds, which judge the
 * results but change nothing simulated; and so is the source text, whose
 * formatting and comments do not change the model. Named windows
 * (`report.windows`) change what is reported, as `report.window` does, so
 * they are hashed; a scenario without any hashes as it did before they
 * existed.
 */
export function scenarioHash(scenario: Scenario): string {
  const { name: _name, seed: _seed, replications: _replications, thresholds: _thresholds, source: _source, ...model } = scenario;
  // Keys in their order, less those a scenario leaves unused: a scenario without a dated start or a trace hashes as it did before they existed.
  const hashed: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(model)) {
    if (key === 'calendar' && value === null) continue;
    if (key === 'traces' && model.traces.length === 0) continue;
    hashed[key] = key === 'report' ? withoutNoWindows(model.report)
      : key === 'tiers' ? model.tiers.map(asHashedBefore)
      : key === 'teams' ? model.teams.map(teamAsHashedBefore)
      : key === 'channels' ? model.channels.map(channelAsHashedBefore)
      : key === 'traces' ? model.traces.map(traceAsHashed)
      : value;
  }
  return createHash('sha256').update(JSON.stringify(hashed)).digest('hex').slice(0, 16);
}

/**
 * A tier under the key names it was hashed with before `firstResponse` became
 * `firstResponseTarget` in code (the file key is still `firstResponse`), key
 * order kept: hashes in earlier results stay comparable.
 */
function asHashedBefore(tier: Tier): Record<string, unknown> {
  return Object.fromEntries(Object.entries(tier).map(([key, value]) => [key === 'firstResponseTarget' ? 'firstResponse' : key, value]));
}

/**
 * A team without the keys added after hashes were first published (a dated
 * schedule, shrinkage) when they are unused: a scenario that does not use
 * them keeps its hash.
 */
function teamAsHashedBefore(team: Team): Record<string, unknown> {
  const { datedSchedule, shrinkage, shrinkageBlock, ...before } = team;
  return {
    ...before,
    ...(datedSchedule === null ? {} : { datedSchedule }),
    ...(shrinkage === 0 ? {} : { shrinkage, shrinkageBlock }),
  };
}

/** A channel without the trace's derived hourly rates (the trace's digest stands for them), and as before traces when it has none. */
function channelAsHashedBefore(channel: Channel): Record<string, unknown> {
  const { tracedRate: _tracedRate, ...before } = channel;
  return before;
}

/** A trace as what it replays: its contents' digest and how bad rows are treated, not where the file lies. */
function traceAsHashed(trace: TraceSource): Record<string, unknown> {
  return { channel: trace.channel, skipBadRows: trace.skipBadRows, digest: trace.contents?.digest ?? null };
}

/** The report settings without an empty `windows` list, so scenarios that name no window keep their earlier hash. */
function withoutNoWindows(report: Scenario['report']): Partial<Scenario['report']> {
  if (report.windows.length > 0) return report;
  const { windows: _windows, ...rest } = report;
  return rest;
}
