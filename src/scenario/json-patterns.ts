/**
 * The value forms of scenario files (units.ts, fields.ts) as JSON Schema
 * fragments, for editors: each pattern accepts exactly the text its parser
 * accepts (tests/unit/json-patterns.test.ts compares them on generated
 * strings), except where a bound is numeric rather than textual (noted).
 */

/** A JSON Schema fragment (draft-07). */
export type JsonSchema = { [key: string]: unknown };

/** One `90s`, `2.5h`, `.5d`: a number and a unit, spaces allowed between them. */
const PART = String.raw`(?:\d+(?:\.\d+)?|\.\d+)\s*[smhd]`;
/** Parts one after another, separated by spaces only, surrounding white space trimmed (as durationSeconds reads them). */
const PARTS = String.raw`\s*(?:${PART} *)+\s*`;

/** A duration such as `90s`, `3m`, `1h30m`, `2.5h`, or the text `0`. */
export const DURATION_PATTERN = String.raw`^(?:0|${PARTS})$`;
/** A duration > 0: the same forms, with at least one digit other than 0 (every part adds a non-negative amount). */
export const POSITIVE_DURATION_PATTERN = String.raw`^(?=[^1-9]*[1-9])${PARTS}$`;
/** A rate `N/s|m|h|d` such as `200/h`. */
export const RATE_PATTERN = String.raw`^\s*(?:\d+(?:\.\d+)?|\.\d+)\s*\/\s*[smhd]\s*$`;
/** A percentage from 0 to 100 such as `21%`. */
export const PERCENT_PATTERN = String.raw`^\s*0*(?:\d{1,2}(?:\.\d+)?|100(?:\.0+)?)\s*%\s*$`;
/** A percentage from 0 to below 100 such as `30%`. */
export const PERCENT_BELOW_100_PATTERN = String.raw`^\s*0*\d{1,2}(?:\.\d+)?\s*%\s*$`;
/** A change of volume `+63%` (any size) or `-20%` (at most 100: the volume cannot go below 0). */
export const VOLUME_CHANGE_PATTERN = String.raw`^\s*(?:\+\s*\d+(?:\.\d+)?|-\s*0*(?:\d{1,2}(?:\.\d+)?|100(?:\.0+)?))\s*%\s*$`;
/** `HH:MM`, hours 0-23 (one or two digits), minutes 00-59. */
const TIME = String.raw`(?:[01]?\d|2[0-3]):[0-5]\d`;
/** A time of day `"08:30"`. */
export const TIME_OF_DAY_PATTERN = String.raw`^\s*${TIME}\s*$`;
/** A schedule step's `at`: `"08:00"` (daily) or `"d2 08:00"` (dated: day N >= 1 of the run). */
export const SCHEDULE_TIME_PATTERN = String.raw`^\s*(?:d0*[1-9]\d*\s+)?${TIME}\s*$`;
/**
 * `startsAt`: `"08:00"`, or an ISO 8601 date-time with its offset such as
 * `"2026-03-02T08:00:00+01:00"`. The pattern checks the ranges of month,
 * day, hour, minute and second; the loader also refuses a day the month
 * does not have (February 30).
 */
export const STARTS_AT_PATTERN = String.raw`^\s*(?:${TIME}|\d{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])[T ](?:[01]\d|2[0-3]):[0-5]\d(?::[0-5]\d)?\s*(?:Z|[+-]\d{2}:?\d{2}))\s*$`;

/** A duration, as a scenario writes it: text with a unit, or the number 0. */
export function durationSchema(positive = false): JsonSchema {
  return positive
    ? { type: 'string', pattern: POSITIVE_DURATION_PATTERN }
    : { anyOf: [{ type: 'string', pattern: DURATION_PATTERN }, { type: 'number', const: 0 }] };
}

/** A share in [0, 1] (or [0, 1) when `belowOne`): a number or a percentage. */
export function shareSchema(belowOne = false): JsonSchema {
  return {
    anyOf: [
      belowOne ? { type: 'number', minimum: 0, exclusiveMaximum: 1 } : { type: 'number', minimum: 0, maximum: 1 },
      { type: 'string', pattern: belowOne ? PERCENT_BELOW_100_PATTERN : PERCENT_PATTERN },
    ],
  };
}
