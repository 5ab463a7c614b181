import * as z from './zod.js';
import type { CountSpec, DistSpec } from '../core/distributions.js';
import {
  describeValue,
  parseDuration,
  parseRate,
  parseScheduleTime,
  parseShare,
  parseShareBelowOne,
  parseTimeOfDay,
  parseStartsAt,
  parseVolume,
  type Parsed,
} from './units.js';
import {
  DURATION_PATTERN,
  durationSchema,
  RATE_PATTERN,
  SCHEDULE_TIME_PATTERN,
  shareSchema,
  STARTS_AT_PATTERN,
  TIME_OF_DAY_PATTERN,
  VOLUME_CHANGE_PATTERN,
  type JsonSchema,
} from './json-patterns.js';

/**
 * zod field types for scenario files. Each accepts the raw YAML value and
 * yields the normalised one (seconds, per-second rates, multipliers), with
 * messages that name the accepted forms and echo the bad value.
 */

/** A problem inside a field; `onKey` places it at the key (unknown keys) rather than the value. */
type Issue = { message: string; path?: (string | number)[]; onKey?: boolean };

/**
 * A field parsed by a function that returns the value or a list of issues.
 * `json` is what the field accepts as a JSON Schema (for editors: `careload
 * schema`); the transform itself has none to give.
 */
function parsedField<T>(parse: (v: unknown) => Parsed<T> | { ok: false; issues: Issue[] }, json: JsonSchema) {
  const field = z.unknown().transform((v, ctx): T => {
    const r = parse(v);
    if (r.ok) return r.value;
    const issues: Issue[] = 'issues' in r ? r.issues : [{ message: r.error }];
    for (const i of issues) {
      // A required key that is absent: say so rather than "got nothing".
      const message = v === undefined && !i.path?.length ? `missing: ${i.message.replace(/, got nothing$/, '')}` : i.message;
      ctx.addIssue({ code: 'custom', message, path: i.path ?? [], params: i.onKey ? { onKey: true } : undefined });
    }
    return z.NEVER;
  });
  return field.meta(json);
}

const fail = (error: string): Parsed<never> => ({ ok: false, error });

export const duration = () => parsedField(parseDuration, durationSchema());

/** A duration that must be > 0. */
export const positiveDuration = () =>
  parsedField((v) => {
    const r = parseDuration(v);
    if (r.ok && r.value <= 0) return fail(`expected a duration > 0, got ${describeValue(v)}`);
    return r;
  }, durationSchema(true));

export const rate = () => parsedField(parseRate, { type: 'string', pattern: RATE_PATTERN });
export const volume = () =>
  parsedField(parseVolume, { anyOf: [{ type: 'string', pattern: VOLUME_CHANGE_PATTERN }, { type: 'number', minimum: 0 }] });
export const share = () => parsedField(parseShare, shareSchema());
export const timeOfDay = () => parsedField(parseTimeOfDay, { type: 'string', pattern: TIME_OF_DAY_PATTERN });
/** When the run starts: `HH:MM`, or a date-time with offset `2026-03-02T08:00:00+01:00`. */
export const startsAt = () => parsedField(parseStartsAt, { type: 'string', pattern: STARTS_AT_PATTERN });
/** A schedule step's start: `HH:MM` (daily) or `dN HH:MM` (dated). */
export const scheduleTime = () => parsedField(parseScheduleTime, { type: 'string', pattern: SCHEDULE_TIME_PATTERN });
/** A share in [0, 1), as a number or a percentage. */
export const shareBelowOne = () => parsedField(parseShareBelowOne, shareSchema(true));

/** A whole number from min to max (by default the largest exactly representable). */
export const wholeNumber = (min: number, max = Number.MAX_SAFE_INTEGER) =>
  parsedField((v) =>
    typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max
      ? { ok: true, value: v }
      : fail(`expected a whole number ${max === Number.MAX_SAFE_INTEGER ? `>= ${min}` : `from ${min} to ${max}`}, got ${describeValue(v)}`),
    { type: 'integer', minimum: min, maximum: max },
  );

