import { describe, it, expect } from 'vitest';
import { METRICS } from '../../src/thresholds/catalog.js';
import { resolveThreshold, type ThresholdNames } from '../../src/thresholds/resolve.js';

const names: ThresholdNames = { tiers: ['urgent', 'standard'], channels: ['messenger', 'twitter'], brands: ['sosh'], teams: ['desk', 'crisis'] };
const ok = (key: string, condition: string, confidence: number | null = null) => {
  const r = resolveThreshold(key, condition, confidence, names);
  if (!r.ok) throw new Error(r.error);
  return r.value;
};
const error = (key: string, condition: string, confidence: number | null = null) => {
  const r = resolveThreshold(key, condition, confidence, names);
  expect(r.ok).toBe(false);
  return r.ok ? '' : r.error;
};

describe('resolving thresholds against a scenario', () => {
  it('reads shares with the default aggregation, in fractions', () => {
    expect(ok('slaAttainment', '>= 80%')).toMatchObject({
      metric: 'slaAttainment', condition: '>= 80%', unit: 'share', scope: { kind: 'overall' }, aggregation: { kind: 'rate' }, operator: '>=', target: 0.8, confidence: null,
    });
    expect(ok('slaAttainment{tier:urgent}', 'rate >= 0.9', 0.99)).toMatchObject({ scope: { kind: 'tier', index: 0, name: 'urgent' }, target: 0.9, confidence: 0.99 });
  });

  it('reads durations with aggregations, in seconds', () => {
    expect(ok('firstResponse{channel:twitter}', 'p(90) < 2h')).toMatchObject({ scope: { kind: 'channel', index: 1 }, aggregation: { kind: 'p', percentile: 90 }, target: 7200, unit: 'seconds' });
    expect(ok('wait', 'avg < 45m').aggregation).toEqual({ kind: 'avg' });
    expect(ok('nextResponse{brand:sosh}', 'max <= 1d').scope).toEqual({ kind: 'brand', index: 0, name: 'sosh' });
  });

  it('reads team metrics per team', () => {
    expect(ok('utilization{team:crisis}', '<= 0.9').scope).toEqual({ kind: 'team', index: 1, name: 'crisis' });
    expect(ok('handled{team:desk}', 'count > 100').unit).toBe('count');
    expect(error('handled', 'count > 100')).toBe('handled is per team: name one, e.g. handled{team:desk}');
  });

  it.each([
    ['sla', '>= 80%', 'unknown metric "sla"; known: slaAttainment'],
    ['slaAttainment{tier:vip}', '>= 80%', 'unknown tier "vip"; known: urgent, standard'],
    ['slaAttainment{team:desk}', '>= 80%', 'slaAttainment takes the tags tier, channel, brand, not "team"'],
    ['slaAttainment{tier:urgent,channel:twitter}', '>= 80%', 'one scope at a time: tier and channel cannot be combined'],
    ['slaAttainment{window:outage}', '>= 80%', 'unknown window "outage"; known: (none: name windows under report.windows)'],
    ['slaAttainment', 'p(90) >= 80%', 'slaAttainment takes rate, not "p(90)"'],
    ['slaAttainment', '>= 2h', 'slaAttainment is a share: expected a value between 0 and 1'],
    ['slaAttainment', '>= 1.5', 'slaAttainment is a share'],
    ['firstResponse', 'avg < 45', 'firstResponse is a duration: expected a value with a unit such as 45m or 2h, got "45"'],
    ['firstResponse', 'rate < 45m', 'firstResponse takes avg, med, p(N), min, max, not "rate"'],
    ['arrivals', 'count < 10%', 'arrivals is a count: expected a plain number, got "10%"'],
    ['slaAttainment', '== 1', 'malformed condition'],
  ])('refuses %s %s', (key, condition, message) => {
    expect(error(key, condition)).toContain(message);
  });

  describe('named windows (window:)', () => {
    const withWindows: ThresholdNames = { ...names, windows: ['outage', 'week'] };
    const resolve = (key: string, condition: string) => resolveThreshold(key, condition, null, withWindows);

    it('reads a window alone or with a scope tag, in the canonical key', () => {
      const alone = resolve('slaAttainment{window:week}', '>= 80%');
      expect(alone).toMatchObject({ ok: true, value: { metric: 'slaAttainment{window:week}', scope: { kind: 'overall' }, window: { index: 1, name: 'week' } } });
      const both = resolve('firstResponse{window:outage, tier:urgent}', 'p(90) < 1h');
      expect(both).toMatchObject({ ok: true, value: { metric: 'firstResponse{tier:urgent,window:outage}', scope: { kind: 'tier', index: 0 }, window: { index: 0, name: 'outage' } } });
      expect(resolve('utilization{team:crisis,window:week}', '<= 0.9')).toMatchObject({ ok: true, value: { scope: { kind: 'team', index: 1 }, window: { index: 1 } } });
    });

    it('leaves thresholds without the tag on report.window', () => {
      expect(ok('slaAttainment{tier:urgent}', '>= 80%').window).toBeNull();
    });

    it('refuses an unknown window, listing the known ones', () => {
      expect(resolve('slaAttainment{window:month}', '>= 80%')).toEqual({ ok: false, error: 'unknown window "month"; known: outage, week' });
    });

    it('still takes one scope at a time and a team for team metrics', () => {
      const errorOf = (key: string, condition: string) => {
        const r = resolve(key, condition);
        return r.ok ? '' : r.error;
      };
      expect(errorOf('slaAttainment{tier:urgent,channel:twitter,window:week}', '>= 80%')).toContain('one scope at a time');
      expect(errorOf('handled{window:week}', 'count > 1')).toContain('handled is per team');
    });
  });

  it('refuses a confidence outside (0, 1)', () => {
    expect(error('slaAttainment', '>= 80%', 1)).toContain('confidence: expected a share strictly between 0 and 1');
  });

  it('every metric in the catalogue resolves in its default form', () => {
    for (const m of METRICS) {
      const key = m.tags.includes('tier') ? m.name : `${m.name}{team:desk}`;
      const value = m.unit === 'share' ? '>= 50%' : m.unit === 'seconds' ? '< 1h' : '>= 0';
      expect(ok(key, value).name).toBe(m.name);
    }
  });
});
