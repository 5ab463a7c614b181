import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatDuration } from '../../src/format/time.js';
import {
  DURATION_FORMS,
  RATE_FORMS,
  describeValue,
  parseDuration,
  parseRate,
  parseShare,
  parseTimeOfDay,
  parseVolume,
  type Parsed,
} from '../../src/scenario/units.js';

/** The value of a successful parse (fails the test otherwise). */
function valueOf<T>(r: Parsed<T>): T {
  if (!r.ok) throw new Error(`expected a value, got error: ${r.error}`);
  return r.value;
}

/** The message of a failed parse (fails the test otherwise). */
function errorOf<T>(r: Parsed<T>): string {
  if (r.ok) throw new Error(`expected an error, got value ${JSON.stringify(r.value)}`);
  return r.error;
}

describe('describeValue', () => {
  it('quotes strings and names lists and mappings', () => {
    expect(describeValue('abc')).toBe('"abc"');
    expect(describeValue(5)).toBe('5');
    expect(describeValue(undefined)).toBe('nothing');
    expect(describeValue(null)).toBe('null');
    expect(describeValue([1, 2])).toBe('a list');
    expect(describeValue({ a: 1 })).toBe('a mapping');
    expect(describeValue(true)).toBe('true');
  });
});

describe('parseDuration', () => {
  it.each([
    ['90s', 90],
    ['3m', 180],
    ['2h', 7200],
    ['1d', 86400],
    ['1h30m', 5400],
    ['2.5h', 9000],
    ['1h 30m', 5400],
    ['1d2h3m4s', 86400 + 7200 + 180 + 4],
    ['.5m', 30],
    ['  45s  ', 45],
    ['0s', 0],
    ['0', 0],
  ])('parses %j as %d seconds', (text, seconds) => {
    expect(valueOf(parseDuration(text))).toBe(seconds);
  });

  it('accepts the number 0 (the only bare number without a unit)', () => {
    expect(valueOf(parseDuration(0))).toBe(0);
  });

  it('refuses a bare number, naming the accepted forms and echoing the value', () => {
    const message = errorOf(parseDuration(5));
    expect(message).toContain(DURATION_FORMS);
    expect(message).toMatch(/90s.*3m.*2h.*1d.*1h30m.*2\.5h/);
    expect(message).toMatch(/got 5$/);
  });

  it.each(['3', '3x', '', '-1m', 'm', '1.h', '1h30', 'h1', '1 hour', '1e3s', '+1m', '1h-30m'])(
    'refuses %j with a message naming the accepted forms and echoing the text',
    (text) => {
      const message = errorOf(parseDuration(text));
      expect(message).toContain(DURATION_FORMS);
      expect(message).toContain(`got ${JSON.stringify(text)}`);
    },
  );

  it.each([
    [null, 'null'],
    [undefined, 'nothing'],
    [[1], 'a list'],
    [{ h: 1 }, 'a mapping'],
    [-60, '-60'],
    [true, 'true'],
  ])('refuses non-string %j, describing it as %s', (value, described) => {
    const message = errorOf(parseDuration(value));
    expect(message).toBe(`expected ${DURATION_FORMS}, got ${described}`);
  });
});

describe('parseRate', () => {
  it.each([
    ['200/h', 200 / 3600],
    ['3.5/m', 3.5 / 60],
    ['0.2/s', 0.2],
    ['4800/d', 4800 / 86400],
    [' 10 / h ', 10 / 3600],
    ['0/h', 0],
    ['.5/s', 0.5],
  ])('parses %j as %d per second', (text, perSecond) => {
    expect(valueOf(parseRate(text))).toBeCloseTo(perSecond, 15);
  });

  it.each([['200'], ['200/hour'], ['-1/h'], ['/h'], ['200/h/h'], [''], ['200/x']])(
    'refuses %j, naming the accepted forms and echoing the text',
    (text) => {
      const message = errorOf(parseRate(text));
      expect(message).toContain(RATE_FORMS);
      expect(message).toContain(`got ${JSON.stringify(text)}`);
    },
  );

  it('refuses a bare number', () => {
    expect(errorOf(parseRate(200))).toBe(`expected ${RATE_FORMS}, got 200`);
  });
});

