import { FIELD_COUNT, TEAM_FIELD_COUNT } from './fields.js';

/**
 * Where each scope's row sits in the per-scope accumulators: scope 0 is
 * overall, then one scope per channel, then one per tier, then one per
 * brand. Every writer and reader of those rows asks this class, so the
 * layout is written down once.
 */
export class Scopes {
  /** The overall scope. */
  static readonly overall = 0;
  /** Number of scopes. */
  readonly count: number;
  /** Scope of tier 0. */
  readonly firstTier: number;
  /** Scope of brand 0. */
  readonly firstBrand: number;

  constructor(
    readonly channels: number,
    readonly tiers: number,
    readonly brands = 0,
  ) {
    this.firstTier = 1 + channels;
    this.firstBrand = this.firstTier + tiers;
    this.count = this.firstBrand + brands;
  }

  /** The scope layout of a scenario. */
  static of(scenario: { readonly channels: readonly unknown[]; readonly tiers: readonly unknown[]; readonly brands?: readonly unknown[] }): Scopes {
    return new Scopes(scenario.channels.length, scenario.tiers.length, scenario.brands?.length ?? 0);
  }

  /** Scope of channel `channel`. */
  channel(channel: number): number {
    return 1 + channel;
  }

  /** Scope of tier `tier`. */
  tier(tier: number): number {
    return this.firstTier + tier;
  }

  /** Scope of brand `brand`. */
  brand(brand: number): number {
    return this.firstBrand + brand;
  }

  /**
   * Row of `scope` in measurement window `window`'s block of the per-scope
   * accumulators (window 0: report.window, k: the k-th named window). Every
   * index function (fieldIndex, histograms, extremes) takes this row as its
   * scope; window 0's rows are the scopes themselves.
   */
  inWindow(window: number, scope: number): number {
    return window * this.count + scope;
  }
}

/** Slots of a scope's row of extremes: the smallest and largest duration of each kind seen. */
export const Extreme = {
  waitMin: 0,
  waitMax: 1,
  firstResponseMin: 2,
  firstResponseMax: 3,
  nextResponseMin: 4,
  nextResponseMax: 5,
} as const;
export const EXTREME_COUNT = 6;

/** Index of `field` (see Field) in scope `scope`'s row of a fields array. */
export function fieldIndex(scope: number, field: number): number {
  return scope * FIELD_COUNT + field;
}

/** Index of `field` (see TeamField) in team `team`'s row of a teams array. */
export function teamFieldIndex(team: number, field: number): number {
  return team * TEAM_FIELD_COUNT + field;
}
