import { describe, expect, it } from 'vitest';
import { compareLineup } from '../../src/planner/variants.js';

describe('compareLineup: the columns compare runs', () => {
  it('puts the unchanged scenario first, whatever the number of variants', () => {
    expect(compareLineup(['fifo'], []).map((v) => v.label)).toEqual(['baseline', 'fifo']);
    // Two variants used to make the first one the reference: the baseline stays first.
    expect(compareLineup(['fifo', 'priority'], ['more/staff.yaml'])).toEqual([
      { label: 'baseline', kind: 'baseline', source: null },
      { label: 'fifo', kind: 'policy', source: 'fifo' },
      { label: 'priority', kind: 'policy', source: 'priority' },
      { label: 'staff', kind: 'overlay', source: 'more/staff.yaml' },
    ]);
  });

  it('leaves it out on request, when there are two variants to compare with each other', () => {
    expect(compareLineup(['fifo'], ['x.yaml'], false).map((v) => v.label)).toEqual(['fifo', 'x']);
    expect(() => compareLineup(['fifo'], [], false)).toThrow(/at least two/);
    expect(() => compareLineup([], [])).toThrow(/name what to compare/);
  });

  it('keeps labels distinct, the baseline keeping its own', () => {
    expect(compareLineup(['fifo', 'fifo'], ['a/baseline.yaml']).map((v) => v.label)).toEqual(['baseline', 'fifo', 'fifo-2', 'baseline-2']);
  });
});
