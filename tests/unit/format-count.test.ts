import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatCount } from '../../src/format/count.js';

describe('formatCount', () => {
  it('groups thousands as toLocaleString("en-US") does', () => {
    expect(formatCount(0)).toBe('0');
    expect(formatCount(999)).toBe('999');
    expect(formatCount(1000)).toBe('1,000');
    expect(formatCount(1_000_000)).toBe('1,000,000');
    expect(formatCount(-1234567)).toBe('-1,234,567');
    expect(formatCount(-0)).toBe((-0).toLocaleString('en-US'));
  });

  it('agrees with toLocaleString("en-US") on any safe integer, and on fractions', () => {
    fc.assert(fc.property(fc.maxSafeInteger(), (n) => formatCount(n) === n.toLocaleString('en-US')));
    fc.assert(fc.property(fc.double({ noNaN: true }), (x) => formatCount(x) === x.toLocaleString('en-US')));
  });
});
