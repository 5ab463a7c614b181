import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import {
  formatCondition,
  formatMetricKey,
  parseCondition,
  parseMetricKey,
  parseTarget,
  parseThresholdExpression,
  type Condition,
  type MetricKey,
} from '../../src/thresholds/grammar.js';

describe('metric keys', () => {
  it('reads a name and sorted tags', () => {
    expect(parseMetricKey('slaAttainment')).toEqual({ ok: true, value: { name: 'slaAttainment', tags: {} } });
    expect(parseMetricKey('firstResponse{tier:urgent, channel:messenger}')).toEqual({
      ok: true,
      value: { name: 'firstResponse', tags: { channel: 'messenger', tier: 'urgent' } },
    });
  });

  it.each(['', '1abc', 'x{}', 'x{tier}', 'x{tier:a,tier:b}', 'x{tier:a b}', 'x y'])('refuses %j with the accepted forms', (text) => {
    const r = parseMetricKey(text);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toContain("expected a metric such as 'slaAttainment'");
  });
});

describe('conditions', () => {
  it('reads aggregations, operators and values with units', () => {
    expect(parseCondition('>= 80%')).toEqual({ ok: true, value: { aggregation: null, operator: '>=', target: { unit: 'percent', value: 0.8, text: '80%' } } });
    expect(parseCondition('p(90) < 2h')).toEqual({
      ok: true,
      value: { aggregation: { kind: 'p', percentile: 90 }, operator: '<', target: { unit: 'duration', value: 7200, text: '2h' } },
    });
    expect(parseCondition('rate>=0.8')).toMatchObject({ ok: true, value: { aggregation: { kind: 'rate' }, operator: '>=', target: { value: 0.8 } } });
    expect(parseCondition('avg < 1h30m')).toMatchObject({ ok: true, value: { target: { unit: 'duration', value: 5400 } } });
    expect(parseCondition('count<100')).toMatchObject({ ok: true, value: { aggregation: { kind: 'count' }, target: { unit: 'number', value: 100 } } });
  });

  it.each(['', '80%', '== 1', '>= ', 'p(0) < 1h', 'p(100) < 1h', 'p(x) < 1h', 'mean < 3', '>= 80 %%', '< 2 hours'])('refuses %j', (text) => {
    const r = parseCondition(text);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(/expected a condition such as/);
  });

  it('reads durations as seconds', () => {
    expect(parseTarget('45s')?.value).toBe(45);
    expect(parseTarget('1d2h')?.value).toBe(93600);
    expect(parseTarget('2.5h')?.value).toBe(9000);
    expect(parseTarget('3 parsecs')).toBeNull();
  });
});

describe('the command-line form', () => {
  it('splits metric and condition', () => {
    const r = parseThresholdExpression('slaAttainment{tier:urgent} >= 0.9');
    expect(r).toMatchObject({ ok: true, value: { key: { name: 'slaAttainment', tags: { tier: 'urgent' } }, condition: { operator: '>=', target: { value: 0.9 } } } });
    expect(parseThresholdExpression('firstResponse p(95)<45m')).toMatchObject({ ok: true, value: { condition: { aggregation: { kind: 'p', percentile: 95 } } } });
  });

  it('refuses an expression without a condition', () => {
    expect(parseThresholdExpression('slaAttainment').ok).toBe(false);
    expect(parseThresholdExpression('>= 0.9').ok).toBe(false);
  });
});

const name = fc.stringMatching(/^[A-Za-z][A-Za-z0-9_]{0,12}$/);
const tagValue = fc.stringMatching(/^[A-Za-z0-9_-]{1,10}$/);
const key: fc.Arbitrary<MetricKey> = fc.record({
  name,
  tags: fc.dictionary(fc.constantFrom('tier', 'channel', 'team', 'brand', 'window'), tagValue, { maxKeys: 3 }),
});
const target = fc.oneof(
  fc.double({ min: 0, max: 1e6, noNaN: true }).map((v) => String(v)),
  fc.integer({ min: 0, max: 100 }).map((v) => `${v}%`),
  fc.tuple(fc.integer({ min: 1, max: 99 }), fc.constantFrom('s', 'm', 'h', 'd')).map(([n, u]) => `${n}${u}`),
);
const aggregation = fc.option(
  fc.oneof(fc.constantFrom('avg', 'med', 'min', 'max', 'rate', 'count', 'value'), fc.integer({ min: 1, max: 99 }).map((p) => `p(${p})`)),
  { nil: undefined },
);

describe('round trips (fast-check)', () => {
  it('format(parse(key)) is the canonical key and parses back to the same key', () => {
    fc.assert(
      fc.property(key, (k) => {
        const text = formatMetricKey(k);
        const back = parseMetricKey(text);
        expect(back.ok).toBe(true);
        if (back.ok) {
          expect(back.value.name).toBe(k.name);
          expect(back.value.tags).toEqual(k.tags);
          // The canonical form sorts tags, and is stable.
          const canonical = formatMetricKey(back.value);
          expect(parseMetricKey(canonical)).toEqual(back);
          expect(Object.keys(back.value.tags)).toEqual(Object.keys(k.tags).sort());
        }
      }),
    );
  });

  it('conditions survive format and parse, spaced or not', () => {
    fc.assert(
      fc.property(aggregation, fc.constantFrom('<', '<=', '>', '>='), target, fc.boolean(), (agg, op, value, spaced) => {
        const sep = spaced ? ' ' : '';
        const text = `${agg ?? ''}${sep}${op}${sep}${value}`;
        const first = parseCondition(text);
        expect(first.ok).toBe(true);
        if (!first.ok) return;
        const c: Condition = first.value;
        const again = parseCondition(formatCondition(c));
        expect(again).toEqual(first);
      }),
    );
  });
});