describe('parseVolume', () => {
  it.each([
    ['+63%', 1.63],
    ['-20%', 0.8],
    ['+0%', 1],
    ['-100%', 0],
    ['+150%', 2.5],
    [' + 10 % ', 1.1],
  ])('parses the change %j as multiplier %d', (text, multiplier) => {
    expect(valueOf(parseVolume(text))).toBeCloseTo(multiplier, 12);
  });

  it.each([1.63, 0, 1, 3])('accepts the multiplier %d as is', (m) => {
    expect(valueOf(parseVolume(m))).toBe(m);
  });

  it.each([['-150%'], ['63%'], ['+63'], ['1.63'], ['abc'], ['']])(
    'refuses %j with a message naming both accepted forms',
    (text) => {
      const message = errorOf(parseVolume(text));
      expect(message).toContain('+63%');
      expect(message).toContain('-20%');
      expect(message).toContain('1.63');
      expect(message).toContain(`got ${JSON.stringify(text)}`);
    },
  );

  it.each([[-0.5, '-0.5'], [Infinity, 'Infinity'], [NaN, 'NaN'], [null, 'null']])(
    'refuses the multiplier %d',
    (value, described) => {
      expect(errorOf(parseVolume(value))).toMatch(new RegExp(`got ${described}$`));
    },
  );
});

describe('parseShare', () => {
  it.each([
    [0.21, 0.21],
    [0, 0],
    [1, 1],
    ['21%', 0.21],
    ['0%', 0],
    ['100%', 1],
    [' 12.5 % ', 0.125],
  ])('parses %j as %d', (v, share) => {
    expect(valueOf(parseShare(v))).toBeCloseTo(share, 15);
  });

  it.each([[1.5, '1.5'], [-0.1, '-0.1'], ['101%', '"101%"'], ['-5%', '"-5%"'], ['0.21', '"0.21"'], [NaN, 'NaN'], [null, 'null']])(
    'refuses %j, naming the accepted forms',
    (v, described) => {
      const message = errorOf(parseShare(v));
      expect(message).toContain('0.21');
      expect(message).toContain('21%');
      expect(message).toMatch(new RegExp(`got ${described.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`));
    },
  );
});

describe('parseTimeOfDay', () => {
  it.each([
    ['08:30', 8 * 3600 + 30 * 60],
    ['8:30', 8 * 3600 + 30 * 60],
    ['00:00', 0],
    ['23:59', 23 * 3600 + 59 * 60],
    [' 12:00 ', 12 * 3600],
  ])('parses %j as %d seconds after midnight', (text, seconds) => {
    expect(valueOf(parseTimeOfDay(text))).toBe(seconds);
  });

  it.each([['24:00'], ['12:60'], ['8'], ['8:5'], ['08:30:00'], ['noon'], ['']])(
    'refuses %j with a message naming the form HH:MM',
    (text) => {
      const message = errorOf(parseTimeOfDay(text));
      expect(message).toContain('"HH:MM"');
      expect(message).toContain('"08:30"');
      expect(message).toContain(`got ${JSON.stringify(text)}`);
    },
  );

  it('refuses a number (e.g. YAML 1.1 sexagesimal 8:30 read as 510)', () => {
    expect(errorOf(parseTimeOfDay(510))).toMatch(/got 510$/);
  });
});

describe('formatDuration', () => {
  it.each([
    [0, '0s'],
    [45, '45s'],
    [60, '1m'],
    [90, '1m30s'],
    [3600, '1h'],
    [5400, '1h30m'],
    [86400, '1d'],
    [90061, '1d1h1m1s'],
    [0.5, '0.5s'],
  ])('formats %d seconds as %j', (seconds, text) => {
    expect(formatDuration(seconds)).toBe(text);
  });

  it('leaves non-finite values readable', () => {
    expect(formatDuration(Infinity)).toBe('Infinity');
  });

  it('round trips through parseDuration for every whole number of seconds', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 400 * 86400 }), (seconds) => {
        const text = formatDuration(seconds);
        expect(text).toMatch(/^(\d+d)?(\d+h)?(\d+m)?(\d+s)?$/);
        expect(valueOf(parseDuration(text))).toBe(seconds);
      }),
      { numRuns: 2000 },
    );
  });

  it('parseDuration then formatDuration is canonical for compound durations', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 30 }),
        fc.integer({ min: 0, max: 23 }),
        fc.integer({ min: 0, max: 59 }),
        fc.integer({ min: 0, max: 59 }),
        (d, h, m, s) => {
          const text = `${d}d ${h}h ${m}m ${s}s`;
          const seconds = valueOf(parseDuration(text));
          expect(seconds).toBe(d * 86400 + h * 3600 + m * 60 + s);
          expect(valueOf(parseDuration(formatDuration(seconds)))).toBe(seconds);
        },
      ),
    );
  });
});
