/**
 * Turns a threshold as written (`'slaAttainment{tier:urgent}': ['>= 90%']`)
 * into a {@link ThresholdSpec} checked against the scenario's names: the
 * metric exists, its tags name a tier, channel, brand or team that exists
 * and at most one named window (`window:`, one of `report.windows`), the aggregation is one the metric takes, and the value has the metric's
 * unit. Pure: the same text and names give the same result or message.
 */
import { aggregationForms, metricSpec, METRICS, NEEDS_NEXT_RESPONSE_TARGET, TEAM_ONLY, type MetricUnit, type TagName } from './catalog.js';
import {
  formatCondition,
  formatMetricKey,
  parseCondition,
  parseMetricKey,
  type Aggregation,
  type Operator,
  type ParseResult,
} from './grammar.js';

/** The scope a threshold reads: overall, or one channel, tier, brand or team (by index and name). */
export type ThresholdScopeRef = { kind: 'overall' } | { kind: 'channel' | 'tier' | 'brand' | 'team'; index: number; name: string };

/** A named window a threshold reads: its index in the scenario's report.windows and its name. */
export interface ThresholdWindowRef {
  index: number;
  name: string;
}

/** A validated threshold. */
export interface ThresholdSpec {
  /** Canonical metric key, tags sorted: `slaAttainment{tier:urgent}`. */
  metric: string;
  /** Canonical condition: `>= 90%`, `p(90) < 2h`. */
  condition: string;
  /** The metric's name. */
  name: string;
  unit: MetricUnit;
  scope: ThresholdScopeRef;
  /** The named window it reads (`window:` tag, by index into report.windows), or null for the scenario's report.window. */
  window: ThresholdWindowRef | null;
  /** The aggregation, the metric's default when the condition names none. */
  aggregation: Aggregation;
  operator: Operator;
  /** Target in the metric's unit (shares as fractions, durations in seconds). */
  target: number;
  /** The threshold's own confidence, or null for the run's default. */
  confidence: number | null;
}

/** The names thresholds may refer to. */
export interface ThresholdNames {
  tiers: readonly string[];
  channels: readonly string[];
  brands: readonly string[];
  teams: readonly string[];
  /**
   * The tiers that set a `nextResponse` target: nextResponseAttainment is
   * undefined without one, so a threshold on it is refused. Left out: not checked.
   */
  nextResponseTiers?: readonly string[];
  /** Names of the scenario's named windows (report.windows), in file order; none when absent. */
  windows?: readonly string[];
}

const SCOPE_TAGS = ['tier', 'channel', 'brand', 'team'] as const;

/** Validates one threshold: the metric key, one condition and its confidence (null: the default). */
export function resolveThreshold(key: string, condition: string, confidence: number | null, names: ThresholdNames): ParseResult<ThresholdSpec> {
  const fail = (error: string): ParseResult<ThresholdSpec> => ({ ok: false, error });
  const parsedKey = parseMetricKey(key);
  if (!parsedKey.ok) return parsedKey;
  const k = parsedKey.value;
  const spec = metricSpec(k.name);
  if (!spec) return fail(`unknown metric ${JSON.stringify(k.name)}; known: ${METRICS.map((m) => m.name).join(', ')}`);
  // Every metric takes a window: it selects whose accumulators are read, not a scope within them.
  for (const tag of Object.keys(k.tags) as TagName[]) {
    if (tag !== 'window' && !spec.tags.includes(tag)) return fail(`${k.name} takes the tags ${spec.tags.join(', ')}, not ${JSON.stringify(tag)}`);
  }
  let window: ThresholdWindowRef | null = null;
  if (k.tags.window !== undefined) {
    const known = names.windows ?? [];
    const index = known.indexOf(k.tags.window);
    if (index < 0) {
      return fail(`unknown window ${JSON.stringify(k.tags.window)}; known: ${known.length > 0 ? known.join(', ') : '(none: name windows under report.windows)'}`);
    }
    window = { index, name: k.tags.window };
  }
  const scopeTags = SCOPE_TAGS.filter((t) => k.tags[t] !== undefined);
  if (scopeTags.length > 1) return fail(`one scope at a time: ${scopeTags.join(' and ')} cannot be combined`);
  if (TEAM_ONLY.has(k.name) && scopeTags[0] !== 'team') return fail(`${k.name} is per team: name one, e.g. ${k.name}{team:${names.teams[0] ?? 'agents'}}`);
  let scope: ThresholdScopeRef = { kind: 'overall' };
  if (scopeTags.length === 1) {
    const tag = scopeTags[0];
    const known = { tier: names.tiers, channel: names.channels, brand: names.brands, team: names.teams }[tag];
    const name = k.tags[tag];
    const index = known.indexOf(name);
    if (index < 0) return fail(`unknown ${tag} ${JSON.stringify(name)}; known: ${known.join(', ') || '(none)'}`);
    scope = { kind: tag, index, name };
  }
  const targeted = names.nextResponseTiers;
  if (NEEDS_NEXT_RESPONSE_TARGET.has(k.name) && targeted !== undefined) {
    if (targeted.length === 0) {
      return fail(`${k.name} needs a next-reply target, and no tier sets one: add tiers.<name>.nextResponse, e.g. tiers.${names.tiers[0] ?? 'standard'}.nextResponse: 30m`);
    }
    if (scope.kind === 'tier' && !targeted.includes(scope.name)) {
      return fail(`${k.name}{tier:${scope.name}} needs a next-reply target: tiers.${scope.name}.nextResponse is not set`);
    }
  }

  const parsed = parseCondition(condition);
  if (!parsed.ok) return parsed;
  const c = parsed.value;
  const aggregation: Aggregation = c.aggregation ?? { kind: spec.aggregations[0] } as Aggregation;
  if (!spec.aggregations.includes(aggregation.kind)) {
    return fail(`${k.name} takes ${aggregationForms(spec)}, not ${JSON.stringify(c.aggregation?.kind === 'p' ? `p(${c.aggregation.percentile})` : aggregation.kind)}`);
  }
  const target = c.target;
  switch (spec.unit) {
    case 'share':
      if (target.unit === 'duration' || !(target.value >= 0 && target.value <= 1)) {
        return fail(`${k.name} is a share: expected a value between 0 and 1 or a percentage such as 80%, got ${JSON.stringify(target.text)}`);
      }
      break;
    case 'seconds':
      if (target.unit !== 'duration' && !(target.unit === 'number' && target.value === 0)) {
        return fail(`${k.name} is a duration: expected a value with a unit such as 45m or 2h, got ${JSON.stringify(target.text)}`);
      }
      break;
    default:
      if (target.unit !== 'number') return fail(`${k.name} is a ${spec.unit}: expected a plain number, got ${JSON.stringify(target.text)}`);
  }
  if (confidence !== null && !(confidence > 0 && confidence < 1)) return fail(`confidence: expected a share strictly between 0 and 1 such as 0.95, got ${confidence}`);
  return {
    ok: true,
    value: {
      metric: formatMetricKey(k),
      condition: formatCondition(c),
      name: k.name,
      unit: spec.unit,
      scope,
      window,
      aggregation,
      operator: c.operator,
      target: target.value,
      confidence,
    },
  };
}
