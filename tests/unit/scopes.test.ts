import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { FIELD_COUNT, TEAM_FIELD_COUNT } from '../../src/metrics/fields.js';
import { fieldIndex, Scopes, teamFieldIndex } from '../../src/metrics/scopes.js';

describe('Scopes', () => {
  it('numbers overall, then channels, then tiers', () => {
    const s = new Scopes(3, 2);
    expect(Scopes.overall).toBe(0);
    expect([0, 1, 2].map((c) => s.channel(c))).toEqual([1, 2, 3]);
    expect([0, 1].map((t) => s.tier(t))).toEqual([4, 5]);
    expect(s.firstTier).toBe(4);
    expect(s.count).toBe(6);
  });

  it('reads the layout from a scenario', () => {
    const s = Scopes.of({ channels: ['a', 'b'], tiers: ['x'] });
    expect(s.count).toBe(4);
    expect(s.tier(0)).toBe(3);
  });

  it('gives every scope of every layout its own row, inside the table', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 20 }), fc.integer({ min: 1, max: 20 }), (channels, tiers) => {
        const s = new Scopes(channels, tiers);
        const all = [Scopes.overall, ...Array.from({ length: channels }, (_, c) => s.channel(c)), ...Array.from({ length: tiers }, (_, t) => s.tier(t))];
        expect(new Set(all).size).toBe(s.count);
        expect(Math.min(...all)).toBe(0);
        expect(Math.max(...all)).toBe(s.count - 1);
      }),
    );
  });

  it('indexes fields inside rows', () => {
    expect(fieldIndex(0, 5)).toBe(5);
    expect(fieldIndex(2, 1)).toBe(2 * FIELD_COUNT + 1);
    expect(teamFieldIndex(3, 2)).toBe(3 * TEAM_FIELD_COUNT + 2);
  });
});
