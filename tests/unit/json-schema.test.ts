/**
 * The JSON Schema editors read (`careload schema`, docs/careload.schema.json)
 * says what the loader says: every key of the zod schema is in it, typed and
 * described; every shipped scenario passes a real validator (ajv); a
 * misspelt key and a bad unit are flagged, as the loader flags them; and
 * the shipped file is what the command prints.
 */
import { Ajv, type ErrorObject } from 'ajv';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { keyPathOf, scenarioJsonSchema, scenarioJsonSchemaText } from '../../src/scenario/json-schema.js';
import { findScenarios } from '../../src/scenario/discover.js';
import { ScenarioError } from '../../src/scenario/errors.js';
import { loadScenario, parseScenario } from '../../src/scenario/load.js';
import { scenarioFileSchema } from '../../src/scenario/schema.js';

const ROOT = resolve(import.meta.dirname, '../..');
const SHIPPED = join(ROOT, 'docs/careload.schema.json');
type Json = Record<string, unknown>;

/** Every key path of the zod schema, as the README writes them: `channels.<name>.followUp.after`, `surges[].volume`. */
function zodKeyPaths(schema: z.ZodType, path = '', out: string[] = []): string[] {
  const def = (schema as unknown as { _zod: { def: Record<string, unknown> & { type: string } } })._zod.def;
  switch (def.type) {
    case 'optional':
    case 'default':
    case 'nullable':
      return zodKeyPaths(def.innerType as z.ZodType, path, out);
    case 'object':
      for (const [key, value] of Object.entries(def.shape as Record<string, z.ZodType>)) {
        const p = path ? `${path}.${key}` : key;
        out.push(p);
        zodKeyPaths(value, p, out);
      }
      return out;
    case 'record':
      return zodKeyPaths(def.valueType as z.ZodType, `${path}.<name>`, out);
    case 'array':
      return zodKeyPaths(def.element as z.ZodType, `${path}[]`, out);
    default:
      return out;
  }
}

/** Every property of the JSON Schema (through properties, additionalProperties and items, not into anyOf), by key path. */
function jsonProperties(schema: Json, path = '', out = new Map<string, Json>()): Map<string, Json> {
  for (const [key, value] of Object.entries((schema.properties ?? {}) as Record<string, Json>)) {
    const p = path ? `${path}.${key}` : key;
    out.set(p, value);
    jsonProperties(value, p, out);
  }
  if (typeof schema.additionalProperties === 'object') jsonProperties(schema.additionalProperties as Json, `${path}.<name>`, out);
  if (typeof schema.items === 'object') jsonProperties(schema.items as Json, `${path}[]`, out);
  return out;
}

const validator = new Ajv({ allErrors: true, strict: true });
const validate = validator.compile(scenarioJsonSchema());
/** The schema's complaints about a value, as `instancePath message` lines. */
function complaints(value: unknown): string[] {
  return validate(value) ? [] : (validate.errors ?? []).map((e: ErrorObject) => `${e.instancePath} ${e.message ?? ''}`);
}

/** Problems the loader reports for scenario text (none: valid). */
function loaderProblems(text: string): string[] {
  try {
    parseScenario(text, 'scenario.yaml');
    return [];
  } catch (e) {
    if (!(e instanceof ScenarioError)) throw e;
    return e.problems.map((p) => `${p.path}: ${p.message}`);
  }
}

const MMC = readFileSync(join(ROOT, 'scenarios/mmc-validation.yaml'), 'utf8');

describe('the JSON Schema has every key of the zod schema', () => {
  const keys = zodKeyPaths(scenarioFileSchema);
  const properties = jsonProperties(scenarioJsonSchema());

  it('every zod key is a property of the JSON Schema', () => {
    expect(keys.length).toBeGreaterThan(100);
    expect(keys.filter((k) => !properties.has(k))).toEqual([]);
  });

  it('every zod key has a type, a form or a value to check and a description (from the README)', () => {
    const untyped = keys.filter((k) => {
      const p = properties.get(k)!;
      return !['type', 'anyOf', 'const', 'enum'].some((word) => word in p);
    });
    expect(untyped).toEqual([]);
    expect(keys.filter((k) => typeof properties.get(k)?.description !== 'string')).toEqual([]);
  });

  it('the mappings the loader closes are closed; named sections take names only', () => {
    const schema = scenarioJsonSchema();
    expect(schema.additionalProperties).toBe(false);
    const closed = [...properties].filter(([, p]) => p.type === 'object' && p.properties !== undefined && p.additionalProperties !== false);
    expect(closed.map(([k]) => k)).toEqual([]);
    for (const section of ['channels', 'tiers', 'teams', 'report.windows']) {
      expect(properties.get(section)?.propertyNames, section).toEqual({ pattern: '^[A-Za-z][A-Za-z0-9_-]*$' });
    }
  });

  it('maps a place in the JSON Schema to its key path', () => {
    expect(keyPathOf(['properties', 'channels', 'additionalProperties', 'properties', 'followUp', 'properties', 'after'])).toBe('channels.<name>.followUp.after');
    expect(keyPathOf(['properties', 'surges', 'items', 'properties', 'volume'])).toBe('surges[].volume');
    expect(keyPathOf(['properties', 'channels', 'additionalProperties'])).toBeNull();
    expect(keyPathOf([])).toBeNull();
  });
});