/** A finite number in [min, max]. */
export const numberIn = (min: number, max = Infinity) =>
  parsedField((v) =>
    typeof v === 'number' && Number.isFinite(v) && v >= min && v <= max
      ? { ok: true, value: v }
      : fail(`expected a number${max === Infinity ? ` >= ${min}` : ` from ${min} to ${max}`}, got ${describeValue(v)}`),
    max === Infinity ? { type: 'number', minimum: min } : { type: 'number', minimum: min, maximum: max },
  );

/** A name usable as a key and in `--set` paths. */
export const NAME_PATTERN = /^[A-Za-z][A-Za-z0-9_-]*$/;
/** {@link NAME_PATTERN} as a JSON Schema. */
export const NAME_SCHEMA: JsonSchema = { type: 'string', pattern: NAME_PATTERN.source, maxLength: 100 };
export const name = () =>
  parsedField((v) =>
    typeof v === 'string' && NAME_PATTERN.test(v) && v.length <= 100
      ? { ok: true, value: v }
      : fail(`expected a name of letters, digits, _ and -, starting with a letter, got ${describeValue(v)}`),
    NAME_SCHEMA,
  );

/** A list of names (of channels, tiers, ...), resolved later by the rules. */
export const nameList = () =>
  parsedField((v) =>
    Array.isArray(v) && v.every((x) => typeof x === 'string')
      ? { ok: true, value: v }
      : fail(`expected a list of names such as [messenger, twitter], got ${describeValue(v)}`),
    { type: 'array', items: { type: 'string' } },
  );

