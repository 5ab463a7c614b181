import { FIELD_COUNT, TEAM_FIELD_COUNT } from './fields.js';

/**
 * Where each scope's row sits in the per-scope accumulators: scope 0 is
 * overall, then one scope per channel, then one per tier. Every writer and
 * reader of those rows asks this class, so the layout is written down once.
 */
export class Scopes {
  /** The overall scope. */
  static readonly overall = 0;
  /** Number of scopes. */
  readonly count: number;
  /** Scope of tier 0. */
  readonly firstTier: number;

  constructor(
    readonly channels: number,
    readonly tiers: number,
  ) {
    this.firstTier = 1 + channels;
    this.count = this.firstTier + tiers;
  }

  /** The scope layout of a scenario. */
  static of(scenario: { readonly channels: readonly unknown[]; readonly tiers: readonly unknown[] }): Scopes {
    return new Scopes(scenario.channels.length, scenario.tiers.length);
  }

  /** Scope of channel `channel`. */
  channel(channel: number): number {
    return 1 + channel;
  }

  /** Scope of tier `tier`. */
  tier(tier: number): number {
    return this.firstTier + tier;
  }
}

/** Index of `field` (see Field) in scope `scope`'s row of a fields array. */
export function fieldIndex(scope: number, field: number): number {
  return scope * FIELD_COUNT + field;
}

/** Index of `field` (see TeamField) in team `team`'s row of a teams array. */
export function teamFieldIndex(team: number, field: number): number {
  return team * TEAM_FIELD_COUNT + field;
}