describe('shipped scenarios and the shipped schema', () => {
  it('the shipped schema is what careload schema prints', () => {
    expect(readFileSync(SHIPPED, 'utf8'), 'docs/careload.schema.json is stale: run `careload schema --out docs/careload.schema.json`').toBe(scenarioJsonSchemaText());
  });

  const found = findScenarios([join(ROOT, 'scenarios'), join(ROOT, 'docs/examples')]).scenarios;
  const shipped = found.filter((f) => !f.endsWith('invalid-scenario.yaml'));

  it('finds the shipped scenarios', () => {
    expect(shipped.map((f) => f.slice(ROOT.length + 1))).toEqual(expect.arrayContaining(['scenarios/mmc-validation.yaml', 'scenarios/orange-multibrand.yaml', 'scenarios/swisscom-outage.yaml', 'docs/examples/bad-trace.yaml']));
  });

  it.each(shipped.map((f) => [f.slice(ROOT.length + 1), f]))('%s is valid for the loader and for the schema, and names the schema on its first line', (name, file) => {
    // bad-trace.yaml's mistakes are in its trace, which no schema sees.
    expect(() => loadScenario(file, { skipBadRows: true })).not.toThrow();
    const text = readFileSync(file, 'utf8');
    expect(complaints(parse(text))).toEqual([]);
    const first = text.split('\n')[0];
    const m = /^# yaml-language-server: \$schema=(\S+)$/.exec(first);
    expect(m, `${name}: first line ${first}`).not.toBeNull();
    expect(resolve(join(file, '..'), m![1])).toBe(SHIPPED);
  });

  it('docs/examples/invalid-scenario.yaml: the schema flags each mistake the loader reports', () => {
    const text = readFileSync(join(ROOT, 'docs/examples/invalid-scenario.yaml'), 'utf8');
    expect(loaderProblems(text).length).toBe(3);
    const flagged = complaints(parse(text));
    expect(flagged).toEqual(expect.arrayContaining([expect.stringMatching(/^\/channels\/chat\/rate /), expect.stringMatching(/^\/teams\/a\/agents /), '/teams/b must NOT have additional properties']));
  });
});

describe('mistakes an editor flags, as the loader does', () => {
  const base = parse(MMC) as Json & { channels: Record<string, Json> & { chat: Json } };
  const cases: [string, (s: typeof base) => void, RegExp][] = [
    ['a misspelt key', (s) => { s.channels.chat.handelTime = s.channels.chat.handleTime; delete s.channels.chat.handleTime; }, /^\/channels\/chat must (NOT have additional properties|have required property 'handleTime')$/],
    ['a misspelt top-level key', (s) => { s.replication = 3; }, /^ must NOT have additional properties$/],
    ['a duration without a unit', (s) => { s.horizon = 2000; }, /^\/horizon must be string$/],
    ['a duration in words', (s) => { s.channels.chat.handleTime = '5 minutes'; }, /^\/channels\/chat\/handleTime /],
    ['a rate in words', (s) => { s.channels.chat.rate = 'ten/h'; }, /^\/channels\/chat\/rate must match pattern/],
    ['a share above 100%', (s) => { s.tiers = { standard: { firstResponse: '5m', goal: '120%' } }; }, /^\/tiers\/standard\/goal /],
    ['an unknown routing policy', (s) => { s.routing = { policy: 'lifo' }; }, /^\/routing\/policy must be equal to one of the allowed values$/],
    ['a bad time of day', (s) => { s.startsAt = '25:00'; }, /^\/startsAt must match pattern/],
    ['a profile of 23 hours', (s) => { s.channels.chat.profile = Array<number>(23).fill(1); }, /^\/channels\/chat\/profile must NOT have fewer than 24 items$/],
    ['a profile of zeros', (s) => { s.channels.chat.profile = Array<number>(24).fill(0); }, /^\/channels\/chat\/profile must contain at least 1 valid item/],
    ['a window with an unknown key', (s) => { s.report = { window: { from: '1h', until: '20h' } }; }, /^\/report\/window must NOT have additional properties$/],
    ['a bad channel name', (s) => { s.channels['2chat'] = s.channels.chat; }, /^\/channels property name must be valid$|must match pattern/],
  ];
  it.each(cases)('%s', (_name, mutate, expected) => {
    const scenario = structuredClone(base);
    mutate(scenario);
    expect(complaints(scenario)).toEqual(expect.arrayContaining([expect.stringMatching(expected)]));
    expect(loaderProblems(JSON.stringify(scenario)).length, 'the loader refuses it too').toBeGreaterThan(0);
  });
});
