/**
 * The threshold grammar, after k6's: a metric key with optional tags, and
 * one or more conditions on an aggregation of it.
 *
 *     slaAttainment{tier:urgent}        >= 90%
 *     firstResponse{channel:messenger}  p(90) < 2h
 *     abandonRate                       rate < 0.03
 *
 * This module only reads and writes the text (durations through format/time.ts); which metrics, tags and
 * aggregations exist is said by ./catalog.ts.
 */
import { durationSeconds } from '../format/time.js';

/** A comparison operator. */
export type Operator = '<' | '<=' | '>' | '>=';

/** How per-replication values of a metric are aggregated before the comparison. */
export type Aggregation =
  | { kind: 'avg' | 'med' | 'min' | 'max' | 'rate' | 'count' | 'value' }
  | { kind: 'p'; percentile: number };

/** A target value as written: a plain number, a percentage, or a duration in seconds. */
export type TargetValue = { unit: 'number' | 'percent' | 'duration'; value: number; text: string };

/** One condition: `[aggregation] operator value`; a missing aggregation is the metric's default. */
export interface Condition {
  aggregation: Aggregation | null;
  operator: Operator;
  target: TargetValue;
}

/** A metric key: its name and tags such as `{tier: urgent}` (sorted by tag name). */
export interface MetricKey {
  name: string;
  tags: Record<string, string>;
}

/** Outcome of a parse: the value, or a message that says what was expected. */
export type ParseResult<T> = { ok: true; value: T } | { ok: false; error: string };

const NAME = /^[A-Za-z][A-Za-z0-9_]*$/;
const TAG_VALUE = /^[A-Za-z0-9_-]+$/;

/** The accepted forms, for error messages. */
export const CONDITION_FORMS = "'>= 80%', 'rate >= 0.8', 'p(90) < 2h', 'avg < 45m', 'count < 100'";
export const KEY_FORMS = "'slaAttainment' or 'slaAttainment{tier:urgent}'";

/** Parses a metric key such as `firstResponse{channel:messenger,tier:urgent}`. */
export function parseMetricKey(text: string): ParseResult<MetricKey> {
  const m = /^\s*([^{\s]+)\s*(?:\{([^}]*)\})?\s*$/.exec(text);
  const bad = (why: string): ParseResult<MetricKey> => ({ ok: false, error: `${why}: expected a metric such as ${KEY_FORMS}, got ${JSON.stringify(text)}` });
  if (!m) return bad('malformed metric');
  const name = m[1];
  if (!NAME.test(name)) return bad('malformed metric name');
  const tags: Record<string, string> = {};
  if (m[2] !== undefined) {
    const parts = m[2].split(',').map((p) => p.trim());
    if (parts.length === 1 && parts[0] === '') return bad('empty tags');
    for (const part of parts) {
      const t = /^([A-Za-z]+)\s*:\s*(.+)$/.exec(part);
      if (!t || !TAG_VALUE.test(t[2].trim())) return bad(`malformed tag ${JSON.stringify(part)}`);
      if (Object.hasOwn(tags, t[1])) return bad(`tag ${t[1]} given twice`);
      tags[t[1]] = t[2].trim();
    }
  }
  return { ok: true, value: { name, tags: sortedTags(tags) } };
}

function sortedTags(tags: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(tags).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** Parses a condition such as `p(90) < 2h`, `rate>=0.8` or `>= 80%`. */
export function parseCondition(text: string): ParseResult<Condition> {
  const m = /^\s*(?:(avg|med|min|max|rate|count|value|p\(\s*([0-9.]+)\s*\)))?\s*(<=|>=|<|>)\s*(\S+(?:\s+\S+)*)\s*$/.exec(text);
  const bad = (why: string): ParseResult<Condition> => ({ ok: false, error: `${why}: expected a condition such as ${CONDITION_FORMS}, got ${JSON.stringify(text)}` });
  if (!m) return bad('malformed condition');
  let aggregation: Aggregation | null = null;
  if (m[1] !== undefined) {
    if (m[2] !== undefined) {
      const p = Number(m[2]);
      if (!(p > 0 && p < 100)) return bad(`p(${m[2]}) needs a percentile strictly between 0 and 100`);
      aggregation = { kind: 'p', percentile: p };
    } else {
      aggregation = { kind: m[1] as Exclude<Aggregation['kind'], 'p'> };
    }
  }
  const target = parseTarget(m[4]);
  if (!target) return bad(`malformed value ${JSON.stringify(m[4])}`);
  return { ok: true, value: { aggregation, operator: m[3] as Operator, target } };
}

/** A number (`0.8`, `100`), a percentage (`80%`) or a duration (`2h`, `1h30m`, `45s`). */
export function parseTarget(text: string): TargetValue | null {
  const t = text.trim();
  if (/^[+-]?(\d+(\.\d+)?|\.\d+)(e[+-]?\d+)?$/i.test(t)) return { unit: 'number', value: Number(t), text: t };
  const pct = /^(\d+(?:\.\d+)?|\.\d+)\s*%$/.exec(t);
  if (pct) return { unit: 'percent', value: Number(pct[1]) / 100, text: t };
  const seconds = durationSeconds(t);
  return seconds === null ? null : { unit: 'duration', value: seconds, text: t };
}

/**
 * Parses the command-line form `metric[{tags}] condition`, e.g.
 * `slaAttainment{tier:urgent} >= 0.9`.
 */
export function parseThresholdExpression(text: string): ParseResult<{ key: MetricKey; condition: Condition; conditionText: string }> {
  const m = /^\s*([A-Za-z][A-Za-z0-9_]*\s*(?:\{[^}]*\})?)\s*(.*)$/.exec(text);
  if (!m || m[2].trim() === '') {
    return { ok: false, error: `expected a threshold such as 'slaAttainment{tier:urgent} >= 0.9' or 'firstResponse p(90) < 2h', got ${JSON.stringify(text)}` };
  }
  const key = parseMetricKey(m[1]);
  if (!key.ok) return key;
  const condition = parseCondition(m[2]);
  if (!condition.ok) return condition;
  return { ok: true, value: { key: key.value, condition: condition.value, conditionText: m[2].trim() } };
}

/** Writes a metric key back in its canonical form (tags sorted). */
export function formatMetricKey(key: MetricKey): string {
  const tags = Object.entries(key.tags);
  return tags.length === 0 ? key.name : `${key.name}{${tags.map(([k, v]) => `${k}:${v}`).join(',')}}`;
}

/** Writes an aggregation back: `avg`, `p(90)`. */
export function formatAggregation(a: Aggregation): string {
  return a.kind === 'p' ? `p(${a.percentile})` : a.kind;
}

/** Writes a condition back in its canonical form: `p(90) < 2h`, `>= 80%`. */
export function formatCondition(c: Condition): string {
  return `${c.aggregation ? `${formatAggregation(c.aggregation)} ` : ''}${c.operator} ${c.target.text}`;
}

/** True when `observed` satisfies `operator target`. */
export function holds(observed: number, operator: Operator, target: number): boolean {
  switch (operator) {
    case '<':
      return observed < target;
    case '<=':
      return observed <= target;
    case '>':
      return observed > target;
    case '>=':
      return observed >= target;
  }
}
