/**
 * The JSON Schema patterns of scenario values accept exactly what the
 * loader's parsers accept: compared on strings made of the characters
 * those forms use (and on hand-picked edge cases), with the `u` flag ajv
 * and editors compile patterns with.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  DURATION_PATTERN,
  PERCENT_BELOW_100_PATTERN,
  PERCENT_PATTERN,
  POSITIVE_DURATION_PATTERN,
  RATE_PATTERN,
  SCHEDULE_TIME_PATTERN,
  STARTS_AT_PATTERN,
  TIME_OF_DAY_PATTERN,
  VOLUME_CHANGE_PATTERN,
} from '../../src/scenario/json-patterns.js';
import {
  parseDuration,
  parseRate,
  parseScheduleTime,
  parseShare,
  parseShareBelowOne,
  parseStartsAt,
  parseTimeOfDay,
  parseVolume,
  type Parsed,
} from '../../src/scenario/units.js';

interface Form {
  name: string;
  pattern: string;
  /** Whether the loader accepts the text. */
  accepts: (text: string) => boolean;
  /** Characters the generated strings are made of. */
  alphabet: string;
  /** Texts that must be accepted (and are, by the parser: checked). */
  valid: string[];
  /** Texts that must be refused. */
  invalid: string[];
}

const ok = (r: Parsed<unknown>) => r.ok;
const SPACES = ' \t\n';

const FORMS: Form[] = [
  {
    name: 'duration',
    pattern: DURATION_PATTERN,
    accepts: (t) => ok(parseDuration(t)),
    alphabet: `0123.smhdx${SPACES}`,
    valid: ['0', '90s', '3m', '2h', '1d', '1h30m', '2.5h', '.5h', ' 1h 30m ', '1 h', '0s', '1h  30m'],
    invalid: ['', ' 0', '5', '5 minutes', '1h,30m', '1.h', '1h\t30m', '1e3s', '-1h', 'h'],
  },
  {
    name: 'positive duration',
    pattern: POSITIVE_DURATION_PATTERN,
    accepts: (t) => {
      const r = parseDuration(t);
      return r.ok && r.value > 0;
    },
    alphabet: `0123.smhdx${SPACES}`,
    valid: ['90s', '0.5s', '0h1m', '10s', '.1d'],
    invalid: ['0', '0s', '0.0h', '0h 0m', '00s', '', '5'],
  },
  {
    name: 'rate',
    pattern: RATE_PATTERN,
    accepts: (t) => ok(parseRate(t)),
    alphabet: `012.smhd/x${SPACES}`,
    valid: ['200/h', '3.5/m', '0.2/s', '4800/d', ' .5 / h ', '0/h'],
    invalid: ['ten/h', '200', '200/hour', '200/ h/', '2e2/h', '/h', '1./h'],
  },
  {
    name: 'share (percentage)',
    pattern: PERCENT_PATTERN,
    accepts: (t) => ok(parseShare(t)),
    alphabet: `0159.%x${SPACES}`,
    valid: ['21%', '0%', '100%', '100.0%', '0100%', ' 99.5 % ', '5.25%'],
    invalid: ['101%', '100.5%', '1000%', '%', '21', '.5%', '-1%'],
  },
  {
    name: 'share below 100% (percentage)',
    pattern: PERCENT_BELOW_100_PATTERN,
    accepts: (t) => ok(parseShareBelowOne(t)),
    alphabet: `0159.%x${SPACES}`,
    valid: ['30%', '0%', '99.99%', '0099%'],
    invalid: ['100%', '100.0%', '150%', '30'],
  },
  {
    name: 'volume change',
    pattern: VOLUME_CHANGE_PATTERN,
    accepts: (t) => ok(parseVolume(t)),
    alphabet: `01+-5.%x${SPACES}`,
    valid: ['+63%', '-20%', '+150%', '-100%', '- 100.00 %', '+0%', '-0050%'],
    invalid: ['63%', '-101%', '-100.5%', '+%', '1.63', '+-5%'],
  },
  {
    name: 'time of day',
    pattern: TIME_OF_DAY_PATTERN,
    accepts: (t) => ok(parseTimeOfDay(t)),
    alphabet: `012345689:x${SPACES}`,
    valid: ['08:30', '8:30', '23:59', '00:00', ' 12:00 '],
    invalid: ['24:00', '12:60', '123:00', '12:5', '12.30'],
  },
  {
    name: 'schedule time',
    pattern: SCHEDULE_TIME_PATTERN,
    accepts: (t) => ok(parseScheduleTime(t)),
    alphabet: `01239:d x${SPACES}`,
    valid: ['08:00', 'd1 08:00', 'd12 23:59', 'd01  9:30', ' d2\t08:00 '],
    invalid: ['d0 08:00', 'd 08:00', 'd208:00', 'd2 24:00', 'D2 08:00'],
  },
  {
    name: 'startsAt',
    pattern: STARTS_AT_PATTERN,
    accepts: (t) => ok(parseStartsAt(t)),
    // Dates checked by month length are the loader's alone: keep generated days below 29.
    alphabet: `0129-:TZ+ `,
    valid: ['08:00', '2026-03-02T08:00:00+01:00', '2026-03-02 08:00Z', '2026-12-31T23:59:59-0530', ' 2026-01-01T00:00+00:00 '],
    invalid: ['2026-13-01T08:00Z', '2026-03-02T08:00', '2026-03-02T24:00Z', '2026-3-2T08:00Z', '08:00Z'],
  },
];

describe('JSON Schema patterns accept exactly what the loader accepts', () => {
  for (const form of FORMS) {
    const re = new RegExp(form.pattern, 'u');
    it(`${form.name}: the examples`, () => {
      for (const t of form.valid) {
        expect(form.accepts(t), `the loader accepts ${JSON.stringify(t)}`).toBe(true);
        expect(re.test(t), `the pattern accepts ${JSON.stringify(t)}`).toBe(true);
      }
      for (const t of form.invalid) {
        expect(form.accepts(t), `the loader refuses ${JSON.stringify(t)}`).toBe(false);
        expect(re.test(t), `the pattern refuses ${JSON.stringify(t)}`).toBe(false);
      }
    });

    it(`${form.name}: generated strings`, () => {
      // Short strings: a bound written with 17 significant digits could round
      // across it in floating point, which no pattern sees.
      const text = fc.string({ unit: fc.constantFrom(...form.alphabet), maxLength: 12 });
      const mixed = fc.oneof(text, fc.constantFrom(...form.valid).chain((v) => fc.tuple(fc.nat(v.length), text).map(([i, t]) => v.slice(0, i) + t.slice(0, 3) + v.slice(i))));
      fc.assert(
        fc.property(mixed, (t) => re.test(t) === form.accepts(t)),
        { numRuns: 3000 },
      );
    });
  }
});