/** A name or a list of names (triage conditions): always yields a list. */
export const nameOrList = () =>
  parsedField((v) =>
    typeof v === 'string'
      ? { ok: true, value: [v] }
      : Array.isArray(v) && v.length > 0 && v.every((x) => typeof x === 'string')
        ? { ok: true, value: v }
        : fail(`expected a name or a list of names such as [twitter, facebook], got ${describeValue(v)}`),
    { anyOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' }, minItems: 1 }] },
  );

/** A number > 0. */
export const positiveNumber = () =>
  parsedField((v) =>
    typeof v === 'number' && Number.isFinite(v) && v > 0 ? { ok: true, value: v } : fail(`expected a number > 0, got ${describeValue(v)}`),
    { type: 'number', exclusiveMinimum: 0 },
  );

/** true or false. */
export const flag = () =>
  parsedField((v) => (typeof v === 'boolean' ? { ok: true, value: v } : fail(`expected true or false, got ${describeValue(v)}`)), { type: 'boolean' });

/**
 * Named shares such as { orange: 0.6, jazztel: 40% }: each a share in [0, 1]
 * (the rules check that they add up to 1).
 */
export function parseNamedShares(v: unknown): Parsed<Record<string, number>> | { ok: false; issues: Issue[] } {
  if (v === null || typeof v !== 'object' || Array.isArray(v) || Object.keys(v).length === 0) {
    return fail(`expected shares by name such as { orange: 0.6, jazztel: 0.4 }, got ${describeValue(v)}`);
  }
  const issues: Issue[] = [];
  const out: Record<string, number> = {};
  for (const [key, raw] of Object.entries(v as Record<string, unknown>)) {
    if (!NAME_PATTERN.test(key)) {
      issues.push({ path: [key], onKey: true, message: `expected a name of letters, digits, _ and -, starting with a letter, got ${describeValue(key)}` });
      continue;
    }
    const r = parseShare(raw);
    if (r.ok) out[key] = r.value;
    else issues.push({ path: [key], message: r.error });
  }
  return issues.length > 0 ? { ok: false, issues } : { ok: true, value: out };
}

export const namedShares = () =>
  parsedField(parseNamedShares, { type: 'object', minProperties: 1, propertyNames: { pattern: NAME_PATTERN.source }, additionalProperties: shareSchema() });

/** A fixed set of words. */
export const oneOf = <T extends string>(words: readonly T[]) =>
  parsedField((v) =>
    typeof v === 'string' && (words as readonly string[]).includes(v)
      ? { ok: true, value: v as T }
      : fail(`expected one of ${words.join(', ')}, got ${describeValue(v)}`),
    { type: 'string', enum: [...words] },
  );

/** `expected X, got Y`, or `missing: expected X` for an absent key. */
function expectedGot(what: string, input: unknown): string {
  return input === undefined ? `missing: expected ${what}` : `expected ${what}, got ${describeValue(input)}`;
}

/** A mapping with exactly these keys, in zod terms, with a readable type error. */
export function mapping<S extends z.core.$ZodLooseShape>(what: string, shape: S) {
  const accepted = Object.keys(shape).join(', ');
  return z.strictObject(shape, {
    error: (iss) =>
      iss.code === 'unrecognized_keys'
        ? `unknown key; accepted keys here: ${accepted}`
        : iss.code === 'invalid_type'
          ? expectedGot(what, iss.input)
          : undefined,
  });
}

/** A mapping from names to entries of one shape. */
export function namedMap<T extends z.ZodType>(what: string, entry: T) {
  return z.record(z.string(), entry, { error: (iss) => expectedGot(what, iss.input) });
}

const DISTRIBUTIONS = ['exponential', 'constant', 'lognormal', 'gamma', 'uniform', 'empirical'] as const;
const DIST_KEYS: Record<(typeof DISTRIBUTIONS)[number], string[]> = {
  exponential: ['mean'],
  constant: ['value'],
  lognormal: ['mean', 'sd'],
  gamma: ['mean', 'sd'],
  uniform: ['min', 'max'],
  empirical: ['values'],
};
const DIST_FORMS =
  'a duration such as 3m (constant) or { dist: exponential|constant|lognormal|gamma|uniform|empirical, ... }';

/** Parses a duration distribution: a bare duration means constant. */
export function parseDurationDist(v: unknown): Parsed<DistSpec> | { ok: false; issues: Issue[] } {
  if (typeof v === 'string' || v === 0) {
    const d = parseDuration(v);
    return d.ok ? { ok: true, value: { dist: 'constant', value: d.value } } : fail(`expected ${DIST_FORMS}, got ${describeValue(v)}`);
  }
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return fail(`expected ${DIST_FORMS}, got ${describeValue(v)}`);
  const o = v as Record<string, unknown>;
  const kind = o.dist;
  if (typeof kind !== 'string' || !(DISTRIBUTIONS as readonly string[]).includes(kind)) {
    return { ok: false, issues: [{ path: ['dist'], message: `expected one of ${DISTRIBUTIONS.join(', ')}, got ${describeValue(kind)}` }] };
  }
  const d = kind as (typeof DISTRIBUTIONS)[number];
  const issues: Issue[] = [];
  for (const key of Object.keys(o)) {
    if (key !== 'dist' && !DIST_KEYS[d].includes(key)) {
      issues.push({ path: [key], onKey: true, message: `unknown key for dist ${d}; accepted keys here: dist, ${DIST_KEYS[d].join(', ')}` });
    }
  }
  const num = (key: string, positive: boolean): number => {
    const r = parseDuration(o[key]);
    if (!r.ok) issues.push({ path: [key], message: r.error });
    else if (positive && r.value <= 0) issues.push({ path: [key], message: `expected a duration > 0, got ${describeValue(o[key])}` });
    return r.ok ? r.value : NaN;
  };
  let spec: DistSpec;
  switch (d) {
    case 'exponential':
      spec = { dist: d, mean: num('mean', true) };
      break;
    case 'constant':
      spec = { dist: d, value: num('value', false) };
      break;
    case 'lognormal':
    case 'gamma':
      spec = { dist: d, mean: num('mean', true), sd: num('sd', false) };
      break;
    case 'uniform': {
      spec = { dist: d, min: num('min', false), max: num('max', false) };
      if (spec.max < spec.min) issues.push({ path: ['max'], message: `expected max >= min, got ${describeValue(o.max)}` });
      break;
    }
    case 'empirical': {
      const values = o.values;
      if (!Array.isArray(values) || values.length === 0) {
        issues.push({ path: ['values'], message: `expected a non-empty list of durations, got ${describeValue(values)}` });
        spec = { dist: d, values: [] };
      } else {
        spec = {
          dist: d,
          values: values.map((x, i) => {
            const r = parseDuration(x);
            if (!r.ok) issues.push({ path: ['values', i], message: r.error });
            return r.ok ? r.value : NaN;
          }),
        };
      }
      break;
    }
  }
  return issues.length > 0 ? { ok: false, issues } : { ok: true, value: spec };
}

/** The forms of {@link parseDurationDist} as a JSON Schema: a duration, or one mapping per distribution with exactly its keys. */
function durationDistSchema(): JsonSchema {
  const positive = new Set(['mean']);
  const forms = DISTRIBUTIONS.map((d): JsonSchema => {
    const params = Object.fromEntries(
      DIST_KEYS[d].map((k) => [k, k === 'values' ? { type: 'array', minItems: 1, items: durationSchema() } : durationSchema(positive.has(k))]),
    );
    return { type: 'object', properties: { dist: { const: d }, ...params }, required: ['dist', ...DIST_KEYS[d]], additionalProperties: false };
  });
  return { anyOf: [{ type: 'string', pattern: DURATION_PATTERN }, { type: 'number', const: 0 }, ...forms] };
}

export const durationDist = () => parsedField(parseDurationDist, durationDistSchema());

/** Parses a count of turns: a whole number >= 1 or { dist: geometric, mean >= 1 }. */
export function parseCount(v: unknown): Parsed<CountSpec> | { ok: false; issues: Issue[] } {
  if (typeof v === 'number' && Number.isInteger(v) && v >= 1) return { ok: true, value: { dist: 'constant', value: v } };
  if (v !== null && typeof v === 'object' && !Array.isArray(v) && (v as Record<string, unknown>).dist === 'geometric') {
    const o = v as Record<string, unknown>;
    const extra = Object.keys(o).filter((k) => k !== 'dist' && k !== 'mean');
    if (extra.length > 0) return { ok: false, issues: [{ path: [extra[0]], onKey: true, message: 'unknown key; accepted keys here: dist, mean' }] };
    const mean = o.mean;
    if (typeof mean === 'number' && Number.isFinite(mean) && mean >= 1) return { ok: true, value: { dist: 'geometric', mean } };
    return { ok: false, issues: [{ path: ['mean'], message: `expected a number >= 1, got ${describeValue(mean)}` }] };
  }
  return fail(`expected a whole number >= 1 or { dist: geometric, mean: 2.5 }, got ${describeValue(v)}`);
}

export const count = () =>
  parsedField(parseCount, {
    anyOf: [
      { type: 'integer', minimum: 1 },
      { type: 'object', properties: { dist: { const: 'geometric' }, mean: { type: 'number', minimum: 1 } }, required: ['dist', 'mean'], additionalProperties: false },
    ],
  });

/**
 * `n` weights >= 0, at least one > 0 (a channel's `profile`: 24,
 * `weekdays`: 7), passed on as written: the rules check them
 * (rules/derived.ts). The JSON Schema says what they accept, for editors.
 */
export const weights = (n: number) =>
  z.unknown().meta({ type: 'array', minItems: n, maxItems: n, items: { type: 'number', minimum: 0 }, contains: { type: 'number', exclusiveMinimum: 0 } });

/** A measurement window, `surge` or `{ from, to }`, passed on as written: the timing rules check it. */
export const measurementWindow = () =>
  z.unknown().meta({
    anyOf: [
      { const: 'surge' },
      { type: 'object', properties: { from: durationSchema(), to: durationSchema() }, additionalProperties: false },
    ],
  });
